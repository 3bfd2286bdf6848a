"""JSON Lines: one article per line, ``{"text" | "html", "url", "published", "title", "source"}``.

Read line by line; a bad line is an IngestError with its 1-based line number, the rest goes on.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from eventwire.ingest import IngestError
from eventwire.ingest.text import (
    ReadError,
    decode_bytes,
    make_article,
    mb,
    metadata_fields,
    open_maybe_gzip,
    read_bytes,
)
from eventwire.model import Article

TEXT_KEYS = ("text", "body")
HTML_KEYS = ("html", "raw_html")
_CHUNK = 1 << 16


def is_json_object_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped.startswith("{"):
        return False
    try:
        return isinstance(json.loads(stripped), dict)
    except json.JSONDecodeError:
        return False


def _first_string(record: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def article_from_record(record: Mapping[str, Any], *, path: str, line: int | None) -> Article | IngestError:
    """One article from a decoded JSONL record (its html goes through extract_html)."""
    fields = metadata_fields(record)
    text = _first_string(record, TEXT_KEYS)
    if text is not None:
        return make_article(text, path=path, line=line, **fields)
    html = _first_string(record, HTML_KEYS)
    if html is None:
        return IngestError(path, "no text or html field", line)
    from eventwire.ingest.html import extract_html_or_error  # trafilatura is only loaded when needed

    url = fields.get("url") if isinstance(fields.get("url"), str) else None
    page = extract_html_or_error(html, path=path, url=url, line=line)
    if isinstance(page, IngestError):
        return page
    if page.problem and not page.text.strip():
        return IngestError(path, page.problem, line)
    page_fields = {"url": page.url, "title": page.title, "published": page.published, "source": page.source}
    merged = {key: value for key, value in page_fields.items() if value} | fields
    return make_article(page.text, path=path, line=line, **merged)


def parse_line(raw: str, *, path: str, line: int) -> Article | IngestError | None:
    """An article or an error for one line; None for a blank line."""
    if not raw.strip():
        return None
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as err:
        return IngestError(path, f"invalid JSON: {err.msg} at column {err.colno}", line)
    if not isinstance(record, dict):
        return IngestError(path, f"not a JSON object: {type(record).__name__}", line)
    return article_from_record(record, path=path, line=line)


def iter_jsonl(lines: Iterable[str], path: str) -> Iterator[Article | IngestError]:
    """Articles and errors from already-decoded lines (e.g. stdin)."""
    for number, raw in enumerate(lines, start=1):
        result = parse_line(raw, path=path, line=number)
        if result is not None:
            yield result


def _bounded_lines(handle: io.BufferedIOBase, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of at most ``max_bytes``; None stands for a longer line, which is skipped unread."""
    while True:
        raw = handle.readline(max_bytes + 1)
        if not raw:
            return
        if len(raw) <= max_bytes or raw.endswith(b"\n"):
            yield raw
            continue
        while raw and not raw.endswith(b"\n"):
            raw = handle.readline(_CHUNK)
        yield None


def read_jsonl(path: Path, max_bytes: int) -> Iterator[Article | IngestError]:
    """Stream a ``.jsonl`` (or ``.jsonl.gz``) file; each line is capped at ``max_bytes``."""
    name = str(path)
    with open_maybe_gzip(path) as handle:
        for number, raw in enumerate(_bounded_lines(handle, max_bytes), start=1):
            if raw is None:
                yield IngestError(name, f"line too large: more than {mb(max_bytes)} cap", number)
                continue
            try:
                decoded = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as err:
                yield IngestError(name, f"undecodable bytes: not UTF-8 at byte {err.start}", number)
                continue
            result = parse_line(decoded, path=name, line=number)
            if result is not None:
                yield result


def read_json(path: Path, max_bytes: int) -> Iterator[Article | IngestError]:
    """A ``.json`` file named explicitly: one record (an object) or several (an array of objects)."""
    try:
        document = json.loads(decode_bytes(read_bytes(path, max_bytes)))
    except json.JSONDecodeError as err:
        raise ReadError(f"invalid JSON: {err.msg} at line {err.lineno} column {err.colno}") from err
    records = document if isinstance(document, list) else [document]
    for number, record in enumerate(records, start=1):
        line = number if isinstance(document, list) else None
        if isinstance(record, dict):
            yield article_from_record(record, path=str(path), line=line)
        else:
            yield IngestError(str(path), f"not a JSON object: {type(record).__name__}", line)
