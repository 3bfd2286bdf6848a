"""RSS 2.0, RSS 1.0 (RDF) and Atom files: each item with content becomes an article.

The item's full content (``content:encoded``, Atom ``content``) is preferred over its summary
(``description``, ``summary``). Links are never followed: an item is only what the feed holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from eventwire.ingest import IngestError
from eventwire.ingest.text import ReadError, make_article, read_bytes
from eventwire.model import Article

ITEM_TAGS = frozenset({"item", "entry"})
CONTENT_TAGS = ("encoded", "content", "description", "summary")  # best first
# "updated" is when an entry last changed, not when it was published: not used.
DATE_TAGS = ("published", "pubDate", "date", "issued", "created")
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "section",
        "article",
        "pre",
    }
)
_MARKUP = re.compile(r"<[a-zA-Z!/][^>]*>")
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per block element (scripts and styles dropped)."""
    if not _MARKUP.search(fragment):
        return fragment
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _MARKUP.sub(" ", fragment)
    for junk in root.xpath(".//script|.//style|.//noscript"):
        junk.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    # One line per block, as trafilatura gives for whole pages.
    lines = (line.strip() for line in str(root.text_content()).splitlines())
    return "\n".join(line for line in lines if line)


def _inner(element: etree._Element) -> str:
    """Text of an element; embedded XHTML (Atom ``type="xhtml"``) is kept as markup."""
    if len(element) == 0:
        return element.text or ""
    parts = [element.text or ""]
    parts.extend(etree.tostring(child, encoding="unicode", with_tail=True) for child in element)
    return "".join(parts)


def _link(item: etree._Element) -> str | None:
    for child in item:
        if _local(child.tag) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return href
        if not href and child.text and child.text.strip():
            return child.text.strip()
    return None


def _first_text(item: etree._Element, names: tuple[str, ...]) -> str | None:
    by_name: dict[str, str] = {}
    for child in item:
        name = _local(child.tag)
        text = _inner(child).strip() if name in names else ""
        if text and name not in by_name:
            by_name[name] = text
    return next((by_name[name] for name in names if name in by_name), None)


def item_article(item: etree._Element, *, path: str, number: int) -> Article | IngestError:
    content = _first_text(item, CONTENT_TAGS)
    if content is None:
        return IngestError(path, "feed item without content", number)
    return make_article(
        fragment_text(content),
        path=path,
        line=number,
        url=_link(item),
        title=_first_text(item, ("title",)),
        published=_first_text(item, DATE_TAGS),
    )


def parse_xml(data: bytes) -> etree._Element:
    """The root of an XML document (feeds, sitemaps): no entities resolved, no network; ReadError
    when there is no readable root."""
    try:
        root = etree.fromstring(data, parser=_XML_PARSER)
    except etree.XMLSyntaxError as err:
        raise ReadError(f"invalid feed XML: {err}") from err
    if root is None:
        raise ReadError("invalid feed XML: no root element")
    return root


def feed_items(data: bytes) -> list[etree._Element]:
    """The item (RSS) or entry (Atom) elements of a feed document; ReadError when it has none."""
    root = parse_xml(data)
    items = [element for element in root.iter() if _local(element.tag) in ITEM_TAGS]
    if not items:
        raise ReadError("no feed items")
    return items


def item_link(item: etree._Element) -> str | None:
    """The item's link (Atom: the alternate link)."""
    return _link(item)


def item_text(item: etree._Element, names: tuple[str, ...]) -> str | None:
    """The first of the named child elements with text, in the order of ``names``."""
    return _first_text(item, names)


def read_feed(path: Path, max_bytes: int) -> Iterator[Article | IngestError]:
    """Articles from the items of one RSS/Atom file (``line`` in errors is the item number)."""
    items = feed_items(read_bytes(path, max_bytes))
    for number, item in enumerate(items, start=1):
        yield item_article(item, path=str(path), number=number)
