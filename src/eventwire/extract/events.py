"""Events stage: who did what to whom, typed with PLOVER, from the dependency parse.

Triggers (verbs, event nouns, a few adjectives such as "willing") come from
``lexicon/event_triggers.tsv``: single words are looked up by lemma hash on the document's
arrays, phrases with one spaCy Matcher. Each trigger then goes through the same steps:

1. filter: words that are events only with a content ("refused to meet", not "refused to comment")
   and anaphoric mentions ("that strike") are dropped;
2. absorb: an expression of intent, request, refusal or threat takes the event it governs as
   its content ("agreed to hold talks" is one AGREE event, "vowed to retaliate" one THREATEN);
3. merge: two triggers of one event in one clause ("a strike that killed five", "people were
   killed when jets bombed ...") become one event;
4. roles from the tree: subject / passive agent / possessor / light-verb subject is the actor,
   object / passive subject / "on, against, with, of" object the recipient, following
   coordination, relative clauses and control; a trigger inside reported speech takes the
   speaker as ``reported_by`` and its actor only from inside the content;
5. modality, date and place by level (clause, sentence, paragraph, article, publication),
   casualties from the casualties stage, and mentions of one event within the article merged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from eventwire.extract.codes import QUAD_BY_TYPE, derive_codes
from eventwire.extract.context import Context
from eventwire.extract.numbers import word_value
from eventwire.extract.timex import filing_spans, in_filing_stamp
from eventwire.model import Actor, Casualty, Count, Event, Evidence, Place, Quote, TimeExpr, content_hash
from eventwire.nlp import doc_text

# --- lexicons ---------------------------------------------------------------------------------

POS_CLASSES: dict[str, frozenset[str]] = {
    "V": frozenset({"VERB"}),
    "N": frozenset({"NOUN", "PROPN"}),
    "J": frozenset({"ADJ"}),
    "A": frozenset({"VERB", "NOUN", "PROPN", "ADJ"}),
}


@dataclass(frozen=True, slots=True)
class Sense:
    """One meaning of a trigger word, as read from the lexicon."""

    pattern: str
    pos: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    absorb: bool
    polar: bool
    need: bool
    weak: bool
    weight: float


def _lexicon_rows(name: str) -> list[list[str]]:
    text = resources.files("eventwire.extract.lexicon").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def trigger_senses() -> dict[str, tuple[Sense, ...]]:
    """Senses by pattern (lemmas joined by spaces)."""
    senses: dict[str, list[Sense]] = {}
    for pattern, pos, type_, mode, contexts, flags, weight in _lexicon_rows("event_triggers.tsv"):
        flag_set = {f.strip() for f in flags.split(",") if f.strip()}
        sense = Sense(
            pattern=pattern,
            pos=pos,
            type=type_,
            mode=mode or None,
            contexts=tuple(c for c in contexts.split(";") if c),
            absorb="absorb" in flag_set,
            polar="polar" in flag_set,
            need="need" in flag_set,
            weak="weak" in flag_set,
            weight=float(weight),
        )
        senses.setdefault(pattern, []).append(sense)
    return {k: tuple(v) for k, v in senses.items()}


@cache
def cues() -> dict[str, frozenset[str]]:
    """Cue words by kind (light, report, negation, future, hypothetical, ...)."""
    by_kind: dict[str, set[str]] = {}
    for word, kind in _lexicon_rows("event_cues.tsv"):
        by_kind.setdefault(kind.strip(), set()).add(word.strip())
    return {k: frozenset(v) for k, v in by_kind.items()}


def cue(kind: str) -> frozenset[str]:
    return cues().get(kind, frozenset())


@cache
def context_keywords() -> dict[str, str]:
    return {word: context for word, context in _lexicon_rows("event_contexts.tsv")}


@dataclass(slots=True)
class WordIndex:
    """What the stage looks up in a document, built once per vocabulary: single-word triggers
    by lemma and lower-case hash (looked up on arrays, no Python loop over tokens), and one
    Matcher for the multi-word triggers."""

    by_hash: dict[int, str]
    hashes: np.ndarray
    phrases: Matcher
    cue_hashes: dict[str, np.ndarray]


_INDEXES: dict[int, WordIndex] = {}
CUE_KINDS_LOOKED_UP = ("obligation", "hostile")


def word_index(vocab: Vocab) -> WordIndex:
    index = _INDEXES.get(id(vocab))
    if index is None:
        by_hash: dict[int, str] = {}
        phrases = Matcher(vocab)
        for pattern in trigger_senses():
            words = pattern.split()
            if len(words) == 1:
                by_hash[vocab.strings.add(pattern)] = pattern
            else:
                phrases.add(pattern, [[{"LEMMA": w} for w in words]])
        cue_hashes = {
            kind: np.array([vocab.strings.add(w.split()[0]) for w in cue(kind)], dtype=np.uint64)
            for kind in CUE_KINDS_LOOKED_UP
        }
        index = WordIndex(by_hash, np.array(list(by_hash), dtype=np.uint64), phrases, cue_hashes)
        _INDEXES[id(vocab)] = index
    return index


def _trigger_hits(doc: Doc) -> Iterator[tuple[str, int, int]]:
    """(pattern, start, end) of every trigger word or phrase in the document."""
    if len(doc) == 0:
        return
    index = word_index(doc.vocab)
    arr = doc.to_array([LEMMA, LOWER])
    found = np.isin(arr[:, 0], index.hashes) | np.isin(arr[:, 1], index.hashes)
    for i in np.flatnonzero(found):
        pattern = index.by_hash.get(int(arr[i, 0])) or index.by_hash[int(arr[i, 1])]
        yield pattern, int(i), int(i) + 1
    for match_id, start, end in index.phrases(doc):
        yield doc.vocab.strings[match_id], start, end


def cue_positions(doc: Doc, kind: str) -> list[int]:
    """Token indices whose lower-case form (or first word, for phrases) is a cue of this kind."""
    if len(doc) == 0:
        return []
    hashes = word_index(doc.vocab).cue_hashes[kind]
    lower = doc.to_array([LOWER])
    return [int(i) for i in np.flatnonzero(np.isin(lower, hashes))]


SENTENCE_BOUNDS_KEY = "eventwire.events.sentence_bounds"


def sentence_of(token: Token) -> Span:
    """The sentence of a token. Token.sent walks the whole document on every call, so the
    sentence bounds are computed once per document and kept in its ``user_data``."""
    doc = token.doc
    bounds = doc.user_data.get(SENTENCE_BOUNDS_KEY)
    if bounds is None:
        sentences = list(doc.sents)
        bounds = ([s.start for s in sentences], [s.end for s in sentences])
        doc.user_data[SENTENCE_BOUNDS_KEY] = bounds
    starts, ends = bounds
    position = max(bisect_right(starts, token.i) - 1, 0)
    return doc[starts[position] : ends[position]]


# --- candidates -------------------------------------------------------------------------------

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
RECIPIENT_PREPS = frozenset(
    {"against", "on", "upon", "with", "to", "at", "into", "toward", "towards", "targeting", "of", "for"}
)
NOMINAL_RECIPIENT_PREPS = frozenset({"against", "on", "upon", "with", "to", "of", "at", "toward", "towards"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom", "whose"})
DEMONSTRATIVES = frozenset({"that", "this", "these", "those", "such"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})
COMPLEMENT_DEPS = frozenset(
    {"xcomp", "ccomp", "dobj", "obj", "pobj", "prep", "acl", "attr", "oprd", "pcomp", "advcl", "relcl", "compound"}
)
CLAUSE_CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "acomp"})
AUX_DEPS = frozenset({"aux", "auxpass"})
COOPERATIVE_TYPES = frozenset(t for t, q in QUAD_BY_TYPE.items() if q.endswith("cooperation"))
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


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
    weapon_token: Token | None = None
    confidence: float = 0.5

    @property
    def tokens(self) -> list[Token]:
        return [self.token, *(m.token for m in self.merged)]


def _matched_candidates(doc: Doc) -> list[Candidate]:
    """Trigger words in the document: the longest pattern wins where patterns overlap."""
    senses = trigger_senses()
    best: dict[int, tuple[int, Candidate]] = {}
    for pattern, start, end in _trigger_hits(doc):
        span = doc[start:end]
        root = span.root
        sense = _sense_for(senses[pattern], root)
        if sense is None:
            continue
        length = end - start
        previous = best.get(root.i)
        if previous is not None and previous[0] >= length:
            continue
        best[root.i] = (length, Candidate(root, start, end, sense, sense.type, sense.mode, list(sense.contexts)))
    # a longer pattern covering another trigger's word replaces it
    covered = {i for length, c in best.values() if length > 1 for i in range(c.start, c.end) if i != c.token.i}
    return [c for i, (_, c) in sorted(best.items()) if i not in covered]


NAME_ENTS = frozenset({"ORG", "PERSON", "GPE", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "NORP", "LOC"})
NEGATING_PREFIXES = frozenset({"anti", "non", "counter", "post", "pre"})


def _sense_for(options: Sequence[Sense], token: Token) -> Sense | None:
    if token.dep_ == "amod" and token.pos_ == "VERB":
        return None  # "alleged", "sanctioned oil", "designated terrorist organizations"
    if token.ent_type_ in NOT_ARGUMENT_ENTS or token.ent_type_ in NAME_ENTS:
        return None  # "March" the month, "Amnesty International" the organization
    if token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ in NEGATING_PREFIXES:
        return None  # "anti-riot police", "counter-attack" is handled as its own word
    fitting = [s for s in options if token.pos_ in POS_CLASSES[s.pos]]
    return max(fitting, key=lambda s: s.weight) if fitting else None


def _has_content(token: Token, candidates_at: dict[int, Candidate], type_: str = "") -> bool:
    """Whether a 'need' trigger governs an event or a content noun (not a verb of speaking);
    a request may ask for any act ("asked Beijing to use its influence")."""
    speech, content = cue("speech"), cue("content")
    if type_ == "REQUEST" and any(
        ch.dep_ == "xcomp" and ch.pos_ == "VERB" and ch.lemma_.lower() not in speech for ch in token.children
    ):
        return True
    if any(ch.dep_ == "xcomp" and ch.lemma_.lower() in speech for ch in token.children):
        # "refused to respond to a demand" is a rejection, "declined to comment on it" is not
        return any(
            t.lemma_.lower() in content and t.pos_ in ("NOUN", "PROPN") for t in _complement_tokens(token, depth=4)
        )
    for child in _complement_tokens(token, depth=3):
        if child.i in candidates_at:
            return child.lemma_.lower() not in speech
        lemma = child.lemma_.lower()
        if child.pos_ in ("NOUN", "PROPN") and lemma in content:
            return True
    return False


def _complement_tokens(token: Token, depth: int) -> Iterable[Token]:
    """Tokens the trigger governs as its content (breadth first, a few levels down)."""
    frontier = [token]
    for _ in range(depth):
        next_frontier: list[Token] = []
        for node in frontier:
            for child in node.children:
                if child.dep_ in COMPLEMENT_DEPS:
                    yield child
                    next_frontier.append(child)
        frontier = next_frontier


def _is_anaphoric(token: Token) -> bool:
    """'that strike', 'the same attack': a mention of an event already told."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(
        (c.dep_ == "det" and c.lower_ in DEMONSTRATIVES) or (c.dep_ == "amod" and c.lower_ == "same")
        for c in token.children
    )


