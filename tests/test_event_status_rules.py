"""Status rules on hand-built parses (spaCy's Doc(words=, heads=, deps=, pos=, tags=)), so each rule
is tested without the statistical parser: what did not happen, and what happened many times."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.extract.events.arguments import ActorIndex, argument
from eventwire.extract.events.candidate import Candidate
from eventwire.extract.events.counts import is_pattern
from eventwire.extract.events.modality import modality
from eventwire.extract.lexicon.events import Sense
from eventwire.model import Actor, Mention

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_), no statistical model
SENSE = Sense("x", "V", "ASSAULT", None, (), False, False, False, False, 0.8)


def parse(words, heads, deps, pos, tags=None, lemmas=None) -> Doc:
    """``heads`` are absolute token indices, as written in spaCy's own tests."""
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags or [""] * len(words),
               lemmas=lemmas or [w.lower() for w in words])


def candidate(doc: Doc, i: int) -> Candidate:
    return Candidate(doc[i], i, i + 1, SENSE, "ASSAULT", None)


def test_no_one_injured_is_negated():
    doc = parse(["No", "soldiers", "were", "injured", "."], [1, 3, 3, 3, 3],
                ["det", "nsubjpass", "auxpass", "ROOT", "punct"], ["DET", "NOUN", "AUX", "VERB", "PUNCT"],
                lemmas=["no", "soldier", "be", "injure", "."])
    assert modality(candidate(doc, 3)).negated


def test_some_injured_is_not_negated():
    doc = parse(["Two", "soldiers", "were", "injured", "."], [1, 3, 3, 3, 3],
                ["nummod", "nsubjpass", "auxpass", "ROOT", "punct"], ["NUM", "NOUN", "AUX", "VERB", "PUNCT"],
                lemmas=["two", "soldier", "be", "injure", "."])
    assert not modality(candidate(doc, 3)).negated


@pytest.mark.parametrize("verb, lemma, negated", [("thwarted", "thwart", True), ("launched", "launch", False)])
def test_a_thwarted_attack_did_not_happen(verb: str, lemma: str, negated: bool):
    doc = parse(["The", "navy", verb, "an", "attack", "."], [1, 2, 2, 4, 2, 2],
                ["det", "nsubj", "ROOT", "det", "dobj", "punct"], ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
                lemmas=["the", "navy", lemma, "an", "attack", "."])
    assert modality(candidate(doc, 4)).negated is negated


@pytest.mark.parametrize("subject, aggregate", [("Thousands", True), ("Twelve", False)])
def test_thousands_arrested_is_many_events(subject: str, aggregate: bool):
    doc = parse([subject, "have", "been", "arrested", "."], [3, 3, 3, 3, 3],
                ["nsubjpass", "aux", "auxpass", "ROOT", "punct"], ["NOUN", "AUX", "AUX", "VERB", "PUNCT"],
                tags=["NNS", "VBP", "VBN", "VBN", "."], lemmas=[subject.lower(), "have", "be", "arrest", "."])
    assert is_pattern(candidate(doc, 3)) is aggregate


def test_months_of_protests_and_three_protests_are_each_many_events_told_as_one():
    """A counted plural sums several acts in one phrase (the codebook's "37 strikes have killed 120
    people" is an aggregate); "a protest" or "the protests" do not."""
    words = ["after", "three", "months", "of", "protests"]
    deps = ["ROOT", "nummod", "pobj", "prep", "pobj"]
    doc = parse(words, [0, 2, 0, 2, 3], deps, ["ADP", "NUM", "NOUN", "ADP", "NOUN"],
                tags=["IN", "CD", "NNS", "IN", "NNS"], lemmas=["after", "three", "month", "of", "protest"])
    assert is_pattern(candidate(doc, 4))
    doc = parse(["after", "three", "protests"], [0, 2, 0], ["ROOT", "nummod", "pobj"], ["ADP", "NUM", "NOUN"],
                tags=["IN", "CD", "NNS"], lemmas=["after", "three", "protest"])
    assert is_pattern(candidate(doc, 2))
    doc = parse(["after", "a", "protest"], [0, 2, 0], ["ROOT", "det", "pobj"], ["ADP", "DET", "NOUN"],
                tags=["IN", "DT", "NN"], lemmas=["after", "a", "protest"])
    assert not is_pattern(candidate(doc, 2))


@pytest.mark.parametrize("head_tag, aggregate", [("VBZ", True), ("VBD", False)])
def test_a_bare_plural_is_many_events_unless_it_acted_once(head_tag: str, aggregate: bool):
    """"Kidnappings are common" is no one event; "Airstrikes killed 20 people" is what they did."""
    doc = parse(["Airstrikes", "kill", "people"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["NOUN", "VERB", "NOUN"],
                tags=["NNS", head_tag, "NNS"], lemmas=["airstrike", "kill", "people"])
    assert is_pattern(candidate(doc, 0)) is aggregate


def test_its_forces_are_the_group_named_before():
    doc = parse(["The", "army", "said", "its", "forces", "struck"], [1, 2, 2, 4, 5, 2],
                ["det", "nsubj", "ROOT", "poss", "nsubj", "ccomp"], ["DET", "NOUN", "VERB", "PRON", "NOUN", "VERB"],
                lemmas=["the", "army", "say", "its", "force", "strike"])
    army = Actor(id="a1", name="Mali army", kind="group", mentions=[Mention(text="army", start=4, end=8)])
    arg = argument(doc[4], ActorIndex.build([army]))
    assert arg.actor is army and arg.text == "its forces"


def test_a_bare_title_is_the_person_the_article_names_with_it():
    governor = Actor(id="p1", name="Tarek el Aissami", kind="person", title="Gov.")
    role = Actor(id="g1", name="governor", kind="group", sector="GOV")
    index = ActorIndex.build([governor, role])
    assert index.holder(role) is governor


def test_a_title_two_people_hold_names_nobody():
    ministers = [Actor(id=f"p{i}", name=n, kind="person", title="Minister") for i, n in enumerate(("A B", "C D"))]
    role = Actor(id="g1", name="minister", kind="group")
    assert ActorIndex.build([*ministers, role]).holder(role) is None


def test_an_attorney_general_is_no_general():
    from eventwire.extract.events.arguments import role_noun

    assert role_noun("Attorney General") is None
    assert role_noun("Gov.") == "governor"
    assert role_noun("Interior Minister") == "minister"
