"""The candidate record every events module works on (a trigger and what the stage learns about
its event), and where a trigger sits: its sentence and the verb of its clause."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.extract.lexicon.events import Sense, agent_nouns, cue, trigger_senses
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


NAME_GIVEN = "name given"  # the word of a name given ("called Orozco a predator"): an act of its own kind
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
            ch.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for ch in verb.children
    ) and not _opened_by_a_conjunction(verb):
        return head
    if verb.dep_ == "conj" and head.dep_ == "ccomp" and _beside_what_was_said(verb, head):
        return head.head  # "said the arrests were arbitrary and criticised the police"
    return None


def _opened_by_a_conjunction(verb: Token) -> bool:
    """"The governor said, while Russian shelling of the city wounded six people": a clause opened by
    a subordinating conjunction has a subject of its own (which the parser may hang below the verb
    as a clause), so it is no act of the speaker's."""
    opening = verb.left_edge
    return opening.i < verb.i and opening.dep_ == "mark"


def _beside_what_was_said(verb: Token, clause: Token) -> bool:
    """A verb with no subject hung on the clause of what someone said (or denied) is the speaker's
    when it cannot share that clause: it drops the clause's "would", or it is an act of saying
    beside a clause whose subject is a thing, "no one", or undergoes it."""
    if clause.head.lemma_.lower() not in TELLING_KINDS or any(
            ch.dep_ in ("nsubj", "nsubjpass", "expl") for ch in verb.children):
        return False
    if _beside_a_modal(verb, clause):
        return True
    subject = next((ch for ch in clause.children if ch.dep_ == "nsubj"), None)
    return _a_speech_act(verb) and (_undergoes(clause) or _a_thing_or_no_one(subject))


TELLING_KINDS = cue("report") | cue("saying") | cue("denial")  # "said ...", "denied that ..."
SOMEONE_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
NO_ONE = frozenset({"no", "nobody", "none"})
GROUP_WORDS = frozenset({"group", "movement", "organisation", "organization", "party", "alliance", "coalition"})
CLAUSE_MODALS = frozenset({"would", "will", "could", "can", "may", "might", "should", "must", "shall"})
OWNER_PRONOUNS = frozenset({"its", "their", "our"})
# acts done by saying (with SANCTION, the acts the story's place does not locate: anchoring.SPOKEN_TYPES)
SPEECH_ACT_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "AGREE", "CONCEDE"})


def _beside_a_modal(verb: Token, clause: Token) -> bool:
    """"Said the army would continue operations and rejected any return to talks": a past tense
    cannot share the clause's "would", so it is told beside the verb of saying."""
    return verb.tag_ == "VBD" and any(ch.dep_ == "aux" and ch.lower_ in CLAUSE_MODALS for ch in clause.children)


def _a_speech_act(verb: Token) -> bool:
    """"Accused", "urged", "criticised": an act done by saying, which a thing or a sufferer does not
    do ("a roadside bombing killed one soldier and wounded two others, the military said": the
    bombing wounded them)."""
    lemma, after = verb.lemma_.lower(), verb.nbor(1).lower_ if verb.i + 1 < len(verb.doc) else ""
    senses = trigger_senses().get(f"{lemma} {after}") or trigger_senses().get(lemma, ())  # "called for"
    return any(sense.type in SPEECH_ACT_TYPES for sense in senses) and not any(
        sense.type == "ASSAULT" for sense in senses)


def _undergoes(clause: Token) -> bool:
    """"Said at least 20 demonstrators were hurt ... and accused police", "denied that the group's
    fighters were involved and accused the army", "said its forces had struck ... and denied": a
    clause whose subject undergoes it (a passive) or belongs to the speaker ("its forces") tells
    what the speaker says; the act beside it is the speaker's."""
    if any(ch.dep_ in ("nsubjpass", "auxpass") for ch in clause.children):
        return True
    subject = next((ch for ch in clause.children if ch.dep_ == "nsubj"), None)
    return subject is not None and any(ch.dep_ == "poss" and ch.lower_ in OWNER_PRONOUNS for ch in subject.children)


def _a_thing_or_no_one(subject: Token | None) -> bool:
    """Whether a clause's subject could not do an act told beside it: a thing ("the arrests were
    arbitrary") or "no one"; not a name, a pronoun, a number ("one of the men"), a word for people
    or a group ("the man was detained and denied the charges")."""
    if subject is None:
        return False
    if subject.lower_ in NO_ONE or any(ch.lower_ in NO_ONE for ch in subject.children):
        return True
    lemma = subject.lemma_.lower()
    return subject.pos_ == "NOUN" and subject.ent_type_ not in SOMEONE_ENTS and not (
        lemma in GROUP_WORDS or lemma in agent_nouns() or lemma in cue("person") | cue("civilian") | cue("perpetrator"))


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
