"""The candidate record every events module works on (a trigger and what the stage learns about
its event), and where a trigger sits: its sentence and the verb of its clause."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.extract.lexicon.events import Sense, cue
from eventwire.nlp import sentence as nlp_sentence
from eventwire.nlp import sentence_text as nlp_sentence_text


@dataclass(slots=True)
class Candidate:
    """A trigger and what the stage learns about its event."""

    token: Token
    start: int  # token span of the trigger words
    end: int
    sense: Sense
    type: str
    mode: str | None
    contexts: list[str] = field(default_factory=list)
    absorbed: list[Candidate] = field(default_factory=list)
    merged: list[Candidate] = field(default_factory=list)
    actor_token: Token | None = None
    recipient_token: Token | None = None
    reported_by: str | None = None
    report_content: tuple[int, int] | None = None  # char span the actor must come from
    fixed_roles: bool = False  # roles were set when the candidate was made
    actor_by_anaphora: bool = False  # the actor is what "this" in the content points back to
    actor_held_responsible: bool = False  # "a man believed to be responsible for the blast"
    actor_ordered: bool = False  # "the judge ordered him held": who ordered it, outside what was ordered
    weapon_token: Token | None = None
    confidence: float = 0.5

    @property
    def tokens(self) -> list[Token]:
        return [self.token, *(m.token for m in self.merged)]


def folded_spans(c: Candidate) -> list[tuple[int, int, str]]:
    """Character spans and types of the trigger words a candidate folded in: "exploded, killing
    two" keeps "exploded" inside the killing, "accused of carrying out the bombing" the bombing."""
    doc = c.token.doc
    spans: list[tuple[int, int, str]] = []
    for inner in [*c.merged, *c.absorbed]:
        if _said_of(inner.token, c.token):
            continue
        last = doc[inner.end - 1]
        spans.append((doc[inner.start].idx, last.idx + len(last.text), inner.type))
        spans.extend(folded_spans(inner))
    return spans


def _said_of(verb: Token, noun: Token) -> bool:
    """"The explosion targeted a bakery", "bombings targeted at the army": a verb told of the event
    noun it merged into says more of that one mention; it is no event word of its own ("a car bomb
    exploded": a device's going off is the event)."""
    if verb.pos_ != "VERB" or noun.pos_ not in ("NOUN", "PROPN") or noun.lemma_.lower() in cue("device"):
        return False
    return (verb.dep_ == "acl" and verb.head.i == noun.i) or any(
        ch.i == noun.i and ch.dep_ in ("nsubj", "nsubjpass") for ch in verb.children)


COUNTRYWIDE_MODES = frozenset({"boycott", "ban", "curfew", "martial-law"})  # one act over a whole country


# The sentence of a token and its text, found once per document (shared with the other stages).
sentence_of = nlp_sentence
sentence_text = nlp_sentence_text


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def coordinated_partner(verb: Token) -> Token | None:
    """The verb a finite verb is told beside when the parser hangs it below that verb's clause:
    "ordered troops to reinforce positions and imposed a curfew", "threatened to attack the town and
    seized two villages" (an infinitive's conjunct has no tense of its own: "to arrest and
    prosecute"); "the spokesman said the forces had shown restraint, denied that ..." (a clause of
    saying has a subject of its own). Its subject is the partner's, and it is told as done, never
    the content of the partner."""
    head = verb.head
    if verb.tag_ not in FINITE_TAGS or head.i == verb.i:
        return None
    if verb.dep_ == "conj" and head.dep_ == "xcomp" and head.tag_ == "VB" and any(
            ch.dep_ == "aux" and ch.lower_ == "to" for ch in head.children):
        return head.head
    if verb.dep_ == "ccomp" and head.lemma_.lower() in cue("report") | cue("saying") and not any(
            ch.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for ch in verb.children):
        return head
    return None


CLAUSE_VERBS_KEY = "eventwire.events.clause_verbs"  # token index -> the verb of its clause


def beyond_a_semicolon(clause: Token) -> bool:
    """"Poland expels Hungarian diplomat; Budapest vows response": a clause the parser hangs on a
    verb across a semicolon is a sentence of its own, not that verb's content."""
    head = clause.head
    if clause.dep_ not in ("ccomp", "conj", "parataxis") or head.i == clause.i:
        return False
    low, high = sorted((clause.i, head.i))
    return any(t.text == ";" for t in clause.doc[low:high])


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds the trigger (the trigger itself when it is a verb); found once
    per document and token (the events stage asks about 150 times per article)."""
    verbs = token.doc.user_data.get(CLAUSE_VERBS_KEY)
    if verbs is None:
        verbs = token.doc.user_data[CLAUSE_VERBS_KEY] = {}
    verb = verbs.get(token.i)
    if verb is None:
        verb = verbs[token.i] = _clause_verb(token)
    return verb


def _clause_verb(token: Token) -> Token:
    node = token
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        if node.pos_ == "ADJ" and node.dep_ != "amod":
            return node
        node = node.head
    return node
