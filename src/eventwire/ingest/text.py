"""Plain-text articles, and the helpers every reader shares.

A ``.txt`` file may start with a front-matter block::

    ---
    title: Floods in the north
    url: https://example.org/news/floods
    published: 2025-03-04
    source: example.org
    ---
    Article body ...

or have a sidecar ``<name>.json`` next to it with the same keys. Front matter wins over the sidecar.
"""

from __future__ import annotations

import codecs
import email.utils
import gzip
import io
import json
import os
import re
import sys
import threading
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from charset_normalizer import from_bytes

from eventwire.clean import clean_text
from eventwire.ingest import IngestError
from eventwire.language import language_of
from eventwire.model import Article

GZIP_MAGIC = b"\x1f\x8b"
_BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x7fELF",
    b"BZh",
    b"7z\xbc\xaf",
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 8192

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?P<block>.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*)$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HAS_CLOCK_TIME = re.compile(r"\d{1,2}:\d{2}")
_SPACES = re.compile(r"\s+")

# Metadata keys as they appear in front matter, sidecars and JSONL records -> Article field.
METADATA_KEYS: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "pubdate": "published",
    "publish_date": "published",
    "published_at": "published",
    "source": "source",
    "site": "source",
}


class ReadError(Exception):
    """A file or record that cannot be read; the message is the reason users see."""