LABOUR_STRIKE = Sense("strike", "N", "PROTEST", "boycott", (), False, False, False, False, 0.75)
JOINT_ACTION = Sense("joint", "N", "COOPERATE", None, ("military",), False, False, False, False, 0.75)
COMPLAINT = Sense("protest", "N", "ACCUSE", "allege", ("diplomatic",), False, False, False, False, 0.75)
MILITARY_WORDS = frozenset({"air", "missile", "drone", "kinetic", "military", "airstrike", "bomb", "rocket"})


def _retype(c: Candidate) -> None:
    """Senses that depend on the company a word keeps: a workers' strike, a lodged protest."""
    lemma = c.token.lemma_.lower()
    if lemma == "strike" and c.token.pos_ in ("NOUN", "PROPN") and c.type == "ASSAULT":
        words = {t.lemma_.lower() for t in sentence_of(c.token)}
        if words & cue("labour") and not words & MILITARY_WORDS:
            c.sense, c.type, c.mode = LABOUR_STRIKE, "PROTEST", "boycott"
    elif lemma == "protest" and c.token.pos_ == "NOUN" and c.token.head.lemma_.lower() in cue("complaint"):
        c.sense, c.type, c.mode = COMPLAINT, "ACCUSE", "allege"
    elif c.type in ("MOBILIZE", "ASSAULT") and any(
        ch.dep_ == "amod" and ch.lower_ == "joint" for ch in c.token.children
    ):
        c.sense, c.type, c.mode = JOINT_ACTION, "COOPERATE", None  # "joint naval patrols", "joint operation"


def _filter(candidates: list[Candidate]) -> list[Candidate]:
    for c in candidates:
        _retype(c)
    fresh = [c for c in candidates if not _is_anaphoric(c.token)]
    at = {c.token.i: c for c in fresh}
    return [c for c in fresh if not c.sense.need or _has_content(c.token, at, c.type)]


TOPIC_PREPS = frozenset({"about", "on", "regarding", "over", "concerning", "for", "of"})


def _absorb_topics(candidates: list[Candidate]) -> list[Candidate]:
    """'talks on a trade agreement', 'discussing an accord': the noun is what the talks are about."""
    at = {c.token.i: c for c in candidates}
    gone: set[int] = set()
    for c in candidates:
        if c.type != "CONSULT" or c.token.i in gone:
            continue
        for node in _complement_tokens(c.token, depth=3):
            inner = at.get(node.i)
            if inner is None or inner is c or node.pos_ not in ("NOUN", "PROPN"):
                continue
            via_prep = node.dep_ == "pobj" and node.head.lower_ in TOPIC_PREPS
            if via_prep or (node.dep_ in ("dobj", "obj") and node.head.i == c.token.i):
                c.contexts.extend(x for x in inner.contexts if x not in c.contexts)
                gone.add(node.i)
    return [c for c in candidates if c.token.i not in gone]


# --- absorbing contents and merging mentions --------------------------------------------------


def _absorb(candidates: list[Candidate]) -> list[Candidate]:
    """Fold the events that an intent/request/refusal/threat governs into it."""
    at = {c.token.i: c for c in candidates}
    absorbed: set[int] = set()
    for outer in candidates:
        if not outer.sense.absorb or outer.token.i in absorbed:
            continue
        for node in _complement_tokens(outer.token, depth=4):
            inner = at.get(node.i)
            if inner is None or inner is outer or node.i in absorbed:
                continue
            if _path_crosses_absorber(node, outer.token, at):
                continue
            outer.absorbed.append(inner)
            absorbed.add(node.i)
        if outer.absorbed:
            _adapt_to_content(outer)
    return [c for c in candidates if c.token.i not in absorbed]


def _path_crosses_absorber(node: Token, outer: Token, at: dict[int, Candidate]) -> bool:
    head = node.head
    while head.i != outer.i and head.i != head.head.i:
        between = at.get(head.i)
        if between is not None and between.sense.absorb:
            return True
        head = head.head
    return False


