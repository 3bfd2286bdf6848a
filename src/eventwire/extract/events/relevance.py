"""Relevance: violent words in an article about something other than conflict.

Sports reports beat and hit, reviews battle and attack, films fight and kill, plague reports kill.
A word list per trigger cannot follow every such use, but the article's own vocabulary tells its
subject. This pass reads the article once:

- reads: the parsed document (lemmas) and ``lexicon/event_domains.tsv``;
- writes: ``Relevance`` (is the article off the subject of conflict, and which sentences still name
  a conflict word), which the events stage asks before it keeps a violent mention.

An article is *off topic* when its sports, product, culture and health words number at least
``MIN_DOMAIN_WORDS`` and at least ``DOMAIN_RATIO`` times its conflict words (soldiers, police,
gunmen, weapons). In such an article a violent mention is kept only when its own sentence has a
conflict word ("police said the player was shot outside the stadium").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from eventwire.extract.events.candidate import sentence_of
from eventwire.extract.lexicon.events import lexicon_rows
from eventwire.nlp import member, sorted_keys

# Chosen on the Zyte general-news pages (labels in ../shared/newsgold/zyte-relevance.tsv) and checked
# on newsgold dev and GVDB dev, where no violent article crosses them (docs/BENCHMARKS.md).
MIN_DOMAIN_WORDS = 6
DOMAIN_RATIO = 2.0
CONFLICT = "conflict"
SPORTS = "sports"


@cache
def domain_words() -> dict[str, str]:
    """Lemma -> domain (sports, product, culture, health, conflict)."""
    return {word: domain for word, domain in lexicon_rows("event_domains.tsv")}


_HASHES: dict[int, dict[int, str]] = {}


def _domain_hashes(vocab: Vocab) -> dict[int, str]:
    """Word hash -> domain for this vocabulary (matched against each token's lemma, else its
    lower-case form)."""
    table = _HASHES.get(id(vocab))
    if table is None:
        table = {vocab.strings.add(word): domain for word, domain in domain_words().items()}
        _HASHES[id(vocab)] = table
    return table


_KEYS: dict[int, np.ndarray] = {}


def _domain_keys(vocab: Vocab) -> np.ndarray:
    keys = _KEYS.get(id(vocab))
    if keys is None:
        keys = _KEYS[id(vocab)] = sorted_keys(_domain_hashes(vocab))
    return keys


@dataclass(frozen=True, slots=True)
class Relevance:
    """What the article is about: ``off_topic`` when it is not about conflict; ``sporting`` when it
    also tells a game (a match report that ends in a riot)."""

    off_topic: bool
    domain: str | None = None
    sporting: bool = False

    def keeps(self, trigger: Token) -> bool:
        """Whether a violent mention stays: always in a conflict article, else only beside a conflict
        word; in a story that also tells a game, not in a sentence of the game ("firing three goals
        past a shell-shocked defence", "opened the bombardment in the 12th minute")."""
        of_the_game = self.sporting and _a_sentence_of_the_game(trigger)
        return not of_the_game and (not self.off_topic or _beside_a_conflict_word(trigger))


def _beside_a_conflict_word(trigger: Token) -> bool:
    words = domain_words()
    return any(words.get(t.lemma_.lower()) == CONFLICT and not _in_a_name(t) and t.i != trigger.i
               for t in sentence_of(trigger))  # another word: "bombed out of the League Cup" keeps nothing


def _a_sentence_of_the_game(trigger: Token) -> bool:
    """More words of the game than nouns of conflict in the trigger's sentence."""
    words = domain_words()
    sentence = sentence_of(trigger)
    sports = sum(1 for t in sentence if words.get(t.lemma_.lower()) == SPORTS)
    conflict = sum(1 for t in sentence if words.get(t.lemma_.lower()) == CONFLICT and t.pos_ in ("NOUN", "PROPN")
                   and not _in_a_name(t))
    return sports > conflict


def _in_a_name(token: Token) -> bool:
    """"a Force push", "the Police's new album": a capitalized word inside a sentence names a thing."""
    return token.is_title and not token.is_sent_start and token.pos_ == "PROPN"


def relevance(doc: Doc) -> Relevance:
    """The article's subject from the counts of its domain words (looked up on the lemma array)."""
    if len(doc) == 0:
        return Relevance(False)
    hashes = _domain_hashes(doc.vocab)
    keys = _domain_keys(doc.vocab)
    arr = doc.to_array([LEMMA, LOWER])
    by_lemma = member(arr[:, 0], keys)
    by_form = member(arr[:, 1], keys) & ~by_lemma  # "NBA", "Police" at a sentence start
    found = np.concatenate([arr[by_lemma, 0], arr[by_form, 1]])
    counts = Counter(hashes[int(h)] for h in found)
    conflict = counts.pop(CONFLICT, 0)
    if not counts:
        return Relevance(False)
    domain, _ = counts.most_common(1)[0]
    other = sum(counts.values())
    off = other >= MIN_DOMAIN_WORDS and other >= DOMAIN_RATIO * conflict
    return Relevance(off, domain if off else None, sporting=counts.get(SPORTS, 0) >= MIN_DOMAIN_WORDS)
