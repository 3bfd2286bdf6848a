"""Train the PLOVER type model shipped in ``src/eventwire/data/plover_model.npz``.

    .venv/bin/python scripts/train_plover.py              # cross-validate, train, write the model
    .venv/bin/python scripts/train_plover.py --cv-only    # cross-validated figures only
    .venv/bin/python scripts/train_plover.py --cv-only --wikievents ../shared/data/wikievents/dev.jsonl

Training data (every set licensed for a shipped derivative; see the NOTICE written beside the model):

- the project's own snippets, ``data/train/plover_*.tsv`` (id, text, trigger word, PLOVER type of
  the event that word names, as the pipeline types it: "offered to hand over" is the AGREE of
  "offered"; modality stays with the rules);
- with ``--wikievents FILE`` only (the shipped model does not use it: every WikiEvents dev document
  is also a newsgold dev document, see docs/BENCHMARKS.md), WikiEvents dev (MIT): every candidate
  the rules find whose trigger overlaps a gold trigger of a KAIROS type that ``eval/wikievents``
  maps to PLOVER takes that type; with ``--none``, a candidate overlapping no gold trigger at all
  is labelled NONE (no event).

The PLOVER GSR and CASE 2021 are never read here: they stay validation sets (``eventwire eval``).

Each text is parsed and its candidates found by the rules (``find_candidates``); each labelled
candidate becomes one item whose features are ``plover_model.candidate_features``. Cross-validation
deals snippets (stratified by type) and WikiEvents documents (whole documents) into the same
seeded folds. From the out-of-fold predictions the script decides, per rule type, whether the
model or the rules decide better (the model is trusted to overrule a rule type only where it is
right more often than the rules on that type's candidates), then reports WikiEvents dev trigger
and type F1 cross-validated: each fold's documents run through the whole pipeline with the model
trained without them. Seeded and deterministic: about 20 s on two cores (snippets only), 1–2
minutes with WikiEvents.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eventwire.extract import linear_fit, plover_model
from eventwire.extract.linear_fit import matrix

ROOT = Path(__file__).resolve().parents[1]
TRAIN_FILES = sorted((ROOT / "data" / "train").glob("plover_*.tsv"))
WIKIEVENTS = ROOT.parent / "shared" / "data" / "wikievents" / "dev.jsonl"
OUTPUT = ROOT / "src" / "eventwire" / "data" / "plover_model.npz"
NOTICE = ROOT / "src" / "eventwire" / "data" / "plover_model_NOTICE.txt"
SEED = 16
C = 8.0  # inverse L2 strength
CLASS_WEIGHT_POWER = 0.5
THRESHOLD = 0.7  # the probability the model needs to overrule the rules
WIKIEVENTS_WEIGHT = 1.0  # weight of a WikiEvents item relative to a snippet
MIN_GAIN = 1  # the model must be right this many more times than the rules on a type's candidates

NOTICE_TEXT = """\
plover_model.npz: a logistic-regression classifier of the PLOVER type of a candidate event mention,
trained by scripts/train_plover.py. It learned from:

