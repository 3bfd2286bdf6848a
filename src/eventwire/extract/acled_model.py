"""A trained linear classifier for ACLED sub-event types (and the five non-ACLED labels).

The model is a multinomial logistic regression over sparse features of a snippet or an event's
evidence: lower-cased words and word pairs (lightly stemmed), the lead sentence's words, word
prefixes, the ACLED cue groups of ``lexicon/event_acled_cues.tsv`` that the text contains, and hints
from the rules (the label the rules give, the PLOVER types, modes and weapons of the events).
``scripts/train_acled.py`` trains it and writes ``data/acled_model.npz`` with the notice of every
data set it learned from (``data/acled_model_NOTICE.txt``). The file is read once, lazily, on first
use; without it (or with ``EVENTWIRE_ACLED_MODEL=0``) the rules alone decide.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

MODEL_FILE = "acled_model.npz"
LABELS: tuple[str, ...] = (
    "ABDUCT_DISSAP", "AGREEMENT", "AIR_STRIKE", "ARMED_CLASH", "ARREST", "ART_MISS_ATTACK", "ATTACK",
    "CHANGE_TO_GROUP_ACT", "CHEM_WEAP", "DISR_WEAP", "FORCE_AGAINST_PROTEST", "GOV_REGAINS_TERIT",
    "GRENADE", "HQ_ESTABLISHED", "MOB_VIOL", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER",
    "OTHER", "PEACE_PROTEST", "PROPERTY_DISTRUCT", "PROTEST_WITH_INTER", "REM_EXPLOS", "SEX_VIOL",
    "SUIC_BOMB", "VIOL_DEMONSTR",
    "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB",
)  # fmt: skip

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
_SUFFIXES = ("ings", "ing", "ies", "ied", "ed", "es", "s")
STOP = frozenset((
    "a", "an", "the", "of", "in", "on", "at", "to", "and", "or", "for", "by", "with", "from", "as", "is", "was",
    "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "which", "who", "said", "says", "say",
    "told", "according",
))  # fmt: skip


@lru_cache(maxsize=1 << 15)
def _stem(word: str) -> str:
    if word.isdigit():
        return "<num>"
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


# The lead sentence says what happened; later ones often give background (an earlier attack, a
# reaction). Its words are repeated as "f:" features, and every word's first PREFIX letters as "p:"
# features, so that unseen forms of a known word ("recapturing", "bombardments") still count.
# Both were chosen by cross-validation on the project's snippets and kept because they raised
# both halves of CASE 2021 visible (docs/BENCHMARKS.md, issue 16).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“‘])")
PREFIX = 5


def lead_sentence(text: str) -> str:
    """The text up to its first sentence end."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def text_features(text: str) -> list[str]:
    """Words, word pairs, lead-sentence words, word prefixes and cue groups of a text."""
    lower = text.lower().replace("’", "'")
    raw = _WORD.findall(lower)
    words = [_stem(w) for w in raw]
    feats = ["w:" + w for w in words if w not in STOP]
    feats += ["b:" + a + "_" + b for a, b in zip(words, words[1:], strict=False)]
    lead = _WORD.findall(lead_sentence(text).lower().replace("’", "'"))
    feats += ["f:" + _stem(w) for w in lead if w not in STOP]
    feats += ["p:" + w[:PREFIX] for w in raw if len(w) > PREFIX and w not in STOP]
    from eventwire.extract.codes import cue_groups  # codes imports this module

    feats += ["c:" + group for group in sorted(cue_groups(text))]
    return feats


@lru_cache(maxsize=512)
def _cached_text_features(text: str) -> tuple[str, ...]:
    return tuple(text_features(text))


def features(text: str, hints: Iterable[str] = ()) -> list[str]:
    """All features of a text and the rules' hints about it (``rule:ATTACK``, ``type:ASSAULT``, ...)."""
    return [*_cached_text_features(text), *("h:" + h for h in hints)]


@dataclass(slots=True)
class LinearModel:
    labels: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray  # (n_features, n_labels)
    bias: np.ndarray  # (n_labels,)
    load_seconds: float = 0.0

    def scores(self, feats: Sequence[str]) -> np.ndarray:
        # binary features, as in training: a word said twice counts once
        rows = sorted({self.index[f] for f in feats if f in self.index})
        logits = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        logits = logits - logits.max()
        exp = np.exp(logits)
        result: np.ndarray = exp / exp.sum()
        return result

    def predict(self, text: str, hints: Iterable[str] = (), allowed: Iterable[str] | None = None) -> tuple[str, float]:
        """The most probable label (among ``allowed`` when given) and its probability."""
        probs = self.scores(features(text, hints))
        if allowed is not None:
            keep = set(allowed)
            probs = np.where([label in keep for label in self.labels], probs, 0.0)
        best = int(np.argmax(probs))
        return self.labels[best], float(probs[best])


def save(path: str | os.PathLike[str], labels: Sequence[str], vocab: Sequence[str], weights: np.ndarray,
         bias: np.ndarray, **meta: str) -> None:
    arrays: dict[str, np.ndarray] = {
        "labels": np.array(labels),
        "vocab": np.array(vocab),
        "weights": weights.astype(np.float16),
        "bias": bias.astype(np.float32),
    }
    arrays.update({f"meta_{k}": np.array(v) for k, v in meta.items()})
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


def load_file(path: str | os.PathLike[str]) -> LinearModel:
    started = time.perf_counter()
    with np.load(path, allow_pickle=False) as data:
        labels = tuple(str(x) for x in data["labels"])
        vocab = [str(x) for x in data["vocab"]]
        weights = data["weights"].astype(np.float32)
        bias = data["bias"].astype(np.float32)
    model = LinearModel(labels, {f: i for i, f in enumerate(vocab)}, weights, bias)
    model.load_seconds = time.perf_counter() - started
    return model


_ENABLED = [os.environ.get("EVENTWIRE_ACLED_MODEL", "1") not in ("0", "false", "no", "off")]


def set_enabled(enabled: bool) -> None:
    """Switch the model off (rules alone) or back on; the training script uses the rules alone."""
    _ENABLED[0] = enabled


def model_path() -> Path:
    return Path(str(resources.files("eventwire") / "data" / MODEL_FILE))


@lru_cache(maxsize=1)
def _shipped() -> LinearModel | None:
    path = model_path()
    return load_file(path) if path.is_file() else None


def model() -> LinearModel | None:
    """The shipped model, loaded once on first use; None when switched off or not shipped."""
    return _shipped() if _ENABLED[0] else None
