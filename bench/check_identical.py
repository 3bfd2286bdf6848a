"""Check that a speed change gives identical records: run the pipeline twice, byte for byte.

    .venv/bin/python bench/check_identical.py FILE ... [--base-rev HEAD] [--gvdb 300]

The two runs differ only in FILE ...: the "after" run uses a snapshot of the working tree's src/,
the "before" run a copy of that snapshot with each FILE taken from ``--base-rev`` instead (so other
people's uncommitted work in other files is the same on both sides, even if they edit meanwhile).
Each run extracts the first ``--gvdb`` GVDB dev articles and the newsgold dev articles in a child
process and writes one JSON line per record (``Record.to_dict``, keys sorted). Prints the number
of records and the first differing record, exits 1 when any line differs. Records hold no timing
fields, so nothing is masked.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GVDB = SHARED / "data" / "gvdb" / "dev.tsv"
NEWSGOLD = SHARED / "newsgold" / "dev.jsonl"


def dump_records(out: Path, n_gvdb: int) -> None:
    """Child side: extract every article and write its record as one sorted JSON line."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_throughput import load_texts

    import eventwire
    from eventwire.pipeline import Pipeline

    print(f"extracting with {eventwire.__file__}", file=sys.stderr)
    texts, _ = load_texts(n_gvdb)
    items: list[object] = [{"text": t, "published": "2016-01-01"} for t in texts]
    with NEWSGOLD.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            items.append({k: row[k] for k in ("text", "published", "title") if row.get(k)})
    pipeline = Pipeline(batch_size=16)
    with out.open("w", encoding="utf-8") as handle:
        for record in pipeline.pipe(items):  # type: ignore[arg-type]
            handle.write(json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")


def snapshot(folder: Path) -> Path:
    """A copy of the working tree's src/ (others may edit it while the two runs go on)."""
    src = folder / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return src


def base_tree(folder: Path, after: Path, files: list[str], rev: str) -> Path:
    """A copy of the snapshot ``after`` with the given files as they are in ``rev``."""
    src = folder / "src"
    shutil.copytree(after, src)
    for name in files:
        relative = Path(name).resolve().relative_to(ROOT)
        shown = subprocess.run(["git", "show", f"{rev}:{relative}"], cwd=ROOT, capture_output=True, check=False)
        target = folder / relative
        if shown.returncode != 0:  # a file new since rev: absent on the before side
            target.unlink(missing_ok=True)
            continue
        target.write_bytes(shown.stdout)
    return src


def run_child(src: Path, out: Path, n_gvdb: int) -> subprocess.Popen[bytes]:
    code = (f"import sys; sys.path.insert(0, {str(src)!r}); sys.path.insert(1, {str(ROOT / 'bench')!r}); "
            f"import check_identical as c; from pathlib import Path; c.dump_records(Path({str(out)!r}), {n_gvdb})")
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)


def compare(before: Path, after: Path) -> int:
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    digest = hashlib.sha256(after.read_bytes()).hexdigest()[:16]
    print(f"records: before {len(old)}, after {len(new)}; after sha256 {digest}")
    for number, (a, b) in enumerate(zip(old, new, strict=False)):
        if a != b:
            print(f"record {number} differs")
            first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            print(f"  before: ...{a[max(0, first - 200):first + 200]}")
            print(f"  after:  ...{b[max(0, first - 200):first + 200]}")
            return 1
    if len(old) != len(new):
        return 1
    print("IDENTICAL")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", help="the files the change touched (paths in this repository)")
    parser.add_argument("--base-rev", default="HEAD")
    parser.add_argument("--gvdb", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="folder to keep both outputs in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="check_identical_") as tmp:
        folder = Path(tmp)
        (folder / "after").mkdir()
        (folder / "before").mkdir()
        current = snapshot(folder / "after")
        src = base_tree(folder / "before", current, args.files, args.base_rev)
        before, after = folder / "before.jsonl", folder / "after.jsonl"
        children = [run_child(src, before, args.gvdb), run_child(current, after, args.gvdb)]
        if any(child.wait() != 0 for child in children):
            sys.exit("a child run failed")
        status = compare(before, after)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(before, args.keep / "before.jsonl")
            shutil.copy(after, args.keep / "after.jsonl")
    sys.exit(status)


if __name__ == "__main__":
    main()
