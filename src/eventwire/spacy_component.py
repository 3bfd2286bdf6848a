"""eventwire as a spaCy pipeline component.

    >>> import spacy
    >>> nlp = spacy.load("en_core_web_sm")
    >>> nlp.add_pipe("eventwire", config={"published": "2025-03-04"})
    >>> doc = nlp("Rebels shelled Goma on Monday, killing three civilians.")
    >>> doc._.events, doc._.quotes, doc._.places, doc._.actors, doc._.timexes, doc._.record

The factory is registered under spaCy's ``spacy_factories`` entry point, so installing eventwire
is enough: no import needed. The component reads the parse of the components before it (it
needs a tagger/lemmatizer, parser and NER, as every trained English pipeline has) and runs
the same stages as :class:`eventwire.pipeline.Pipeline`, so a text gives the same records. Two
differences are the caller's to close: ``Pipeline`` cleans raw text first (boilerplate lines,
photo captions), and its model breaks sentences at line breaks (``eventwire_line_breaks``,
added with ``nlp.add_pipe("eventwire_line_breaks", before="parser")``). The publication date
anchors relative dates: set it in the config, or per document in ``doc._.published``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.model import Article
from eventwire.pipeline import extract

EXTENSIONS = ("events", "quotes", "places", "actors", "timexes", "casualties", "record")


def _register() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("published", "source", "url", "title"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class EventwireComponent:
    """Sets ``doc._.events``, ``quotes``, ``places``, ``actors``, ``timexes``, ``casualties`` and the
    whole ``record`` (an :class:`eventwire.model.Record`)."""

    def __init__(self, nlp: Language, name: str, published: str | None = None, source: str | None = None) -> None:
        _register()
        missing = [pipe for pipe in ("parser", "ner") if pipe not in nlp.pipe_names]
        if missing:
            raise ValueError(f"the eventwire component needs {', '.join(missing)} before it in the pipeline "
                             f"(it has: {', '.join(nlp.pipe_names) or 'nothing'})")
        self.name = name
        self.published = published
        self.source = source

    def __call__(self, doc: Doc) -> Doc:
        article = Article(text=doc.text, published=doc._.published or self.published,
                          source=doc._.source or self.source, url=doc._.url, title=doc._.title)
        record = extract(doc, article)
        doc._.record = record
        doc._.events = record.events
        doc._.quotes = record.quotes
        doc._.places = record.places
        doc._.actors = record.actors
        doc._.timexes = record.timexes
        doc._.casualties = record.casualties
        return doc


@Language.factory("eventwire", default_config={"published": None, "source": None})
def make_eventwire(nlp: Language, name: str, published: str | None, source: str | None) -> Any:
    """spaCy factory of the eventwire component (entry point ``spacy_factories``: ``eventwire``)."""
    return EventwireComponent(nlp, name, published=published, source=source)
