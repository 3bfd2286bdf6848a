"""Train the ACLED sub-event type model shipped in ``src/eventwire/data/acled_model.npz``.

    .venv/bin/python scripts/train_acled.py                 # cross-validate, train, write the model
    .venv/bin/python scripts/train_acled.py --cv-only       # cross-validated figures only
    .venv/bin/python scripts/train_acled.py --validate ../shared/data/case2021/visible.tsv
    .venv/bin/python scripts/train_acled.py --check         # exit 1 unless the shipped model is what this writes

Training data (every set licensed for a shipped derivative, see the NOTICE written beside the model):
the project's own labelled snippets, ``data/train/acled_*.tsv`` and ``tests/data/acled_sample.tsv``,
``tests/data/acled_blind_{a,c,d,e,f,g,h,i}.tsv``, and the opening sentences of 59 ECB+ news articles
(CC BY 3.0) that ``data/train/ecbplus_acled.tsv`` labels by hand (riots, robberies, earthquakes: real
news text, where our snippets are written for the task). The ECB+ text is read from the shared copy
(``--ecbplus``, default ``../shared/data/ecbplus/ECB+``); only document names and labels are in the
repository. Blind sets B and J stay out of training: they remain the project's held-out estimates.
``--validate`` scores a labelled file (e.g. CASE 2021, which states no licence) without ever training
on it: use it to compare settings only.

Each snippet goes through the whole pipeline with the model switched off, so the features are the
text's words, word pairs, lead-sentence words, word prefixes and ACLED cue groups plus what the
rules say (their label, the events' PLOVER types, modes, weapons and actor kinds). On the sets the
rules were tuned on, the model sees the words only: there the rules are right by construction, and
their hints would be over-trusted. A multinomial logistic regression with an L2 penalty is fitted by
L-BFGS (scipy); folds, class weights and every other choice are seeded and deterministic.
Takes about a minute on two cores, most of it the spaCy pass over the snippets.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from eventwire.extract import linear_fit
from eventwire.extract.linear_fit import matrix, predict

ROOT = Path(__file__).resolve().parents[1]
TRAIN_FILES = sorted((ROOT / "data" / "train").glob("acled_*.tsv")) + [
    ROOT / "tests" / "data" / "acled_sample.tsv",
    *(ROOT / "tests" / "data" / f"acled_blind_{name}.tsv" for name in "acdefghi"),
]
# sets the rules were tuned on (they score ~1.0 there): their rule hints would teach the model to
# trust the rules far more than it should on new text, so the model sees only their words
RULE_TUNED_FILES = {"acled_sample.tsv", *(f"acled_blind_{name}.tsv" for name in "acdefghi")}
ECBPLUS_LABELS = ROOT / "data" / "train" / "ecbplus_acled.tsv"
ECBPLUS_DIR = ROOT.parent / "shared" / "data" / "ecbplus" / "ECB+"
ECBPLUS_SENTENCES = 3  # an article's opening: its headline and first sentences
HELD_OUT_FILES = [ROOT / "tests" / "data" / f"acled_blind_{name}.tsv" for name in "bj"]
OUTPUT = ROOT / "src" / "eventwire" / "data" / "acled_model.npz"
NOTICE = ROOT / "src" / "eventwire" / "data" / "acled_model_NOTICE.txt"
SEED = 16
C = 4.0  # inverse L2 strength
CLASS_WEIGHT_POWER = 0.5  # weights (n / n_label) ** power: 0 none, 1 balanced

NOTICE_TEXT = """\
acled_model.npz: a logistic-regression classifier of ACLED sub-event types (and five labels for news
ACLED does not record), trained by scripts/train_acled.py. It learned from:

- eventwire's own labelled snippets, written for this project (MIT, like the code):
  data/train/acled_*.tsv, tests/data/acled_sample.tsv and tests/data/acled_blind_{a,c,d,e,f,g,h,i}.tsv.

