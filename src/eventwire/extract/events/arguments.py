"""From a role's head word to what the event records: the noun phrase's token bounds and text, and
the article's actor it names (a pronoun is followed back to a person or group mentioned before)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from eventwire.extract.events.candidate import sentence_of
from eventwire.extract.lexicon.events import lexicon_rows
from eventwire.model import Actor

STOP_RIGHT_DEPS = frozenset({"relcl", "punct", "advcl", "ccomp", "appos", "acl", "prep", "mark", "parataxis"})


def argument_bounds(token: Token, keep_acl: bool = False) -> tuple[int, int]:
    """Token bounds of an argument's noun phrase: its left part, name parts, conjuncts and 'of' phrases."""
    start = token.left_edge.i
    end = token.i + 1
    for child in token.rights:
        dep = child.dep_
        if dep == "prep" and child.lower_ != "of":
            break
        if dep in STOP_RIGHT_DEPS and not (dep == "prep" or (keep_acl and dep == "acl")):
            break
        end = child.right_edge.i + 1
    while start < end - 1 and token.doc[start].is_punct:
        start += 1
    return start, end


@dataclass(slots=True)
class ActorIndex:
    """Actor mentions of the article by character offset, and who holds each title it names."""

    mentions: list[tuple[int, int, Actor]]
    holders: dict[str, Actor] = field(default_factory=dict)

    @classmethod
    def build(cls, actors: Sequence[Actor]) -> ActorIndex:
        items = [(m.start, m.end, a) for a in actors for m in a.mentions]
        items.sort(key=lambda x: (x[0], -x[1]))
        return cls(items, title_holders(actors))

    def holder(self, role: Actor) -> Actor | None:
        """The named person a bare role stands for ("the governor" -> Gov. Tarek el Aissami)."""
        if role.kind == "person" or role.id in {a.id for a in self.holders.values()}:
            return None
        return self.holders.get(role.name.lower())

    def at(self, start: int, end: int, head_start: int, head_end: int) -> Actor | None:
        """The actor mentioned at the head word, else the first actor mentioned inside the span."""
        inside: Actor | None = None
        for m_start, m_end, actor in self.mentions:
            if m_start >= end:
                break
            if m_end <= start:
                continue
            if m_start < head_end and head_start < m_end:
                return actor
            if inside is None and m_start >= start and m_end <= end:
                inside = actor
        return inside

    def last_group_before(self, offset: int, floor: int) -> Actor | None:
        """The nearest state mentioned before the offset, else the nearest group or organization."""
        state: Actor | None = None
        other: Actor | None = None
        for m_start, _m_end, actor in self.mentions:
            if m_start >= offset:
                break
            if m_start >= floor and actor.kind == "state":
                state = actor
            elif m_start >= floor and actor.kind != "person":
                other = actor
        return state or other

    def state_of(self, person: Actor) -> Actor | None:
        if person.country is None:
            return None
        for _s, _e, actor in self.mentions:
            if actor.kind == "state" and actor.country == person.country:
                return actor
        return None

    def last_person_before(self, offset: int, floor: int, not_: Actor | None = None) -> Actor | None:
        found: Actor | None = None
        for m_start, _m_end, actor in self.mentions:
            if m_start >= offset:
                break
            if m_start >= floor and actor.kind == "person" and actor is not not_:
                found = actor
        return found


@dataclass(slots=True)
class Argument:
    """An actor or recipient as the event records it: the actor it names, if any, and its text span."""

    actor: Actor | None
    text: str
    start: int
    end: int


GOVERNMENT_NOUNS = frozenset({"regime", "government", "administration", "country", "nation", "state"})
THING_PRONOUNS = frozenset({"it", "its"})
GROUP_PRONOUNS = frozenset({"they", "them"})
SPEAKER_TITLES = frozenset({"spokesman", "spokeswoman", "spokesperson"})
GROUP_POSSESSIVES = frozenset({"its", "their"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})


