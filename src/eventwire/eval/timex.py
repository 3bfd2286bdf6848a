"""``eventwire eval timex``: temporal expressions against TimeML gold (TempEval-3 ``.tml`` files).

Each file's TEXT is tagged with the temporal stage, anchored at the document creation time
(the DCT TIMEX3, which is the publication date and is not scored). TempEval-3 style scores:
strict (same span) and relaxed (any overlap, one-to-one) recognition F1, then among relaxed
matches the type and the value: type_f1 / value_f1 count a match only when the attribute is
equal too, value_accuracy is the share of relaxed matches with the gold value. The same
figures for a plain dateparser baseline (``search_dates`` anchored at the DCT) come under
``"baseline"``.
"""

from __future__ import annotations

import html
import re
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventwire import nlp as nlp_module
from eventwire.eval.metrics import match_spans, prf, ratio
from eventwire.extract.context import Context
from eventwire.extract.timex import extract_timexes, find_anchor
from eventwire.model import Article

TEXT_ELEMENT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
DCT_ELEMENT = re.compile(r"<DCT>\s*<TIMEX3\b([^>]*)>", re.S)
CREATION_TIMEX = re.compile(r"<TIMEX3\b([^>]*functionInDocument=\"CREATION_TIME\"[^>]*)>")
TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass(slots=True, frozen=True)
class Span:
    """A scored temporal expression: where, which type, which value."""

    start: int
    end: int
    type: str
    value: str | None


@dataclass(slots=True)
class TimeMLDocument:
    name: str
    text: str
    dct: date | None
    gold: list[Span]


def _attributes(raw: str) -> dict[str, str]:
    return dict(ATTRIBUTE.findall(raw))


def _dct(markup: str) -> date | None:
    found = DCT_ELEMENT.search(markup) or CREATION_TIMEX.search(markup)
    if found is None:
        return None
    try:
        return date.fromisoformat(_attributes(found.group(1)).get("value", "")[:10])
    except ValueError:
        return None


def read_tml(path: Path) -> TimeMLDocument:
    """Plain text of the TEXT element with the offsets of its TIMEX3 annotations."""
    markup = path.read_text(encoding="utf-8", errors="replace")
    body = TEXT_ELEMENT.search(markup)
    raw = body.group(1) if body else ""
    pieces: list[str] = []
    length = 0
    gold: list[Span] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    cursor = 0
    for tag in TAG.finditer(raw):
        chunk = html.unescape(raw[cursor : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        cursor = tag.end()
        closing, name, attributes = tag.groups()
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, _attributes(attributes))
        elif open_timex is not None:
            start, attrs = open_timex
            gold.append(Span(start, length, attrs.get("type", "DATE"), attrs.get("value")))
            open_timex = None
    pieces.append(html.unescape(raw[cursor:]))
    return TimeMLDocument(path.stem, "".join(pieces), _dct(markup), gold)


def tml_files(data: Path) -> list[Path]:
    """The ``.tml`` files under ``data`` (or ``data`` itself), sorted, without resource forks."""
    if data.is_file():
        return [data]
    return sorted(p for p in data.rglob("*.tml") if not p.name.startswith("._"))


def iter_documents(data: Path, limit: int | None = None) -> Iterator[TimeMLDocument]:
    for path in islice(tml_files(data), limit):
        yield read_tml(path)


@dataclass(slots=True)
class Scores:
    """Running TempEval-3 counts for one system."""

    n_gold: int = 0
    n_predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0

    def add(self, gold: list[Span], predicted: list[Span]) -> None:
        self.n_gold += len(gold)
        self.n_predicted += len(predicted)
        gold_spans = [(g.start, g.end) for g in gold]
        predicted_spans = {(p.start, p.end) for p in predicted}
        self.strict += sum(1 for span in set(gold_spans) if span in predicted_spans)
        for gi, pi in match_spans(gold_spans, [(p.start, p.end) for p in predicted]):
            self.relaxed += 1
            self.type_correct += gold[gi].type == predicted[pi].type
            self.value_correct += gold[gi].value is not None and gold[gi].value == predicted[pi].value

    def metrics(self) -> dict[str, Any]:
        def f1_of(correct: int) -> float:
            return round(prf(correct, self.n_predicted, correct, self.n_gold)["f1"], 4)

        relaxed = prf(self.relaxed, self.n_predicted, self.relaxed, self.n_gold)
        return {
            "strict_f1": f1_of(self.strict),
            "relaxed_f1": round(relaxed["f1"], 4),
            "relaxed_precision": round(relaxed["precision"], 4),
            "relaxed_recall": round(relaxed["recall"], 4),
            "type_f1": f1_of(self.type_correct),
            "value_f1": f1_of(self.value_correct),
            "value_accuracy": round(ratio(self.value_correct, self.relaxed), 4),
            "n": self.n_gold,
            "n_predicted": self.n_predicted,
        }


def system_spans(doc: Doc, document: TimeMLDocument) -> list[Span]:
    published = document.dct.isoformat() if document.dct else None
    anchor, anchor_kind = find_anchor(document.text, published)
    context = Context(article=Article(text=document.text, published=published), anchor=anchor,
                      anchor_kind=anchor_kind)  # fmt: skip
    return [Span(t.start, t.end, t.type, t.value) for t in extract_timexes(doc, context)]


def baseline_spans(document: TimeMLDocument) -> list[Span]:
    """dateparser alone: every date it finds in the text, as a day, anchored at the DCT."""
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": False}
    if document.dct is not None:
        settings["RELATIVE_BASE"] = datetime(document.dct.year, document.dct.month, document.dct.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = search_dates(document.text, languages=["en"], settings=settings) or []
        except Exception:  # noqa: BLE001 - the baseline must not stop the benchmark
            found = []
    spans: list[Span] = []
    cursor = 0
    for substring, moment in found:
        start = document.text.find(substring, cursor)
        if start < 0:
            continue
        cursor = start + len(substring)
        spans.append(Span(start, cursor, "DATE", moment.date().isoformat()))
    return spans


def evaluate(data: Path, limit: int | None = None, baseline: bool = True) -> dict[str, Any]:
    """Score the temporal stage (and the dateparser baseline) on the TimeML files under ``data``."""
    started = time.perf_counter()
    nlp = nlp_module.load()
    documents = list(iter_documents(data, limit))
    system, reference = Scores(), Scores()
    parse_seconds = stage_seconds = baseline_seconds = 0.0
    parse_started = time.perf_counter()
    for doc, document in zip(nlp.pipe(d.text for d in documents), documents, strict=True):
        stage_started = time.perf_counter()
        parse_seconds += stage_started - parse_started
        system.add(document.gold, system_spans(doc, document))
        baseline_started = time.perf_counter()
        stage_seconds += baseline_started - stage_started
        if baseline:
            reference.add(document.gold, baseline_spans(document))
            baseline_seconds += time.perf_counter() - baseline_started
        parse_started = time.perf_counter()
    elapsed = time.perf_counter() - started - baseline_seconds
    metrics = system.metrics()
    metrics.update(
        {
            "n_articles": len(documents),
            "seconds": round(elapsed, 3),
            "articles_per_second": round(ratio(len(documents), elapsed), 3),
            "spacy_seconds": round(parse_seconds, 3),
            "stage_seconds": round(stage_seconds, 3),
            "stage_share_of_spacy": round(ratio(stage_seconds, parse_seconds), 4),
        }
    )
    if baseline:
        metrics["baseline"] = {**reference.metrics(), "seconds": round(baseline_seconds, 3)}
    return metrics