- eventwire's own labelled snippets, written for this project (MIT, like the code):
  data/train/plover_*.tsv.
{extra}
No other data set went into it. The PLOVER gold-standard records and CASE 2021 were used only to
compare settings, never to fit the weights.
"""
WIKIEVENTS_NOTICE = """\
- WikiEvents dev (Li, Ji and Han, "Document-Level Event Argument Extraction by Conditional
  Generation", NAACL 2021; https://github.com/raspberryice/gen-arg), MIT licence, Copyright (c) 2021
  Zoey Li: its trigger annotations, KAIROS types mapped to PLOVER as eventwire.eval.wikievents does.
  The model holds feature weights, not the text.
"""


@dataclass(slots=True)
class Item:
    feats: list[str]
    label: str
    rule: str  # the rules' type of the candidate
    group: str  # "snippet:<id>" or "we:<doc>"


# --- reading ----------------------------------------------------------------------------------


def read_snippets(paths: Iterable[Path]) -> list[tuple[str, str, str, str]]:
    """(id, text, trigger, type) rows of the snippet files."""
    rows = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                rows.append((f"{path.stem}:{row['id']}", row["text"], row["trigger"], row["type"]))
    return rows


def trigger_offset(text: str, trigger: str) -> int:
    """Where the trigger word first occurs as a whole word (-1 when it does not)."""
    found = re.search(r"\b" + re.escape(trigger) + r"\b", text, re.IGNORECASE)
    return found.start() if found else -1


def candidates_of(texts: Sequence[str]) -> list[list[tuple[int, int, str, list[str]]]]:
    """For each text, the rules' candidates: (char start, char end, rule type, features)."""
    from eventwire import nlp as nlp_module
    from eventwire.extract.events.candidates import find_candidates
    from eventwire.extract.events.retype import features_of

    nlp = nlp_module.load()
    out = []
    for doc in nlp.pipe(texts, batch_size=16):
        found = []
        for c in find_candidates(doc):
            start = doc[c.start].idx
            end = doc[c.end - 1].idx + len(doc[c.end - 1].text)
            found.append((start, end, c.type, features_of(c)))
        out.append(found)
    return out


def snippet_items(rows: Sequence[tuple[str, str, str, str]]) -> tuple[list[Item], int]:
    """Items for the snippets whose trigger the rules found as a candidate; and how many were not."""
    items, missed = [], 0
    for (id_, text, trigger, type_), found in zip(rows, candidates_of([r[1] for r in rows]), strict=True):
        at = trigger_offset(text, trigger)
        hit = [f for f in found if f[0] <= at < f[1]]
        if not hit:
            missed += 1
            continue
        items.append(Item(hit[0][3], type_, hit[0][2], "snippet:" + id_))
    return items, missed


def wikievents_items(path: Path, with_none: bool) -> list[Item]:
    """Items for the rules' candidates in WikiEvents documents, labelled by the gold triggers."""
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    golds = [gold_triggers(d) for d in docs]
    texts = [doc_text(d) for d in docs]
    items = []
    for n, (found, gold) in enumerate(zip(candidates_of(texts), golds, strict=True)):
        for start, end, rule, feats in found:
            over = [type_ for s, e, type_ in gold if s < end and start < e]
            if any(over):
                items.append(Item(feats, next(t for t in over if t), rule, f"we:{n}"))
            elif not over and with_none:
                items.append(Item(feats, plover_model.NO_EVENT, rule, f"we:{n}"))
    return items


def doc_text(record: dict) -> str:
    from eventwire.eval.wikievents import _document_text

    return _document_text(record["sentences"])[0]


def gold_triggers(record: dict) -> list[tuple[int, int, str]]:
    """(char start, char end, PLOVER type or '' for a KAIROS type without one) of each gold trigger."""
    from eventwire.eval.wikievents import _document_text, plover_type

    offsets = _document_text(record["sentences"])[1]
    out = []
    for mention in record.get("event_mentions", []):
        trigger = mention["trigger"]
        start, end = offsets[trigger["start"]][0], offsets[trigger["end"] - 1][1]
        out.append((start, end, plover_type(mention["event_type"]) or ""))
    return out


# --- training and cross-validation ------------------------------------------------------------


def fit_items(items: Sequence[Item], c: float, power: float, we_weight: float) -> tuple[list[str], np.ndarray,
                                                                                         np.ndarray]:
    feats = [i.feats for i in items]
    vocab = linear_fit.vocabulary(feats, always=("r:", "a:"))
    index = {name: n for n, name in enumerate(plover_model.LABELS)}
    y = np.array([index[i.label] for i in items])
    weights = np.array([we_weight if i.group.startswith("we:") else 1.0 for i in items])
    w, b = linear_fit.fit(matrix(feats, vocab), y, len(plover_model.LABELS), c, power, weights)
    return vocab, w, b


def make_folds(items: Sequence[Item], k: int) -> list[np.ndarray]:
    """Snippets stratified by label; WikiEvents whole documents, dealt after a seeded shuffle."""
    snippet_idx = [n for n, i in enumerate(items) if i.group.startswith("snippet:")]
    snippet_folds = linear_fit.folds([items[n].label for n in snippet_idx], k, SEED)
    docs = sorted({i.group for i in items if i.group.startswith("we:")}, key=lambda g: int(g[3:]))
    rng = np.random.default_rng(SEED)
    order = list(rng.permutation(len(docs)))
    fold_of_doc = {docs[d]: f % k for f, d in enumerate(order)}
    result = []
    for f in range(k):
        members = [snippet_idx[n] for n in snippet_folds[f]]
        members += [n for n, i in enumerate(items) if fold_of_doc.get(i.group) == f]
        result.append(np.array(sorted(members)))
    return result


def out_of_fold(items: Sequence[Item], fold_list: Sequence[np.ndarray], c: float, power: float,
                we_weight: float) -> list[tuple[str, float]]:
    """Every item's (label, probability) from the model trained without its fold."""
    predicted: list[tuple[str, float]] = [("", 0.0)] * len(items)
    for test in fold_list:
        held = set(test.tolist())
        vocab, w, b = fit_items([i for n, i in enumerate(items) if n not in held], c, power, we_weight)
        model = plover_model.PloverModel(tuple(plover_model.LABELS), {f: n for n, f in enumerate(vocab)}, w, b)
        for n in test:
            predicted[n] = model.best(items[n].feats)
    return predicted


def trusted_types(items: Sequence[Item], oof: Sequence[tuple[str, float]], threshold: float) -> dict[str, list[int]]:
    """Per rule type: [items, rules right, model right (where it would overrule at ``threshold``)]."""
    table: dict[str, list[int]] = {}
    for item, (label, p) in zip(items, oof, strict=True):
        decided = label if p >= threshold else item.rule
        row = table.setdefault(item.rule, [0, 0, 0])
        row[0] += 1
        row[1] += item.rule == item.label
        row[2] += decided == item.label
    return table


def accuracy(items: Sequence[Item], decided: Sequence[str]) -> float:
    return round(sum(i.label == d for i, d in zip(items, decided, strict=True)) / max(len(items), 1), 4)


def decide(items: Sequence[Item], oof: Sequence[tuple[str, float]], trusted: set[str], threshold: float) -> list[str]:
    return [label if item.rule in trusted and p >= threshold else item.rule
            for item, (label, p) in zip(items, oof, strict=True)]


def wikievents_cv(items: Sequence[Item], fold_list: Sequence[np.ndarray], trusted: set[str], args: argparse.Namespace,
                  path: Path) -> dict[str, object]:
    """WikiEvents dev trigger/type F1 with each document run by the model trained without its fold;
    and the same documents with the rules alone."""
    from eventwire.eval import wikievents
    from eventwire.eval.plover import extract_records

    docs = wikievents.read_documents(path)
    with_model, rules = wikievents.Counts(), wikievents.Counts()
    for test in fold_list:
        held = set(test.tolist())
        doc_ids = sorted({int(items[n].group[3:]) for n in test if items[n].group.startswith("we:")})
        vocab, w, b = fit_items([i for n, i in enumerate(items) if n not in held], args.c, args.power, args.we_weight)
        plover_model.use(fold_model(vocab, w, b, trusted, args.threshold))
        for d, record in zip(doc_ids, extract_records((docs[d].text, None) for d in doc_ids), strict=True):
            wikievents._score_document(docs[d], record, with_model)
    plover_model.set_enabled(False)
    for doc, record in zip(docs, extract_records((d.text, None) for d in docs), strict=True):
        wikievents._score_document(doc, record, rules)
    plover_model.set_enabled(True)
    plover_model.use(None)
    return {"model_cv": {"trigger_f1": wikievents._f1(with_model.trigger), "type_f1": wikievents._f1(with_model.type)},
            "rules": {"trigger_f1": wikievents._f1(rules.trigger), "type_f1": wikievents._f1(rules.type)}}


def fold_model(vocab: Sequence[str], w: np.ndarray, b: np.ndarray, trusted: Iterable[str],
               threshold: float) -> plover_model.PloverModel:
    meta = {"trusted": ";".join(sorted(trusted)), "threshold": str(threshold)}
    return plover_model.PloverModel(tuple(plover_model.LABELS), {f: n for n, f in enumerate(vocab)},
                                    w.astype(np.float32), b.astype(np.float32), meta=meta)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv-only", action="store_true", help="Report cross-validated figures; write nothing.")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=C)
    parser.add_argument("--power", type=float, default=CLASS_WEIGHT_POWER)
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--we-weight", type=float, default=WIKIEVENTS_WEIGHT)
    parser.add_argument("--wikievents", type=Path, default=None,
                        help=f"Also train on WikiEvents dev (e.g. {WIKIEVENTS}); not in the shipped model.")
    parser.add_argument("--none", action="store_true", help="Learn NONE (no event) from WikiEvents.")
    parser.add_argument("--skip-pipeline-cv", action="store_true", help="Skip the WikiEvents pipeline figures.")
    parser.add_argument("--drop", default="", help="Feature prefixes to leave out, comma-separated (ablation).")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    started = time.perf_counter()
    plover_model.set_enabled(False)
    items, missed = snippet_items(read_snippets(TRAIN_FILES))
    use_we = args.wikievents is not None and args.wikievents.is_file()
    if use_we:
        items += wikievents_items(args.wikievents, args.none)
    plover_model.set_enabled(True)
    if args.drop:
        dropped = tuple(args.drop.split(","))
        for item in items:
            item.feats = [f for f in item.feats if not f.startswith(dropped)]
    print(f"{len(items)} items ({missed} snippets without a candidate at their trigger), featurized in "
          f"{time.perf_counter() - started:.1f}s", file=sys.stderr)
    report: dict[str, object] = {"n_items": len(items), "snippets_without_candidate": missed,
                                 "label_counts": dict(sorted(Counter(i.label for i in items).items()))}
    fold_list = make_folds(items, args.folds)
    oof = out_of_fold(items, fold_list, args.c, args.power, args.we_weight)
    table = trusted_types(items, oof, args.threshold)
    trusted = {t for t, (_, rules, model) in table.items() if model - rules >= MIN_GAIN}
    report["per_rule_type"] = {t: {"n": n, "rules": r, "model": m, "trusted": t in trusted}
                               for t, (n, r, m) in sorted(table.items())}
    decided = decide(items, oof, trusted, args.threshold)
    for name, keep in (("all", lambda i: True), ("snippets", lambda i: i.group.startswith("snippet:")),
                       ("wikievents", lambda i: i.group.startswith("we:"))):
        chosen = [n for n, i in enumerate(items) if keep(i)]
        report[f"cv{args.folds}_candidate_accuracy_{name}"] = {
            "n": len(chosen), "rules": accuracy([items[n] for n in chosen], [items[n].rule for n in chosen]),
            "rules_plus_model": accuracy([items[n] for n in chosen], [decided[n] for n in chosen])}
    if use_we and not args.skip_pipeline_cv:
        report[f"wikievents_dev_cv{args.folds}"] = wikievents_cv(items, fold_list, trusted, args, args.wikievents)
    vocab, w, b = fit_items(items, args.c, args.power, args.we_weight)
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, indent=1))
    if args.cv_only:
        return
    from eventwire.extract.linear import save

    save(args.output, plover_model.LABELS, vocab, w, b, seed=str(SEED), c=str(args.c), power=str(args.power),
         threshold=str(args.threshold), trusted=";".join(sorted(trusted)), we_weight=str(args.we_weight),
         files=";".join(str(p.relative_to(ROOT)) for p in TRAIN_FILES) + (";WikiEvents dev" if use_we else ""))
    NOTICE.write_text(NOTICE_TEXT.format(extra=WIKIEVENTS_NOTICE if use_we else ""), encoding="utf-8")
    size = args.output.stat().st_size
    print(f"wrote {args.output.relative_to(ROOT)} ({size / 1024:.0f} KiB, {len(vocab)} features)", file=sys.stderr)


if __name__ == "__main__":
    main()