- ECB+ (Agata Cybulska, Piek Vossen and VU University Amsterdam; CC BY 3.0,
  https://creativecommons.org/licenses/by/3.0/): the opening sentences of the 59 news articles listed
  in data/train/ecbplus_acled.tsv, labelled for this project. "ECB+ annotation is held copyright by
  Agata Cybulska, Piek Vossen and the VU University of Amsterdam." Only the article text was used, not
  the ECB+ annotation; the model's weights are a derivative of that text.

No other data set went into it. CASE 2021 Task 2 snippets (no licence stated) were used only to
compare settings, never to fit the weights. ACLED sub-event type names follow the ACLED codebook.
"""


def read(paths: Sequence[Path]) -> tuple[list[str], list[str], list[str]]:
    from eventwire.eval.acled import read_snippets

    ids, texts, labels = [], [], []
    for path in paths:
        for snippet in read_snippets(path):
            ids.append(f"{path.stem}:{snippet.id}")
            texts.append(snippet.text)
            labels.append(snippet.label)
    return ids, texts, labels


_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|n't\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")
_WEB_ADDRESS = re.compile(r"https?\b|www\b|\.(?:com|html?|org|net)\b")


def article_opening(path: Path, sentences: int = ECBPLUS_SENTENCES, min_words: int = 6) -> str:
    """The first ``sentences`` sentences of a tokenised ECB+ article, detokenised, leaving out
    web addresses and lines of fewer than ``min_words`` tokens (bylines, time stamps)."""
    by_sentence: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        by_sentence.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    kept = []
    for number in sorted(by_sentence):
        line = " ".join(by_sentence[number])
        if len(by_sentence[number]) < min_words or _WEB_ADDRESS.search(line):
            continue
        line = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", line))
        kept.append(line.replace("`` ", '"').replace(" ''", '"'))
        if len(kept) == sentences:
            break
    return " ".join(kept)


def read_ecbplus(labels: Path = ECBPLUS_LABELS, corpus: Path = ECBPLUS_DIR) -> tuple[list[str], list[str], list[str]]:
    """The labelled ECB+ articles' openings (ids ``ecbplus:<document>``)."""
    if not corpus.is_dir():
        raise SystemExit(f"ECB+ not found at {corpus} (pass --ecbplus DIR, the folder of topic folders)")
    ids, texts, gold = [], [], []
    with labels.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            ids.append(f"ecbplus:{row['document']}")
            texts.append(article_opening(corpus / row["document"]))
            gold.append(row["SubType"])
    return ids, texts, gold


def featurize(texts: Sequence[str]) -> tuple[list[list[str]], list[str]]:
    """Features of each text with the rules' view of it (the model switched off), and the rules' labels."""
    from eventwire.eval.plover import extract_event_lists
    from eventwire.extract import acled_model
    from eventwire.extract.codes import label_of, rule_snippet_label, snippet_hints

    acled_model.set_enabled(False)
    feats, rule_labels = [], []
    for text, events in zip(texts, extract_event_lists((t, None) for t in texts), strict=True):
        rule = rule_snippet_label(events, text)
        rule_labels.append(label_of(rule))
        feats.append(acled_model.features(text, snippet_hints(events, rule, text)))
    acled_model.set_enabled(True)
    return feats, rule_labels


def without_hints(feats: Sequence[str]) -> list[str]:
    return [f for f in feats if not f.startswith("h:")]


def scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    from eventwire.eval.acled import f1_scores

    return f1_scores(list(gold), list(predicted))


ALWAYS = ("h:rule:", "c:")  # kept in the vocabulary however rare


def train(feats: Sequence[Sequence[str]], labels: Sequence[str], label_names: Sequence[str], c: float = C,
          power: float = CLASS_WEIGHT_POWER) -> tuple[list[str], np.ndarray, np.ndarray]:
    return linear_fit.train(feats, labels, label_names, c, power, ALWAYS)


def cross_validate(feats: Sequence[Sequence[str]], labels: Sequence[str], label_names: Sequence[str], k: int = 5,
                   c: float = C, power: float = CLASS_WEIGHT_POWER) -> list[str]:
    """Out-of-fold predictions: every item predicted by a model that never saw it (vocabulary included)."""
    def trainer(f: Sequence[Sequence[str]], y: Sequence[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
        return train(f, y, label_names, c, power)

    return linear_fit.cross_validate(feats, labels, label_names, trainer, linear_fit.folds(labels, k, SEED))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv-only", action="store_true", help="Report cross-validated figures; write nothing.")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=C)
    parser.add_argument("--power", type=float, default=CLASS_WEIGHT_POWER)
    parser.add_argument("--validate", type=Path, action="append", default=[],
                        help="A labelled TSV to score (never trained on); repeatable.")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--ecbplus", type=Path, default=ECBPLUS_DIR, help="The ECB+ folder of topic folders.")
    parser.add_argument("--check", action="store_true",
                        help="Train into a temporary file and compare it byte for byte with --output; write nothing.")
    args = parser.parse_args()

    from eventwire.extract.acled_model import LABELS, save

    started = time.perf_counter()
    ids, texts, labels = read(TRAIN_FILES)
    for part, extra in zip((ids, texts, labels), read_ecbplus(corpus=args.ecbplus), strict=True):
        part.extend(extra)
    feats, rule_labels = featurize(texts)
    tuned = [i.split(":")[0] + ".tsv" in RULE_TUNED_FILES for i in ids]
    feats = [without_hints(fs) if t else fs for t, fs in zip(tuned, feats, strict=True)]
    print(f"{len(texts)} training snippets, featurized in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    report: dict[str, object] = {"n_train": len(texts), "label_counts": dict(sorted(Counter(labels).items()))}

    oof = cross_validate(feats, labels, LABELS, args.folds, args.c, args.power)
    report[f"cv{args.folds}_model"] = scores(labels, oof)
    report["rules_on_training_snippets"] = scores(labels, rule_labels)  # the rules were tuned on some of these
    # the snippets written for the model (data/train) and the ECB+ openings: the rules never saw
    # them, a fair comparison; each part on its own
    news = [i for i, name in enumerate(ids) if name.startswith("ecbplus:")]
    fresh = [i for i, t in enumerate(tuned) if not t and i not in set(news)]
    for name, part in (("data_train", fresh), ("ecbplus", news)):
        report[f"cv{args.folds}_model_on_{name}"] = scores([labels[i] for i in part], [oof[i] for i in part])
        report[f"rules_on_{name}"] = scores([labels[i] for i in part], [rule_labels[i] for i in part])

    vocab, w, b = train(feats, labels, LABELS, args.c, args.power)
    for path in [*HELD_OUT_FILES, *args.validate]:
        _, v_texts, v_labels = read([path])
        v_feats, v_rules = featurize(v_texts)
        guesses = [LABELS[g] for g in predict(matrix(v_feats, vocab), w, b)]
        report[path.name] = {"n": len(v_labels), "model": scores(v_labels, guesses), "rules": scores(v_labels, v_rules)}
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, indent=1))
    if args.cv_only:
        return
    meta = {"seed": str(SEED), "c": str(args.c), "power": str(args.power),
            "files": ";".join(str(p.relative_to(ROOT)) for p in [*TRAIN_FILES, ECBPLUS_LABELS])}
    if args.check:
        with tempfile.TemporaryDirectory() as folder:
            fresh = Path(folder) / OUTPUT.name
            save(fresh, LABELS, vocab, w, b, **meta)
            same = args.output.is_file() and fresh.read_bytes() == args.output.read_bytes()
        print(f"{args.output}: {'identical to' if same else 'DIFFERS from'} what the script trains", file=sys.stderr)
        raise SystemExit(0 if same else 1)
    save(args.output, LABELS, vocab, w, b, **meta)
    NOTICE.write_text(NOTICE_TEXT, encoding="utf-8")
    size = args.output.stat().st_size
    shown = args.output.resolve()
    where = shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown
    print(f"wrote {where} ({size / 1024:.0f} KiB, {len(vocab)} features)", file=sys.stderr)


if __name__ == "__main__":
    main()