def _adapt_to_content(outer: Candidate) -> None:
    """Type and mode of an intent, request or refusal from what it is about."""
    inner = outer.absorbed[0]
    inner_types = [inner.type, *(m.type for m in inner.merged)]
    if outer.sense.polar:
        outer.type = "AGREE" if inner.type in COOPERATIVE_TYPES else "THREATEN"
    if outer.type in ("REQUEST", "REJECT", "THREATEN") and outer.mode is None:
        outer.mode = MODE_OF_CONTENT.get((outer.type, inner_types[0]))
    for a in outer.absorbed:
        outer.contexts.extend(x for x in a.contexts if x not in outer.contexts)


MODE_OF_CONTENT: dict[tuple[str, str], str] = {
    ("REQUEST", "CONSULT"): "meet",
    ("REQUEST", "AGREE"): "meet",
    ("REQUEST", "AID"): "assist",
    ("REQUEST", "COOPERATE"): "assist",
    ("REQUEST", "SUPPORT"): "assist",
    ("REQUEST", "RETREAT"): "yield",
    ("REQUEST", "CONCEDE"): "change",
    ("REJECT", "CONSULT"): "meet",
    ("REJECT", "AGREE"): "meet",
    ("REJECT", "AID"): "assist",
    ("REJECT", "COOPERATE"): "assist",
    ("REJECT", "RETREAT"): "yield",
    ("REJECT", "CONCEDE"): "change",
    ("THREATEN", "ASSAULT"): "violence",
    ("THREATEN", "SANCTION"): "relations",
    ("THREATEN", "COERCE"): "restrict",
    ("THREATEN", "MOBILIZE"): "violence",
    ("THREATEN", "PROTEST"): "relations",
}

MERGE_DEPS = frozenset(
    {"nsubj", "nsubjpass", "relcl", "acl", "dobj", "pobj", "prep", "agent", "advcl", "xcomp", "pcomp", "compound"}
)


def _merge_same_event(candidates: list[Candidate]) -> list[Candidate]:
    """Two triggers of the same type linked by subordination (not coordination) are one event."""
    at = {c.token.i: c for c in candidates}
    gone: set[int] = set()
    for c in candidates:
        if c.token.i in gone:
            continue
        for other in _linked(c.token, at, hops=3):
            o = at[other.i]
            if o.token.i in gone or o.type != c.type or o is c:
                continue
            keeper, dropped = _keeper(c, o)
            keeper.merged.append(dropped)
            gone.add(dropped.token.i)
            if keeper is not c:
                break
    return [c for c in candidates if c.token.i not in gone]


def _linked(token: Token, at: dict[int, Candidate], hops: int) -> list[Token]:
    """Trigger tokens reachable through subordinating edges (either direction)."""
    found: list[Token] = []
    seen = {token.i}
    frontier = [token]
    for _ in range(hops):
        nxt: list[Token] = []
        for node in frontier:
            neighbours = [ch for ch in node.children if ch.dep_ in MERGE_DEPS]
            if node.dep_ in MERGE_DEPS and node.head.i != node.i:
                neighbours.append(node.head)
            for n in neighbours:
                if n.i in seen or n.lemma_.lower() in cue("report"):
                    continue
                seen.add(n.i)
                nxt.append(n)
                if n.i in at:
                    found.append(n)
        frontier = nxt
    return found


def _keeper(a: Candidate, b: Candidate) -> tuple[Candidate, Candidate]:
    """The mention that names the event best: a noun over a weak verb, else the stronger word."""

    def rank(c: Candidate) -> tuple[float, int]:
        noun_bonus = 0.1 if c.token.pos_ in ("NOUN", "PROPN") else 0.0
        return (c.sense.weight - (0.3 if c.sense.weak else 0.0) + noun_bonus, -c.token.i)

    return (a, b) if rank(a) >= rank(b) else (b, a)


def _drop_light_triggers(candidates: list[Candidate]) -> list[Candidate]:
    """'imposed sanctions', 'signed an agreement': the noun is the event, the verb only carries it."""
    at = {c.token.i: c for c in candidates}
    light = cue("light")
    gone: set[int] = set()
    for c in candidates:
        if c.token.pos_ != "VERB" or c.token.lemma_.lower() not in light or c.sense.absorb:
            continue
        if any(ch.dep_ in ("dobj", "obj") and ch.i in at for ch in c.token.children):
            gone.add(c.token.i)
    return [c for c in candidates if c.token.i not in gone]


ACCUSATION_SENSE = Sense("", "V", "ACCUSE", "allege", (), False, False, False, True, 0.6)


def _hostile_words(doc: Doc) -> list[Token]:
    """Tokens that name a hostile aim ('regime change', 'coup', 'meddling')."""
    hostile = cue("hostile")
    found: list[Token] = []
    for i in cue_positions(doc, "hostile"):
        t = doc[i]
        lemma = t.lemma_.lower()
        if lemma in hostile or (t.i + 1 < len(doc) and f"{lemma} {doc[t.i + 1].lemma_.lower()}" in hostile):
            found.append(t)
    return found


def _accusations_in_speech(doc: Doc, candidates: Sequence[Candidate]) -> list[Candidate]:
    """'asserting that the U.S. has been seeking a regime change': the speaker accuses the
    content's subject, though no accusation verb is used."""
    report = cue("report")
    taken = {t.i for c in candidates for t in c.tokens}
    made: list[Candidate] = []
    for word in _hostile_words(doc):
        node = word
        for _ in range(6):
            head = node.head
            if head.i == node.i:
                break
            if head.lemma_.lower() in report and node.dep_ == "ccomp":
                accused = next((ch for ch in node.children if ch.dep_ in SUBJECT_DEPS), None)
                speaker = _subject(head)
                if accused is not None and speaker is not None and head.i not in taken:
                    c = Candidate(head, head.i, head.i + 1, ACCUSATION_SENSE, "ACCUSE", "allege", [])
                    c.actor_token, c.recipient_token, c.fixed_roles = speaker, accused, True
                    made.append(c)
                    taken.add(head.i)
                break
            node = head
    return made


DEMAND_SENSE = Sense("must", "V", "REQUEST", None, (), False, False, False, False, 0.6)


