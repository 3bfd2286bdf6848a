"""Per-article limits: how much text one analysis reads, and the time and memory it may take.

Every limit is a setting with a documented default (README, "Limits"), read from the environment:

- ``EVENTWIRE_PART_CHARS`` (50,000): a text longer than this is cut, at paragraph, else sentence,
  else word boundaries, into parts of at most this many characters; each part is analysed and stored
  as its own article (title suffixed ``[part i/n]``), and the split is noted in ``errors``. Extraction
  time grows faster than the text (25,000 characters take about 2 s, 200,000 about 90 s), so parts
  keep a long report linear in time and flat in memory.
- ``EVENTWIRE_MAX_CHARS`` (2,000,000): a longer text is not analysed at all; it is recorded in
  ``errors`` as too long (the batch goes on).
- ``EVENTWIRE_TIME_BUDGET`` (60 seconds) and ``EVENTWIRE_MEMORY_BUDGET`` (1,024 MB): an article whose
  extraction runs longer, or grows the process's resident memory by more, is stopped and recorded
  in ``errors`` with the reason; the batch goes on. 0 turns a budget off.

The budgets are enforced by one watchdog thread per process that raises :class:`BudgetExceeded` in
the extracting thread (CPython's asynchronous exceptions): it works in worker processes and in Dask
worker threads alike, and lands between Python bytecodes, so a stage is stopped within a fraction
of a second once it returns from any single spaCy call.
"""

from __future__ import annotations

import ctypes
import os
import re
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.ingest import IngestError
    from eventwire.model import Article

DEFAULT_PART_CHARS = 50_000
DEFAULT_MAX_CHARS = 2_000_000
DEFAULT_TIME_BUDGET = 60.0  # seconds
DEFAULT_MEMORY_BUDGET = 1024  # MB of resident memory one article may add
MIN_PART_CHARS = 1_000


class LimitError(ValueError):
    """A limit setting that is not a usable number."""


def _env_number(name: str, default: float, minimum: float = 0) -> float:
    raw = os.environ.get(name, "").strip().replace("_", "")
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise LimitError(f"{name}={raw!r} is not a number") from None
    if not value >= minimum or value == float("inf"):
        raise LimitError(f"{name}={raw!r} must be a finite number of at least {minimum:g}")
    return value


@dataclass(slots=True, frozen=True)
class Limits:
    """The per-article limits of one run (see the module docstring for each)."""

    part_chars: int = DEFAULT_PART_CHARS
    max_chars: int = DEFAULT_MAX_CHARS
    time_budget: float = DEFAULT_TIME_BUDGET  # seconds, 0 = off
    memory_budget: int = DEFAULT_MEMORY_BUDGET  # MB, 0 = off

    @classmethod
    def from_env(cls) -> Limits:
        """The limits the environment sets, defaults elsewhere; LimitError for a value that is not a number."""
        return cls(
            part_chars=int(_env_number("EVENTWIRE_PART_CHARS", DEFAULT_PART_CHARS, MIN_PART_CHARS)),
            max_chars=int(_env_number("EVENTWIRE_MAX_CHARS", DEFAULT_MAX_CHARS, 1)),
            time_budget=_env_number("EVENTWIRE_TIME_BUDGET", DEFAULT_TIME_BUDGET),
            memory_budget=int(_env_number("EVENTWIRE_MEMORY_BUDGET", DEFAULT_MEMORY_BUDGET)),
        )

    def with_options(self, **options: float | None) -> Limits:
        """These limits with the options given (None keeps a setting)."""
        given = {key: value for key, value in options.items() if value is not None}
        return replace(self, **given)  # type: ignore[arg-type]


# -- long texts -------------------------------------------------------------------------------------

