"""The model's attribute ruler applied through a table gives every token what spaCy's own gives it."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from eventwire import nlp as nlp_module
from eventwire.attribute_rules import TableRuler, compile_rules, use_table_ruler

COLUMNS = [POS, MORPH, LEMMA, TAG, DEP]

# Written for this test: the tag map's everyday words, and the rules' exceptions (contractions,
# "there were", pronouns as subject and object, auxiliaries, marks, whitespace between words).
SENTENCES = [
    "The rebels ain't gonna give up the town, a commander told us on Tuesday.",
    "Let's go, y'all: c'mon, we gotta leave before nothin' is left of the market.",
    "There were three blasts near the port, and there is still smoke over it.",
    "I saw you and you saw me; it hit it before I did.",
    "She has a car but does not drive it because it has been damaged.",
    "That is what they said.  Those who fled   were counted\n\nlater by the agency.",
    "He gets paid, she got hurt, and what do they have to say?",
]


@pytest.fixture(scope="module")
def stock():
    return nlp_module.stock()


def _before_the_ruler(model, text):
    return model(text, disable=[n for n in ("attribute_ruler", "lemmatizer", "ner") if n in model.pipe_names])


def _ruled(ruler, doc):
    doc = doc.copy()
    ruler(doc)
    return doc


def test_the_loaded_model_applies_its_attribute_rules_through_the_table(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), TableRuler)


def test_every_token_gets_what_spacys_attribute_ruler_gives_it(stock):
    ruler = stock.get_pipe("attribute_ruler")
    table = TableRuler(stock.vocab)
    table.use(compile_rules(ruler))
    for text in SENTENCES:
        doc = _before_the_ruler(stock, text)
        expected, got = _ruled(ruler, doc), _ruled(table, doc)
        assert (got.to_array(COLUMNS) == expected.to_array(COLUMNS)).all(), text
        assert [str(t.morph) for t in got] == [str(t.morph) for t in expected], text


def test_rules_of_several_words_and_regular_expressions_take_effect(stock):
    """The test above would pass if neither kind of exception ever fired: check that they do."""
    table = TableRuler(stock.vocab)
    table.use(compile_rules(stock.get_pipe("attribute_ruler")))
    doc = _ruled(table, _before_the_ruler(stock, SENTENCES[1]))
    lemmas = {t.lower_: t.lemma_ for t in doc}
    assert lemmas["nothin'"] == "nothing"  # one word, matched by a regular expression
    assert lemmas["'s"] == "us"  # "let's": the second word of a rule of two


def _blank_with_rules(*rules):
    model = spacy.blank("en")
    ruler = model.add_pipe("attribute_ruler")
    for patterns, attrs, index in rules:
        ruler.add(patterns=patterns, attrs=attrs, index=index)
    return model


def test_a_later_rule_wins_and_an_index_from_the_end_points_into_the_match():
    model = _blank_with_rules(
        ([[{"LOWER": "cats"}]], {"LEMMA": "feline"}, 0),
        ([[{"LOWER": {"IN": ["cats", "dogs"]}}]], {"LEMMA": "pet"}, 0),
        ([[{"LOWER": "hot"}, {"LOWER": "dogs"}]], {"LEMMA": "sausage"}, -1),
    )
    stock_doc = model("Cats chased hot dogs.")
    assert use_table_ruler(model)
    table_doc = model("Cats chased hot dogs.")
    assert [t.lemma_ for t in table_doc] == [t.lemma_ for t in stock_doc] == ["pet", "", "", "sausage", ""]


def test_a_ruler_with_a_rule_beyond_the_table_stays_in_place():
    model = _blank_with_rules(([[{"LENGTH": 4}]], {"LEMMA": "four"}, 0))
    assert not use_table_ruler(model)
    assert not isinstance(model.get_pipe("attribute_ruler"), TableRuler)
    assert model("Four cats").to_array([LEMMA]).tolist() != [0, 0]


def test_the_same_attributes_when_the_memo_of_forms_starts_again(stock, monkeypatch):
    import eventwire.attribute_rules as attribute_rules

    monkeypatch.setattr(attribute_rules, "FORGET_AFTER", 1)
    ruler = stock.get_pipe("attribute_ruler")
    table = TableRuler(stock.vocab)
    table.use(compile_rules(ruler))
    doc = _before_the_ruler(stock, SENTENCES[1])
    assert (_ruled(table, doc).to_array(COLUMNS) == _ruled(ruler, doc).to_array(COLUMNS)).all()


def test_a_table_ruler_without_rules_refuses_to_run_rather_than_leave_tokens_bare():
    model = spacy.blank("en")
    model.add_pipe("eventwire_attribute_ruler")
    with pytest.raises(RuntimeError, match="no rules"):
        model("Nothing would be tagged.")
