"""Benchmark tasks: ``eventwire eval TASK --data PATH``. One module per task, each with
``evaluate(data: Path, limit: int | None = None) -> dict`` returning its metrics and ``n``."""

from __future__ import annotations

import importlib
import time
from pathlib import Path
from typing import Any

TASKS: dict[str, str] = {
    "articles": "article body extraction from HTML (Zyte or Dragnet layout)",
    "timex": "temporal expressions in TimeML .tml files (TempEval-3)",
    "geo": "toponym recognition and resolution (Gritta XML: GWN, TR-News)",
    "quotes": "quotes and attribution (PolNeAR split folder)",
    "plover": "PLOVER event types and actors (PLOVER GSR or PETRARCH2 records)",
    "acled": "ACLED sub-event types of snippets (TSV)",
    "gvdb": "gun-violence incidents: killed, injured, city, date, names (GVDB TSV)",
    "wikievents": "event triggers and arguments (WikiEvents JSONL)",
    "ecb": "cross-document event coreference (ECB+ folder)",
    "newsgold": "the event records of whole articles against analyst-coded gold (newsgold JSONL)",
    "seed": "the seed article against what an analyst records (../shared/seed)",
}


class UnknownTask(ValueError):
    pass


def run(task: str, data: Path, limit: int | None = None) -> dict[str, Any]:
    """Run one benchmark task and return its metrics (always with n, seconds, articles_per_second)."""
    if task not in TASKS:
        raise UnknownTask(f"unknown task {task!r}; choose one of: {', '.join(TASKS)}")
    if not data.exists():
        raise FileNotFoundError(f"no such data path: {data}")
    module = importlib.import_module(f"eventwire.eval.{task}")
    started = time.perf_counter()
    metrics: dict[str, Any] = module.evaluate(data, limit=limit)
    elapsed = time.perf_counter() - started
    metrics.setdefault("seconds", round(elapsed, 3))
    n = metrics.get("n_articles", metrics.get("n", 0)) or 0
    metrics.setdefault("articles_per_second", round(n / elapsed, 3) if elapsed > 0 else None)
    return {"task": task, **metrics}
