"""`eventwire eval newsgold`: the event records one article yields, against analyst-coded gold.

Data: a JSONL file (or a folder of ``*.jsonl`` files), one coded article a line: ``doc_id``,
``published``, ``title``, ``text`` and ``events`` (the rules: ../shared/newsgold/CODEBOOK.md; the
layout: README, "Scoring eventwire on articles you coded yourself"). Each text goes through the
same reader and pipeline as ``eventwire extract FILE.txt --published DATE``. The definitions are
those of the referee script ../shared/tools/score-newsgold.

Matching, per article, with every run of whitespace read as one space on both sides:
* each mention of a gold event is a clause of the text with its trigger;
* a predicted event may belong to every gold event one of whose clauses holds the predicted
  trigger or overlaps an evidence sentence of the prediction. It belongs to the best of them:
  trigger inside the clause first, then the same type, then the nearest gold trigger;
* predictions are then taken best first (the same order, with more of actor, recipient, date,
  country and fatalities filled before the nearer trigger). The first asserted prediction of a gold
  asserted event is its match; later ones are duplicates.

Metrics (micro over articles; a ratio with nothing to count is None):
* precision: asserted predictions matched with the same type / asserted predictions;
* recall: gold asserted, non-background events matched with the same type / all of them; f1;
* untyped_precision, untyped_recall, untyped_f1: the same, whatever the type;
  type_accuracy: typed matches / untyped matches;
* duplicate_share, status_fp_share (the gold event is aggregate, negated, hypothetical or
  generic), spurious_share (no gold event at all): shares of the asserted predictions;
* background_recall: gold background events that some prediction (asserted or not) belongs to;
* actor/recipient/date/place/killed/injured_accuracy over typed matches where the gold field is
  given (killed, injured: where either side gives a count), with the counts as ``*_n``:
  actor and recipient when the gold name's words are among the predicted canonical name's and
  text's words, or the canonical name's among the gold name's, or the resolved actor has the gold
  country and sector; date when the prediction starts with the gold date (as precise or more);
  place when the country is the same and, where both give a point, it is within 161 km;
* errors: how many predictions or gold events went wrong, per kind (spurious, status:<status>,
  duplicate, type, missed, and each field).
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.model import Actor, Count, Event, Record
from eventwire.resolve.incidents import haversine_km

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

LOG = logging.getLogger(__name__)

# Older PLOVER drafts' names for two of the 16 types eventwire codes.
TYPE_ALIASES: dict[str, str] = {"DISAPPROVE": "ACCUSE", "DEMAND": "REQUEST"}
PLACE_KM = 161.0
FIELDS = ("actor", "recipient", "date", "place", "killed", "injured")
_SPACE_RUN = re.compile(r"\s+")
_NAME_TOKEN = re.compile(r"[\w.'’-]+")
_NAME_STOP = frozenset({"the", "a", "an", "of", "u.s.", "us", "'s", "’s"})


# --- gold ---------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Party:
    """A gold actor or recipient."""

    name: str | None
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True, frozen=True)
class GoldPlace:
    name: str | None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True)
class GoldEvent:
    """One coded record: a real-world event with the clauses that mention it."""

    id: str
    type: str
    status: str  # asserted, aggregate, negated, hypothetical, generic
    background: bool = False
    mentions: list[tuple[str, str]] = field(default_factory=list)  # (clause, trigger)
    actor: Party | None = None
    recipient: Party | None = None
    date: str | None = None
    place: GoldPlace | None = None
    killed: int | None = None
    injured: int | None = None

    @property
    def news(self) -> bool:
        """Asserted and not background: what recall counts."""
        return self.status == "asserted" and not self.background


@dataclass(slots=True)
class GoldArticle:
    doc_id: str
    text: str
    published: str | None = None
    title: str | None = None
    events: list[GoldEvent] = field(default_factory=list)


def _party(raw: Mapping[str, Any] | None) -> Party | None:
    return Party(raw.get("name"), raw.get("country"), raw.get("sector")) if raw else None


def _place(raw: Mapping[str, Any] | None) -> GoldPlace | None:
    return GoldPlace(raw.get("name"), raw.get("country"), raw.get("lat"), raw.get("lon")) if raw else None


def gold_event(raw: Mapping[str, Any]) -> GoldEvent:
    """A GoldEvent from one coded record (absent keys are null)."""
    return GoldEvent(
        id=str(raw.get("id", "")),
        type=TYPE_ALIASES.get(raw["type"], raw["type"]),
        status=raw.get("status", "asserted"),
        background=bool(raw.get("background")),
        mentions=[(m["text"], m["trigger"]) for m in raw.get("mentions", [])],
        actor=_party(raw.get("actor")),
        recipient=_party(raw.get("recipient")),
        date=raw.get("date"),
        place=_place(raw.get("place")),
        killed=raw.get("killed"),
        injured=raw.get("injured"),
    )


def read_gold(data: Path) -> list[GoldArticle]:
    """The coded articles of a JSONL file, or of every ``*.jsonl`` file in a folder."""
    files = sorted(data.glob("*.jsonl")) if data.is_dir() else [data]
    articles: list[GoldArticle] = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            raw = json.loads(line)
            articles.append(GoldArticle(
                doc_id=str(raw["doc_id"]),
                text=raw["text"],
                published=raw.get("published"),
                title=raw.get("title"),
                events=[gold_event(e) for e in raw.get("events", [])],
            ))
    return articles


# --- locating clauses ---------------------------------------------------------------------------


def squeeze(text: str) -> str:
    """Every run of whitespace (line breaks, no-break spaces) as one space."""
    return _SPACE_RUN.sub(" ", text)


def find_clause(squeezed_text: str, clause: str) -> int:
    """Offset of a clause's first occurrence in squeezed text, -1 when it is not there."""
    return squeezed_text.find(squeeze(clause).strip())


