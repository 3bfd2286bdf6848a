"""Time the derived codes (ACLED types through the trained model) inside the pipeline, next to spaCy.

    python bench/bench_acled_codes.py [--n 120] [--rounds 3]

Texts: the GVDB news articles in ../shared/data/gvdb/dev.tsv (read for measuring only). The events
stage's ``derive_codes`` is wrapped with a timer for the run (no file is changed), the code caches
are cleared before every round, and the best round of each setting is kept: the model switched on,
then off (``EVENTWIRE_ACLED_MODEL=0``, the rules alone), and bare spaCy ``nlp.pipe`` on the same
texts. Reports the seconds spent deriving codes as a share of spaCy's time, per event call, and
the model's load time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_throughput import load_texts  # noqa: E402


def _clear_caches() -> None:
    from eventwire.extract import acled_model, codes

    for cached in (
        acled_model._cached_text_features,
        codes.cue_groups,
        codes.has_cue,
        codes._possible_groups,
        codes._lower,
    ):
        cached.cache_clear()


def _timed(fn: Callable[..., None], spent: list[float]) -> Callable[..., None]:
    def wrapper(*args: object) -> None:
        started = time.perf_counter()
        fn(*args)
        spent[0] += time.perf_counter() - started
        spent[1] += 1

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from eventwire import pipeline as pipeline_module
    from eventwire.clean import clean_text
    from eventwire.extract import acled_model
    from eventwire.extract.events import stage
    from eventwire.model import Article

    texts, source = load_texts(args.n)
    articles = [Article(text=clean_text(t).text, published="2016-01-01") for t in texts]
    pipe = pipeline_module.Pipeline()
    list(pipe.pipe(articles[:8]))  # warm up, and load the model once
    trained = acled_model.model()
    original = stage.derive_codes
    best: dict[str, tuple[float, int]] = {}
    spacy_best = float("inf")
    try:
        for _ in range(args.rounds):
            started = time.perf_counter()
            for _doc in pipe.nlp.pipe([a.analysis_text() for a in articles]):
                pass
            spacy_best = min(spacy_best, time.perf_counter() - started)
            for setting in ("model", "rules"):
                acled_model.set_enabled(setting == "model")
                _clear_caches()
                spent = [0.0, 0]
                stage.derive_codes = _timed(original, spent)  # type: ignore[assignment]
                list(pipe.pipe(articles))
                if setting not in best or spent[0] < best[setting][0]:
                    best[setting] = (spent[0], int(spent[1]))
    finally:
        stage.derive_codes = original  # type: ignore[assignment]
        acled_model.set_enabled(True)
    result = {
        "texts": source,
        "spacy_seconds": round(spacy_best, 3),
        "model_load_seconds": round(trained.load_seconds, 4) if trained else None,
    }
    for setting, (seconds, calls) in best.items():
        result[setting] = {
            "derive_codes_seconds": round(seconds, 3),
            "calls": calls,
            "ms_per_call": round(1000 * seconds / max(calls, 1), 3),
            "share_of_spacy_time": round(seconds / spacy_best, 4),
        }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
