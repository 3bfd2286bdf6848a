"""The words the events stage reads, loaded once: trigger senses, cue words, context keywords and
media objects from ``lexicon/``, and the per-vocabulary index that finds triggers and cues in a document."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER, SUFFIX
from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventwire.nlp import member, sorted_keys

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


def lexicon_rows(name: str) -> list[list[str]]:
    """The rows of a tab-separated lexicon file (comment lines start with #)."""
    return _lexicon_rows(name)


def _lexicon_rows(name: str) -> list[list[str]]:
    text = resources.files("eventwire.extract.lexicon").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def event_word_keys() -> dict[str, str]:
    """Event word -> the key of words naming the same kind of happening (death/died/dead -> die,
    charge/accuse/indict -> charge), from ``event_coref_keys.tsv``."""
    keys: dict[str, str] = {}
    for key, words in _lexicon_rows("event_coref_keys.tsv"):
        keys.update(dict.fromkeys(words.split(), key.strip()))
    return keys


@cache
def not_violence() -> dict[tuple[str, str], frozenset[str]]:
    """(role, trigger lemma or "*") -> lemmas that make a violent word something else (a game, a fire)."""
    rows = _lexicon_rows("event_not_violence.tsv")
    return {(role, trigger): frozenset(words.split("|")) for role, trigger, words in rows}


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
    """The cue words of one kind (empty when the lexicon has none)."""
    return cues().get(kind, frozenset())


@cache
def act_families() -> dict[str, str]:
    """Trigger lemma -> the kind of act it names with other words (``event_families.tsv``)."""
    return {lemma: family for lemma, family in _lexicon_rows("event_families.tsv")}


@cache
def toll_sides() -> dict[str, str]:
    """Noun lemma -> the side its dead belong to (``event_toll_sides.tsv``)."""
    return {lemma: side for lemma, side in _lexicon_rows("event_toll_sides.tsv")}


@cache
def legal_agents() -> dict[str, frozenset[str]]:
    """Trigger lemma -> the words for who carries out that act of the law (``event_legal_agents.tsv``)."""
    return {lemma: frozenset(words.split("|")) for lemma, words in _lexicon_rows("event_legal_agents.tsv")}


@cache
def legal_recipients() -> dict[str, frozenset[str]]:
    """Trigger lemma -> the words for whom that act of the law answers (``event_legal_recipients.tsv``)."""
    return {lemma: frozenset(words.split("|")) for lemma, words in _lexicon_rows("event_legal_recipients.tsv")}


@cache
def context_keywords() -> dict[str, str]:
    """PLOVER context by keyword lemma."""
    return {word: context for word, context in _lexicon_rows("event_contexts.tsv")}


@cache
def street_words() -> frozenset[str]:
    """Last words of street names ("Street", "Road"), lower case (``places_street_words.txt``)."""
    raw = resources.files("eventwire.extract.lexicon").joinpath("places_street_words.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in raw.splitlines() if line.strip() and not line.startswith("#"))


@cache
def media_objects() -> frozenset[str]:
    """Nouns for a publication ('video', 'statement'): what is released or given without being an event."""
    raw = resources.files("eventwire.extract.lexicon").joinpath("event_media_objects.txt").read_text("utf-8")
    return frozenset(line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#"))


@cache
def unverified_toll() -> re.Pattern[str]:
    """Words that say a toll is not confirmed (``casualty_unverified.txt``)."""
    raw = resources.files("eventwire.extract.lexicon").joinpath("casualty_unverified.txt").read_text("utf-8")
    lines = [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    return re.compile("|".join(f"(?:{line})" for line in lines), re.IGNORECASE)


@cache
def agent_nouns() -> frozenset[str]:
    """Role nouns that name a group of people acting as one ("government", "army", "police"), from
    ``actor_agents.tsv``."""
    return frozenset(row[0].strip() for row in _lexicon_rows("actor_agents.tsv"))


@cache
def member_nouns() -> frozenset[str]:
    """Nouns for a group's members or means ('forces', 'jets'): after 'its' or 'their' the owner acts."""
    raw = resources.files("eventwire.extract.lexicon").joinpath("event_member_nouns.txt").read_text("utf-8")
    return frozenset(line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#"))


# The mode of a request, refusal or threat, by its own type and the type of the event it is about.
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


@dataclass(slots=True)
class WordIndex:
    """What the stage looks up in a document, built once per vocabulary: single-word triggers
    by lemma and lower-case hash, and multi-word triggers by the hash of their first lemma (both
    looked up on arrays, no Python loop over every token)."""

    by_hash: dict[int, str]
    hashes: np.ndarray
    phrases: dict[int, list[tuple[str, tuple[int, ...]]]]  # first lemma -> (pattern, the other lemmas)
    phrase_starts: np.ndarray
    cue_hashes: dict[str, np.ndarray]
    passive: dict[tuple[int, int], str]  # (verb lemma, object lemma) of a two-word verb phrase -> pattern


_INDEXES: dict[int, WordIndex] = {}
CUE_KINDS_LOOKED_UP = ("obligation", "hostile", "directive", "blame", "call_speech", "leave_form")


def word_index(vocab: Vocab) -> WordIndex:
    """The index for this vocabulary, built on first use."""
    index = _INDEXES.get(id(vocab))
    if index is None:
        by_hash: dict[int, str] = {}
        phrases: dict[int, list[tuple[str, tuple[int, ...]]]] = {}
        passive: dict[tuple[int, int], str] = {}
        for pattern in trigger_senses():
            words = pattern.split()
            if len(words) == 1:
                by_hash[vocab.strings.add(pattern)] = pattern
            else:
                rest = tuple(vocab.strings.add(w) for w in words[1:])
                phrases.setdefault(vocab.strings.add(words[0]), []).append((pattern, rest))
            if len(words) == 2:
                passive[(vocab.strings.add(words[0]), vocab.strings.add(words[1]))] = pattern
        cue_hashes = {
            kind: sorted_keys(vocab.strings.add(w.split()[0]) for w in cue(kind))
            for kind in CUE_KINDS_LOOKED_UP
        }
        index = WordIndex(by_hash, sorted_keys(by_hash), phrases, sorted_keys(phrases), cue_hashes, passive)
        _INDEXES[id(vocab)] = index
    return index


def trigger_hits(doc: Doc) -> Iterator[tuple[str, int, int]]:
    """(pattern, start, end) of every trigger word or phrase in the document; each word of a phrase
    matches by lemma or by lower-case form."""
    if len(doc) == 0:
        return
    index = word_index(doc.vocab)
    arr = doc.to_array([LEMMA, LOWER])
    found = member(arr[:, 0], index.hashes) | member(arr[:, 1], index.hashes)
    for i in np.flatnonzero(found):
        pattern = index.by_hash.get(int(arr[i, 0])) or index.by_hash[int(arr[i, 1])]
        yield pattern, int(i), int(i) + 1
    lemmas, lowers = arr[:, 0], arr[:, 1]
    starts = member(lemmas, index.phrase_starts) | member(lowers, index.phrase_starts)
    for i in np.flatnonzero(starts):
        first = int(lemmas[i]) if int(lemmas[i]) in index.phrases else int(lowers[i])
        for pattern, rest in index.phrases[first]:
            end = int(i) + 1 + len(rest)
            if end <= len(lemmas) and all(h in (int(lemmas[i + 1 + k]), int(lowers[i + 1 + k]))
                                          for k, h in enumerate(rest)):
                yield pattern, int(i), end
    yield from _passive_phrase_hits(doc, index, lemmas)
    yield from _gerund_hits(doc, index, found)


def _gerund_hits(doc: Doc, index: WordIndex, found: np.ndarray) -> Iterator[tuple[str, int, int]]:
    """"Cops began pepper-spraying and arresting": an -ing form the tagger took for a noun and left
    as it is ("arresting") matches its verb ("arrest"; "firing" -> "fire", "shelling" stays)."""
    ing = doc.vocab.strings["ing"]
    for i in np.flatnonzero(doc.to_array([SUFFIX]) == ing):
        token = doc[int(i)]
        if found[i] or token.lemma_ != token.lower_ or len(token.lower_) < GERUND_MIN_LENGTH:
            continue
        pattern = next((p for form in _verb_forms(token.lower_[:-3])
                        if (p := index.by_hash.get(doc.vocab.strings[form])) is not None), None)
        if pattern is not None:
            yield pattern, int(i), int(i) + 1


GERUND_MIN_LENGTH = 6  # "arresting", not "king" or "thing"


def _verb_forms(stem: str) -> tuple[str, ...]:
    """The verbs an -ing stem may come from: "arrest", "fir" + e, "shott" - t."""
    doubled = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem
    return (stem, stem + "e", doubled)


PHRASE_GAP = 4  # at most this many words from a phrase's verb to its object ("held two days of direct talks")


def _passive_phrase_hits(doc: Doc, index: WordIndex, lemmas: np.ndarray) -> Iterator[tuple[str, int, int]]:
    """"Security was tightened", "talks were held", "removed the cordon", "held direct talks": a
    verb-object phrase told in the passive (its object the verb's subject) or with words between
    the verb and its object (the span runs from the first to the last of the two)."""
    deps = doc.to_array([DEP])
    subject, obj = doc.vocab.strings.add("nsubjpass"), doc.vocab.strings.add("dobj")
    for i in np.flatnonzero((deps == subject) | (deps == obj)):
        head = doc[int(i)].head
        pattern = index.passive.get((int(lemmas[head.i]), int(lemmas[i])))
        if pattern is None or not 2 <= abs(head.i - int(i)) <= PHRASE_GAP:
            continue  # next to each other the phrase itself matched; far apart it is no phrase
        yield pattern, min(head.i, int(i)), max(head.i, int(i)) + 1


def cue_positions(doc: Doc, kind: str) -> list[int]:
    """Token indices whose lower-case form (or first word, for phrases) is a cue of this kind."""
    if len(doc) == 0:
        return []
    hashes = word_index(doc.vocab).cue_hashes[kind]
    lower = doc.to_array([LOWER])
    return [int(i) for i in np.flatnonzero(member(lower.ravel(), hashes))]
