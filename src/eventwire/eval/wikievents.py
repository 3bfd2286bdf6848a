"""`eventwire eval wikievents`: event triggers, types and arguments on WikiEvents (KAIROS).

Data: a WikiEvents JSONL file (one document a line: ``sentences`` with token offsets and
``event_mentions`` with trigger token spans and arguments), or a folder holding ``dev.jsonl``
/ ``test.jsonl``. Only KAIROS types that PLOVER covers are scored (``KAIROS_TO_PLOVER``);
other gold events and other predicted types are left out on both sides.

Metrics (micro-averaged over documents):
* trigger_f1: a predicted trigger overlaps a gold trigger of a mapped type (a predicted trigger
  is each mention's trigger, each event word it folded in, and each death or injury word);
* type_f1: the same, with the same PLOVER type;
* argument_f1: arguments of type-matched events, by role (attacker / target / place) and head
  word (the gold argument's last word occurs in the predicted argument text).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from eventwire.eval.plover import extract_records
from eventwire.model import Casualty, Event, Evidence, Record

# KAIROS type prefix -> PLOVER type (the most specific prefix wins).
KAIROS_TO_PLOVER: dict[str, str] = {
    "Conflict.Attack": "ASSAULT",
    "Conflict.Demonstrate": "PROTEST",
    "Life.Die": "ASSAULT",
    "Life.Injure": "ASSAULT",
    "Justice.ArrestJailDetain": "COERCE",
    "Justice.ChargeIndict": "ACCUSE",
    "Justice.InvestigateCrime": "ACCUSE",
    "Justice.ReleaseParole": "RETREAT",
    "Contact.Contact": "CONSULT",
    "Contact.Contact.Broadcast": "",  # a public statement: no PLOVER type
    "Contact.RequestCommand": "REQUEST",
    "Contact.ThreatenCoerce": "THREATEN",
}
ROLE_GROUPS: dict[str, str] = {
    "Attacker": "actor",
    "Killer": "actor",
    "Injurer": "actor",
    "Jailer": "actor",
    "Demonstrator": "actor",
    "Target": "recipient",
    "Victim": "recipient",
    "Detainee": "recipient",
    "Place": "place",
}
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class GoldEvent:
    type: str
    start: int
    end: int
    arguments: list[tuple[str, str]] = field(default_factory=list)  # (role group, head word)


@dataclass(slots=True)
class Document:
    text: str
    events: list[GoldEvent]


def plover_type(kairos: str) -> str | None:
    parts = kairos.split(".")
    for length in range(len(parts), 0, -1):
        found = KAIROS_TO_PLOVER.get(".".join(parts[:length]))
        if found is not None:
            return found or None
    return None


def _document_text(sentences: Sequence[Any]) -> tuple[str, list[tuple[int, int]]]:
    """The document text with every sentence at its own offsets; token offsets in order."""
    spans: list[tuple[int, int]] = []
    chars: list[str] = []
    for tokens, sentence_text in sentences:
        start = tokens[0][1]
        if len(chars) < start:
            chars.extend("\n" * (start - len(chars)))
        chars[start:] = list(sentence_text)
        spans.extend((t[1], t[2]) for t in tokens)
    return "".join(chars), spans


def read_documents(data: Path) -> list[Document]:
    if data.is_dir():
        files = [p for p in (data / "dev.jsonl", data / "test.jsonl") if p.exists()] or sorted(data.glob("*.jsonl"))
    else:
        files = [data]
    docs: list[Document] = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                docs.append(_document(json.loads(line)))
    return docs


def _document(record: dict[str, Any]) -> Document:
    text, offsets = _document_text(record["sentences"])
    events: list[GoldEvent] = []
    for mention in record.get("event_mentions", []):
        type_ = plover_type(mention["event_type"])
        if type_ is None:
            continue
        trigger = mention["trigger"]
        start, end = offsets[trigger["start"]][0], offsets[trigger["end"] - 1][1]
        gold = GoldEvent(type_, start, end)
        for arg in mention.get("arguments", []):
            group = ROLE_GROUPS.get(arg["role"])
            words = _WORD.findall(arg.get("text", "").lower())
            if group is not None and words:
                gold.arguments.append((group, words[-1]))
        events.append(gold)
    return Document(text, events)


@dataclass(slots=True)
class Counts:
    trigger: list[int] = field(default_factory=lambda: [0, 0, 0, 0])  # tp_pred, n_pred, tp_gold, n_gold
    type: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    argument: list[int] = field(default_factory=lambda: [0, 0, 0, 0])


def _mentions(events: Iterable[Event]) -> list[tuple[Event, int, int]]:
    """Each trigger mention with the roles that mention itself words (WikiEvents scores arguments per
    mention; an event's own roles may come from another of its mentions)."""
    out: list[tuple[Event, int, int]] = []
    for event in events:
        for ev in event.evidence:
            if ev.trigger_start is not None and ev.trigger_end is not None:
                view = replace(event, actor_text=ev.actor_text, recipient_text=ev.recipient_text, place=ev.place)
                out.append((view, ev.trigger_start, ev.trigger_end))
    return out


def _folded_mentions(events: Iterable[Event]) -> list[tuple[Event, int, int]]:
    """Event words a mention folded into itself ("exploded, killing two" is one mention of one
    event in eventwire; "accused of carrying out the bombing" holds the bombing as what is
    alleged): WikiEvents annotates each such word as an event of its own, so each counts as a
    mention of its own type (with no arguments of its own)."""
    out: list[tuple[Event, int, int]] = []
    for event in events:
        for ev in event.evidence:
            for start, end, type_ in ev.folded_triggers:
                evidence = Evidence(sentence="", start=ev.start, end=ev.end, trigger_start=start, trigger_end=end)
                out.append((Event(type=type_, trigger="", evidence=[evidence]), start, end))
    return out


def _casualty_mentions(casualties: Iterable[Casualty]) -> list[tuple[Event, int, int]]:
    """Deaths and injuries are casualties of an event in eventwire; WikiEvents annotates their
    words ('died', 'wounded') as events of their own, so they are counted as ASSAULT mentions
    (with no arguments of their own)."""
    out: list[tuple[Event, int, int]] = []
    for cas in casualties:
        if cas.category in ("killed", "injured") and cas.trigger and cas.trigger_start is not None:
            end = cas.trigger_start + len(cas.trigger)
            evidence = Evidence(sentence="", start=cas.sentence_start, end=cas.sentence_end)
            out.append((Event(type="ASSAULT", trigger=cas.trigger, evidence=[evidence]), cas.trigger_start, end))
    return out


def _predicted_arguments(event: Event, place_texts: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(role group, text) of an event's arguments; the place as written in the text when known."""
    place = event.place
    if place is not None and place_texts:
        place = place_texts.get(place, place)
    args = [("actor", event.actor_text), ("recipient", event.recipient_text), ("place", place)]
    return [(role, text.lower()) for role, text in args if text]


def _arg_match(pred: tuple[str, str], gold: tuple[str, str]) -> bool:
    return pred[0] == gold[0] and gold[1] in _WORD.findall(pred[1])


def _score_document(doc: Document, record: Record | None, counts: Counts) -> None:
    mapped = {t for t in KAIROS_TO_PLOVER.values() if t}
    events: Sequence[Event] = record.events if record is not None else []
    place_texts = {p.name: p.text for p in record.places if p.name} if record is not None else {}
    predicted = [m for m in _mentions(events) if m[0].type in mapped]
    for extra in (_folded_mentions(events), _casualty_mentions(record.casualties) if record is not None else []):
        taken = [(s, e) for _, s, e in predicted]
        predicted += [m for m in extra if m[0].type in mapped and not any(s < m[2] and m[1] < e for s, e in taken)]
    gold = doc.events

    def overlap(p: tuple[Event, int, int], g: GoldEvent) -> bool:
        return p[1] < g.end and g.start < p[2]

    for key, same_type in (("trigger", False), ("type", True)):
        c = getattr(counts, key)
        c[0] += sum(1 for p in predicted if any(overlap(p, g) and (not same_type or p[0].type == g.type) for g in gold))
        c[1] += len(predicted)
        c[2] += sum(1 for g in gold if any(overlap(p, g) and (not same_type or p[0].type == g.type) for p in predicted))
        c[3] += len(gold)
    a = counts.argument
    for p in predicted:
        p_args = _predicted_arguments(p[0], place_texts)
        a[1] += len(p_args)
        partners = [g for g in gold if overlap(p, g) and p[0].type == g.type]
        a[0] += sum(1 for pa in p_args if any(_arg_match(pa, ga) for g in partners for ga in g.arguments))
    for g in gold:
        a[3] += len(g.arguments)
        partners_p = [p for p in predicted if overlap(p, g) and p[0].type == g.type]
        a[2] += sum(
            1
            for ga in g.arguments
            if any(_arg_match(pa, ga) for p in partners_p for pa in _predicted_arguments(p[0], place_texts))
        )


def _f1(c: Sequence[int]) -> float:
    precision = c[0] / c[1] if c[1] else 0.0
    recall = c[2] / c[3] if c[3] else 0.0
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Score triggers, types and arguments on WikiEvents documents (see the module docstring)."""
    started = time.perf_counter()
    docs = read_documents(Path(data))[:limit]
    counts = Counts()
    for doc, record in zip(docs, extract_records((d.text, None) for d in docs), strict=False):
        _score_document(doc, record, counts)
    seconds = time.perf_counter() - started
    return {
        "trigger_f1": _f1(counts.trigger),
        "type_f1": _f1(counts.type),
        "argument_f1": _f1(counts.argument),
        "n": len(docs),
        "n_gold_events": counts.trigger[3],
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(docs) / seconds, 2) if seconds else 0.0,
    }
