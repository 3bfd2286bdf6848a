"""`eventwire eval acled`: ACLED sub-event types of news snippets.

Data: a TSV file ``id<TAB>EventSnippet<TAB>SubType`` (a header line is skipped), or a folder
of such files. Each snippet goes through the whole pipeline; its label is the ACLED sub-event
type derived from its events (:func:`eventwire.extract.codes.snippet_label`), or one of the
labels for snippets that ACLED would not record (ORG_CRIME, NATURAL_DISASTER,
MAN_MADE_DISASTER, DIPLO, ATTRIB). Metrics: weighted_f1, macro_f1, accuracy; ``per_label``
precision, recall, F1 and support of each label and the most frequent ``confusions`` (gold,
predicted, count), so that errors are visible; which decision layer ran (``model``) and the
model's load time. ``EVENTWIRE_ACLED_MODEL=0`` scores the rules alone.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.eval.plover import extract_event_lists
from eventwire.extract import acled_model
from eventwire.extract.codes import LABEL_BY_SUBTYPE, label_of, snippet_label

NON_ACLED_LABELS = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB")
LABELS = frozenset(LABEL_BY_SUBTYPE.values()) | frozenset(NON_ACLED_LABELS)


@dataclass(slots=True)
class Snippet:
    id: str
    text: str
    label: str


def read_snippets(data: Path) -> list[Snippet]:
    """Labelled snippets from a TSV file or every ``*.tsv`` file of a folder."""
    files = sorted(data.glob("*.tsv")) if data.is_dir() else [data]
    snippets: list[Snippet] = []
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 3:
                    continue
                label = row[-1].strip()
                if label not in LABELS:
                    continue  # the header line, or a label outside the task
                snippets.append(Snippet(row[0].strip(), "\t".join(row[1:-1]).strip(), label))
    return snippets


def classify(texts: Sequence[str]) -> list[str]:
    """The label of each snippet."""
    labels: list[str] = []
    for text, events in zip(texts, extract_event_lists((t, None) for t in texts), strict=False):
        labels.append(label_of(snippet_label(events, text)))
    return labels


def f1_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Weighted and macro F1 over the gold labels, and accuracy."""
    tp = Counter(g for g, p in zip(gold, predicted, strict=False) if g == p)
    gold_n = Counter(gold)
    pred_n = Counter(predicted)
    weighted = macro = 0.0
    for label, support in gold_n.items():
        precision = tp[label] / pred_n[label] if pred_n[label] else 0.0
        recall = tp[label] / support
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        weighted += f1 * support
        macro += f1
    n = len(gold)
    return {
        "weighted_f1": round(weighted / n, 4) if n else 0.0,
        "macro_f1": round(macro / len(gold_n), 4) if gold_n else 0.0,
        "accuracy": round(sum(tp.values()) / n, 4) if n else 0.0,
    }


def per_label(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, float | int]]:
    """Precision, recall, F1 and support of every label seen in gold or predictions."""
    tp = Counter(g for g, p in zip(gold, predicted, strict=False) if g == p)
    gold_n = Counter(gold)
    pred_n = Counter(predicted)
    result: dict[str, dict[str, float | int]] = {}
    for label in sorted(set(gold_n) | set(pred_n)):
        precision = tp[label] / pred_n[label] if pred_n[label] else 0.0
        recall = tp[label] / gold_n[label] if gold_n[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[label] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "support": gold_n[label],
            "predicted": pred_n[label],
        }
    return result


def confusions(gold: Sequence[str], predicted: Sequence[str], top: int = 15) -> list[list[Any]]:
    """The most frequent mistakes as [gold, predicted, count]."""
    pairs = Counter((g, p) for g, p in zip(gold, predicted, strict=False) if g != p)
    return [[g, p, n] for (g, p), n in pairs.most_common(top)]


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Score snippet labelling on an ACLED-style TSV (see the module docstring)."""
    started = time.perf_counter()
    snippets = read_snippets(Path(data))[:limit]
    predicted = classify([s.text for s in snippets])
    gold = [s.label for s in snippets]
    result: dict[str, Any] = dict(f1_scores(gold, predicted))
    result["per_label"] = per_label(gold, predicted)
    result["confusions"] = confusions(gold, predicted)
    trained = acled_model.model()
    result["model"] = "rules + trained model" if trained is not None else "rules"
    if trained is not None:
        result["model_load_seconds"] = round(trained.load_seconds, 4)
    seconds = time.perf_counter() - started
    result["n"] = len(snippets)
    result["seconds"] = round(seconds, 2)
    result["articles_per_second"] = round(len(snippets) / seconds, 2) if seconds else 0.0
    return result