def mb(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, gunzipped when compressed; ReadError when too large or binary."""
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, max_bytes)
    if len(data) > max_bytes:
        raise ReadError(f"file too large: more than {mb(max_bytes)} cap")
    check_not_binary(data)
    return data


def gunzip(data: bytes, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        # max_length bounds memory against compression bombs.
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as err:
        raise ReadError(f"corrupt gzip data: {err}") from err
    if len(out) > max_bytes:
        raise ReadError(f"file too large: more than {mb(max_bytes)} cap after decompression")
    return out


def open_maybe_gzip(path: Path) -> io.BufferedIOBase:
    """A binary file handle, transparently gunzipping (for streaming readers)."""
    with path.open("rb") as probe:
        magic = probe.read(2)
    return gzip.open(path, "rb") if magic == GZIP_MAGIC else path.open("rb")


def check_not_binary(data: bytes) -> None:
    head = data[:_SNIFF_BYTES]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        raise ReadError("binary file")


def decode_bytes(data: bytes) -> str:
    """Text from bytes: BOM, else UTF-8, else a detected legacy encoding; ReadError otherwise."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ReadError("undecodable bytes: not UTF-8 and no known encoding fits")
    return str(best)


def host_source(url: str | None) -> str | None:
    """The site host of a URL (``www.`` dropped), or None."""
    if not url:
        return None
    url = url.strip()
    if "://" not in url and not url.startswith("//"):
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def _format_datetime(value: datetime) -> str:
    if value.tzinfo is None and value.hour == value.minute == value.second == 0 and not value.microsecond:
        return value.date().isoformat()
    return value.isoformat(timespec="seconds")


def _from_epoch(seconds: float) -> str:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    return datetime.fromtimestamp(seconds, tz=UTC).isoformat(timespec="seconds")


# A publication date outside [EARLIEST_PUBLISHED, today + PUBLISHED_AHEAD] is a mistake in the
# metadata (a 0 read as 1970 is inside, which is why numbers are not read as dates unless asked).
EARLIEST_PUBLISHED = date(1800, 1, 1)
PUBLISHED_AHEAD = timedelta(days=2)  # time zones and embargoed stories


def epoch_dates() -> bool:
    """Whether numbers in ``published`` are read as Unix time (seconds, or milliseconds): the setting
    ``EVENTWIRE_EPOCH_DATES=1``. Off by default: a number is more often an id or a year than a time."""
    return os.environ.get("EVENTWIRE_EPOCH_DATES", "").strip().lower() in ("1", "true", "yes", "on")


def _described(value: object) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    return f"a JSON {'array' if isinstance(value, list | tuple) else 'object' if isinstance(value, dict) else 'value'}"


def check_published(value: object, epoch: bool | None = None) -> tuple[str | None, str | None]:
    """(ISO date or datetime, None) for a usable publication date, else (None, why it was not used).

    Numbers are Unix time only with ``epoch`` (default: the EVENTWIRE_EPOCH_DATES setting); a date
    outside the plausible window (EARLIEST_PUBLISHED to today + PUBLISHED_AHEAD) is not used."""
    if value is None or value == "":
        return None, None
    if isinstance(value, bool) or not isinstance(value, str | int | float | date):
        return None, f"published: {_described(value)} is not a date"
    if isinstance(value, int | float) and not (epoch if epoch is not None else epoch_dates()):
        return None, (f"published: {_described(value)} is a number, not a date "
                      "(EVENTWIRE_EPOCH_DATES=1 reads numbers as Unix time)")
    iso = normalize_published(value, epoch=True)
    if iso is None:
        return None, f"published: {_described(value)} is not a full date"
    day = date.fromisoformat(iso[:10])
    latest = datetime.now(UTC).date() + PUBLISHED_AHEAD
    if not EARLIEST_PUBLISHED <= day <= latest:
        return None, (f"published: {iso[:10]} is outside the plausible window "
                      f"{EARLIEST_PUBLISHED.isoformat()} to {latest.isoformat()}")
    return iso, None


def check_text_field(name: str, value: object) -> tuple[str | None, str | None]:
    """(text, None) for a usable title, url or source (numbers are written out), else (None, why)."""
    if value is None:
        return None, None
    if isinstance(value, str):
        return value, None
    if isinstance(value, int | float) and not isinstance(value, bool) and name != "url":
        return str(value), None
    return None, f"{name}: {_described(value)} is not text"


_NOTES = threading.local()


@contextmanager
def collecting_notes() -> Iterator[list[IngestError]]:
    """Collect the notes :func:`make_article` writes while the block runs (a metadata field it dropped
    and why); the readers' caller yields them next to the article (see ``iter_articles``)."""
    previous = getattr(_NOTES, "notes", None)
    notes: list[IngestError] = []
    _NOTES.notes = notes
    try:
        yield notes
    finally:
        _NOTES.notes = previous


def _note(path: str | None, line: int | None, reason: str) -> None:
    notes = getattr(_NOTES, "notes", None)
    if notes is not None:
        notes.append(IngestError(path or "-", f"{reason}; the article is kept without it", line, kept=True))


def _parse_free_date(text: str) -> str | None:
    import dateparser  # slow to import; only odd formats need it

    parsed = dateparser.parse(
        text,
        languages=None,
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"},
    )
    if parsed is None:
        return None
    if not _HAS_CLOCK_TIME.search(text):
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="seconds")