@dataclass(slots=True, frozen=True)
class Span:
    """A gold mention in the squeezed text: the clause and where its trigger starts."""

    start: int
    end: int
    trigger: int


def mention_spans(squeezed_text: str, event: GoldEvent) -> list[Span]:
    """The spans of the event's mentions that are found in the text (a trigger not found in its
    clause counts from the clause's start)."""
    spans = []
    for clause, trigger in event.mentions:
        at = find_clause(squeezed_text, clause)
        if at < 0:
            continue
        clause = squeeze(clause).strip()
        offset = clause.find(squeeze(trigger).strip())
        spans.append(Span(at, at + len(clause), at + max(offset, 0)))
    return spans


# --- matching -----------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Candidate:
    """A gold event a predicted event may belong to; a smaller ``key`` is a better one."""

    outside: bool  # the predicted trigger is outside the clause, which only overlaps the sentence
    other_type: bool
    distance: int  # characters from the predicted trigger to the gold one
    gold: int  # index of the gold event in its article

    @property
    def key(self) -> tuple[bool, bool, int, int]:
        return (self.outside, self.other_type, self.distance, self.gold)


def candidates(event: Event, golds: Sequence[GoldEvent], spans: Sequence[Sequence[Span]], squeezed_text: str,
               analysis_text: str) -> list[Candidate]:
    """Every (gold event, clause) pair that holds the event's trigger or overlaps one of its
    evidence sentences, found in the squeezed article text."""
    found = []
    for evidence in event.evidence:
        sentence = evidence.sentence or analysis_text[evidence.start : evidence.end]
        at = find_clause(squeezed_text, sentence)
        if at < 0:
            continue
        start = evidence.trigger_start if evidence.trigger_start is not None else evidence.start
        before = sentence[: max(0, start - evidence.start)]
        trigger = at + len(squeeze(before).lstrip())
        end = at + len(squeeze(sentence).strip())
        for index, (gold, gold_spans) in enumerate(zip(golds, spans, strict=True)):
            for span in gold_spans:
                inside = span.start <= trigger < span.end
                if inside or (at < span.end and span.start < end):
                    found.append(Candidate(not inside, gold.type != event.type, abs(span.trigger - trigger), index))
    return found


def filled(event: Event) -> int:
    """How many of actor, recipient, date, country and fatalities the event gives."""
    return sum((bool(event.actor), bool(event.recipient), bool(event.date), bool(event.country),
                event.fatalities is not None))


@dataclass(slots=True)
class Prediction:
    """A predicted event and the gold event it belongs to (None: no gold event at all)."""

    event: Event
    best: Candidate | None

    @property
    def gold(self) -> int | None:
        return self.best.gold if self.best else None

    def rank(self) -> tuple[int, int, int, int]:
        """Order in which predictions claim their gold event: the best placed and fullest first."""
        if self.best is None:
            return (2, 2, 0, 0)
        return (int(self.best.outside), int(self.best.other_type), -filled(self.event), self.best.distance)