def _demands_in_speech(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """'X said that Y must do Z': X demands Z of Y (PLOVER REQUEST), whatever Z is."""
    saying = cue("report") | cue("saying")
    obligation = cue("obligation")
    at = {t.i: c for c in candidates for t in c.tokens}
    out = list(candidates)
    for i in cue_positions(doc, "obligation"):
        token = doc[i]
        if token.lower_ not in obligation or token.dep_ != "aux":
            continue
        content = token.head
        if content.dep_ not in ("ccomp", "acl") or content.head.lemma_.lower() not in saying:
            continue
        speaker = _subject(content.head)
        obliged = next((ch for ch in content.children if ch.dep_ in SUBJECT_DEPS), None)
        if speaker is None or content.i in at and at[content.i].type == "REQUEST":
            continue
        demand = Candidate(content, content.i, content.i + 1, DEMAND_SENSE, "REQUEST", None, [])
        inner = [c for c in out if content.left_edge.i <= c.token.i <= content.right_edge.i]
        demand.absorbed = inner
        if inner:
            demand.mode = MODE_OF_CONTENT.get(("REQUEST", inner[0].type))
            for c in inner:
                demand.contexts.extend(x for x in c.contexts if x not in demand.contexts)
        demand.actor_token, demand.recipient_token, demand.fixed_roles = speaker, obliged, True
        out = [c for c in out if c not in inner]
        out.append(demand)
    return out


# --- roles ------------------------------------------------------------------------------------


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, following control, coordination and relative clauses."""
    node = verb
    for _ in range(6):
        for child in node.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
                    return node.head
                return child
        if node.dep_ == "acl" and node.tag_ == "VBG":
            return node.head
        if node.dep_ not in CLAUSE_CLIMB_DEPS or node.head.i == node.i:
            return None
        if node.dep_ == "xcomp" and _object_controller(node.head) is not None:
            return _object_controller(node.head)
        node = node.head
    return None


def _object_controller(verb: Token) -> Token | None:
    """'urged Iran to ...': the object controls the infinitive."""
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            return child
    return None


def _passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    return [
        grand
        for child in token.children
        if child.dep_ == "prep" and child.lower_ in preps
        for grand in child.children
        if grand.dep_ in ("pobj", "pcomp")
    ]


def _prep_object(token: Token, preps: frozenset[str]) -> Token | None:
    found = _prep_objects(token, preps)
    return found[0] if found else None


AGENTIVE_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _is_agentive(token: Token) -> bool:
    """A word for someone who can be acted on (a state, group or person), not a thing."""
    lemma = token.lemma_.lower()
    return (
        token.ent_type_ in AGENTIVE_ENTS
        or token.pos_ == "PROPN"
        or lemma in cue("person")
        or lemma in GOVERNMENT_NOUNS
        or token.lower_ in SPEAKER_PRONOUNS | {"him", "her", "them", "us"}
    )


def _recipient_among(objects: Sequence[Token | None]) -> Token | None:
    """Who is acted on: the first agentive candidate, else the first candidate at all
    ('sent arms to Pakistan': Pakistan; 'seized two ships': the ships)."""
    usable = (_usable_argument(t) for t in objects)
    present = [t for t in usable if t is not None]
    return next((t for t in present if _is_agentive(t)), present[0] if present else None)


def _verbal_roles(token: Token) -> tuple[Token | None, Token | None]:
    passive_subject = next((c for c in token.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
    if passive_subject is not None or token.tag_ == "VBN" and token.dep_ == "acl":
        actor = _passive_agent(token)
        if passive_subject is not None and passive_subject.lower_ in RELATIVE_PRONOUNS:
            passive_subject = token.head if token.dep_ == "relcl" else passive_subject
        recipient = passive_subject if passive_subject is not None else token.head
        return actor, recipient
    dative = next((c for c in token.children if c.dep_ == "dative"), None)
    obj = next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)
    return _subject(token), _recipient_among([dative, obj, *_prep_objects(token, RECIPIENT_PREPS)])


OF_IS_ACTOR_TYPES = frozenset({"MOBILIZE", "RETREAT", "CONSULT", "PROTEST"})


def _nominal_roles(token: Token, type_: str = "") -> tuple[Token | None, Token | None]:
    actor: Token | None = None
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            actor = child
            break
    if actor is None:
        actor = _prep_object(token, frozenset({"by"}))
    if actor is None:
        actor = next(
            (
                c
                for c in token.children
                if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ACTOR_LABELS and c.i < token.i
            ),
            None,
        )
    carrier = _light_verb(token)
    if actor is None and carrier is not None:
        passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in carrier.children)
        actor = _passive_agent(carrier) if passive else _subject(carrier)
    if actor is None:
        actor = next((c for c in token.children if c.dep_ == "poss"), None)
    preps = NOMINAL_RECIPIENT_PREPS
    of_object = _prep_object(token, frozenset({"of"}))
    if actor is None and of_object is not None and type_ in OF_IS_ACTOR_TYPES:
        actor = of_object  # "the deployment of NATO troops", "a visit of the minister"
        preps = NOMINAL_RECIPIENT_PREPS - {"of"}
    objects: list[Token | None] = list(_prep_objects(token, preps))
    if carrier is not None:
        # "gave Tanzania a grant", "imposed sanctions on Iran"
        objects += [c for c in carrier.children if c.dep_ == "dative"] + _prep_objects(carrier, preps)
    return actor, _recipient_among(objects)


def _light_verb(noun: Token) -> Token | None:
    """'Rebels launched an attack', 'joined a rally in ...': the verb that carries a noun event."""
    head = noun.head
    if noun.dep_ == "compound" and head.pos_ in ("NOUN", "PROPN"):
        return _light_verb(head)  # "launched a mediation effort"
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        if head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN"):
            return _light_verb(head.head)  # "gave 5 million dollars of aid", "began days of talks"
        head = head.head
    elif noun.dep_ not in ("dobj", "obj", "attr", "conj", "nsubjpass"):
        return None
    if noun.dep_ == "conj":
        return _light_verb(head) if head.pos_ in ("NOUN", "PROPN") else None
    if head.pos_ != "VERB" or head.lemma_.lower() not in cue("light"):
        return None
    return head


def _assign_roles(c: Candidate, other_triggers: frozenset[int] = frozenset()) -> None:
    if c.fixed_roles:
        return
    token = c.token
    if token.pos_ == "VERB" or (token.pos_ == "ADJ" and token.dep_ != "amod"):
        actor, recipient = _verbal_roles(token)
    else:
        actor, recipient = _nominal_roles(token, c.type)
    for m in c.merged:
        m_actor, m_recipient = _verbal_roles(m.token) if m.token.pos_ == "VERB" else _nominal_roles(m.token, m.type)
        if actor is None or _is_event_word(actor, c):
            actor = m_actor
        if recipient is None or _is_event_word(recipient, c):
            recipient = m_recipient
    if actor is not None and _is_event_word(actor, c):
        actor = None
    if recipient is not None and _is_event_word(recipient, c):
        recipient = None
    for inner in c.absorbed:
        if recipient is None:
            inner_actor, inner_recipient = _inner_roles(inner)
            if inner_recipient is not None:
                recipient = inner_recipient
            elif inner_actor is not None and (actor is None or inner_actor.i != actor.i):
                recipient = inner_actor
    if c.type == "ASSAULT" and recipient is not None and _is_victim_count(recipient):
        recipient = _physical_target(c) or recipient
    if actor is None and token.pos_ in ("NOUN", "PROPN"):
        actor = _demonstrative_antecedent(token)
        c.actor_by_anaphora = actor is not None
    if actor is not None and actor.i in other_triggers:
        actor = None  # "the blockade has cut exports": an event, not an actor, did it
    if actor is not None and actor.lemma_.lower() in cue("weapon"):
        c.weapon_token, actor = actor, None  # "killed by a roadside bomb"
    c.actor_token, c.recipient_token = _usable_argument(actor), _usable_argument(recipient)


DEMONSTRATIVE_SUBJECTS = frozenset({"this", "that", "it"})


def _main_subject(sentence: Span) -> Token | None:
    """The subject of a sentence's main clause, or of the content of its verb of saying."""
    report = cue("report") | cue("saying")
    root = sentence.root
    subject = next((ch for ch in root.children if ch.dep_ in SUBJECT_DEPS), None)
    for clause in root.subtree:
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in report:
            inner = next((ch for ch in clause.children if ch.dep_ in SUBJECT_DEPS), None)
            if inner is not None:
                subject = inner
    return subject


def _demonstrative_antecedent(noun: Token) -> Token | None:
    """'The U.S. is seeking regime change ... This has been part of a campaign which included
    a military deployment': an event named in a sentence about 'this' belongs to whoever acted
    in the sentence before (the subject of its main or reported clause)."""
    sentence = sentence_of(noun)
    subject = _main_subject(sentence)
    if subject is None or subject.lower_ not in DEMONSTRATIVE_SUBJECTS or sentence.start == 0:
        return None
    previous = _main_subject(sentence_of(noun.doc[sentence.start - 1]))
    if previous is None or previous.pos_ == "PRON" or previous.lower_ in RELATIVE_PRONOUNS:
        return None
    return previous


TARGET_PREPS = frozenset({"aboard", "on", "onboard", "in", "inside", "at"})
PLACE_ENTS = frozenset({"GPE", "LOC", "DATE", "TIME", "FAC"})


def _is_victim_count(token: Token) -> bool:
    """'five people', 'three soldiers': the victims, whose count goes to fatalities."""
    return token.lemma_.lower() in cue("person") and any(ch.dep_ == "nummod" for ch in token.children)


def _physical_target(c: Candidate) -> Token | None:
    """'killed five people aboard two vessels': the vessels are what was attacked."""
    for t in c.tokens:
        target = _prep_object(t, TARGET_PREPS)
        if target is not None and target.ent_type_ not in PLACE_ENTS and target.lemma_.lower() not in cue("person"):
            return target
    return None


def _inner_roles(inner: Candidate) -> tuple[Token | None, Token | None]:
    token = inner.token
    if token.pos_ == "VERB":
        return _verbal_roles(token)
    return _nominal_roles(token, inner.type)


def _is_event_word(token: Token, c: Candidate) -> bool:
    return token.i in {t.i for t in c.tokens} or token.i in {a.token.i for a in c.absorbed}


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


# --- actors -----------------------------------------------------------------------------------


@dataclass(slots=True)
class ActorIndex:
    """Actor mentions of the article by character offset."""

    mentions: list[tuple[int, int, Actor]]

    @classmethod
    def build(cls, actors: Sequence[Actor]) -> ActorIndex:
        items = [(m.start, m.end, a) for a in actors for m in a.mentions]
        items.sort(key=lambda x: (x[0], -x[1]))
        return cls(items)

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

    def last_person_before(self, offset: int, floor: int) -> Actor | None:
        found: Actor | None = None
        for m_start, _m_end, actor in self.mentions:
            if m_start >= offset:
                break
            if m_start >= floor and actor.kind == "person":
                found = actor
        return found


@dataclass(slots=True)
class Argument:
    actor: Actor | None
    text: str
    start: int
    end: int


GOVERNMENT_NOUNS = frozenset({"regime", "government", "administration", "country", "nation", "state"})
THING_PRONOUNS = frozenset({"it", "its"})
NOT_ARGUMENT_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY"})


def _usable_argument(token: Token | None) -> Token | None:
    """Dates, numbers and bare times are not actors or recipients ('a rally ... on Dec. 10')."""
    if token is None:
        return None
    if token.ent_type_ in ("CARDINAL", "QUANTITY") or token.like_num:
        counted = _prep_object(token, frozenset({"of"}))  # "hundreds of civilians"
        return _usable_argument(counted) if counted is not None else None
    if token.ent_type_ in NOT_ARGUMENT_ENTS:
        return None
    if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("pcomp", "ccomp", "csubj"):
        return None
    return token


def _argument(token: Token, index: ActorIndex, keep_acl: bool = False) -> Argument:
    doc = token.doc
    start_i, end_i = argument_bounds(token, keep_acl=keep_acl)
    span = doc[start_i:end_i]
    core = doc[slice(*argument_bounds(token))] if keep_acl else span  # who is named, not described
    head_start, head_end = token.idx, token.idx + len(token.text)
    actor = index.at(core.start_char, core.end_char, head_start, head_end)
    sentence = sentence_of(token)
    sentence_start = sentence.start_char
    if actor is None and token.lower_ in PERSONAL_PRONOUNS:
        floor = sentence_of(doc[max(sentence.start - 1, 0)]).start_char
        actor = index.last_person_before(token.idx, floor)
    elif actor is None and token.lower_ in THING_PRONOUNS:
        actor = index.last_group_before(token.idx, sentence_start)
    if actor is not None and actor.kind == "person" and token.lemma_.lower() in GOVERNMENT_NOUNS:
        actor = index.state_of(actor) or actor  # "his regime": the state the person governs
    return Argument(actor, span.text, span.start_char, span.end_char)


# --- modality ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    alleged: bool = False


def _clause_verb(token: Token) -> Token:
    """The verb whose clause holds the trigger (the trigger itself when it is a verb)."""
    node = token
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        if node.pos_ == "ADJ" and node.dep_ != "amod":
            return node
        node = node.head
    return node


_NAMING_VERBS = frozenset({"call", "describe", "label", "term", "brand", "dub", "characterize", "characterise"})


def names_an_event(token: Token) -> bool:
    """"Called it an extrajudicial execution": a noun that labels something already told is no new event."""
    return token.pos_ == "NOUN" and token.dep_ in ("oprd", "attr") and token.head.lemma_.lower() in _NAMING_VERBS


def infinitive_of_noun(token: Token) -> bool:
    """"Had no right to kill", "a plan to attack": an infinitive hanging on a noun asserts nothing."""
    return (token.dep_ == "acl" and token.head.pos_ == "NOUN"
            and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in token.children))


