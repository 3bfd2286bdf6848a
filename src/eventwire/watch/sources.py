"""Sources to watch and the items they list: RSS/Atom feeds, sitemaps (news sitemaps too, and sitemap
indexes) and section pages.

A sources file holds one source a line: its URL, then optionally its kind (``feed``, ``sitemap`` or
``page``; detected from the response when left out). ``#`` starts a comment::

    # world news
    https://news.example.org/world/rss.xml
    https://news.example.org/sitemap-news.xml   sitemap
    https://other.example.com/africa/           page

An item is what a source lists: a link, the feed's GUID, a title and date when given, and the
item's text when the feed carries the whole article (at least FULL_TEXT_WORDS words of
``content:encoded`` or Atom ``content``; a summary is never taken for the article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from eventwire.ingest.feed import DATE_TAGS, feed_items, fragment_text, item_link, item_text, parse_xml
from eventwire.ingest.text import ReadError
from eventwire.watch.fetch import is_url, normalize_url

KINDS = ("feed", "sitemap", "page")
FULL_TEXT_WORDS = 150
MAX_ITEMS = 500  # items taken from one source per poll (the first ones: feeds and pages list the newest first)
MAX_CHILD_SITEMAPS = 20  # of a sitemap index, the most recently modified
_WORD = re.compile(r"\w+")
# Section-page links that are navigation, not stories.
_NAV_PATH = re.compile(
    r"/(?:tags?|topics?|category|categories|authors?|about|contact|help|login|signin|sign-in|register|subscribe|"
    r"subscriptions?|newsletters?|search|privacy|terms|cookies|careers|jobs|advertise|feeds?|rss|account|live)"
    r"(?:/|$)", re.I)
_FILE_EXT = re.compile(r"\.(?:jpe?g|png|gif|svg|webp|pdf|zip|mp[34]|css|js|xml|json|ico)$", re.I)
_STORY_PATH = re.compile(r"(?:[a-z0-9]+-){3,}[a-z0-9]+|\d{4,}|\.s?html?$", re.I)


class SourceFileError(ValueError):
    """A sources file line that cannot be read."""


@dataclass(slots=True, frozen=True)
class Source:
    url: str
    kind: str | None = None  # None: detected from the response


@dataclass(slots=True)
class Item:
    """One story a source lists."""

    url: str | None  # normalized link
    guid: str | None = None
    title: str | None = None
    published: str | None = None
    text: str | None = None  # the whole article when the feed carries it


def read_sources(path: Path) -> list[Source]:
    """The sources of a sources file, each once; SourceFileError names the first bad line."""
    sources: dict[str, Source] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = _strip_comment(line)
        words = line.split()
        url = words[0]
        kind = words[1].lower() if len(words) > 1 else None
        if not is_url(url) or not urlsplit(url).hostname:
            raise SourceFileError(f"{path}:{number}: not an http(s) URL: {url[:200]!r}")
        if len(words) > 2 or (kind is not None and kind not in KINDS):
            raise SourceFileError(f"{path}:{number}: expected 'URL [{'|'.join(KINDS)}]', got {line[:200]!r}")
        sources.setdefault(normalize_url(url), Source(normalize_url(url), kind))
    return list(sources.values())


def _strip_comment(line: str) -> str:
    """A line without its comment: ``#`` after white space (a URL may hold a fragment)."""
    return re.split(r"\s#", line, maxsplit=1)[0].strip()


def detect_kind(body: bytes, content_type: str | None) -> str:
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed") or b"<rdf:rdf" in head:
        if b"<urlset" in head or b"<sitemapindex" in head:
            return "sitemap"
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return "feed"
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if content_type and ("rss" in content_type or "atom" in content_type):
        return "feed"
    return "page"


_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)


def xml_problem(body: bytes) -> str | None:
    """Why a feed or sitemap is not well-formed XML (it is still read as far as it goes), or None."""
    try:
        etree.fromstring(body, parser=_STRICT)
    except etree.XMLSyntaxError as exc:
        return str(exc)
    return None


def feed_entries(body: bytes, base: str) -> list[Item]:
    """The items of an RSS/Atom feed, links resolved against ``base``; ReadError when unreadable."""
    items = []
    for element in feed_items(body)[:MAX_ITEMS]:
        link = item_link(element)
        full = item_text(element, ("encoded", "content"))
        text = fragment_text(full) if full else None
        if text and len(_WORD.findall(text)) < FULL_TEXT_WORDS:
            text = None
        guid = item_text(element, ("guid", "id"))
        items.append(Item(
            url=_absolute(base, link), guid=guid.strip()[:500] if guid else None,
            title=item_text(element, ("title",)), published=item_text(element, DATE_TAGS), text=text))
    return [i for i in items if i.url or (i.guid and i.text)]


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def sitemap_entries(body: bytes, base: str) -> tuple[list[Item], list[str]]:
    """(items of a urlset, child sitemaps of an index ordered newest first); ReadError when unreadable."""
    root = parse_xml(body)
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children: list[tuple[str, str]] = []
        for element in root:
            if _local(element.tag) != "sitemap":
                continue
            fields = {_local(c.tag): (c.text or "").strip() for c in element}
            url = _absolute(base, fields.get("loc"))
            if url:
                children.append((fields.get("lastmod", ""), url))
        children.sort(key=lambda pair: pair[0], reverse=True)
        return [], [url for _lastmod, url in children[:MAX_CHILD_SITEMAPS]]
    if kind != "urlset":
        raise ReadError(f"not a sitemap: root element <{kind}>")
    items = []
    for element in root:
        if _local(element.tag) != "url":
            continue
        loc = title = published = lastmod = None
        for child in element.iter():
            name = _local(child.tag)
            value = (child.text or "").strip() or None
            if name == "loc" and loc is None:
                loc = value
            elif name == "title":
                title = value
            elif name == "publication_date":
                published = value
            elif name == "lastmod":
                lastmod = value
        url = _absolute(base, loc)
        if url:
            items.append(Item(url=url, title=title, published=published or lastmod))
    # news sitemaps list the last two days; plain ones may list years: the newest first, capped
    items.sort(key=lambda i: i.published or "", reverse=True)
    return items[:MAX_ITEMS], []


def page_links(body: bytes, base: str) -> list[Item]:
    """Links to stories on a section page: same site, not navigation, a path that looks like a story."""
    try:
        tree = lxml_html.document_fromstring(body)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"unreadable page: {exc}") from exc
    site = _site(base)
    own = normalize_url(base)
    seen: dict[str, Item] = {}
    for anchor in tree.iter("a"):
        url = _absolute(base, anchor.get("href"))
        if not url or url == own or url in seen or _site(url) != site:
            continue
        path = urlsplit(url).path
        if _NAV_PATH.search(path) or _FILE_EXT.search(path) or not _STORY_PATH.search(path.rsplit("/", 2)[-1]
                                                                                       or path):
            continue
        title = " ".join(anchor.text_content().split()) or None
        seen[url] = Item(url=url, title=title)
        if len(seen) >= MAX_ITEMS:
            break
    return list(seen.values())


def _site(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def _absolute(base: str, link: str | None) -> str | None:
    if not link:
        return None
    try:
        url = urljoin(base, link.strip())
    except ValueError:
        return None
    return normalize_url(url) if is_url(url) and urlsplit(url).hostname else None