def argument(token: Token, index: ActorIndex, keep_acl: bool = False) -> Argument:
    """The argument headed by the token (``keep_acl``: a recipient keeps its describing clause)."""
    doc = token.doc
    start_i, end_i = argument_bounds(token, keep_acl=keep_acl)
    span = doc[start_i:end_i]
    core = doc[slice(*argument_bounds(token))] if keep_acl else span  # who is named, not described
    head_start, head_end = token.idx, token.idx + len(token.text)
    actor = index.at(core.start_char, core.end_char, head_start, head_end)
    sentence = sentence_of(token)
    sentence_start = sentence.start_char
    own_subject = _own_subject(token, index)
    if actor is not None and actor is own_subject:
        actor = None  # "the judge ordered him held": "him" is not the judge
    if actor is None and token.lower_ in PERSONAL_PRONOUNS:
        floor = sentence_of(doc[max(sentence.start - 1, 0)]).start_char
        actor = index.last_person_before(token.idx, floor, own_subject)
    elif actor is None and token.lower_ in THING_PRONOUNS | GROUP_PRONOUNS:
        actor = index.last_group_before(token.idx, sentence_start)  # "X, the spokesman for the Taliban, said they"
    elif actor is None and (owner := _group_possessive(token)) is not None:
        actor = index.last_group_before(owner.idx, sentence_start)  # "the army said its forces struck"
    if actor is not None and actor.kind == "person" and token.lemma_.lower() in GOVERNMENT_NOUNS:
        actor = index.state_of(actor) or actor  # "his regime": the state the person governs
    if actor is not None:
        actor = index.holder(actor) or actor  # "the prosecutor said": the prosecutor the article names
    if actor is not None and actor.kind == "person" and (group := _speaks_for(token, index)) is not None:
        actor = group  # "Zabiullah Mujahid, the spokesman for the Taliban, claimed the attack"
    return Argument(actor, span.text, span.start_char, span.end_char)


OBJECT_PRONOUNS = frozenset({"him", "her"})


def _own_subject(pronoun: Token, index: ActorIndex) -> Actor | None:
    """"The judge ordered him held": an object pronoun is never the subject of its own clause (nor of
    the clause it hangs from)."""
    if pronoun.lower_ not in OBJECT_PRONOUNS:
        return None
    for verb in (pronoun.head, pronoun.head.head):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != pronoun.i), None)
        if subject is not None:
            end = subject.idx + len(subject.text)
            actor = index.at(subject.idx, end, subject.idx, end)
            return index.holder(actor) or actor if actor is not None else None
    return None


def _speaks_for(name: Token, index: ActorIndex) -> Actor | None:
    """The group a spokesperson speaks for: "Mujahid, the spokesman for the Taliban", "Taliban
    spokesman Zabiullah Mujahid" (an act a spokesman claims or announces is the group's)."""
    for appos in (c for c in name.children if c.dep_ == "appos" and c.lemma_.lower() in SPEAKER_TITLES):
        for group in (g for p in appos.children if p.dep_ == "prep" and p.lower_ in ("for", "of") for g in p.children):
            end = group.idx + len(group.text)
            found = index.at(group.left_edge.idx, end, group.idx, end)
            if found is not None and found.kind != "person":
                return found
    title = next((c for c in name.children if c.dep_ == "compound" and c.lemma_.lower() in SPEAKER_TITLES), None)
    if title is not None and title.i > 0:
        before = name.doc[title.i - 1]
        found = index.at(before.idx, before.idx + len(before.text), before.idx, before.idx + len(before.text))
        return found if found is not None and found.kind != "person" else None
    return None


def _group_possessive(token: Token) -> Token | None:
    """The "its" of "its forces", "their fighters": the group the noun belongs to is named before."""
    return next((ch for ch in token.children if ch.dep_ == "poss" and ch.lower_ in GROUP_POSSESSIVES), None)


@cache
def _title_abbreviations() -> dict[str, str]:
    return dict((abbr, role) for abbr, role in lexicon_rows("title_abbreviations.tsv"))


@cache
def _title_sectors() -> dict[str, str]:
    return {title: sector for title, sector in lexicon_rows("actor_titles.tsv")}


def role_noun(title: str) -> str | None:
    """The noun a later mention uses for a title: "Gov." -> "governor", "Interior Minister" ->
    "minister"; none when the last word is another role ("Attorney General" is no general)."""
    bare = title.lower().replace(".", "").strip()
    if bare in _title_abbreviations():
        return _title_abbreviations()[bare]
    last = bare.split()[-1] if bare else ""
    sectors = _title_sectors()
    if last != bare and sectors.get(last) != sectors.get(bare):
        return None
    return last or None


def title_holders(actors: Sequence[Actor]) -> dict[str, Actor]:
    """Role noun -> the one person of the article who holds a title ending in it (a role two people
    hold, "two ministers", resolves to nobody)."""
    found: dict[str, list[Actor]] = {}
    for actor in actors:
        role = role_noun(actor.title) if actor.kind == "person" and actor.title else None
        if role:
            found.setdefault(role, []).append(actor)
    return {role: people[0] for role, people in found.items() if len(people) == 1}
