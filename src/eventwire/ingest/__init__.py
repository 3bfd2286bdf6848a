"""Read articles from files, directories, globs and stdin; bad input becomes an IngestError.

``iter_articles`` streams: it never holds more than one file (or one JSONL line, one WARC
record) in memory, and nothing a reader meets stops the batch. Readers live in the sibling
modules (text, jsonl, html, warc, feed); they are imported on first use.
"""

from __future__ import annotations

import errno
import glob
import gzip
import importlib
import io
import os
import shutil
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

if TYPE_CHECKING:
    from eventwire.limits import Limits
    from eventwire.model import Article

SIZE_CAP = 20 * 1024 * 1024  # bytes; larger single-document files are refused
SNIFF_BYTES = 4096

# Extension (after an optional .gz) -> reader kind. Directories and globs only pick these up.
EXTENSION_KINDS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "feed",
    ".atom": "feed",
}
# Read only when named explicitly: in a directory a .json file is a text file's sidecar.
EXPLICIT_EXTENSION_KINDS: dict[str, str] = {".json": "json"}
# Kinds read as a whole (subject to SIZE_CAP); the others stream record by record.
WHOLE_FILE_KINDS = frozenset({"text", "html", "feed", "json"})
_GLOB_CHARS = frozenset("*?[")


@dataclass(slots=True)
class IngestError:
    """An input that could not be turned into an article, and why."""

    path: str
    reason: str
    line: int | None = None
    kept: bool = False  # a note: the article went in all the same (split into parts, a field dropped)


Reader = Callable[[Path, int], Iterator["Article | IngestError"]]


# kind -> (module, function). Imported on first use: the reader modules import IngestError from
# this package, and trafilatura or warcio load only when a page or archive is met.
READERS: dict[str, tuple[str, str]] = {
    "text": ("eventwire.ingest.text", "read_text"),
    "html": ("eventwire.ingest.html", "read_html"),
    "jsonl": ("eventwire.ingest.jsonl", "read_jsonl"),
    "json": ("eventwire.ingest.jsonl", "read_json"),
    "warc": ("eventwire.ingest.warc", "read_warc"),
    "feed": ("eventwire.ingest.feed", "read_feed"),
}


def _reader(kind: str) -> Reader:
    module, function = READERS[kind]
    return cast(Reader, getattr(importlib.import_module(module), function))


def extension_kind(path: Path, explicit: bool = False) -> str | None:
    """The reader kind a file's name asks for, or None; ``explicit`` when the user named the file."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    if not suffixes:
        return None
    kind = EXTENSION_KINDS.get(suffixes[-1])
    if kind is None and explicit:
        kind = EXPLICIT_EXTENSION_KINDS.get(suffixes[-1])
    return kind


def sniff_kind(head: bytes) -> str:
    """The reader kind for content whose file name says nothing (first bytes, decompressed)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"warc/", b"filedesc://")):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<"):
        if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
            return "feed"
        return "html"
    return "text"


