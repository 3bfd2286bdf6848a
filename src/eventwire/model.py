"""Typed records: the contract between stages, the store and the exports.

Every record is a slotted dataclass with a fixed field order. Character spans are
offsets into ``Article.analysis_text`` (the clean body followed by the captions,
see :meth:`Article.analysis_text`), so evidence can always be traced back.
A field the text does not support stays ``None``; it is never filled with a guess.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, Literal

CAPTION_SEPARATOR = "\n\n"

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Precision = Literal["day", "week", "month", "season", "quarter", "year", "decade", "century", "time"]


def content_hash(*parts: str, length: int = 16) -> str:
    """A stable hex id from the given strings (sqlite-utils' hash_id idea)."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key for matching names (memoized: the stages fold
    the same names many times per article)."""
    decomposed = unicodedata.normalize("NFKD", text)
    no_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    kept = "".join(c if c.isalnum() else " " for c in no_marks.casefold())
    return " ".join(kept.split())


@dataclass(slots=True)
class Article:
    """One news article after ingest and cleaning. ``id`` is a hash of its clean content."""

    text: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date or datetime, as the source gave it
    captions: list[str] = field(default_factory=list)
    lang: str | None = "en"  # ISO 639-1 as detected at ingest (eventwire.language); None: could not tell
    duplicate_of: str | None = None
    path: str | None = None  # where it was read from, for error reports
    removed: list[str] = field(default_factory=list)  # boilerplate lines dropped by clean
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_hash(self.title or "", self.text, *self.captions)

    def analysis_text(self) -> str:
        """The text the NLP stages read: body, then each caption as its own paragraph."""
        return CAPTION_SEPARATOR.join([self.text, *self.captions]) if self.captions else self.text

    def body_end(self) -> int:
        """Offset in ``analysis_text`` where the body ends and captions begin."""
        return len(self.text)


@dataclass(slots=True)
class TimeExpr:
    """A temporal expression normalized against an anchor date (TimeML-style value)."""

    text: str
    start: int
    end: int
    type: TimexType = "DATE"
    value: str | None = None  # 2025-12-31, 2025-W52, 2025-09, 2025-SU, P3W, PRESENT_REF ...
    precision: str | None = None
    mod: str | None = None  # START, MID, END, APPROX, BEFORE, AFTER ... (TimeML mod)
    begin: str | None = None  # interval start, when the expression is a range
    end_value: str | None = None  # interval end
    anchor: str | None = None  # ISO date the value was computed from
    anchor_kind: str | None = None  # publication | dateline | previous | none


@dataclass(slots=True)
class Place:
    """A toponym mention resolved against the gazetteer."""

    text: str
    start: int
    end: int
    name: str | None = None
    kind: str | None = None  # country, admin1, admin2, city, sea, ocean, region, ...
    country: str | None = None  # ISO 3166 alpha-3
    latitude: float | None = None
    longitude: float | None = None
    gazetteer_id: str | None = None  # e.g. "geonames:3646738"
    geo_precision: int | None = None  # ACLED 1 town / 2 part of a region / 3 larger region
    ucdp_precision: int | None = None  # UCDP 1 exact .. 7 international waters / country-wide
    score: float | None = None  # resolution confidence


@dataclass(slots=True)
class Mention:
    """One mention of an actor in the text."""

    text: str
    start: int
    end: int
    kind: str = "name"  # name, title, pronoun, demonym, abbreviation


@dataclass(slots=True)
class Actor:
    """A canonical actor of one article; ``id`` is stable across articles."""

    name: str
    kind: str | None = None  # person, organization, state, group
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # PLOVER sector code: GOV, MIL, COP, JUD, LEG, REB, SPY, JRN, BUS, CVL ...
    title: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    source: str | None = None  # where country/sector came from: text, knowledge, article (the story's country), none
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = actor_id(self.name, self.kind)


def actor_id(name: str, kind: str | None) -> str:
    """Stable id for a canonical actor: the same name and kind give the same id everywhere."""
    return content_hash("actor", kind or "", fold(name), length=12)


@dataclass(slots=True)
class Quote:
    """Who said what: a direct or indirect attribution."""

    text: str
    start: int
    end: int
    direct: bool
    speaker: str | None = None  # canonical actor name
    speaker_id: str | None = None  # Actor.id
    speaker_text: str | None = None  # the mention as written
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_kind: str | None = None  # named, pronoun, title, organization, anonymous
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    id: str = ""


@dataclass(slots=True)
class Count:
    """A reported number with its bounds and the words it came from."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    vague: bool = False


@dataclass(slots=True)
class Casualty:
    """A casualty statement: how many were killed, injured, missing, arrested, displaced."""

    category: str  # killed, injured, missing, arrested, displaced, kidnapped
    count: Count
    sentence_start: int
    sentence_end: int
    trigger: str | None = None
    trigger_start: int | None = None
    victims: list[str] = field(default_factory=list)
    perpetrators: list[str] = field(default_factory=list)
    weapon: str | None = None
    aggregate: bool = False
    historical: bool = False


@dataclass(slots=True)
class Evidence:
    """A sentence that supports an event (one mention of it), with the spans of its parts and the
    actor, recipient and place as this mention gives them (the event's own may come from another)."""

    sentence: str
    start: int
    end: int
    trigger_start: int | None = None
    trigger_end: int | None = None
    in_caption: bool = False
    actor_text: str | None = None
    recipient_text: str | None = None
    place: str | None = None
    # other event words this mention folded in, as (start, end, PLOVER type): a second trigger of
    # the same event ("exploded, killing two": "exploded") and the act an accusation, request or
    # threat is about ("accused of the bombing": "bombing")
    folded_triggers: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    """One coded event, tied to the sentence(s) it came from."""

    type: str  # PLOVER type
    trigger: str
    evidence: list[Evidence]
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    actor: str | None = None  # canonical actor name
    actor_id: str | None = None
    actor_text: str | None = None
    actor_start: int | None = None
    actor_end: int | None = None
    recipient: str | None = None
    recipient_id: str | None = None
    recipient_text: str | None = None
    recipient_start: int | None = None
    recipient_end: int | None = None
    date: str | None = None
    date_end: str | None = None
    date_precision: str | None = None
    date_source: str | None = None  # clause, sentence, outer, paragraph, article, publication
    place: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    # clause, sentence, paragraph, dateline (where the story was filed), article (the place the story names most)
    place_source: str | None = None
    fatalities: Count | None = None
    injured: Count | None = None
    quantity: dict[str, int] = field(default_factory=dict)
    weapon: str | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    aggregate: bool = False
    reported_by: str | None = None
    confidence: float = 0.5
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    cameo_root: str | None = None
    plover_quad: str | None = None
    plover_score: float | None = None
    timex_start: int | None = None  # span of the date expression the date came from
    timex_end: int | None = None
    place_start: int | None = None  # span of the place mention the location came from
    place_end: int | None = None
    id: str = ""

    @property
    def asserted(self) -> bool:
        """True when the text reports the event as having happened."""
        return not (self.negated or self.hypothetical or self.future or self.historical or self.aggregate)


@dataclass(slots=True)
class Incident:
    """One real-world event seen in one or more articles."""

    id: str
    type: str
    event_ids: list[str]
    article_ids: list[str]
    date: str | None = None
    date_end: str | None = None
    date_precision: str | None = None
    place: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    actor: str | None = None
    recipient: str | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    n_articles: int = 0
    n_sources: int = 0
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(slots=True)
class Record:
    """Everything extracted from one article."""

    article: Article
    timexes: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    anchor: str | None = None  # the date relative expressions were resolved against
    anchor_kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
