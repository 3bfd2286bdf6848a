"""The seed task: one article against what a careful analyst records from it (DESIGN.md "seed").

Matching rules, in the terms of ``expected.json``:
- An expected event is found by a predicted event whose evidence overlaps the expected evidence
  text, whose type is one of the accepted types, that is asserted (or, for an expected aggregate,
  flagged aggregate), and whose actor / recipient / date equal the expected ones when given — by
  canonical name, or by the event's own words for the role when they are one of the expected
  actor's aliases. An expected ``"actor": null`` means no attacker may be asserted. ``recipient_text`` must share at
  least half of its words with the predicted recipient text.
- Precision: each predicted asserted event is matched one-to-one to an expected event (optional ones
  included) by evidence overlap and accepted type; the rest are false positives.
- Quotes: word overlap >= 50% of both the expected and the predicted text, and the expected speaker.
- Dates: an extracted expression containing (or contained in) the expected text with the same value
  and precision. Actors: an actor named by the expected name or an alias, with equal country and sector.
  Places: a mention resolved to the expected name, country and kind (and point, when given).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from eventwire.model import Actor, Event, Record, fold

_WORD = re.compile(r"\w+")


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    from eventwire.pipeline import Pipeline

    expected = json.loads((data / "expected.json").read_text(encoding="utf-8"))
    text = (data / expected["article"]["file"]).read_text(encoding="utf-8")
    record = Pipeline()(text, published=expected["article"]["published"])
    return score(record, expected)


def score(record: Record, expected: dict[str, Any]) -> dict[str, Any]:
    names = _alias_table(expected["actors"])
    doc_text = record.article.analysis_text()
    events = _score_events(record.events, expected["events"], names, doc_text)
    quotes = _score_quotes(record, expected["quotes"], names)
    dates = _score_dates(record, expected["dates"])
    actors = _score_actors(record.actors, expected["actors"])
    places = _score_places(record, expected.get("places", []))
    article = expected["article"]
    cleaning = {
        "boilerplate_removed": all(line not in record.article.text for line in article["boilerplate_removed"]),
        "captions_not_body": all(
            cap not in record.article.text and any(_words(cap) == _words(c) for c in record.article.captions)
            for cap in article["captions_not_body"]
        ),
    }
    return {
        "n": 1,
        "n_articles": 1,
        "events_recall": events["recall"],
        "events_precision": events["precision"],
        "quotes_recall": quotes["recall"],
        "dates_accuracy": dates["accuracy"],
        "actors_accuracy": actors["accuracy"],
        "places_accuracy": places["accuracy"],
        "cleaning_ok": all(cleaning.values()),
        "details": {"events": events, "quotes": quotes, "dates": dates, "actors": actors, "places": places,
                    "cleaning": cleaning},
    }


def _alias_table(actors: list[dict[str, Any]]) -> dict[str, str]:
    """Folded surface form -> expected canonical name."""
    table: dict[str, str] = {}
    for actor in actors:
        for form in [actor["name"], *actor.get("aliases", [])]:
            table[fold(form)] = actor["name"]
    return table


_DETERMINERS = ("the ", "a ", "an ")


def _canonical(name: str | None, names: dict[str, str]) -> str | None:
    if name is None:
        return None
    key = fold(name)
    for determiner in _DETERMINERS:
        key = key.removeprefix(determiner)
    return names.get(key, name)


def _role_matches(event: Event, role: str, expected: str | None, names: dict[str, str]) -> bool:
    """The expected actor matches the predicted canonical name, or the words the event used for it
    when those are one of the expected actor's aliases ("canonical name or alias")."""
    name, text = getattr(event, role), getattr(event, f"{role}_text")
    if expected is None:
        return name is None
    return expected in (_canonical(name, names), _canonical(text, names))


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _overlap(a: str, b: str) -> tuple[float, float]:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0, 0.0
    common = sum(min(wa.count(w), wb.count(w)) for w in set(wa))
    return common / len(wa), common / len(wb)


def _span_of(doc_text: str, evidence: str) -> tuple[int, int] | None:
    at = doc_text.find(evidence)
    return (at, at + len(evidence)) if at >= 0 else None


def _touches(event: Event, span: tuple[int, int] | None) -> bool:
    if span is None:
        return False
    return any(ev.start < span[1] and span[0] < ev.end for ev in event.evidence)


def _event_problems(event: Event, exp: dict[str, Any], names: dict[str, str]) -> list[str]:
    problems = []
    if event.type not in exp["type"]:
        problems.append(f"type {event.type} not in {exp['type']}")
    if exp.get("aggregate"):
        if not event.aggregate:
            problems.append("not flagged aggregate")
    elif not event.asserted:
        problems.append("not asserted")
    if "actor" in exp and not _role_matches(event, "actor", exp["actor"], names):
        problems.append(f"actor {event.actor!r} ({event.actor_text!r}) != {exp['actor']!r}")
    if "recipient" in exp and not _role_matches(event, "recipient", exp["recipient"], names):
        problems.append(f"recipient {event.recipient!r} ({event.recipient_text!r}) != {exp['recipient']!r}")
    if "recipient_text" in exp and min(_overlap(exp["recipient_text"], event.recipient_text or "")) < 0.5:
        problems.append(f"recipient_text {event.recipient_text!r}")
    if "date" in exp and event.date != exp["date"]:
        problems.append(f"date {event.date!r} != {exp['date']!r}")
    if "date_precision" in exp and event.date_precision != exp["date_precision"]:
        problems.append(f"date_precision {event.date_precision!r} != {exp['date_precision']!r}")
    return problems