def _modality(c: Candidate) -> Modality:
    mod = Modality()
    if c.sense is DEMAND_SENSE:
        return mod  # the demand is made; what it asks for is not the event
    token = c.token
    if infinitive_of_noun(token):
        mod.hypothetical = True
    future, hypo, alleged, negation = cue("future"), cue("hypothetical"), cue("alleged"), cue("negation")
    for child in token.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod", "preconj") and low in negation):
            mod.negated = True  # "did not attack", "no talks", "never met"
        if child.dep_ in ("amod", "advmod"):
            mod.future |= low in future
            mod.hypothetical |= low in hypo
            mod.alleged |= low in alleged
    verb = _clause_verb(token)
    chain = [verb]
    node = verb
    saying = cue("report") | cue("saying")
    while (
        node.head.i != node.i
        and len(chain) < 5
        and (
            node.dep_ in ("xcomp", "conj", "pcomp") or (node.dep_ == "ccomp" and node.head.lemma_.lower() not in saying)
        )
    ):
        node = node.head
        chain.append(node)
        if node.dep_ == "pcomp":
            node = node.head
    for position, v in enumerate(chain):
        for child in v.children:
            low = child.lower_
            if child.dep_ == "neg" and (position == 0 or v.lemma_.lower() not in cue("light")):
                mod.negated = True
            if child.dep_ in AUX_DEPS:
                if low in future or (low == "going" and position == 0):
                    mod.future = True
                elif low in hypo:
                    mod.hypothetical = True
            if child.dep_ == "advmod" and low in alleged:
                mod.alleged = True
            if child.dep_ == "mark" and low in hypo:
                mod.hypothetical = True
        if position > 0 and v.lemma_.lower() in hypo:
            mod.hypothetical = True
        if position > 0 and v.lemma_.lower() in ("fail", "refuse", "decline"):
            mod.negated = True
    if _under_conditional(verb):
        mod.hypothetical = True
    return mod


HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether"})
CONDITION_CLIMB_DEPS = frozenset(
    {"advcl", "ccomp", "xcomp", "conj", "relcl", "pcomp", "pobj", "prep", "acomp", "acl", "dobj"}
)


