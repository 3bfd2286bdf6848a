"""Mentions of one event within an article (lead and recap, body and caption, "the strike" told
again) merged into one event, missing fields filled from the other mentions."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from eventwire.model import Event

_BACK_DETERMINERS = frozenset({"the", "that", "this", "these", "those"})
_BACK_ADJECTIVES = frozenset({"latest", "recent", "last", "previous", "same", "earlier", "such"})


def refers_back(token: Token) -> bool:
    """A definite event noun that names an event told before ("condemned the strike", "a video of
    that attack", "the latest strike on boats") rather than a new one."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    children = list(token.children)
    if not any(ch.dep_ == "det" and ch.lower_ in _BACK_DETERMINERS for ch in children):
        return False
    if any(ch.lower_ in _BACK_ADJECTIVES for ch in children):
        return True
    return all(ch.dep_ in ("det", "amod", "punct") for ch in children)


_OTHER_ADJECTIVES = frozenset({"another", "separate", "similar", "earlier", "previous", "prior", "second", "different"})
_PRIOR_ADJECTIVES = frozenset({"similar", "earlier", "previous", "prior"})


def names_another_event(token: Token) -> bool:
    """An indefinite event noun set apart from the one told ("another strike", "a similar attack",
    "an earlier raid"): a different event, never merged with it."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    children = list(token.children)
    if any(ch.dep_ == "det" and ch.lower_ in _BACK_DETERMINERS for ch in children):
        return False
    return any(ch.lower_ in _OTHER_ADJECTIVES for ch in children)


def names_a_prior_event(token: Token) -> bool:
    """"a similar strike", "an earlier attack": an event before the one the article reports."""
    return names_another_event(token) and any(ch.lower_ in _PRIOR_ADJECTIVES for ch in token.children)


def merge_mentions(
    events: list[Event],
    countries: dict[str, str | None] | None = None,
    contents: Sequence[str | None] | None = None,
    back_references: Sequence[bool] | None = None,
    distinct: Sequence[bool] | None = None,
) -> list[Event]:
    """Mentions of the same event in one article (lead and recap, body and caption) become one.

    ``countries`` maps actor ids to their country, so that two organs of one state (the U.S.
    military, U.S. Southern Command) count as the same actor. ``contents`` gives, for each
    event, the type of what an intent or request is about ("willingness to negotiate" and
    "readiness to hold discussions" are one offer). ``distinct`` marks mentions of another event
    ("a similar strike"), which stay events of their own unless their own clause dates them to the
    same day as another mention ("another strike on Dec. 31" in a caption)."""
    kept: list[tuple[Event, str | None]] = []
    countries = countries or {}
    content_types = list(contents) if contents is not None else [None] * len(events)
    backs = list(back_references) if back_references is not None else [False] * len(events)
    others = list(distinct) if distinct is not None else [False] * len(events)
    apart: set[int] = set()  # ids of kept events that must not absorb later mentions
    for event, content, back, other in zip(events, content_types, backs, others, strict=False):
        if other and event.date_source != "clause":  # with a date of its own it may still be the same event
            kept.append((event, content))
            apart.add(id(event))
            continue
        target = next((k for k, kc in kept if id(k) not in apart and _same_event(k, event, countries, (kc, content))),
                      None)
        if target is None and back:  # "the strike" after a strike was reported: that strike again
            target = next((k for k, _ in reversed(kept) if k.type == event.type and id(k) not in apart), None)
            if target is not None:  # a later mention; its sentence tells no more of it than who did it
                target.evidence.append(event.evidence[0])
                _fill_groups(target, event, _FIELD_GROUPS[:1])  # "X claimed responsibility for the attack"
                continue
        if target is None:
            kept.append((event, content))
            continue
        target.evidence.append(event.evidence[0])
        _fill_missing(target, event)
    return [k for k, _ in kept]


def _compatible(a_id: str | None, b_id: str | None, a_country: str | None, b_country: str | None) -> bool:
    if a_id is None or b_id is None:
        return True
    return a_id == b_id or (a_country is not None and a_country == b_country)


def _same_event(
    a: Event, b: Event, countries: dict[str, str | None], contents: tuple[str | None, str | None] = (None, None)
) -> bool:
    if a.type != b.type or a.asserted != b.asserted or not a.asserted:
        return False
    if a.evidence[0].start == b.evidence[0].start:
        return False
    if not _compatible(a.actor_id, b.actor_id, countries.get(a.actor_id or ""), countries.get(b.actor_id or "")):
        return False
    if not _compatible(a.recipient_id, b.recipient_id, None, None):
        return False
    dated = {"clause", "sentence"}
    if a.date_source in dated and b.date_source in dated:
        return a.date == b.date and a.date_precision == "day" and b.date_precision == "day"
    same_what = a.trigger.lower() == b.trigger.lower() or (contents[0] is not None and contents[0] == contents[1])
    return same_what and a.actor_id is not None and a.actor_id == b.actor_id and a.recipient_id == b.recipient_id


# Fields that describe one thing together: filled from another mention all at once or not at all,
# so a merged event never pairs one mention's place with another mention's country.
_FIELD_GROUPS: tuple[tuple[str, ...], ...] = (
    ("actor", "actor_id", "actor_text", "actor_start", "actor_end"),
    ("recipient", "recipient_id", "recipient_text", "recipient_start", "recipient_end"),
    ("place", "country", "latitude", "longitude", "geo_precision", "place_source", "place_start", "place_end"),
    ("fatalities",), ("injured",), ("weapon",), ("reported_by",),
)


def _fill_missing(target: Event, other: Event) -> None:
    _fill_groups(target, other, _FIELD_GROUPS)
    for ctx_name in other.contexts:
        if ctx_name not in target.contexts:
            target.contexts.append(ctx_name)
    for key, value in other.quantity.items():
        target.quantity.setdefault(key, value)
    target.confidence = round(min(0.99, max(target.confidence, other.confidence) + 0.05), 3)


def _fill_groups(target: Event, other: Event, groups: tuple[tuple[str, ...], ...]) -> None:
    for group in groups:
        if all(getattr(target, name) is None for name in group):
            for name in group:
                setattr(target, name, getattr(other, name))
