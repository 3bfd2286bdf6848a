"""WARC (and ARC) archives: every archived HTML or plain-text response becomes an article.

Needs the optional ``warcio`` package. Records are streamed one at a time; redirects, errors and
non-text payloads (images, scripts, styles) are skipped, not reported: they are not articles.
The WARC-Date is the crawl time, not the publication date, so it is never used as ``published``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventwire.ingest import IngestError
from eventwire.ingest.html import article_from_html
from eventwire.ingest.text import ReadError, decode_bytes, make_article, mb
from eventwire.model import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
RECORD_TYPES = ("response", "resource")


def _content_type(record: Any) -> str:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    return (headers.get_header("Content-Type") or "").lower()


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _is_success(record: Any) -> bool:
    if record.http_headers is None:
        return True
    status = record.http_headers.get_statuscode() or ""
    return status.startswith("2")


def _html_payload(payload: bytes, content_type: str) -> str | bytes:
    """The page as text when the HTTP header names a usable charset, else bytes for detection."""
    charset = _charset(content_type)
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return payload


def _record_article(record: Any, payload: bytes, path: str, number: int) -> Article | IngestError:
    url = record.rec_headers.get_header("WARC-Target-URI")
    content_type = _content_type(record)
    if content_type.startswith(HTML_TYPES):
        result = article_from_html(_html_payload(payload, content_type), path=path, url=url)
    else:
        try:
            result = make_article(decode_bytes(payload), path=path, url=url)
        except ReadError as err:
            result = IngestError(path, str(err))
    if isinstance(result, IngestError):
        return IngestError(path, f"{result.reason} ({url})", number)
    return result


def read_warc(path: Path, max_bytes: int) -> Iterator[Article | IngestError]:
    """Stream a ``.warc``/``.warc.gz``/``.arc`` file; each payload is capped at ``max_bytes``."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as err:
        raise ReadError("WARC support needs the warcio package (pip install warcio)") from err
    name = str(path)
    with path.open("rb") as stream:
        for number, record in enumerate(ArchiveIterator(stream, arc2warc=True), start=1):
            if record.rec_type not in RECORD_TYPES or not _is_success(record):
                continue
            if not _content_type(record).startswith(HTML_TYPES + TEXT_TYPES):
                continue
            payload = record.content_stream().read(max_bytes + 1)
            if len(payload) > max_bytes:
                yield IngestError(name, f"record too large: more than {mb(max_bytes)} cap", number)
                continue
            yield _record_article(record, payload, name, number)
