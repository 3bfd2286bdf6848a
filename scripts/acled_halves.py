"""Score ACLED snippet labelling on two fixed halves of a labelled file, to tell a change from noise.

    .venv/bin/python scripts/acled_halves.py ../shared/data/case2021/visible.tsv
    .venv/bin/python scripts/acled_halves.py ../shared/data/case2021/visible.tsv --predictions /tmp/p.tsv

The halves are stratified and fixed: each label's snippets, sorted by their numeric id, are dealt
alternately to half 1 and half 2. A change is kept only when it helps both halves. The file is
only read and scored (CASE 2021 states no licence: never train on it, never copy its text).
``--predictions`` writes ``id, half, gold, predicted`` (no text) to compare two runs item by item.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from eventwire.eval.acled import Snippet, classify, f1_scores, per_label, read_snippets


def _id_key(snippet: Snippet) -> tuple[int, str]:
    return (int(snippet.id), snippet.id) if snippet.id.isdigit() else (0, snippet.id)


def halves(snippets: Sequence[Snippet]) -> list[int]:
    """Half (1 or 2) of every snippet: per label, by id, dealt alternately."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, snippet in enumerate(snippets):
        by_label[snippet.label].append(i)
    half = [0] * len(snippets)
    for members in by_label.values():
        for rank, i in enumerate(sorted(members, key=lambda m: _id_key(snippets[m]))):
            half[i] = 1 + rank % 2
    return half


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--predictions", type=Path)
    parser.add_argument("--per-label", action="store_true", help="Also print per-label figures of the whole file.")
    args = parser.parse_args()

    snippets = read_snippets(args.data)
    predicted = classify([s.text for s in snippets])
    gold = [s.label for s in snippets]
    half = halves(snippets)
    report: dict[str, object] = {"all": f1_scores(gold, predicted)}
    for h in (1, 2):
        idx = [i for i, x in enumerate(half) if x == h]
        report[f"half{h}"] = {**f1_scores([gold[i] for i in idx], [predicted[i] for i in idx]), "n": len(idx)}
    if args.per_label:
        report["per_label"] = per_label(gold, predicted)
    print(json.dumps(report, indent=1))
    if args.predictions:
        lines = [f"{s.id}\t{h}\t{g}\t{p}" for s, h, g, p in zip(snippets, half, gold, predicted, strict=True)]
        args.predictions.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