def _is_condition(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(
        ch.dep_ == "mark" and ch.lower_ in HYPOTHETICAL_MARKS for ch in clause.children
    )


def _under_conditional(verb: Token) -> bool:
    """Inside an 'if', 'unless' or 'whether' clause, or governed by one ('If they want oil, we are
    ready'), or under a word of wishing or planning, at any depth of the sentence."""
    hypo = cue("hypothetical")
    report = cue("report")
    node = verb
    for depth in range(7):
        if any(ch.dep_ == "mark" and ch.lower_ in HYPOTHETICAL_MARKS for ch in node.children):
            return True
        if any(_is_condition(ch) for ch in node.children):
            return True
        if depth > 0 and node.lemma_.lower() in hypo:
            return True
        if node.head.i == node.i or node.dep_ not in CONDITION_CLIMB_DEPS or node.lemma_.lower() in report:
            return False
        node = node.head
    return False


# --- reported speech --------------------------------------------------------------------------


def _report_frame(token: Token) -> tuple[Token, Token] | None:
    """The verb of saying whose content holds the trigger, and the content's top token."""
    report = cue("report")
    node = token
    for _ in range(8):
        head = node.head
        if head.i == node.i:
            return None
        if head.lemma_.lower() in report and node.dep_ in ("ccomp", "xcomp", "parataxis", "advcl"):
            return head, node
        if head.lemma_.lower() in report and node.dep_ in ("dobj", "obj") and node.i == token.i:
            return head, node
        node = head
    return None


def _quote_of(c: Candidate, quotes: Sequence[Quote]) -> Quote | None:
    """The quote whose content holds the trigger (not when the cue verb carries the event:
    in "X announced a strike" the strike is X's own act, not X's report of it)."""
    carrier = _light_verb(c.token) if c.token.pos_ in ("NOUN", "PROPN") else None
    for q in quotes:
        if carrier is not None and q.cue_start == carrier.idx:
            continue
        if q.start <= c.token.idx < q.end:
            return q
    return None


def _speaker_token(doc: Doc, quote: Quote) -> Token | None:
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
    return span.root if span is not None else None


def _apply_speech(c: Candidate, quotes: Sequence[Quote], index: ActorIndex) -> None:
    """Reported speech: the speaker is who reports the event (``reported_by``), and the actor
    may only come from inside the content, except a pronoun that stands for the speaker."""
    quote = _quote_of(c, quotes)
    speaker: Token | None
    if quote is not None:
        speaker = _speaker_token(c.token.doc, quote)
        reported_by = quote.speaker or quote.speaker_text
        content = (quote.start, quote.end)
    else:
        frame = _report_frame(c.token)
        if frame is None:
            return
        verb, top = frame
        speaker = _subject(verb) or _prep_object(verb, frozenset({"by"}))
        reported_by = None
        content = (top.left_edge.idx, top.right_edge.idx + len(top.right_edge.text))
    actor = c.actor_token
    if actor is not None and speaker is not None and actor.lower_ in SPEAKER_PRONOUNS and speaker.pos_ != "PRON":
        c.actor_token = speaker  # "Syria says it is willing to ...": the pronoun is the speaker
        return
    if reported_by is None and speaker is not None:
        arg = _argument(speaker, index)
        reported_by = arg.actor.name if arg.actor else arg.text
    c.reported_by = reported_by
    c.report_content = content


# --- dates and places -------------------------------------------------------------------------

_DATE_VALUE = re.compile(r"^\d{4}")
NEWS_PEG_DAYS = 7
HISTORICAL_DAYS = 365


@dataclass(slots=True)
class DateChoice:
    value: str
    end: str | None
    precision: str | None
    source: str
    span: tuple[int, int] | None = None  # the expression the date came from, when one did


def _usable_timexes(timexes: Sequence[TimeExpr]) -> list[TimeExpr]:
    return [
        t
        for t in timexes
        if t.type in ("DATE", "TIME") and t.value is not None and _DATE_VALUE.match(t.value) is not None
    ]


@dataclass(slots=True)
class Layout:
    """Sentences and paragraphs of the analysed text by character offset."""

    paragraph_bounds: list[tuple[int, int]]

    @classmethod
    def build(cls, text: str) -> Layout:
        bounds: list[tuple[int, int]] = []
        pos = 0
        for piece in text.split("\n"):
            if piece.strip():
                bounds.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        return cls(bounds or [(0, len(text))])

    def paragraph(self, offset: int) -> tuple[int, int]:
        for start, end in self.paragraph_bounds:
            if start <= offset <= end:
                return start, end
        return self.paragraph_bounds[-1]


def _clause_span(c: Candidate) -> tuple[int, int]:
    verb = _clause_verb(c.token)
    return verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)


def _tree_distance(token: Token, target: Token, limit: int = 8) -> int:
    """Hops from token up to target (large when target is not an ancestor)."""
    node, hops = token, 0
    while node.i != target.i and node.head.i != node.i and hops < limit:
        node, hops = node.head, hops + 1
    return hops if node.i == target.i else 100


def _nearest_in(items: Sequence[tuple[int, int]], lo: int, hi: int, anchor_char: int) -> int | None:
    """Index of the item inside [lo, hi) closest to the anchor offset."""
    best: tuple[int, int] | None = None
    for i, (s, e) in enumerate(items):
        if lo <= s and e <= hi:
            distance = abs(s - anchor_char)
            if best is None or distance < best[0]:
                best = (distance, i)
    return best[1] if best else None


def _in_clause(doc: Doc, items: Sequence[tuple[int, int]], c: Candidate, clause: tuple[int, int]) -> int | None:
    """The item inside the trigger's clause nearest to it in the tree."""
    verb = _clause_verb(c.token)
    best: tuple[int, int] | None = None
    for i, (s, e) in enumerate(items):
        if s < clause[0] or e > clause[1]:
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        hops = _tree_distance(span.root, verb)
        if best is None or hops < best[0]:
            best = (hops, i)
    return best[1] if best else None


def _locate_level(
    doc: Doc, items: Sequence[tuple[int, int]], c: Candidate, layout: Layout
) -> tuple[int | None, str | None]:
    sent = sentence_of(c.token)
    clause = _clause_span(c)
    i = _in_clause(doc, items, c, clause)
    if i is not None:
        return i, "clause"
    i = _nearest_in(items, sent.start_char, sent.end_char, c.token.idx)
    if i is not None:
        return i, "sentence"
    # earlier in the paragraph only: a later sentence's date belongs to that sentence's news
    para = layout.paragraph(c.token.idx)
    i = _nearest_in(items, para[0], sent.start_char, c.token.idx)
    if i is not None:
        return i, "paragraph"
    return None, None


def _news_peg(timexes: Sequence[TimeExpr], anchor: date | None, body_end: int) -> TimeExpr | None:
    """The article's own recent day: the first day-precise date in the body shortly before the anchor."""
    if anchor is None:
        return None
    earliest = anchor - timedelta(days=NEWS_PEG_DAYS)
    for t in timexes:
        if t.start >= body_end or t.precision != "day" or t.value is None:
            continue
        day = _parse_day(t.value)
        if day is not None and earliest <= day <= anchor:
            return t
    return None


def _parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _choose_date(
    doc: Doc, c: Candidate, timexes: list[TimeExpr], layout: Layout, ctx: Context, peg: TimeExpr | None
) -> DateChoice | None:
    i, level = _locate_level(doc, [(t.start, t.end) for t in timexes], c, layout)
    if i is not None and level is not None:
        t = timexes[i]
        value = t.begin or t.value or ""
        return DateChoice(value, t.end_value, t.precision, level, (t.start, t.end))
    if peg is not None and peg.value is not None:
        return DateChoice(peg.value, None, peg.precision, "article", (peg.start, peg.end))
    if ctx.anchor is not None:
        return DateChoice(ctx.anchor.isoformat(), None, "day", "publication")
    return None


