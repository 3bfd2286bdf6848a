"""The small context every stage reads: the article, the anchor date, earlier results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from eventwire.model import Actor, Article, Casualty, Place, Quote, TimeExpr


@dataclass(slots=True)
class Context:
    """What a stage may read besides the spaCy Doc. Stages run in this order and each
    fills its own list: timexes, places, actors, quotes, casualties (events read them all)."""

    article: Article
    anchor: date | None = None  # publication date, or the dateline's date when present
    anchor_kind: str | None = None  # publication | dateline | None
    body_end: int = 0  # offset where captions begin in the analysed text
    timexes: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    # towns named as modifiers ("a Norwalk Superior Court judge", "a Brooklyn mom"), filled by the
    # places stage: not where an act happened, but where the story's people and courts are
    modifier_towns: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
