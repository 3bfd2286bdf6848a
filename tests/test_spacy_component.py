"""eventwire as a spaCy component: ``nlp.add_pipe("eventwire")`` gives the records Pipeline gives."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest
import spacy

from eventwire.model import Article
from eventwire.pipeline import extract

TEXT = ("Rebels shelled the town of Goma on Monday, killing three civilians. "
        '"We will hold the town," a rebel spokesman said on Tuesday.')


@pytest.fixture(scope="module")
def component_nlp(nlp):
    """A pipeline of its own (the shared one must stay as it is), with the eventwire component last."""
    fresh = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    fresh.add_pipe("eventwire_line_breaks", before="parser")
    fresh.add_pipe("eventwire", config={"published": "2025-03-04"})
    return fresh


def test_the_factory_is_registered_by_entry_point():
    found = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert found.get("eventwire") == "eventwire.spacy_component:make_eventwire"


def test_add_pipe_sets_the_same_records_as_the_pipeline(component_nlp, nlp):
    doc = component_nlp(TEXT)
    expected = extract(nlp(TEXT), Article(text=TEXT, published="2025-03-04"))
    assert component_nlp.pipe_names[-1] == "eventwire"
    assert doc._.events == expected.events and doc._.events and doc._.events[0].type == "ASSAULT"
    assert doc._.quotes == expected.quotes and doc._.quotes
    assert doc._.places == expected.places
    assert doc._.actors == expected.actors and doc._.timexes == expected.timexes
    assert doc._.record.article.published == "2025-03-04"


def test_the_publication_date_can_be_set_per_document(component_nlp):
    doc = component_nlp.make_doc("Rebels shelled Goma on Monday.")
    doc._.published = "2025-06-10"
    for _name, pipe in component_nlp.pipeline:
        doc = pipe(doc)
    assert doc._.events[0].date == "2025-06-09"


def test_a_pipeline_without_parser_or_ner_is_refused():
    blank = spacy.blank("en")
    with pytest.raises(ValueError, match="needs parser, ner"):
        blank.add_pipe("eventwire")