def _choose_place(
    doc: Doc, c: Candidate, places: list[Place], layout: Layout, exclude: Sequence[tuple[int, int]]
) -> tuple[Place | None, str | None]:
    usable = [p for p in places if not any(s <= p.start and p.end <= e for s, e in exclude)]
    i, level = _locate_level(doc, [(p.start, p.end) for p in usable], c, layout)
    return (usable[i], level) if i is not None else (None, None)


# --- casualties -------------------------------------------------------------------------------

VIOLENT_TYPES = frozenset({"ASSAULT"})
MATERIAL_CONFLICT = frozenset(t for t, q in QUAD_BY_TYPE.items() if q == "material_conflict")


def _attach_casualties(
    doc: Doc, candidates: list[Candidate], casualties: Sequence[Casualty]
) -> dict[int, list[Casualty]]:
    """Casualty statements by the trigger of the violent event of their sentence (nearest trigger)."""
    attached: dict[int, list[Casualty]] = {}
    for cas in casualties:
        in_sentence = [
            c for c in candidates if c.type in VIOLENT_TYPES and cas.sentence_start <= c.token.idx < cas.sentence_end
        ]
        if not in_sentence:
            continue
        anchor = cas.trigger_start if cas.trigger_start is not None else cas.count.start or cas.sentence_start
        nearest = min(in_sentence, key=lambda c: min(abs(t.idx - anchor) for t in c.tokens))
        attached.setdefault(nearest.token.i, []).append(cas)
    return attached


def _casualty_only_candidates(doc: Doc, candidates: list[Candidate], casualties: Sequence[Casualty]) -> list[Candidate]:
    """'Three people were killed on Monday' with no trigger of ours: an ASSAULT with unknown actor."""
    made: list[Candidate] = []
    senses = trigger_senses()
    base = senses.get("kill", ())
    if not base:
        return made
    for cas in casualties:
        if cas.category not in ("killed", "injured") or cas.trigger_start is None:
            continue
        if any(cas.sentence_start <= c.token.idx < cas.sentence_end and c.type in VIOLENT_TYPES for c in candidates):
            continue
        span = doc.char_span(cas.trigger_start, cas.trigger_start + len(cas.trigger or "x"), alignment_mode="expand")
        if span is None:
            continue
        sense = base[0]
        made.append(Candidate(span.root, span.start, span.end, sense, "ASSAULT", None, []))
    return made


def _best_count(casualties: Sequence[Casualty], category: str) -> Count | None:
    counts = [c.count for c in casualties if c.category == category]
    if not counts:
        return None
    return max(counts, key=lambda k: k.best or k.low or 0)


# --- contexts, aggregates, quantities ---------------------------------------------------------


CONTEXT_POS = frozenset({"NOUN", "PROPN", "ADJ"})


def _contexts(c: Candidate) -> list[str]:
    """The trigger's own contexts, then those of the topic words in its clause."""
    keywords = context_keywords()
    found = list(c.contexts)
    verb = _clause_verb(c.token)
    for t in verb.subtree:
        if t.pos_ not in CONTEXT_POS:
            continue
        ctx_name = keywords.get(t.lemma_.lower())
        if ctx_name is not None and ctx_name not in found:
            found.append(ctx_name)
    return found


