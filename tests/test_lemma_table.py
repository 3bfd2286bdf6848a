"""The lemma table gives every token the lemma spaCy's own English lemmatizer gives it."""

from __future__ import annotations

import pytest
from spacy.attrs import LEMMA

from eventwire import nlp as nlp_module
from eventwire.lemma_table import LemmaTable

# Written for this test: inflected nouns, verbs and adjectives, base forms, names, numbers, words the
# attribute ruler already lemmatizes ("ain't", "gonna"), and whitespace between words.
SENTENCES = [
    "Gunmen attacked two villages and killed 14 people, the governor's office said on Sunday.",
    "The rebels ain't gonna leave; they were seen looting the biggest stores.  Police   fled.",
    "Attacks on convoys have risen, and the better-armed militias are attacking more often.",
    "Protesters marched through Nairobi\n\nwhile officers fired tear gas at them.",
]


@pytest.fixture(scope="module")
def stock():
    return nlp_module.stock()


def _both(stock, text):
    doc = stock(text, disable=["lemmatizer"])
    expected, got = doc.copy(), doc.copy()
    stock.get_pipe("lemmatizer")(expected)
    table = LemmaTable(stock.vocab)
    table.use(stock.get_pipe("lemmatizer"))
    table(got)
    return expected, got


def test_the_loaded_model_lemmatizes_through_the_table(nlp):
    assert isinstance(nlp.get_pipe("lemmatizer"), LemmaTable)


def test_every_token_gets_the_stock_lemmatizers_lemma(stock):
    for text in SENTENCES:
        expected, got = _both(stock, text)
        assert got.to_array([LEMMA]).tolist() == expected.to_array([LEMMA]).tolist(), text
    _, got = _both(stock, SENTENCES[0])
    assert [t.lemma_ for t in got if t.lower_ in ("attacked", "villages", "killed")] == ["attack", "village", "kill"]


def test_a_lemma_the_attribute_ruler_set_is_kept(stock):
    _, got = _both(stock, SENTENCES[1])
    lemmas = {t.lower_: t.lemma_ for t in got}
    assert lemmas["ai"] == "be" and lemmas["gon"] == "go"


def test_the_same_lemmas_when_the_memo_starts_again(stock, monkeypatch):
    import eventwire.lemma_table as lemma_table

    monkeypatch.setattr(lemma_table, "FORGET_AFTER", 2)
    expected, got = _both(stock, SENTENCES[0] + " " + SENTENCES[2])
    assert got.to_array([LEMMA]).tolist() == expected.to_array([LEMMA]).tolist()


def test_a_lemma_table_without_a_lemmatizer_refuses_to_run():
    import spacy

    model = spacy.blank("en")
    model.add_pipe("eventwire_lemma_table")
    with pytest.raises(RuntimeError, match="no lemmatizer"):
        model("Nothing would be lemmatized.")
