"""`eventwire eval plover`: PLOVER event typing and source/target actors on coded sentences.

Two gold formats are read:

* the PLOVER gold-standard records (a JSON array with trailing commas; "DOCUMENT" entries are
  documentation, not sentences), whose older type names are mapped to the current ones;
* PETRARCH2's ``PETR.UnitTest.records.xml`` (CAMEO event codes, mapped to PLOVER types with
  the CAMEO-to-PLOVER facts in ``lexicon/event_cameo_plover.tsv``; actors are codes only, so the
  actor metrics are not computed for it).

Metrics, over sentences with one gold type, using the event the sentence leads with (see
:func:`main_event`; coded as a statement: see :func:`eventwire.extract.codes.intent_type`):
type_accuracy, type_macro_f1, and source_f1 / target_f1 (actor text overlap, micro-averaged);
``type_accuracy_most_confident`` scores the most confident event instead, as earlier sessions did;
``model`` says whether the trained PLOVER type layer took part (``EVENTWIRE_PLOVER_MODEL=0``
switches it off) and ``model_load_seconds`` how long its file took to read.
"""

from __future__ import annotations

import json
import logging
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.extract import plover_model
from eventwire.extract.codes import intent_type, leading_event
from eventwire.model import Article, Event, Record

LOG = logging.getLogger(__name__)
OLD_TYPE_NAMES = {"DEMAND": "REQUEST", "FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
NO_EVENT = "NONE"
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_WORD = re.compile(r"\w+")
_COORDINATION = re.compile(r"\s*(?:,|;|\band\b|&)\s*", re.IGNORECASE)
STOPWORDS = frozenset({"the", "a", "an", "of", "s", "and", "its", "their", "his", "her"})
GSR_NAMES = ("PLOVER_GSR_CAMEO.txt", "PLOVER_GSR_CAMEO.json")
PETRARCH_NAMES = ("PETR.UnitTest.records.xml",)


@dataclass(slots=True)
class GoldSentence:
    text: str
    types: list[str]
    sources: list[str] | None = None  # None: the format has no actor text
    targets: list[str] | None = None
    date: str | None = None


@dataclass(slots=True)
class Scores:
    """Counts for the metrics."""

    pairs: list[tuple[str, str]] = field(default_factory=list)  # (gold, predicted) types
    actor_counts: dict[str, list[int]] = field(default_factory=dict)  # role -> [tp_pred, n_pred, tp_gold, n_gold]


# --- reading gold -----------------------------------------------------------------------------


@cache
def cameo_to_plover() -> dict[str, str]:
    text = resources.files("eventwire.extract.lexicon").joinpath("event_cameo_plover.tsv").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, type_ = line.split("\t")[:2]
            table[code] = type_
    return table


def plover_type_of_cameo(code: str) -> str | None:
    """The PLOVER type of a CAMEO code: the most specific code of the table that prefixes it."""
    table = cameo_to_plover()
    for length in range(len(code), 1, -1):
        found = table.get(code[:length])
        if found is not None:
            return found
    return None


def _actor_texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [a["actorText"] for a in value if isinstance(a, dict) and a.get("actorText")]


def read_gsr(path: Path) -> list[GoldSentence]:
    records = json.loads(_TRAILING_COMMA.sub(r"\1", path.read_text(encoding="utf-8")))
    gold: list[GoldSentence] = []
    for rec in records:
        event = rec.get("event")
        if not event or event == "DOCUMENT" or not rec.get("text"):
            continue
        text = rec["text"].strip().strip("{}").strip()
        gold.append(
            GoldSentence(
                text=text,
                types=[OLD_TYPE_NAMES.get(event, event)],
                sources=_actor_texts(rec.get("source")),
                targets=_actor_texts(rec.get("target")),
                date=rec.get("date"),
            )
        )
    return gold


def read_petrarch(path: Path) -> list[GoldSentence]:
    root = ET.parse(path).getroot()
    gold: list[GoldSentence] = []
    for sentence in root.iter("Sentence"):
        text_el = sentence.find("Text")
        if text_el is None or not (text_el.text or "").strip():
            continue
        types: list[str] = []
        for coding in sentence.iter("EventCoding"):
            code = coding.get("eventcode")
            mapped = plover_type_of_cameo(code) if code else None
            if mapped is not None:
                types.append(mapped)
        if not types:
            continue
        text = " ".join(text_el.text.split())  # type: ignore[union-attr]
        raw_date = sentence.get("date") or ""
        date = f"{raw_date[:4]}-{raw_date[4:6]}-{raw_date[6:8]}" if len(raw_date) == 8 else None
        gold.append(GoldSentence(text=text, types=types, date=date))
    return gold


def read_gold(data: Path) -> list[GoldSentence]:
    """Gold sentences from a GSR file, a PETRARCH2 XML file or a folder holding either."""
    if data.is_dir():
        for name in (*GSR_NAMES, *PETRARCH_NAMES):
            if (data / name).exists():
                return read_gold(data / name)
        raise FileNotFoundError(f"no PLOVER GSR or PETRARCH2 records file in {data}")
    if data.suffix.lower() == ".xml":
        return read_petrarch(data)
    return read_gsr(data)


# --- running the pipeline --------------------------------------------------------------------


def extract_records(texts: Iterable[tuple[str, str | None]], batch_size: int = 32) -> Iterator[Record | None]:
    """A Record for each (text, publication date), through the whole pipeline (parsed in
    batches). A text whose extraction fails yields None; the run goes on."""
    from eventwire import nlp as nlp_module
    from eventwire.pipeline import extract

    nlp = nlp_module.load()
    articles = (Article(text=text, published=published) for text, published in texts)
    pairs = ((a.analysis_text(), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        try:
            yield extract(doc, article)
        except Exception as error:  # noqa: BLE001 - one bad item must not stop a benchmark run
            LOG.warning("extraction failed on %r: %s", article.text[:60], error)
            yield None


def extract_event_lists(texts: Iterable[tuple[str, str | None]], batch_size: int = 32) -> Iterator[list[Event]]:
    """The events of each (text, publication date); none for a text whose extraction failed."""
    for record in extract_records(texts, batch_size):
        yield record.events if record is not None else []


# --- scoring ----------------------------------------------------------------------------------


def best_event(events: Sequence[Event]) -> Event | None:
    """The most confident event."""
    return max(events, key=lambda e: e.confidence) if events else None


def main_event(events: Sequence[Event]) -> Event | None:
    """The event a coded sentence leads with: the earliest trigger, the more confident on a tie.

    A gold-coded sentence carries one event, the one its main clause reports; what follows it is
    background or purpose: "The government recalled its ambassador, two days after border guards
    were shot" is the recall, "Nurses marched on the ministry to demand back pay" the march,
    however confident the later ASSAULT or REQUEST is.
    """
    return leading_event(events)


def _tokens(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in STOPWORDS}


def _pieces(text: str | None) -> list[str]:
    if not text:
        return []
    return [p for p in _COORDINATION.split(text) if _tokens(p)]


def _overlaps(a: str, b: str) -> bool:
    return bool(_tokens(a) & _tokens(b))


def _count_actors(scores: Scores, role: str, gold: Sequence[str], predicted_text: str | None) -> None:
    predicted = _pieces(predicted_text)
    counts = scores.actor_counts.setdefault(role, [0, 0, 0, 0])
    counts[0] += sum(1 for p in predicted if any(_overlaps(p, g) for g in gold))
    counts[1] += len(predicted)
    counts[2] += sum(1 for g in gold if any(_overlaps(p, g) for p in predicted))
    counts[3] += len(gold)


def _f1(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> float:
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def macro_f1(pairs: Sequence[tuple[str, str]]) -> float:
    """Macro F1 over the gold types (a missing prediction counts against recall only)."""
    labels = sorted({g for g, _ in pairs})
    if not labels:
        return 0.0
    tp = Counter(g for g, p in pairs if g == p)
    gold_n = Counter(g for g, _ in pairs)
    pred_n = Counter(p for _, p in pairs)
    total = 0.0
    for label in labels:
        total += _f1(tp[label], pred_n[label], tp[label], gold_n[label])
    return total / len(labels)


def score(gold: Sequence[GoldSentence], predictions: Iterable[list[Event]]) -> dict[str, Any]:
    scores = Scores()
    n_single = 0
    confident_correct = 0
    for item, events in zip(gold, predictions, strict=False):
        best = main_event(events)
        if len(set(item.types)) == 1:
            n_single += 1
            scores.pairs.append((item.types[0], intent_type(best) if best else NO_EVENT))
            confident = best_event(events)
            confident_correct += (intent_type(confident) if confident else NO_EVENT) == item.types[0]
        if item.sources is not None:
            _count_actors(scores, "source", item.sources, best.actor_text if best else None)
        if item.targets is not None:
            _count_actors(scores, "target", item.targets, best.recipient_text if best else None)
    correct = sum(1 for g, p in scores.pairs if g == p)
    result: dict[str, Any] = {
        "type_accuracy": round(correct / n_single, 4) if n_single else 0.0,
        "type_macro_f1": round(macro_f1(scores.pairs), 4),
        "type_accuracy_most_confident": round(confident_correct / n_single, 4) if n_single else 0.0,
        "source_f1": None,
        "target_f1": None,
        "n": len(gold),
        "n_single_type": n_single,
    }
    for role in ("source", "target"):
        if role in scores.actor_counts:
            result[f"{role}_f1"] = round(_f1(*scores.actor_counts[role]), 4)
    return result


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Score the events stage on PLOVER-coded sentences (see the module docstring)."""
    started = time.perf_counter()
    gold = read_gold(Path(data))
    if limit is not None:
        gold = gold[:limit]
    predictions = list(extract_event_lists((g.text, g.date) for g in gold))
    result = score(gold, predictions)
    trained = plover_model.model()
    result["model"] = "rules + trained model" if trained is not None else "rules"
    if trained is not None:
        result["model_load_seconds"] = round(trained.load_seconds, 4)
    seconds = time.perf_counter() - started
    result["seconds"] = round(seconds, 2)
    result["articles_per_second"] = round(len(gold) / seconds, 2) if seconds else 0.0
    return result


def confusion(data: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(gold type, predicted type, sentence) for every scored sentence: for error analysis."""
    gold = read_gold(Path(data))[:limit]
    rows: list[tuple[str, str, str]] = []
    for item, events in zip(gold, extract_event_lists((g.text, g.date) for g in gold), strict=False):
        best = main_event(events)
        rows.append((item.types[0], intent_type(best) if best else NO_EVENT, item.text))
    return rows