def predictions(record: Record, golds: Sequence[GoldEvent], squeezed_text: str) -> list[Prediction]:
    """The record's events, each with its best gold event, in claiming order."""
    spans = [mention_spans(squeezed_text, gold) for gold in golds]
    analysis_text = record.article.analysis_text()
    out = []
    for event in record.events:
        found = candidates(event, golds, spans, squeezed_text, analysis_text)
        out.append(Prediction(event, min(found, key=lambda c: c.key) if found else None))
    return sorted(out, key=Prediction.rank)  # stable: ties keep the record's order


def verdict(prediction: Prediction, golds: Sequence[GoldEvent], taken: set[int]) -> str:
    """What an asserted prediction is: spurious, status:<gold status>, duplicate, type (matched
    with another type) or match. A match or a wrong-type match takes its gold event."""
    index = prediction.gold
    if index is None:
        return "spurious"
    gold = golds[index]
    if gold.status != "asserted":
        return f"status:{gold.status}"
    if index in taken:
        return "duplicate"
    taken.add(index)
    return "match" if prediction.event.type == gold.type else "type"


# --- fields -------------------------------------------------------------------------------------


def name_words(name: str | None) -> set[str]:
    """Lower-cased words of a name without articles, "of", "U.S." or possessive endings, and
    without a plural -s ("rebels" = "rebel")."""
    if not name:
        return set()
    words = (token.strip(".") for token in _NAME_TOKEN.findall(name.lower()) if token not in _NAME_STOP)
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words if w}


def party_matches(gold: Party, event: Event, role: str, actors: Mapping[str, Actor]) -> bool:
    """The event's actor or recipient (``role``) is the gold party: by name words, or by the
    resolved actor's country and sector."""
    canonical = name_words(getattr(event, role))
    written = canonical | name_words(getattr(event, f"{role}_text"))
    wanted = name_words(gold.name)
    if wanted and written and (wanted <= written or (canonical and canonical <= wanted)):
        return True
    actor = _lookup(actors, getattr(event, f"{role}_id")) or _lookup(actors, getattr(event, role))
    return bool(gold.country and gold.sector and actor is not None
                and actor.country == gold.country and actor.sector == gold.sector)


def _lookup(actors: Mapping[str, Actor], key: str | None) -> Actor | None:
    return actors.get(key) if key else None


def actor_index(actors: Sequence[Actor]) -> dict[str, Actor]:
    """The record's actors by id and by canonical name."""
    index: dict[str, Actor] = {}
    for actor in actors:
        if actor.id:
            index[actor.id] = actor
        index[actor.name] = actor
    return index


def date_matches(gold: str, predicted: str | None) -> bool:
    """The predicted date agrees at the gold precision and is not coarser ("2014-06-04" fits
    "2014-06"; "2014" does not fit "2014-06")."""
    return predicted is not None and predicted.startswith(gold)


def place_matches(gold: GoldPlace, event: Event) -> bool:
    """Same country and, when both sides give a point, within 161 km."""
    if not event.country or event.country != gold.country:
        return False
    if gold.lat is None or gold.lon is None or event.latitude is None or event.longitude is None:
        return True
    return haversine_km(gold.lat, gold.lon, event.latitude, event.longitude) <= PLACE_KM


def best_count(count: Count | None) -> int | None:
    return count.best if count is not None else None


def field_checks(gold: GoldEvent, event: Event, actors: Mapping[str, Actor]) -> dict[str, bool]:
    """For each field the gold event gives (killed, injured: either side), whether the event has it right."""
    checks: dict[str, bool] = {}
    if gold.actor:
        checks["actor"] = party_matches(gold.actor, event, "actor", actors)
    if gold.recipient:
        checks["recipient"] = party_matches(gold.recipient, event, "recipient", actors)
    if gold.date:
        checks["date"] = date_matches(gold.date, event.date)
    if gold.place:
        checks["place"] = place_matches(gold.place, event)
    for name, wanted, got in (("killed", gold.killed, best_count(event.fatalities)),
                              ("injured", gold.injured, best_count(event.injured))):
        if wanted or got:
            checks[name] = wanted == got
    return checks