def _score_events(
    predicted: list[Event], expected: list[dict[str, Any]], names: dict[str, str], doc_text: str
) -> dict[str, Any]:
    spans = {exp["id"]: _span_of(doc_text, exp["evidence"]) for exp in expected}
    found: dict[str, Any] = {}
    for exp in expected:
        candidates = [e for e in predicted if _touches(e, spans[exp["id"]])]
        best: list[str] = ["no event on the evidence"]
        for event in candidates:
            problems = _event_problems(event, exp, names)
            if not problems:
                best = []
                break
            if len(problems) < len(best) or best == ["no event on the evidence"]:
                best = problems
        found[exp["id"]] = {"found": not best, "problems": best, "optional": bool(exp.get("optional"))}
    required = [k for k, v in found.items() if not v["optional"]]
    recall = sum(found[k]["found"] for k in required) / len(required) if required else 1.0

    asserted = [e for e in predicted if e.asserted]
    unmatched_expected = {exp["id"]: exp for exp in expected}
    false_positives = []
    for event in asserted:
        match = next(
            (k for k, exp in unmatched_expected.items()
             if _touches(event, spans[k]) and event.type in exp["type"]),
            None,
        )
        if match is None:
            false_positives.append(
                {"type": event.type, "trigger": event.trigger, "evidence": event.evidence[0].sentence}
            )
        else:
            del unmatched_expected[match]
    precision = (len(asserted) - len(false_positives)) / len(asserted) if asserted else 0.0
    return {"recall": round(recall, 4), "precision": round(precision, 4), "expected": found,
            "false_positives": false_positives, "n_asserted": len(asserted), "n_predicted": len(predicted)}


def _score_quotes(record: Record, expected: list[dict[str, Any]], names: dict[str, str]) -> dict[str, Any]:
    results = []
    for exp in expected:
        ok = any(
            min(_overlap(exp["text"], q.text)) >= 0.5 and _canonical(q.speaker, names) == exp["speaker"]
            for q in record.quotes
        )
        results.append({"text": exp["text"][:60], "found": ok})
    recall = sum(r["found"] for r in results) / len(results) if results else 1.0
    return {"recall": round(recall, 4), "items": results}


def _score_dates(record: Record, expected: list[dict[str, Any]]) -> dict[str, Any]:
    results = []
    for exp in expected:
        want = fold(exp["text"])
        hits = [t for t in record.timexes if want in fold(t.text) or (fold(t.text) and fold(t.text) in want)]
        ok = any(t.value == exp["value"] and t.precision == exp["precision"] for t in hits)
        got = [(t.text, t.value, t.precision) for t in hits]
        results.append({"text": exp["text"], "found": ok, "got": got})
    accuracy = sum(r["found"] for r in results) / len(results) if results else 1.0
    return {"accuracy": round(accuracy, 4), "items": results}


def _score_places(record: Record, expected: list[dict[str, Any]]) -> dict[str, Any]:
    """An expected place is found when a mention resolves to its name with the expected country and
    kind (an "ocean region" may be written as a region or ocean kind), within 0.5 degrees when given."""
    results = []
    for exp in expected:
        want_kinds = {exp["kind"], *exp["kind"].split()}
        hits = [p for p in record.places if p.name and fold(p.name) == fold(exp["name"])]
        ok = any(
            p.country == exp.get("country") and (p.kind in want_kinds or p.kind == exp["kind"])
            and ("lat" not in exp or (p.latitude is not None and abs(p.latitude - exp["lat"]) <= 0.5
                                      and p.longitude is not None and abs(p.longitude - exp["lon"]) <= 0.5))
            for p in hits
        )
        results.append({"name": exp["name"], "found": ok,
                        "got": sorted({(p.name, p.kind, p.country) for p in hits}, key=str)})
    accuracy = sum(r["found"] for r in results) / len(results) if results else 1.0
    return {"accuracy": round(accuracy, 4), "items": results}


def _score_actors(predicted: list[Actor], expected: list[dict[str, Any]]) -> dict[str, Any]:
    results = []
    for exp in expected:
        forms = {fold(f) for f in [exp["name"], *exp.get("aliases", [])]}
        hits = [a for a in predicted if fold(a.name) in forms or forms & {fold(x) for x in a.aliases}]
        ok = any(a.country == exp["country"] and a.sector == exp["sector"] for a in hits)
        results.append({"name": exp["name"], "found": ok,
                        "got": [(a.name, a.country, a.sector) for a in hits]})
    accuracy = sum(r["found"] for r in results) / len(results) if results else 1.0
    return {"accuracy": round(accuracy, 4), "items": results}
