"""spaCy's English lemmatizer, asked once per word form, part of speech and morphology.

The stock component walks every token in Python, makes its morphology object and, for a base form
("attack" as a singular noun), reads the morphology as a dict each time (about 2% of the small
English model's time on news articles). Its answer depends only on the token's text, part of speech
and morphology (its own cache is keyed by them), so here each distinct triple of a document is
asked of the stock lemmatizer once per process and the answers are written in one array. Tokens
that already have a lemma (set by the attribute ruler) keep it, as with the stock component.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

KEY_COLUMNS = [ORTH, POS, MORPH, LEMMA]
FORGET_AFTER = 100_000  # distinct (text, part of speech, morphology) answers kept (about 26 MB); then it starts again


class LemmaTable:
    """The pipeline component: the stock lemmatizer's answers, asked once per key."""

    def __init__(self, vocab: Vocab, name: str = "lemmatizer") -> None:
        self.vocab = vocab
        self.name = name
        self.stock: EnglishLemmatizer | None = None
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def use(self, stock: EnglishLemmatizer) -> None:
        self.stock = stock
        self._lemmas.clear()

    def __call__(self, doc: Doc) -> Doc:
        if self.stock is None:
            raise RuntimeError("this lemma table has no lemmatizer to ask: eventwire.nlp.load() gives it one")
        if len(doc) == 0:
            return doc
        keys = doc.to_array(KEY_COLUMNS)
        todo = np.flatnonzero(keys[:, 3] == 0)  # tokens without a lemma yet
        if len(todo) == 0:
            return doc
        rows, first, row_of = np.unique(keys[todo, :3], axis=0, return_index=True, return_inverse=True)
        positions = todo[first].tolist()  # the first token of each distinct key
        lemmas = [self._lemma(doc, key, at) for key, at in zip(rows.tolist(), positions, strict=True)]
        column = keys[:, 3].copy()
        column[todo] = np.array(lemmas, dtype=np.uint64)[row_of.reshape(-1)]
        doc.from_array([LEMMA], column.reshape(-1, 1))  # type: ignore[arg-type]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def _lemma(self, doc: Doc, key: list[int], position: int) -> int:
        lemma = self._lemmas.get((key[0], key[1], key[2]))
        if lemma is None:
            assert self.stock is not None
            if len(self._lemmas) >= FORGET_AFTER:
                self._lemmas.clear()
            text = self.stock.lemmatize(doc[position])[0]
            lemma = self._lemmas[(key[0], key[1], key[2])] = self.vocab.strings.add(text)
        return lemma


@Language.factory("eventwire_lemma_table")
def make_lemma_table(nlp: Language, name: str) -> LemmaTable:
    """An empty lemma table; ``use_lemma_table`` gives it the model's own lemmatizer to ask."""
    return LemmaTable(nlp.vocab, name)


def use_lemma_table(nlp: Language) -> bool:
    """Put the lemma table in place of the model's English rule or lookup lemmatizer (one that
    fills only missing lemmas); True when it did."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    stock: Any = nlp.get_pipe("lemmatizer")
    if type(stock) is not EnglishLemmatizer or stock.mode not in ("rule", "lookup") or stock.overwrite:
        return False
    table = cast(LemmaTable, nlp.replace_pipe("lemmatizer", "eventwire_lemma_table"))
    table.use(stock)
    return True