# --- scoring ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Tally:
    """Counts over the articles scored so far."""

    docs: int = 0
    failed: int = 0  # articles the pipeline could not read or extract
    predicted: int = 0  # asserted predictions
    untyped: int = 0  # matches of any type, background included
    untyped_news: int = 0
    typed: int = 0
    typed_news: int = 0
    gold_news: int = 0
    gold_background: int = 0
    background_found: int = 0
    kinds: Counter[str] = field(default_factory=Counter)  # verdicts and errors per kind
    field_n: Counter[str] = field(default_factory=Counter)
    field_ok: Counter[str] = field(default_factory=Counter)

    def metrics(self) -> dict[str, Any]:
        precision, recall = _share(self.typed, self.predicted), _share(self.typed_news, self.gold_news)
        untyped_p, untyped_r = _share(self.untyped, self.predicted), _share(self.untyped_news, self.gold_news)
        result: dict[str, Any] = {
            "docs": self.docs,
            "gold_events": self.gold_news,
            "predicted_asserted": self.predicted,
            "precision": _round(precision),
            "recall": _round(recall),
            "f1": _f1(precision, recall),
            "untyped_precision": _round(untyped_p),
            "untyped_recall": _round(untyped_r),
            "untyped_f1": _f1(untyped_p, untyped_r),
            "type_accuracy": _round(_share(self.typed, self.untyped)),
            "duplicate_share": _round(_share(self.kinds["duplicate"], self.predicted)),
            "status_fp_share": _round(_share(sum(n for k, n in self.kinds.items() if k.startswith("status:")),
                                             self.predicted)),
            "spurious_share": _round(_share(self.kinds["spurious"], self.predicted)),
            "background_recall": _round(_share(self.background_found, self.gold_background)),
        }
        for name in FIELDS:
            result[f"{name}_accuracy"] = _round(_share(self.field_ok[name], self.field_n[name]))
            result[f"{name}_n"] = self.field_n[name]
        result["failed"] = self.failed
        result["errors"] = {k: n for k, n in sorted(self.kinds.items()) if k != "match" and n}
        return result


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _round(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def _f1(precision: float | None, recall: float | None) -> float:
    if not precision or not recall:
        return 0.0
    return round(2 * precision * recall / (precision + recall), 4)


def score_article(gold: GoldArticle, record: Record | None, tally: Tally) -> None:
    """Add one article's predictions and gold events to the tally (no record: nothing predicted)."""
    tally.docs += 1
    squeezed_text = squeeze(gold.text)
    golds = gold.events
    taken: set[int] = set()
    claimed: set[int] = set()  # gold events some prediction belongs to, asserted or not
    if record is not None:
        actors = actor_index(record.actors)
        for prediction in predictions(record, golds, squeezed_text):
            if prediction.gold is not None:
                claimed.add(prediction.gold)
            if not prediction.event.asserted:
                continue
            tally.predicted += 1
            kind = verdict(prediction, golds, taken)
            tally.kinds[kind] += 1
            if kind not in ("match", "type"):
                continue
            assert prediction.gold is not None
            matched = golds[prediction.gold]
            tally.untyped += 1
            tally.untyped_news += not matched.background
            if kind == "type":
                continue
            tally.typed += 1
            tally.typed_news += not matched.background
            for name, ok in field_checks(matched, prediction.event, actors).items():
                tally.field_n[name] += 1
                tally.field_ok[name] += ok
                tally.kinds[name] += not ok
    for index, event in enumerate(golds):
        if event.news:
            tally.gold_news += 1
            tally.kinds["missed"] += index not in taken
        elif event.status == "asserted":
            tally.gold_background += 1
            tally.background_found += index in claimed


def extract_record(pipeline: Pipeline, gold: GoldArticle) -> Record | None:
    """The Record ``eventwire extract`` prints for the article's text saved as a .txt file and
    ``--published`` its publication date; None when the text cannot be read or extracted."""
    from eventwire.ingest import IngestError
    from eventwire.ingest.text import article_from_text

    article = article_from_text(gold.text, path=f"{gold.doc_id}.txt")
    if isinstance(article, IngestError):
        LOG.warning("%s: %s", gold.doc_id, article.reason)
        return None
    article.published = article.published or gold.published
    try:
        return pipeline.process(article)
    except Exception as error:  # noqa: BLE001 - one bad article must not stop a benchmark run
        LOG.warning("extraction failed on %s: %s", gold.doc_id, error)
        return None


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Score the pipeline on coded articles (see the module docstring); the model loads once."""
    from eventwire.pipeline import Pipeline

    articles = read_gold(Path(data))[:limit]
    pipeline = Pipeline()
    tally = Tally()
    for gold in articles:
        record = extract_record(pipeline, gold)
        tally.failed += record is None
        score_article(gold, record, tally)
    return {"n": len(articles), "n_articles": len(articles), **tally.metrics()}
