"""Claims of responsibility: the group that claims an attack the article reported is that attack's
actor (as ACLED codes it), and the claim is part of the attack, not an event of its own
("Militants attacked a police checkpoint ... The Pakistani Taliban, known as Tehreek-e-Taliban
Pakistan (TTP), claimed responsibility for the assault"; "JNIM claimed the raid a week later")."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from eventwire.extract.events.arguments import ActorIndex, argument
from eventwire.extract.events.candidate import sentence_of
from eventwire.extract.events.roles import CLAIM_NOUNS, CLAIM_VERBS, _no_one, prep_object, subject_of
from eventwire.extract.lexicon.events import trigger_senses
from eventwire.model import Actor, Event
from eventwire.nlp import doc_text

KEPT_ACTOR_KINDS = frozenset({"state", "person"})  # "Ukraine's drones hit ... its General Staff claimed": Ukraine


def credit_claims(doc: Doc, events: list[Event], index: ActorIndex) -> list[Event]:
    """Give each claimed attack its claimant as actor, and fold a record told only by the claim's
    sentence ("claimed the raid", "claimed responsibility for the attack, saying its fighters had
    killed 15 soldiers") into the attack it claims. The actor a text names as a state or a person
    stays; a claim nobody makes ("No group claimed responsibility") or denies gives no one."""
    text = doc_text(doc)
    for verb in (t for t in doc if t.lemma_.lower() in CLAIM_VERBS and t.pos_ == "VERB"):
        found = _claim(verb)
        if found is None:
            continue
        claimed, subject = found
        who = _claimant(subject, index)
        if who is None:
            continue
        sentence = sentence_of(verb)
        own = _event_told_at(claimed, events) if claimed is not None else None
        attack = own if own is not None and _told_before(own, sentence.start_char) else _attack_before(
            events, sentence.start_char, own)
        if attack is None:
            continue
        told = next((a for _s, _e, a in index.mentions if a.id == attack.actor_id), None) if attack.actor_id else None
        if told is None or told.kind not in KEPT_ACTOR_KINDS:
            start, end, claimant = who
            attack.actor, attack.actor_id = claimant.name, claimant.id
            attack.actor_text, attack.actor_start, attack.actor_end = text[start:end], start, end
        if own is not None and own is not attack and all(
                sentence.start_char <= e.start < sentence.end_char for e in own.evidence):
            attack.evidence.extend(own.evidence)
            attack.evidence.sort(key=lambda e: (e.in_caption, e.start))
            events.remove(own)
    return events


def _claim(verb: Token) -> tuple[Token | None, Token] | None:
    """(what is claimed, who claims) of "X claimed responsibility [for the attack]", "took credit for
    the bombing", "X claimed the raid"; None when negated or claimed by no one."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    subject = subject_of(verb)
    if obj is None or subject is None or _no_one(subject) or any(c.dep_ == "neg" for c in verb.children):
        return None
    if obj.lemma_.lower() in CLAIM_NOUNS:
        return prep_object(obj, frozenset({"for"})), subject
    senses = trigger_senses().get(obj.lemma_.lower(), ())
    if verb.lemma_.lower() == "claim" and any(s.type in ("ASSAULT", "COERCE") for s in senses):
        return obj, subject
    return None


def _claimant(subject: Token, index: ActorIndex) -> tuple[int, int, Actor] | None:
    """The organization a claim's subject names: the short name the text gives in brackets
    ("Tehreek-e-Taliban Pakistan (TTP)"), else the first organization named in the phrase, else the
    organization the subject stands for ("the group" named before)."""
    text = doc_text(subject.doc)
    lo, hi = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text)
    named = [(s, e, a) for s, e, a in index.mentions if lo <= s and e <= hi and a.kind == "organization"]
    bracketed = [m for m in named if text[max(0, m[0] - 1) : m[0]] == "(" and text[m[1] : m[1] + 1] == ")"]
    if bracketed or named:
        return (bracketed or named)[0]
    arg = argument(subject, index)
    if arg.actor is not None and arg.actor.kind == "organization":
        return arg.start, arg.end, arg.actor
    return None


def _event_told_at(token: Token, events: Sequence[Event]) -> Event | None:
    return next((e for e in events for ev in e.evidence if ev.trigger_start == token.idx), None)


def _told_before(event: Event, offset: int) -> bool:
    return event.type == "ASSAULT" and any(ev.start < offset for ev in event.evidence)


def _attack_before(events: Sequence[Event], offset: int, not_: Event | None) -> Event | None:
    """The latest attack the article reported as done before the claim's sentence."""
    told = [e for e in events if e.type == "ASSAULT" and e.asserted and e is not not_ and e.evidence[0].start < offset]
    return max(told, key=lambda e: e.evidence[0].start) if told else None