@cache
def _aggregate_phrases() -> re.Pattern[str]:
    words = sorted(cue("aggregate"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def _is_aggregate(c: Candidate) -> bool:
    """A running total: a perfect-tense event with 'since', 'so far', 'to date' in its sentence."""
    sent = sentence_of(c.token)
    if not _aggregate_phrases().search(sent.text):
        return False
    for t in [c.token, *(m.token for m in c.merged)]:
        verb = _clause_verb(t)
        perfect = any(ch.dep_ == "aux" and ch.lemma_ == "have" for ch in verb.children)
        if perfect or any(ch.lower_ in ("total", "toll") for ch in sent):
            return True
    return False


def _quantities(c: Candidate) -> dict[str, int]:
    """Counted non-victim objects of the event ('seized two ships')."""
    found: dict[str, int] = {}
    people = cue("person")
    for t in c.tokens:
        for child in t.subtree:
            if child.dep_ != "nummod" or child.head.pos_ not in ("NOUN", "PROPN"):
                continue
            if child.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT") or child.head.ent_type_ == "DATE":
                continue
            noun = child.head
            if noun.lemma_.lower() in people or noun.i == t.i:
                continue
            value = _number(child.text)
            if value is not None:
                found[noun.lower_] = value
    return found


def _number(text: str) -> int | None:
    digits = text.replace(",", "")
    return int(digits) if digits.isdigit() else word_value(text)


# --- confidence -------------------------------------------------------------------------------


def _confidence(c: Candidate, actor: Argument | None, recipient: Argument | None, mod: Modality) -> float:
    score = c.sense.weight
    if c.sense.weak:
        score -= 0.1
    if c.absorbed:
        score += 0.05
    if c.merged:
        score += 0.05
    if actor is not None:
        score += 0.1 if actor.actor is not None else 0.05
    else:
        score -= 0.1
    if recipient is not None:
        score += 0.05
    score -= 0.15 * min(_clause_depth(c.token), 3)
    if c.token.dep_ == "pobj" and _light_verb(c.token) is None:
        # an event named in an adjunct is background, all the more after "after", "since"
        score -= 0.25 if c.token.head.lower_ in BACKGROUND_PREPS else 0.1
    if mod.hypothetical or mod.negated:
        score -= 0.05
    return round(min(max(score, 0.05), 0.99), 3)


BACKGROUND_PREPS = frozenset({"after", "following", "since", "before", "amid", "despite"})
CLAUSAL_DEPS = frozenset({"advcl", "xcomp", "ccomp", "relcl", "acl", "pcomp", "csubj"})


def _clause_depth(token: Token) -> int:
    """How many clauses down from the sentence's main clause the trigger sits (reported content
    counts as the main clause: 'X said Y attacked Z' is about the attack)."""
    depth = 0
    node = token
    report = cue("report")
    for _ in range(12):
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ in CLAUSAL_DEPS and not (node.dep_ == "ccomp" and head.lemma_.lower() in report):
            depth += 1
        node = head
    return depth


# --- the stage --------------------------------------------------------------------------------


def find_candidates(doc: Doc) -> list[Candidate]:
    """Trigger candidates after filtering, absorption and merging (roles not yet assigned)."""
    candidates = _filter(_matched_candidates(doc))
    candidates = _drop_light_triggers(candidates)
    candidates = _absorb_topics(candidates)
    candidates = _absorb(candidates)
    candidates = _merge_same_event(candidates)
    candidates.extend(_accusations_in_speech(doc, candidates))
    return _demands_in_speech(doc, candidates)


def extract_events(doc: Doc, ctx: Context) -> list[Event]:
    """Events of one article, mentions of one event merged, derived codes filled."""
    candidates = find_candidates(doc)
    candidates.extend(_casualty_only_candidates(doc, candidates, ctx.casualties))
    index = ActorIndex.build(ctx.actors)
    text = doc_text(doc)  # Doc.text joins every token: read it once
    layout = Layout.build(text)
    usable = _usable_timexes(ctx.timexes)
    peg = _news_peg(usable, ctx.anchor, ctx.body_end or len(text))
    stamps = filing_spans(text)
    timexes = [t for t in usable if not in_filing_stamp(t, stamps)]  # a dateline's date is when it was filed
    casualties_by_trigger = _attach_casualties(doc, candidates, ctx.casualties)
    article_id = ctx.article.id
    events: list[Event] = []
    contents: list[str | None] = []
    back_references: list[bool] = []
    triggers = frozenset(t.i for c in candidates for t in c.tokens)
    for c in candidates:
        if publishes_media(c.token, c.type) or names_an_event(c.token):
            continue
        _assign_roles(c, triggers - {t.i for t in c.tokens})
        if not c.fixed_roles:
            _apply_speech(c, ctx.quotes, index)
        event = _build_event(doc, c, ctx, index, layout, timexes, peg, casualties_by_trigger.get(c.token.i, []))
        if event is not None:
            events.append(event)
            contents.append(c.absorbed[0].type if c.absorbed else None)
            back_references.append(refers_back(c.token))
    merged = merge_mentions(events, {a.id: a.country for a in ctx.actors}, contents, back_references)
    for event in merged:
        first = event.evidence[0]
        event.id = content_hash(article_id, event.type, str(first.start), str(first.trigger_start))
        derive_codes(event)
    return merged


def _build_event(
    doc: Doc,
    c: Candidate,
    ctx: Context,
    index: ActorIndex,
    layout: Layout,
    timexes: list[TimeExpr],
    peg: TimeExpr | None,
    casualties: list[Casualty],
) -> Event | None:
    actor = _argument(c.actor_token, index) if c.actor_token is not None else None
    if actor is not None and c.report_content is not None and not c.actor_by_anaphora:
        lo, hi = c.report_content
        if not (lo <= actor.start and actor.end <= hi):
            actor = None
    recipient = _argument(c.recipient_token, index, keep_acl=True) if c.recipient_token is not None else None
    if actor is not None and recipient is not None and actor.start == recipient.start:
        recipient = None
    mod = _modality(c)
    sent = sentence_of(c.token)
    trigger_start = doc[c.start].idx
    trigger_end = doc[c.end - 1].idx + len(doc[c.end - 1].text)
    evidence = Evidence(
        sentence=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        trigger_start=trigger_start,
        trigger_end=trigger_end,
        in_caption=bool(ctx.body_end) and sent.start_char >= ctx.body_end,
    )
    event = Event(
        type=c.type,
        trigger=doc[c.start : c.end].text,
        evidence=[evidence],
        mode=c.mode,
        contexts=_contexts(c),
    )
    _set_argument(event, actor, "actor")
    _set_argument(event, recipient, "recipient")
    event.negated, event.hypothetical, event.future = mod.negated, mod.hypothetical, mod.future
    event.reported_by = c.reported_by
    _set_date(event, doc, c, timexes, layout, ctx, peg)
    # a state acted on in talks or a demand is no location; a town attacked or occupied is one
    located = (actor, recipient) if c.type not in MATERIAL_CONFLICT else (actor,)
    exclude = [(a.start, a.end) for a in located if a is not None and a.actor is not None]
    place, level = _choose_place(doc, c, ctx.places, layout, exclude)
    if place is not None:
        _set_place(event, place, level)
    event.aggregate = _is_aggregate(c) or any(cas.aggregate for cas in casualties)
    if event.aggregate and event.date is not None and ctx.anchor is not None and event.date_end is None:
        event.date_end = ctx.anchor.isoformat()
    event.historical = event.historical or any(cas.historical for cas in casualties)
    event.fatalities = _best_count(casualties, "killed")
    event.injured = _best_count(casualties, "injured")
    event.weapon = next((cas.weapon for cas in casualties if cas.weapon), None)
    if event.weapon is None and c.weapon_token is not None:
        event.weapon = doc[slice(*argument_bounds(c.weapon_token))].text
    event.quantity = _quantities(c)
    for cas in casualties:
        if cas.category in ("arrested", "kidnapped", "displaced", "missing") and cas.count.best is not None:
            event.quantity[cas.category] = cas.count.best
    event.confidence = _confidence(c, actor, recipient, mod)
    if mod.alleged:
        event.confidence = round(event.confidence * 0.9, 3)
    return event


def _set_argument(event: Event, arg: Argument | None, role: str) -> None:
    if arg is None:
        return
    setattr(event, f"{role}_text", arg.text)
    setattr(event, f"{role}_start", arg.start)
    setattr(event, f"{role}_end", arg.end)
    if arg.actor is not None:
        setattr(event, role, arg.actor.name)
        setattr(event, f"{role}_id", arg.actor.id)


def _set_date(
    event: Event,
    doc: Doc,
    c: Candidate,
    timexes: list[TimeExpr],
    layout: Layout,
    ctx: Context,
    peg: TimeExpr | None,
) -> None:
    choice = _choose_date(doc, c, timexes, layout, ctx, peg)
    if choice is None:
        return
    event.date, event.date_end = choice.value, choice.end
    event.date_precision, event.date_source = choice.precision, choice.source
    if choice.span is not None:
        event.timex_start, event.timex_end = choice.span
    if ctx.anchor is not None and choice.source != "publication":
        last_day = _parse_day(choice.end or "") or _period_end(choice.value)
        if last_day is not None and last_day < ctx.anchor - timedelta(days=HISTORICAL_DAYS):
            event.historical = True


def _period_end(value: str) -> date | None:
    """Last day of a date value at year, month or day precision."""
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = int(value[:4]), int(value[5:7])
        if not 1 <= month <= 12:
            return None
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return _parse_day(value)


def _set_place(event: Event, place: Place, level: str | None) -> None:
    event.place = place.name or place.text
    event.country = place.country
    event.latitude, event.longitude = place.latitude, place.longitude
    event.geo_precision = place.geo_precision
    event.place_source = level
    event.place_start, event.place_end = place.start, place.end


# --- one event, several mentions --------------------------------------------------------------


_PUBLISHING_TYPES = frozenset({"RETREAT", "CONCEDE", "AID"})


@cache
def _media_objects() -> frozenset[str]:
    raw = resources.files("eventwire.extract.lexicon").joinpath("event_media_objects.txt").read_text("utf-8")
    return frozenset(line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#"))


def publishes_media(token: Token, type_: str) -> bool:
    """"Released a video", "gave details": a giving verb whose object is a publication is no event."""
    if type_ not in _PUBLISHING_TYPES or token.pos_ != "VERB":
        return False
    return any(ch.dep_ in ("dobj", "nsubjpass") and ch.lemma_.lower() in _media_objects() for ch in token.children)


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


def merge_mentions(
    events: list[Event],
    countries: dict[str, str | None] | None = None,
    contents: Sequence[str | None] | None = None,
    back_references: Sequence[bool] | None = None,
) -> list[Event]:
    """Mentions of the same event in one article (lead and recap, body and caption) become one.

    ``countries`` maps actor ids to their country, so that two organs of one state (the U.S.
    military, U.S. Southern Command) count as the same actor. ``contents`` gives, for each
    event, the type of what an intent or request is about ("willingness to negotiate" and
    "readiness to hold discussions" are one offer)."""
    kept: list[tuple[Event, str | None]] = []
    countries = countries or {}
    content_types = list(contents) if contents is not None else [None] * len(events)
    backs = list(back_references) if back_references is not None else [False] * len(events)
    for event, content, back in zip(events, content_types, backs, strict=False):
        target = next((k for k, kc in kept if _same_event(k, event, countries, (kc, content))), None)
        if target is None and back:  # "the strike" after a strike was reported: that strike again
            target = next((k for k, _ in reversed(kept) if k.type == event.type), None)
            if target is not None:  # a later mention only; its sentence tells nothing new about it
                target.evidence.append(event.evidence[0])
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
    for group in _FIELD_GROUPS:
        if all(getattr(target, name) is None for name in group):
            for name in group:
                setattr(target, name, getattr(other, name))
    for ctx_name in other.contexts:
        if ctx_name not in target.contexts:
            target.contexts.append(ctx_name)
    for key, value in other.quantity.items():
        target.quantity.setdefault(key, value)
    target.confidence = round(min(0.99, max(target.confidence, other.confidence) + 0.05), 3)
