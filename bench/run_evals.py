"""Run every benchmark task on the full shared data and print a Markdown table of the figures.

    python bench/run_evals.py [--only timex,geo] > /tmp/evals.md

Each row is produced by exactly the command shown in it (`eventwire eval TASK --data PATH --json`);
the raw JSON of each run is written to bench/results/<name>.json for the record.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = "../shared/data"
RUNS = [
    ("seed", "seed", "../shared/seed", ["events_recall", "events_precision", "quotes_recall", "dates_accuracy",
                                          "actors_accuracy"]),
    ("articles", "articles", f"{DATA}/zyte", ["f1", "precision", "recall", "accuracy"]),
    ("timex", "timex", f"{DATA}/tempeval3/TimeBank", ["strict_f1", "relaxed_f1", "type_f1", "value_f1",
                                                      "value_accuracy"]),
    ("geo-gwn", "geo", f"{DATA}/geo/GWN.xml", ["ner_f1", "acc161", "acc161_gold", "median_km_gold", "miss_rate"]),
    ("geo-trnews", "geo", f"{DATA}/geo/TR-News.xml", ["ner_f1", "acc161", "acc161_gold", "median_km_gold",
                                                      "miss_rate"]),
    ("quotes", "quotes", f"{DATA}/polnear/dev", ["content_f1", "source_accuracy", "direct_content_f1",
                                                 "direct_source_accuracy"]),
    ("plover-gsr", "plover", f"{DATA}/plover-gsr/PLOVER_GSR_CAMEO.txt", ["type_accuracy", "type_macro_f1",
                                                                         "source_f1", "target_f1"]),
    ("plover-petrarch", "plover", f"{DATA}/petrarch2/PETR.UnitTest.records.xml", ["type_accuracy", "type_macro_f1",
                                                                                  "source_f1", "target_f1"]),
    ("acled-sample", "acled", "tests/data/acled_sample.tsv", ["weighted_f1", "macro_f1", "accuracy"]),
    ("acled-blind-b", "acled", "tests/data/acled_blind_b.tsv", ["weighted_f1", "macro_f1", "accuracy"]),
    ("acled-blind-j", "acled", "tests/data/acled_blind_j.tsv", ["weighted_f1", "macro_f1", "accuracy"]),
    ("gvdb", "gvdb", f"{DATA}/gvdb/dev.tsv", ["killed_accuracy", "injured_accuracy", "city_accuracy",
                                              "date_accuracy", "victim_name_f1", "shooter_name_f1"]),
    ("wikievents", "wikievents", f"{DATA}/wikievents/dev.jsonl", ["trigger_f1", "type_f1", "argument_f1"]),
    ("ecb", "ecb", f"{DATA}/ecbplus", ["doc_bcubed_f1", "mention_conll_f1"]),
    ("newsgold", "newsgold", "../shared/newsgold/dev.jsonl", ["precision", "recall", "f1", "untyped_f1",
                                                              "duplicate_share", "status_fp_share",
                                                              "spurious_share", "actor_accuracy",
                                                              "date_accuracy", "place_accuracy"]),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    wanted = set(filter(None, args.only.split(",")))
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    print("| run | command | figures | n | seconds |")
    print("|---|---|---|---|---|")
    for name, task, data, keys in RUNS:
        if wanted and name not in wanted:
            continue
        command = ["eventwire", "eval", task, "--data", data, "--json"]
        done = subprocess.run([str(ROOT / ".venv/bin/eventwire"), *command[1:]], cwd=ROOT, capture_output=True,
                              text=True, check=False)
        if done.returncode != 0:
            print(f"| {name} | `{' '.join(command)}` | failed: {done.stderr.strip()[-200:]} | | |")
            continue
        metrics = json.loads(done.stdout)
        (results / f"{name}.json").write_text(json.dumps(metrics, indent=1), encoding="utf-8")
        figures = ", ".join(f"{k} {_fmt(metrics.get(k))}" for k in keys)
        print(f"| {name} | `{' '.join(command)}` | {figures} | {metrics.get('n')} | {metrics.get('seconds')} |")
        sys.stdout.flush()


def _fmt(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


if __name__ == "__main__":
    main()