_PARAGRAPH = re.compile(r"\n\s*\n")
_LINE = re.compile(r"\n")
_SENTENCE = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def split_text(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters, each ending at the last paragraph
    break that fits, else a line break, a sentence end, a space, or (one unbroken run) exactly at
    ``size``. Joining the pieces with the whitespace between them gives the text back."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size + 1]
        cut = None
        for pattern in (_PARAGRAPH, _LINE, _SENTENCE, _SPACE):
            ends = [m.start() for m in pattern.finditer(window) if m.start() > size // 4]
            if ends:
                cut = ends[-1]
                break
        cut = cut if cut is not None else size
        pieces.append(text[start : start + cut].strip())
        start += cut
        while start < len(text) and text[start].isspace():
            start += 1
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return [piece for piece in pieces if piece]


def article_parts(article: Article, part_chars: int) -> list[Article]:
    """The article itself when short enough, else its parts (captions stay with the first part)."""
    if len(article.analysis_text()) <= part_chars:
        return [article]
    from eventwire.model import Article as ArticleType

    captions = list(article.captions)
    body = article.text
    if sum(len(c) + 2 for c in captions) > part_chars // 2:  # captions too long to ride along: body text
        body, captions = "\n\n".join([body, *captions]), []
    room = part_chars - sum(len(c) + 2 for c in captions)
    texts = split_text(body, room)
    parts = []
    for number, text in enumerate(texts, start=1):
        label = f"[part {number}/{len(texts)}]"
        parts.append(ArticleType(
            text=text, captions=captions if number == 1 else [], removed=article.removed if number == 1 else [],
            url=article.url, source=article.source, published=article.published,
            title=f"{article.title} {label}" if article.title else label, lang=article.lang, path=article.path,
        ))
    return parts


def apply_limits(items: Iterable[Article | IngestError], limits: Limits) -> Iterator[Article | IngestError]:
    """The readers' output with every article within ``limits``: long ones split into parts (and a note
    in errors), too long ones recorded as errors instead of analysed."""
    from eventwire.ingest import IngestError
    from eventwire.model import Article as ArticleType

    for item in items:
        if not isinstance(item, ArticleType):
            yield item
            continue
        size = len(item.analysis_text())
        path = item.path or "-"
        if size > limits.max_chars:
            yield IngestError(path, f"text too long: {size:,} characters > {limits.max_chars:,} limit "
                                    "(EVENTWIRE_MAX_CHARS)")
            continue
        parts = article_parts(item, limits.part_chars)
        if len(parts) > 1:
            yield IngestError(path, f"note: {size:,} characters split into {len(parts)} parts of at most "
                                    f"{limits.part_chars:,} (EVENTWIRE_PART_CHARS), each stored as an article",
                              kept=True)
        yield from parts


# -- time and memory budget ---------------------------------------------------------------------------


class BudgetExceeded(Exception):
    """Raised inside an article's extraction that ran over its time or memory budget."""


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_mb() -> float | None:
    """This process's resident memory in MB, or None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE / 1_048_576
    except (OSError, IndexError, ValueError):
        pass
    try:
        import psutil

        return float(psutil.Process().memory_info().rss) / 1_048_576
    except Exception:  # psutil missing or the platform refuses: no memory budget
        return None


@dataclass(slots=True)
class _Job:
    thread: int
    deadline: float | None
    memory_ceiling: float | None
    reason: str | None = None


def _interrupt(thread: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(BudgetExceeded))


def _cancel(thread: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), None)


class _Watchdog:
    """One daemon thread per process, watching the jobs of every thread that runs a :class:`Budget`.

    While jobs run it wakes every POLL seconds (sooner for a nearer deadline); with none it sleeps
    until the next one starts. A job that starts while it polls is not announced when the next poll
    comes before the job's deadline: on a busy machine each wake-up makes the extracting thread hand
    over the interpreter lock and wait for the watchdog to be scheduled (waking it for every article
    made ``ingest --workers 1`` of 200 articles take 16.1-16.6 s instead of 13.2-15.9 s, the same CPU
    time, at a load average of 4.5 on two cores)."""

    POLL = 0.2  # seconds between memory checks

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.jobs: dict[int, _Job] = {}
        self.thread: threading.Thread | None = None
        self.wake_at: float | None = None  # when the polling thread checks next; None while it sleeps

    def start(self, job: _Job) -> None:
        with self.lock:
            self.jobs[job.thread] = job
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="eventwire-budget", daemon=True)
                self.thread.start()
            if self.wake_at is None or (job.deadline is not None and job.deadline < self.wake_at):
                self.lock.notify()

    def stop(self, job: _Job) -> None:
        with self.lock:
            if self.jobs.get(job.thread) is job:
                del self.jobs[job.thread]
            if job.reason is not None:
                _cancel(job.thread)  # fired but maybe not delivered yet: never let it land later

    def _run(self) -> None:
        while True:
            with self.lock:
                self.wake_at = None
                while not self.jobs:
                    self.lock.wait()
                now = time.monotonic()
                self._check(now)
                waits = [j.deadline - now for j in self.jobs.values() if j.deadline is not None and j.reason is None]
                delay = max(min([self.POLL, *waits]), 0.01)
                self.wake_at = now + delay
                self.lock.wait(delay)

    def _check(self, now: float) -> None:
        """Interrupt every job past its deadline or over its memory ceiling (called with the lock held)."""
        memory = resident_mb() if any(j.memory_ceiling for j in self.jobs.values()) else None
        for job in self.jobs.values():
            if job.reason is not None:
                continue
            if job.deadline is not None and now >= job.deadline:
                job.reason = "over the time budget"
            elif job.memory_ceiling is not None and memory is not None and memory > job.memory_ceiling:
                job.reason = "over the memory budget"
            if job.reason is not None:
                _interrupt(job.thread)


_WATCHDOG = _Watchdog()


class Budget:
    """``with Budget(seconds, memory_mb): ...`` runs the block under a time and memory budget; a block
    that overruns gets :class:`BudgetExceeded` and ``reason`` says which budget and its value.
    Catch the exception outside the ``with``. Budgets of 0 (or a platform without memory readings)
    are not enforced."""

    def __init__(self, seconds: float = DEFAULT_TIME_BUDGET, memory_mb: float = DEFAULT_MEMORY_BUDGET) -> None:
        self.seconds = seconds
        self.memory_mb = memory_mb
        self._job: _Job | None = None

    @classmethod
    def of(cls, limits: Limits) -> Budget:
        return cls(limits.time_budget, limits.memory_budget)

    @property
    def reason(self) -> str:
        fired = self._job.reason if self._job else None
        if fired == "over the memory budget":
            return f"{fired}: grew memory by more than {self.memory_mb:g} MB (EVENTWIRE_MEMORY_BUDGET)"
        return f"{fired or 'over the time budget'}: more than {self.seconds:g} s (EVENTWIRE_TIME_BUDGET)"

    def __enter__(self) -> Budget:
        if self.seconds <= 0 and self.memory_mb <= 0:
            return self
        baseline = resident_mb() if self.memory_mb > 0 else None
        self._job = _Job(
            thread=threading.get_ident(),
            deadline=time.monotonic() + self.seconds if self.seconds > 0 else None,
            memory_ceiling=baseline + self.memory_mb if baseline is not None else None,
        )
        _WATCHDOG.start(self._job)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._job is not None:
            _WATCHDOG.stop(self._job)
