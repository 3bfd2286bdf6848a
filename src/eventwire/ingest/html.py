"""HTML pages: main text and metadata with trafilatura, publication date with htmldate.

Nothing here touches the network: URLs are only read as strings (for the source host).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import load_html
from trafilatura.xpaths import REMOVE_COMMENTS_XPATH

from eventwire.ingest import IngestError
from eventwire.ingest.text import host_source, make_article, normalize_published, read_bytes
from eventwire.model import Article

# trafilatura and htmldate log every page they give up on; a batch reports those as IngestErrors.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# favor_precision scores best on the Zyte benchmark (see eval/articles.py); comments are the main
# source of extraction noise under news pages, so they are never extracted.
EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "output_format": "python",
}
# Precision mode sometimes prunes the whole story and keeps only a notice. When its text is short,
# the balanced mode is tried too and wins if it finds several times more words.
SHORT_TEXT_WORDS = 200
OVER_PRUNED_RATIO = 0.2
_WORD = re.compile(r"\w+")
# Some layouts cut one story into several sibling body containers (same class) around inline ad
# rows; trafilatura keeps only the first. Containers that each hold real prose are joined first.
_BODY_CLASS = re.compile(r"(?:^|[\s_-])(?:article|story|post|entry)[-_]{0,2}(?:body|content|text)(?:$|[\s_-])", re.I)
_CLASSED_BLOCKS = XPath("//div[@class] | //section[@class] | //article[@class]")
SPLIT_BODY_MIN_WORDS = 40
SPLIT_BODY_MAX_PARTS = 6


@dataclass(slots=True)
class HtmlDoc:
    """What one HTML page gives: main text plus the metadata the page states."""

    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    comments_removed: bool = False
    problem: str | None = None  # why ``text`` is empty when the page itself is the reason


# libxml2 stops reading a page nested deeper than this and keeps the part above it: a text further
# down is lost, which is worth saying instead of "no article text".
MAX_PARSE_DEPTH = 255


def _too_deep(tree: HtmlElement) -> bool:
    return any(sum(1 for _ in element.iterancestors()) >= MAX_PARSE_DEPTH - 1 for element in tree.iter()
               if len(element) == 0)


# htmldate: original_date is the publication date, not the last modification; extensive_search
# off is its fast mode (structured markup and the URL, no guessing from free text).
DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}


def _has_comment_section(tree: HtmlElement) -> bool:
    return any(len(xpath(tree)) > 0 for xpath in REMOVE_COMMENTS_XPATH)


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    members = set(elements)
    return [e for e in elements if not any(a in members for a in e.iterancestors())]


def _is_split_story(parts: list[HtmlElement]) -> bool:
    if not 2 <= len(parts) <= SPLIT_BODY_MAX_PARTS:
        return False
    texts = [" ".join(part.text_content().split()) for part in parts]
    # identical copies (an AMP or no-script duplicate) are not parts of one story
    return len(set(texts)) == len(texts) and min(len(_WORD.findall(t)) for t in texts) >= SPLIT_BODY_MIN_WORDS


def join_split_body(tree: HtmlElement) -> bool:
    """Move the content of later same-class article-body containers into the first; True if any."""
    groups: dict[tuple[str, str], list[HtmlElement]] = {}
    for element in _CLASSED_BLOCKS(tree):
        css_class = element.get("class", "")
        if _BODY_CLASS.search(css_class):
            groups.setdefault((element.tag, css_class), []).append(element)
    joined = False
    for elements in groups.values():
        parts = _outermost(elements)
        if not _is_split_story(parts):
            continue
        for part in parts[1:]:
            parts[0].extend(list(part))
        joined = True
    return joined


def _extract(tree: HtmlElement, url: str | None, *, precision: bool, metadata: bool) -> Document | None:
    # trafilatura works on its own copy of the tree and reads the date with htmldate.
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=precision,
        with_metadata=metadata,
        date_extraction_params=dict(DATE_PARAMS),
        **EXTRACT_OPTIONS,
    )
    return document if isinstance(document, Document) else None


def _text(document: Document | None) -> str:
    return (document.text or "") if document is not None else ""


def _best_extraction(tree: HtmlElement, url: str | None) -> tuple[Document | None, str]:
    """(document carrying the metadata, main text)."""
    precise = _extract(tree, url, precision=True, metadata=True)
    words = len(_WORD.findall(_text(precise)))
    if words >= SHORT_TEXT_WORDS:
        return precise, _text(precise)
    balanced = _extract(tree, url, precision=False, metadata=precise is None)
    if len(_WORD.findall(_text(balanced))) * OVER_PRUNED_RATIO > words:
        return precise or balanced, _text(balanced)
    return precise, _text(precise)


def extract_html(html: str | bytes, url: str | None = None) -> HtmlDoc:
    """Main text, title, publication date, URL and source host of one HTML page.

    ``text`` is empty when the page has no recognizable article (or is not HTML at all);
    the caller decides whether that is an error.
    """
    try:
        tree = load_html(html)
    except (TypeError, ValueError):
        tree = None
    if tree is None:
        return HtmlDoc(text="", url=url, source=host_source(url))
    comments_removed = _has_comment_section(tree)
    join_split_body(tree)
    document, text = _best_extraction(tree, url)
    problem = None
    if not text.strip() and _too_deep(tree):
        problem = f"page nested deeper than {MAX_PARSE_DEPTH} levels: the HTML parser cannot read below that"
    if document is None:
        return HtmlDoc(text="", url=url, source=host_source(url), comments_removed=comments_removed,
                       problem=problem)
    page_url = url or document.url or None
    return HtmlDoc(
        text=text,
        title=(document.title or "").strip() or None,
        published=normalize_published(document.date),
        url=page_url,
        source=host_source(page_url),
        comments_removed=comments_removed,
        problem=problem,
    )


def extract_html_or_error(
    html: str | bytes, *, path: str, url: str | None = None, line: int | None = None
) -> HtmlDoc | IngestError:
    """extract_html, with a crash on one odd page turned into an IngestError (streams go on)."""
    try:
        return extract_html(html, url=url)
    except Exception as err:  # a parser bug must not end a JSONL or WARC stream
        return IngestError(path, f"HTML extraction failed: {type(err).__name__}: {err}", line)


def article_from_html(
    html: str | bytes, *, path: str, url: str | None = None, line: int | None = None
) -> Article | IngestError:
    """One cleaned article from an HTML page, or an IngestError when the page has no article text."""
    page = extract_html_or_error(html, path=path, url=url, line=line)
    if isinstance(page, IngestError):
        return page
    if page.problem and not page.text.strip():
        return IngestError(path, page.problem, line)
    return make_article(
        page.text, path=path, line=line, url=page.url, title=page.title, published=page.published, source=page.source
    )


def read_html(path: Path, max_bytes: int) -> Iterator[Article | IngestError]:
    """Read one ``.html`` (or ``.html.gz``) file; the encoding is detected from the page."""
    yield article_from_html(read_bytes(path, max_bytes), path=str(path))
