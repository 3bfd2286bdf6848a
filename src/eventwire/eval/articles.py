"""``eventwire eval articles``: article-body extraction from HTML, scored as the Zyte benchmark does.

Data layouts:

- Zyte (article-extraction-benchmark): ``ground-truth.json`` ``{id: {"articleBody", "url"}}`` and
  ``html/<id>.html.gz``.
- Dragnet: ``HTML/<id>.html[.gz]``, ``Corrected/<id>.html.corrected.txt`` (the gold text, cut at the
  comments marker line) and ``test_ids.txt`` (all corrected files when it is absent).

Metric (Zyte's definition): tokens are ``\\w+`` runs; each document is a multiset of 4-token
shingles; tp/fp/fn per document, normalized to sum 1; precision and recall are means over the
documents where they are defined; f1 comes from those means; accuracy is the share of documents
whose token lists are identical. The system is :func:`eventwire.ingest.html.extract_html`, the very
function ingest uses; ``cleaned`` scores the stored ``Article.text`` (the same text after
``clean_text`` moved boilerplate lines and captions out) and ``baseline`` scores bare
``trafilatura.extract(html)`` for comparison.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from statistics import mean
from typing import Any

from eventwire.clean import clean_text
from eventwire.ingest.html import extract_html
from eventwire.ingest.text import ReadError, decode_bytes

SHINGLE_SIZE = 4
DRAGNET_COMMENTS_MARK = "!@#$%^&*()  COMMENTS"
_TOKEN = re.compile(r"\w+")

Counts = tuple[float, float, float]


@dataclass(slots=True)
class BenchmarkPage:
    id: str
    html: bytes
    gold: str
    url: str | None = None


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    words = tokens(text)
    # A text shorter than one shingle counts as a single (short) shingle, as in the benchmark.
    return Counter(tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1)) if words[i : i + size])


def match_counts(gold: str | None, predicted: str | None) -> Counts:
    """Normalized (tp, fp, fn) of shingles for one document."""
    expected, found = shingles(gold), shingles(predicted)
    tp = sum((expected & found).values())
    fp = sum((found - expected).values())
    fn = sum((expected - found).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn)


def summarize(counts: list[Counts], identical: list[bool]) -> dict[str, float]:
    """f1, precision, recall and accuracy over per-document counts."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = mean(precisions) if precisions else 0.0
    recall = mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = mean(identical) if identical else 0.0
    return {"f1": f1, "precision": precision, "recall": recall, "accuracy": accuracy}


def _read_maybe_gzip(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _first_existing(folder: Path, page_id: str) -> Path | None:
    candidates = (folder / f"{page_id}.html.gz", folder / f"{page_id}.html")
    return next((path for path in candidates if path.exists()), None)


def _zyte_pages(data: Path) -> Iterator[BenchmarkPage]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        html_path = _first_existing(data / "html", page_id)
        if html_path is None:
            continue  # a gold entry without its page cannot be scored
        entry = truth[page_id]
        yield BenchmarkPage(page_id, _read_maybe_gzip(html_path), entry.get("articleBody") or "", entry.get("url"))


def dragnet_gold(raw: str) -> str:
    """The gold body of a Dragnet corrected file: everything before the comments marker line."""
    kept: list[str] = []
    for line in raw.splitlines():
        if line.startswith(DRAGNET_COMMENTS_MARK):
            break
        kept.append(line)
    return "\n".join(kept)


def _dragnet_ids(data: Path) -> list[str]:
    ids_file = data / "test_ids.txt"
    if ids_file.exists():
        raw_ids = ids_file.read_text(encoding="utf-8").split()
    else:
        raw_ids = [p.name for p in (data / "Corrected").glob("*.corrected.txt")]
    suffixes = (".corrected.txt", ".gz", ".html", ".htm")
    ids = []
    for raw in raw_ids:
        for suffix in suffixes:
            raw = raw.removesuffix(suffix)
        ids.append(raw)
    return sorted(set(ids))


def _decode_gold(data: bytes) -> str:
    try:
        return decode_bytes(data)
    except ReadError:
        return data.decode("utf-8", errors="replace")


def _dragnet_pages(data: Path) -> Iterator[BenchmarkPage]:
    for page_id in _dragnet_ids(data):
        html_path = _first_existing(data / "HTML", page_id)
        gold_path = data / "Corrected" / f"{page_id}.html.corrected.txt"
        if html_path is None or not gold_path.exists():
            continue  # an id without both files cannot be scored
        gold = dragnet_gold(_decode_gold(gold_path.read_bytes()))
        yield BenchmarkPage(page_id, _read_maybe_gzip(html_path), gold)


def iter_pages(data: Path) -> Iterator[BenchmarkPage]:
    """Benchmark pages from a Zyte or a Dragnet folder."""
    if (data / "ground-truth.json").exists():
        return _zyte_pages(data)
    if (data / "Corrected").is_dir() and (data / "HTML").is_dir():
        return _dragnet_pages(data)
    raise FileNotFoundError(f"{data}: neither a Zyte (ground-truth.json) nor a Dragnet (HTML/, Corrected/) folder")


def _bare_trafilatura(html: bytes, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


@dataclass(slots=True)
class _Tally:
    """Per-document results of one extractor."""

    counts: list[Counts] = field(default_factory=list)
    identical: list[bool] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, page: BenchmarkPage, predicted: str, seconds: float) -> None:
        self.seconds += seconds
        self.counts.append(match_counts(page.gold, predicted))
        self.identical.append(tokens(page.gold) == tokens(predicted))

    def metrics(self) -> dict[str, Any]:
        result: dict[str, Any] = summarize(self.counts, self.identical)
        n = len(self.counts)
        result["n"] = n
        result["seconds"] = round(self.seconds, 3)
        result["articles_per_second"] = round(n / self.seconds, 2) if self.seconds > 0 else 0.0
        return result


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Score extract_html on a Zyte or Dragnet folder, plus the ``cleaned`` body and the ``baseline``.

    ``cleaned`` is ``Article.text`` as ingest stores it: the same text after ``clean_text`` moved
    boilerplate lines and captions out.
    """
    system, cleaned, baseline = _Tally(), _Tally(), _Tally()
    for page in islice(iter_pages(Path(data)), limit):
        started = time.perf_counter()
        text = extract_html(page.html, url=page.url).text
        extracted = time.perf_counter()
        body = clean_text(text).text
        finished = time.perf_counter()
        system.add(page, text, extracted - started)
        cleaned.add(page, body, finished - started)
        started = time.perf_counter()
        bare = _bare_trafilatura(page.html, page.url)
        baseline.add(page, bare, time.perf_counter() - started)
    metrics = system.metrics()
    metrics["cleaned"] = cleaned.metrics()
    metrics["baseline"] = baseline.metrics()
    return metrics