def _head(path: Path) -> bytes:
    from eventwire.ingest.text import open_maybe_gzip

    try:
        with open_maybe_gzip(path) as handle:
            return bytes(handle.read(SNIFF_BYTES))
    except (EOFError, zlib.error, gzip.BadGzipFile):
        return b""  # the reader reports the corrupt data


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(root: Path) -> Iterator[Path | IngestError]:
    """Known-extension files under ``root``, sorted; unreadable directories are reported."""
    found: list[Path] = []
    problems: list[IngestError] = []

    def unreadable(err: OSError) -> None:
        problems.append(IngestError(str(err.filename or root), f"cannot read directory: {err.strerror or err}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = [d for d in dirnames if not _is_hidden(d)]
        for name in filenames:
            candidate = Path(dirpath, name)
            if not _is_hidden(name) and extension_kind(candidate):
                found.append(candidate)
    yield from problems
    yield from sorted(found)


def expand(raw: str) -> Iterator[Path | IngestError]:
    """Files named by one argument: a file, a directory (recursive) or a glob pattern."""
    if raw.startswith(("http://", "https://")):
        yield IngestError(raw, "a URL is fetched by iter_articles, not expanded as a path")
        return
    path = Path(raw).expanduser()
    if path.is_dir():
        yield from _walk(path)
    elif path.is_file():
        yield path
    elif _GLOB_CHARS & set(raw):
        matches = sorted(glob.glob(os.path.expanduser(raw), recursive=True))
        if not matches:
            yield IngestError(raw, "no files match the pattern")
        for match in matches:
            candidate = Path(match)
            if candidate.is_dir():
                yield from _walk(candidate)
            elif not _is_hidden(candidate.name) and extension_kind(candidate):
                yield candidate
    elif path.exists():
        yield IngestError(raw, "not a regular file")
    elif path.is_symlink():
        yield IngestError(raw, _broken_link(path))
    else:
        yield IngestError(raw, "no such file or directory")


def _broken_link(path: Path) -> str:
    """Why a symbolic link leads nowhere: a loop, or a target that does not exist."""
    try:
        path.stat()
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop"
        return f"broken symbolic link to {os.readlink(path)}: {err.strerror or err}"
    return "not a regular file"


def _too_large(path: Path, kind: str) -> IngestError | None:
    size = path.stat().st_size
    if kind in WHOLE_FILE_KINDS and size > SIZE_CAP:
        return IngestError(str(path), f"file too large: {size / 1_048_576:.1f} MB > {SIZE_CAP // 1_048_576} MB cap")
    return None


def read_path(path: Path) -> Iterator[Article | IngestError]:
    """Articles (and errors) from one file, never raising (expansion already filtered the names)."""
    try:
        if path.stat().st_size == 0:
            yield IngestError(str(path), "empty file")
            return
        kind = extension_kind(path, explicit=True) or sniff_kind(_head(path))
        too_large = _too_large(path, kind)
        if too_large:
            yield too_large
            return
        yield from _read_guarded(path, kind)
    except OSError as err:
        yield IngestError(str(path), f"cannot read: {err.strerror or err}")


def _read_guarded(path: Path, kind: str) -> Iterator[Article | IngestError]:
    from eventwire.ingest.text import ReadError

    try:
        yield from _reader(kind)(path, SIZE_CAP)
    except ReadError as err:
        yield IngestError(str(path), str(err))
    except OSError as err:
        yield IngestError(str(path), f"cannot read: {err.strerror or err}")
    except Exception as err:  # a parser bug on one odd file must not stop the batch
        yield IngestError(str(path), f"{kind} reader failed: {type(err).__name__}: {err}")


def _stdin_bytes(stream: IO[str] | IO[bytes]) -> IO[bytes]:
    """The bytes behind a stdin stream: its binary buffer, or (a text stream without one) its text as
    UTF-8."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return cast(IO[bytes], buffer)
    if isinstance(stream, io.TextIOBase):
        return io.BytesIO(stream.read().encode("utf-8", "surrogatepass"))
    return cast(IO[bytes], stream)


def _read_stdin(stream: IO[str] | IO[bytes]) -> Iterator[Article | IngestError]:
    """Standard input read as a file would be: its bytes spooled to a temporary file, the kind sniffed
    from its first bytes (JSONL when it starts with ``{``, HTML, a feed, a WARC archive, else text),
    then decoded with the same detection (BOM, UTF-8, a detected legacy encoding) and the same checks
    (binary data, the size cap) as a file. Errors name ``-``."""
    with tempfile.TemporaryDirectory(prefix="eventwire-stdin-") as folder:
        spool = Path(folder, "stdin")
        with spool.open("wb") as handle:
            shutil.copyfileobj(_stdin_bytes(stream), handle, 1 << 20)
        if _blank(spool):
            yield IngestError("-", "empty input")
            return
        for item in _with_notes(read_path(spool)):  # notes too: they name the spool file
            if item.path == str(spool):
                item.path = "-"
            yield item


def _blank(path: Path) -> bool:
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 16):
            if chunk.strip():
                return False
    return True


def iter_articles(paths: Iterable[str], stdin: IO[str] | IO[bytes] | None = None,
                  limits: Limits | None = None) -> Iterator[Article | IngestError]:
    """Every article found under ``paths`` ("-" reads stdin), with an IngestError for each failure.

    Articles longer than ``limits.part_chars`` come as parts, those over ``limits.max_chars`` as errors
    (default limits: the environment's, see :mod:`eventwire.limits`)."""
    from eventwire.limits import Limits, apply_limits

    return apply_limits(_iter_read(paths, stdin), limits or Limits.from_env())


def _iter_read(paths: Iterable[str], stdin: IO[str] | IO[bytes] | None) -> Iterator[Article | IngestError]:
    for raw in paths:
        if raw == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin)
            continue
        if raw.startswith(("http://", "https://")):  # fetched politely (eventwire.watch.fetch)
            from eventwire.watch.pages import url_articles

            yield from _with_notes(url_articles(raw))
            continue
        for item in expand(raw):
            if isinstance(item, IngestError):
                yield item
            else:
                yield from _with_notes(read_path(item))


def _with_notes(items: Iterator[Article | IngestError]) -> Iterator[Article | IngestError]:
    """A reader's output with the notes its articles' metadata gave (fields dropped, and why) just
    before each article. Notes are collected only while the reader runs, never between items."""
    from eventwire.ingest.text import collecting_notes

    while True:
        with collecting_notes() as notes:
            item = next(items, None)
        yield from notes
        if item is None:
            return
        yield item


__all__ = ["SIZE_CAP", "IngestError", "expand", "iter_articles", "read_path", "sniff_kind"]