def normalize_published(value: object, epoch: bool | None = None) -> str | None:
    """An ISO date (``2025-03-04``) or datetime string from what a source gives, else None.

    Numbers are read as Unix time only with ``epoch`` (default: the EVENTWIRE_EPOCH_DATES setting)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        if not (epoch if epoch is not None else epoch_dates()):
            return None
        try:
            return _from_epoch(float(value))
        except (OverflowError, OSError, ValueError):
            return None
    text = _SPACES.sub(" ", str(value)).strip()
    if not text:
        return None
    if _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        return _format_datetime(datetime.fromisoformat(text))
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).isoformat(timespec="seconds")
    except (TypeError, ValueError, IndexError):
        pass
    return _parse_free_date(text)


def metadata_fields(record: Mapping[str, Any]) -> dict[str, Any]:
    """Known metadata keys of a mapping, renamed to Article fields (first spelling wins)."""
    fields: dict[str, Any] = {}
    for key, value in record.items():
        target = METADATA_KEYS.get(str(key).strip().lower())
        if target is None or target in fields or value is None or value == "":
            continue
        fields[target] = value  # checked by make_article, which notes a value it cannot use
    return fields


def make_article(
    raw_text: str,
    *,
    path: str | None,
    url: object = None,
    title: object = None,
    published: object = None,
    source: object = None,
    line: int | None = None,
) -> Article | IngestError:
    """A cleaned Article, or an IngestError when no article text is left after cleaning.

    Metadata is validated: a field of the wrong type (a list as the url) or a publication date that
    is not a plausible date is left empty, and a note naming the field goes to the notes being
    collected (:func:`collecting_notes`)."""
    cleaned = clean_text(raw_text)
    if not cleaned.text:
        return IngestError(path or "-", "no article text", line)
    checked: dict[str, str | None] = {}
    for name, value in (("url", url), ("title", title), ("source", source)):
        checked[name], problem = check_text_field(name, value)
        if problem:
            _note(path, line, problem)
    iso, problem = check_published(published)
    if problem:
        _note(path, line, problem)
    url, title, source = checked["url"], checked["title"], checked["source"]
    url = url.strip() if url and url.strip() else None
    return Article(
        text=cleaned.text,
        captions=cleaned.captions,
        removed=cleaned.removed,
        url=url,
        source=(source.strip() if source and source.strip() else None) or host_source(url),
        title=(_SPACES.sub(" ", title).strip() or None) if title else None,
        published=iso,
        path=path,
        lang=language_of(cleaned.text),
    )


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(metadata, body) when the text starts with a ``---`` key: value block, else ({}, text)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    pairs: dict[str, str] = {}
    for line in match["block"].splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kv = _FRONT_MATTER_LINE.match(line.strip())
        if not kv:
            return {}, text  # a horizontal rule, not front matter
        pairs[kv["key"]] = kv["value"].strip().strip("\"'")
    fields = metadata_fields(pairs)
    if not fields:
        return {}, text
    return fields, text[match.end() :]


def sidecar_path(path: Path) -> Path:
    name = path.name
    for suffix in (".gz", ".txt", ".text"):
        name = name.removesuffix(suffix)
    return path.with_name(name + ".json")


def _is_our_output(path: Path) -> bool:
    """``path`` is where this process writes its output (``extract k.txt > k.json``): not metadata."""
    try:
        target = os.stat(path)
    except OSError:
        return False
    for stream in (sys.stdout, sys.stderr):
        try:
            if os.path.samestat(os.fstat(stream.fileno()), target):
                return True
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            continue
    return False


def read_sidecar(path: Path) -> dict[str, Any]:
    """Metadata from ``<name>.json`` next to a text file; ReadError when it is not a JSON object."""
    sidecar = sidecar_path(path)
    if not sidecar.is_file() or _is_our_output(sidecar):
        return {}
    try:
        record = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ReadError(f"invalid sidecar {sidecar.name}: {err}") from err
    if not isinstance(record, dict):
        raise ReadError(f"invalid sidecar {sidecar.name}: not a JSON object")
    return metadata_fields(record)


def article_from_text(text: str, *, path: str, sidecar: Mapping[str, Any] | None = None) -> Article | IngestError:
    """One article from raw text with optional front matter (which wins over the sidecar)."""
    front, body = split_front_matter(text)
    fields = {**(sidecar or {}), **front}
    return make_article(body, path=path, **fields)


def read_text(path: Path, max_bytes: int) -> Iterator[Article | IngestError]:
    """Read one ``.txt`` (or ``.txt.gz``) article with its front matter or sidecar."""
    text = decode_bytes(read_bytes(path, max_bytes))
    try:
        sidecar = read_sidecar(path)
    except ReadError as err:
        # The article itself is fine: ingest it and report the broken sidecar separately.
        yield IngestError(str(path), str(err))
        sidecar = {}
    yield article_from_text(text, path=str(path), sidecar=sidecar)
