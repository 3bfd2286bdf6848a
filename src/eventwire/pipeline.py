"""The pipeline: parse once with spaCy, then run the extraction stages in a fixed order.

    >>> from eventwire.pipeline import Pipeline
    >>> record = Pipeline()("Rebels attacked a convoy near Goma on Monday.", published="2025-03-04")

Stage order (each reads the results of the ones before it through the Context):
timexes -> places -> actors -> quotes -> casualties -> events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire import nlp as nlp_module
from eventwire.extract.actors import extract_actors
from eventwire.extract.casualties import extract_casualties
from eventwire.extract.context import Context
from eventwire.extract.events import extract_events
from eventwire.extract.places import extract_places
from eventwire.extract.quotes import extract_quotes
from eventwire.extract.timex import extract_timexes, find_anchor
from eventwire.model import Article, Record

Stage = Callable[[Doc, Context], list[Any]]

# (context attribute, stage function) in the order they run.
STAGES: tuple[tuple[str, Stage], ...] = (
    ("timexes", extract_timexes),
    ("places", extract_places),
    ("actors", extract_actors),
    ("quotes", extract_quotes),
    ("casualties", extract_casualties),
)


class Pipeline:
    """Turns articles into Records. Loads the spaCy model once, at construction."""

    def __init__(self, model: str | None = None, batch_size: int = 16) -> None:
        self.nlp: Language = nlp_module.load(model)
        self.batch_size = batch_size

    def __call__(
        self,
        text: str,
        published: str | None = None,
        url: str | None = None,
        title: str | None = None,
        source: str | None = None,
    ) -> Record:
        """Read raw text as ingest reads a .txt file (front matter, boilerplate, captions) and extract
        one Record from it; metadata given here wins over the front matter's."""
        return self.process(as_article(text, published=published, url=url, title=title, source=source))

    def process(self, article: Article) -> Record:
        """Extract a Record from an already cleaned Article."""
        return extract(self.nlp(article.analysis_text()), article)

    def pipe(self, articles: Iterable[Article | str | Mapping[str, Any]]) -> Iterator[Record]:
        """Stream Records, parsing in batches with ``nlp.pipe`` (memory stays flat). Items are Articles,
        raw texts (read as ``__call__`` reads them) or dicts (read as JSONL records are: ``text`` or
        ``html``, ``url``, ``published``, ``title``, ``source``)."""
        pairs = ((article.analysis_text(), article) for article in map(as_article, articles))
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield extract(doc, article)


def as_article(item: Article | str | Mapping[str, Any], **metadata: str | None) -> Article:
    """An Article from an Article, a raw text or a dict, read as ingest reads them; ValueError when
    nothing is left to read (an empty text, a dict with neither text nor html)."""
    from eventwire.ingest import IngestError
    from eventwire.ingest.jsonl import article_from_record
    from eventwire.ingest.text import make_article, split_front_matter

    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        front, body = split_front_matter(item)
        result = make_article(body, path=None, **(front | {k: v for k, v in metadata.items() if v is not None}))
    elif isinstance(item, Mapping):
        result = article_from_record(item, path="-", line=None)
    else:
        raise TypeError(f"expected an Article, a str or a dict, not {type(item).__name__}")
    if isinstance(result, IngestError):
        raise ValueError(result.reason)
    return result


def _parsed_text(doc: Doc, article: Article) -> str:
    """The text the doc was parsed from: the article's analysis text when the doc's offsets fit it
    (``doc.text`` would rebuild it from every token), else ``doc.text``."""
    text = article.analysis_text()
    if len(doc) == 0 or doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
        return doc.text
    return text


def extract(doc: Doc, article: Article) -> Record:
    """Run every stage over a parsed document. Pure: the same inputs give the same Record.

    The stages' caches in ``doc.user_data`` (sentence spans, entities, ...) are dropped at the end: they
    refer back to the doc, and a doc in such a cycle waits for Python's cycle collector instead of
    being freed as soon as it is no longer used."""
    try:
        return _extract(doc, article)
    finally:
        nlp_module.forget_caches(doc)


def _extract(doc: Doc, article: Article) -> Record:
    if nlp_module.TEXT_KEY not in doc.user_data:
        doc.user_data[nlp_module.TEXT_KEY] = _parsed_text(doc, article)
    anchor, anchor_kind = find_anchor(article.text, article.published)
    ctx = Context(article=article, anchor=anchor, anchor_kind=anchor_kind, body_end=article.body_end())
    for attribute, stage in STAGES:
        setattr(ctx, attribute, stage(doc, ctx))
    events = extract_events(doc, ctx)
    return Record(
        article=article,
        timexes=ctx.timexes,
        places=ctx.places,
        actors=ctx.actors,
        quotes=ctx.quotes,
        casualties=ctx.casualties,
        events=events,
        anchor=anchor.isoformat() if anchor else None,
        anchor_kind=anchor_kind,
    )
