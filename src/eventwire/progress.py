"""Progress of an ingest on stderr: a bar with the total, rate and time left when the total is known
(a count made before the run), a counter and rate when it is not, and a line per phase after it.

The total counts what the run will settle: one per text, HTML or JSON file, one per non-blank JSONL
line, one per input that cannot be read. WARC archives, feeds, URLs and stdin hold an unknown number
of articles, so a run that reads one of them has no total (and no time left). A long text split into
parts settles more than one item, so the total grows when the count passes it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from eventwire.ingest import IngestError, expand, extension_kind, sniff_kind

ONE_ARTICLE_KINDS = frozenset({"text", "html", "json"})
COUNT_LINES_UP_TO = 1 << 30  # bytes of JSONL counted line by line before a run; beyond: no total
# Redraws per second of the bar and the phase spinner. The counts change once per batch (every second
# or two), and each redraw takes the interpreter lock from the extraction: rich's default of 10 took
# about 1.5% of a core's time, 2 takes 0.3% (see docs/BENCHMARKS.md, "Live monitoring").
REFRESH_PER_SECOND = 2


def estimate_total(paths: Iterable[str]) -> int | None:
    """How many items ``eventwire ingest paths`` will settle, or None when that cannot be known cheaply."""
    from eventwire.ingest import _head

    total = 0
    budget = COUNT_LINES_UP_TO
    for raw in paths:
        if raw == "-" or raw.startswith(("http://", "https://")):
            return None
        for item in expand(raw):
            if isinstance(item, IngestError):
                total += 1
                continue
            try:
                if item.stat().st_size == 0:
                    total += 1
                    continue
                kind = extension_kind(item, explicit=True) or sniff_kind(_head(item))
                if kind in ONE_ARTICLE_KINDS:
                    total += 1
                elif kind == "jsonl":
                    lines, used = _count_lines(item, budget)
                    if lines is None:
                        return None
                    budget -= used
                    total += lines
                else:  # warc, feed: many articles, unknown until read
                    return None
            except OSError:
                total += 1
    return total


def _count_lines(path: Path, budget: int) -> tuple[int | None, int]:
    """Non-blank lines of a (possibly gzipped) JSONL file, reading at most ``budget`` bytes."""
    from eventwire.ingest.text import open_maybe_gzip

    lines, used = 0, 0
    with open_maybe_gzip(path) as handle:
        for line in handle:
            used += len(line)
            if used > budget:
                return None, used
            if line.strip():
                lines += 1
    return lines, used


class RateColumn(ProgressColumn):
    """Articles per second since the start."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        if elapsed <= 0 or not task.completed:
            return Text("– articles/s", style="progress.data.speed")
        return Text(f"{task.completed / elapsed:.1f} articles/s", style="progress.data.speed")


class IngestProgress:
    """A progress callback for the runners (``progress(stats)``), drawing on ``console`` when it is a
    terminal and ``enabled``; a no-op otherwise."""

    def __init__(self, console: Console, total: int | None, enabled: bool = True) -> None:
        self.console = console
        self.total = total
        self.enabled = enabled and console.is_terminal
        self._bar: Progress | None = None
        self._task: Any = None

    def __enter__(self) -> IngestProgress:
        if self.enabled:
            columns: list[ProgressColumn] = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                             MofNCompleteColumn(), RateColumn(), TimeElapsedColumn()]
            if self.total is not None:
                columns.append(TextColumn("left"))
                columns.append(TimeRemainingColumn())
            self._bar = Progress(*columns, console=self.console, transient=True,
                                 refresh_per_second=REFRESH_PER_SECOND)
            self._bar.start()
            self._task = self._bar.add_task("ingesting", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __call__(self, stats: Any) -> None:
        if self._bar is None:
            return
        done = stats.settled
        total = self.total if self.total is None or done <= self.total else done
        self._bar.update(self._task, completed=done, total=total,
                         description=f"new {stats.new} · stored before {stats.skipped} · errors {stats.errors}")


@contextmanager
def phase(console: Console, doing: str, enabled: bool = True) -> Iterator[None]:
    """One phase of the run: a spinner while it works (on a terminal), then one line with its time."""
    started = time.perf_counter()
    if enabled and console.is_terminal:
        with console.status(f"{doing}…", refresh_per_second=REFRESH_PER_SECOND):
            yield
    else:
        yield
    if enabled:
        console.print(f"{doing}: done in {time.perf_counter() - started:.1f} s", markup=False, highlight=False)
