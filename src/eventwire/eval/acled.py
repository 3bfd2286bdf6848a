"""`eventwire eval acled`: ACLED sub-event types of news snippets.

Data: a TSV file ``id<TAB>EventSnippet<TAB>SubType`` (a header line is skipped), or a folder
of such files. Each snippet goes through the whole pipeline; its label is the ACLED sub-event
type derived from its events (:func:`eventwire.extract.codes.snippet_label`), or one of the
labels for snippets that ACLED would not record (ORG_CRIME, NATURAL_DISASTER,
MAN_MADE_DISASTER, DIPLO, ATTRIB). Metrics: weighted_f1, macro_f1, accuracy.
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
from eventwire.extract.codes import snippet_label

LABEL_BY_SUBTYPE: dict[str, str] = {
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Agreement": "AGREEMENT",
    "Air/drone strike": "AIR_STRIKE",
    "Armed clash": "ARMED_CLASH",
    "Arrests": "ARREST",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Attack": "ATTACK",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Chemical weapon": "CHEM_WEAP",
    "Disrupted weapons use": "DISR_WEAP",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Grenade": "GRENADE",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Mob violence": "MOB_VIOL",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
    "Peaceful protest": "PEACE_PROTEST",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Sexual violence": "SEX_VIOL",
    "Suicide bomb": "SUIC_BOMB",
    "Violent demonstration": "VIOL_DEMONSTR",
}
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


def label_of(subtype_or_label: str) -> str:
    return LABEL_BY_SUBTYPE.get(subtype_or_label, subtype_or_label)


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


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """Score snippet labelling on an ACLED-style TSV (see the module docstring)."""
    started = time.perf_counter()
    snippets = read_snippets(Path(data))[:limit]
    predicted = classify([s.text for s in snippets])
    result: dict[str, Any] = dict(f1_scores([s.label for s in snippets], predicted))
    seconds = time.perf_counter() - started
    result["n"] = len(snippets)
    result["seconds"] = round(seconds, 2)
    result["articles_per_second"] = round(len(snippets) / seconds, 2) if seconds else 0.0
    return result
