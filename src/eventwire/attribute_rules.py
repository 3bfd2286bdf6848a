"""spaCy's attribute ruler, applied through a table: the same token attributes, far less work.

The English models' ``attribute_ruler`` holds the tag map (``NN`` is a NOUN with ``Number=Sing``) and
a couple of hundred exceptions. spaCy runs them through its Matcher, calling a Python predicate per
token for each "IN" or "REGEX" test, then sets each match's attributes one Python call at a time:
about 12% of the small English model's time on news articles, more than its tagger, parser and
lemmatizer together. Here a rule of one token is a test of four values of the token (its tag,
lowercase form, dependency label and whether it is whitespace), so what such rules do to a token
depends only on those four values, the lowercase form only through the forms the rules name: that
answer is worked out once per combination and kept. A rule of several tokens ("gon" + "na") is
tried only where a token passes the test of one of its words that names values ("gon"). Rules
apply in the order spaCy applies them (a later rule's value wins), so every token gets the part of
speech, morphology, lemma, tag and dependency label the stock component gives it.

When a model's rules use anything else (other attributes, operators, extension attributes, setting
other attributes), ``compile_rules`` answers None and the stock component stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventwire.nlp import member, sorted_keys

KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # what a rule may test, in the order of a token's key
KEY_COLUMNS = [TAG, LOWER, DEP, IS_SPACE]
FORM = KEY_ATTRS.index("LOWER")
SPACE = KEY_ATTRS.index("IS_SPACE")
SET_COLUMNS = [POS, MORPH, LEMMA, TAG, DEP]  # what a rule may set, in the order of the written array
OTHER_FORM = 0  # the key's form for a lowercase form no rule names (the hash of "", which no token has)


@dataclass(frozen=True, slots=True)
class Test:
    """One word's test of one key value: {"TAG": "NN"}, {"LOWER": {"IN": [...]}}, {"DEP": {"NOT_IN":
    [...]}}, {"IS_SPACE": True}, {"LOWER": {"REGEX": "^n'?t$"}}, compared as spaCy's Matcher compares
    them (string hashes, flags as 0 or 1, a regular expression searched in the value's string)."""

    column: int
    values: frozenset[int] = frozenset()
    negated: bool = False
    pattern: re.Pattern[str] | None = None

    def passes(self, key: Sequence[int], strings: Any) -> bool:
        if self.pattern is not None:
            return self.pattern.search(strings[key[self.column]]) is not None
        return (key[self.column] in self.values) != self.negated


Word = tuple[Test, ...]  # the tests of one word of a pattern
Effect = tuple[tuple[int, int], ...]  # (column of SET_COLUMNS, value), in the order they are set


@dataclass(frozen=True, slots=True)
class Rule:
    """Rule ``number`` of the ruler: its alternative patterns, which word of a match it sets (an index
    into the match, negative from its end) and what it sets."""

    number: int
    patterns: tuple[tuple[Word, ...], ...]
    index: int
    effect: Effect


def _test(attr: str, value: Any) -> Test | None:
    column = KEY_ATTRS.index(attr)
    if isinstance(value, dict):
        if len(value) != 1:
            return None
        predicate, listed = next(iter(value.items()))
        if predicate == "REGEX" and isinstance(listed, str) and column != SPACE:
            return Test(column, pattern=re.compile(listed))
        if predicate not in ("IN", "NOT_IN") or not isinstance(listed, list):
            return None
        if not all(isinstance(v, (str, int)) for v in listed):
            return None
        return Test(column, frozenset(get_string_id(v) for v in listed), predicate == "NOT_IN")
    if isinstance(value, (str, int)):  # a bool is an int: True is 1
        return Test(column, frozenset({get_string_id(value) if isinstance(value, str) else int(value)}))
    return None


def _word(spec: dict[str, Any]) -> Word | None:
    """A pattern word's tests, or None when it asks for anything but the key's values."""
    if not all(isinstance(attr, str) and attr.upper() in KEY_ATTRS for attr in spec):
        return None
    tests = tuple(_test(attr.upper(), value) for attr, value in spec.items())
    return None if any(t is None for t in tests) else tests  # type: ignore[return-value]


def _effect(attrs: dict[int, Any]) -> Effect | None:
    """A rule's normalized attributes as (column, value) pairs; None when it sets anything else."""
    if not all(attr in SET_COLUMNS and isinstance(value, int) for attr, value in attrs.items()):
        return None
    return tuple((SET_COLUMNS.index(attr), value) for attr, value in attrs.items())


def _rule(number: int, patterns: list[list[dict[str, Any]]], index: int, attrs: dict[int, Any]) -> Rule | None:
    effect = _effect(attrs)
    words = [[_word(spec) for spec in pattern] for pattern in patterns]
    if effect is None or not patterns or any(not p or None in p for p in words):
        return None
    if any(not -len(p) <= index < len(p) for p in words):
        return None  # spaCy refuses such a rule when it matches
    rule = Rule(number, tuple(tuple(p) for p in words), index, effect)  # type: ignore[arg-type]
    if _single(rule):
        return rule
    return rule if all(_anchor(p) is not None for p in rule.patterns) else None


def _single(rule: Rule) -> bool:
    """A rule of one word whose tests the table answers (no regular expression)."""
    return all(len(p) == 1 and all(t.pattern is None for t in p[0]) for p in rule.patterns)


def _anchor(pattern: tuple[Word, ...]) -> tuple[int, Test] | None:
    """The word of a searched pattern (several words, or a regular expression) that says where a
    match can be: the first test naming what a word must be (equal to or among named values), else
    the first regular expression on a lowercase form."""
    tests = [(position, test) for position, word in enumerate(pattern) for test in word]
    named = [(p, t) for p, t in tests if t.pattern is None and not t.negated and t.column != SPACE]
    searched = [(p, t) for p, t in tests if t.pattern is not None and t.column == FORM]
    return (named + searched)[0] if named or searched else None


@dataclass(frozen=True, slots=True)
class Searched:
    """One pattern of a rule the table does not answer by key, and the word that says where it can be."""

    rule: Rule
    pattern: tuple[Word, ...]
    position: int  # of the anchor word in the pattern
    anchor: Test

    def matches_at(self, keys: np.ndarray, start: int, strings: Any) -> bool:
        if start < 0 or start + len(self.pattern) > len(keys):
            return False
        rows = keys[start : start + len(self.pattern)].tolist()
        return all(t.passes(row, strings) for row, word in zip(rows, self.pattern, strict=True) for t in word)

    def target(self, start: int) -> int:
        """The position of the token a match at ``start`` sets (spaCy's ``span[index]``)."""
        return start + self.rule.index if self.rule.index >= 0 else start + len(self.pattern) + self.rule.index


@dataclass(slots=True)
class CompiledRules:
    """The ruler's rules, ready for the table."""

    single: list[Rule]  # rules of one word the table answers, in order
    named: list[Searched]  # the other patterns whose anchor names its values
    regular: list[Searched]  # the other patterns, anchored on a regular expression over the form
    effects: list[Effect]  # every rule's effect, by rule number
    forms: np.ndarray  # sorted hashes of the lowercase forms the keys keep (others are OTHER_FORM)


def compile_rules(ruler: Any) -> CompiledRules | None:
    """The rules of a spaCy ``AttributeRuler`` (its ``attrs``, ``indices`` and ``matcher``, rule i
    under the key "i"), or None when one of them is beyond the table."""
    rules = []
    for number, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
        rule = _rule(number, ruler.matcher.get(str(number))[1], index, attrs)
        if rule is None:
            return None
        rules.append(rule)
    searched = [Searched(r, p, *_anchor(p)) for r in rules if not _single(r) for p in r.patterns]  # type: ignore[misc]
    named = [s for s in searched if s.anchor.pattern is None]
    single = [r for r in rules if _single(r)]
    tested = [t.values for r in single for p in r.patterns for t in p[0] if t.column == FORM]
    tested += [s.anchor.values for s in named if s.anchor.column == FORM]
    forms = {value for values in tested for value in values}
    if OTHER_FORM in forms:
        return None
    return CompiledRules(single, named, [s for s in searched if s.anchor.pattern is not None],
                         [r.effect for r in rules], sorted_keys(forms))


def _may_take(rule: Rule, tag: int) -> bool:
    """Whether some pattern of a one-word rule can pass for a token with this tag."""
    column = KEY_ATTRS.index("TAG")
    return any(all(t.negated or t.column != column or tag in t.values for t in p[0]) for p in rule.patterns)


@dataclass(frozen=True, slots=True)
class Answer:
    """What the table knows about one key: the one-word rules it matches, in order, their effect,
    and the searched patterns whose anchor word it passes."""

    numbers: tuple[int, ...]
    effect: Effect
    anchors: tuple[Searched, ...]


FORGET_AFTER = 100_000  # forms whose regular expressions' answers are kept (about 9 MB); then the memo starts again


class TableRuler:
    """The pipeline component: the attribute ruler's effect on each token, from the table."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler") -> None:
        self.vocab = vocab
        self.name = name
        self.compiled: CompiledRules | None = None
        self._answers: dict[tuple[int, ...], Answer] = {}
        self._effects: dict[tuple[int, ...], Effect] = {}
        self._regular: dict[int, tuple[Searched, ...]] = {}  # form -> regular patterns its anchor passes
        self._by_tag: dict[int, list[Rule]] = {}

    def use(self, compiled: CompiledRules) -> None:
        self.compiled = compiled
        self._answers.clear()
        self._effects.clear()
        self._regular.clear()
        self._by_tag.clear()

    def __call__(self, doc: Doc) -> Doc:
        if self.compiled is None:
            raise RuntimeError("this attribute ruler has no rules: eventwire.nlp.load() fills it from the model's own")
        if len(doc) == 0:
            return doc
        keys = doc.to_array(KEY_COLUMNS)
        distinct, row_of = self._distinct_keys(keys)
        answers = [self._answer(key) for key in distinct]
        values = doc.to_array(SET_COLUMNS)
        changed, written = self._written(answers)
        values = np.where(changed[row_of], written[row_of], values).astype(np.uint64)
        for position, searched in self._searched_matches(keys, answers, row_of).items():
            numbers = tuple(sorted(answers[row_of[position]].numbers + tuple(searched)))
            for column, value in self._effect(numbers):
                values[position, column] = value
        doc.from_array(SET_COLUMNS, values)  # type: ignore[arg-type]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def _distinct_keys(self, keys: np.ndarray) -> tuple[list[tuple[int, ...]], np.ndarray]:
        """The document's distinct keys (tag, form, dependency, is-space; a form no rule names as
        OTHER_FORM) and each token's row among them."""
        assert self.compiled is not None
        form = np.where(member(keys[:, FORM], self.compiled.forms), keys[:, FORM], np.uint64(OTHER_FORM))
        uniques = [np.unique(column, return_inverse=True) for column in (keys[:, 0], form, keys[:, 2])]
        code = keys[:, SPACE].astype(np.int64)
        for values, inverse in uniques:
            code = code * len(values) + inverse.reshape(-1)
        codes, row_of = np.unique(code, return_inverse=True)
        decoded: list[list[int]] = [[], [], [], []]
        rest = codes
        for slot, (values, _) in zip((2, 1, 0), reversed(uniques), strict=True):
            decoded[slot] = values[rest % len(values)].tolist()
            rest = rest // len(values)
        decoded[SPACE] = rest.tolist()
        return list(zip(*decoded, strict=True)), row_of.reshape(-1)

    def _answer(self, key: tuple[int, ...]) -> Answer:
        answer = self._answers.get(key)
        if answer is None:
            assert self.compiled is not None
            strings = self.vocab.strings
            numbers = tuple(r.number for r in self._for_tag(key[0])
                            if any(all(t.passes(key, strings) for t in p[0]) for p in r.patterns))
            anchors = tuple(s for s in self.compiled.named if s.anchor.passes(key, strings))
            answer = self._answers[key] = Answer(numbers, self._effect(numbers), anchors)
        return answer

    def _for_tag(self, tag: int) -> list[Rule]:
        """The one-word rules a token with this tag can match, in order: those whose every pattern
        names the tags it takes skip the others (most of the tag map)."""
        rules = self._by_tag.get(tag)
        if rules is None:
            assert self.compiled is not None
            rules = self._by_tag[tag] = [r for r in self.compiled.single if _may_take(r, tag)]
        return rules

    def _effect(self, numbers: tuple[int, ...]) -> Effect:
        """What rules applied in this order set (a later rule's value replaces an earlier one's)."""
        effect = self._effects.get(numbers)
        if effect is None:
            assert self.compiled is not None
            final: dict[int, int] = {}
            for number in numbers:
                final.update(self.compiled.effects[number])
            effect = self._effects[numbers] = tuple(final.items())
        return effect

    @staticmethod
    def _written(answers: list[Answer]) -> tuple[np.ndarray, np.ndarray]:
        """Per distinct key: which SET_COLUMNS its rules set, and to what."""
        changed = np.zeros((len(answers), len(SET_COLUMNS)), dtype=bool)
        written = np.zeros((len(answers), len(SET_COLUMNS)), dtype=np.uint64)
        for row, answer in enumerate(answers):
            for column, value in answer.effect:
                changed[row, column] = True
                written[row, column] = value
        return changed, written

    def _searched_matches(self, keys: np.ndarray, answers: list[Answer], row_of: np.ndarray) -> dict[int, list[int]]:
        """Token position -> numbers of the searched rules whose matches set it, in order."""
        strings = self.vocab.strings
        found: dict[int, list[int]] = {}
        for position, searched in self._candidates(keys, answers, row_of):
            start = position - searched.position
            if searched.matches_at(keys, start, strings):
                found.setdefault(searched.target(start), []).append(searched.rule.number)
        return found

    def _candidates(self, keys: np.ndarray, answers: list[Answer], row_of: np.ndarray) -> list[tuple[int, Searched]]:
        """(position, pattern) for every token that passes a searched pattern's anchor test."""
        anchored = [row for row, answer in enumerate(answers) if answer.anchors]
        found = []
        if anchored:
            for position in np.flatnonzero(np.isin(row_of, anchored)).tolist():
                found += [(position, s) for s in answers[row_of[position]].anchors]
        if self.compiled is not None and self.compiled.regular:
            forms, form_of = np.unique(keys[:, FORM], return_inverse=True)
            known = self._regular
            passing = [known[form] if form in known else self._regular_anchors(form) for form in forms.tolist()]
            rows = [row for row, searched in enumerate(passing) if searched]
            for position in np.flatnonzero(np.isin(form_of.reshape(-1), rows)).tolist():
                found += [(position, s) for s in passing[form_of.reshape(-1)[position]]]
        return found

    def _regular_anchors(self, form: int) -> tuple[Searched, ...]:
        passing = self._regular.get(form)
        if passing is None:
            assert self.compiled is not None
            if len(self._regular) >= FORGET_AFTER:
                self._regular.clear()
            text = self.vocab.strings[form]
            passing = self._regular[form] = tuple(s for s in self.compiled.regular
                                                  if s.anchor.pattern.search(text))  # type: ignore[union-attr]
        return passing


@Language.factory("eventwire_attribute_ruler")
def make_table_ruler(nlp: Language, name: str) -> TableRuler:
    """An empty table ruler; ``use_table_ruler`` fills it from the model's own attribute ruler."""
    return TableRuler(nlp.vocab, name)


def use_table_ruler(nlp: Language) -> bool:
    """Put the table ruler in place of the model's ``attribute_ruler`` when its rules allow; True
    when it did."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe("attribute_ruler")
    if not all(hasattr(stock, attr) for attr in ("attrs", "indices", "matcher")):
        return False
    compiled = compile_rules(stock)
    if compiled is None:
        return False
    table = nlp.replace_pipe("attribute_ruler", "eventwire_attribute_ruler")
    cast(TableRuler, table).use(compiled)
    return True
