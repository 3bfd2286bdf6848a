"""Linear classifiers over sparse binary features: what the trained layers share at run time.

A model is a multinomial logistic regression stored as ``.npz`` (labels, feature vocabulary,
float16 weights, bias, and ``meta_*`` strings); :mod:`eventwire.extract.linear_fit` trains one.
The ACLED sub-type layer (``acled_model``) and the PLOVER type layer (``plover_model``) each ship
one such file, read once, lazily, on first use, and each can be switched off by an environment
variable (the rules alone then decide).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Generic, TypeVar

import numpy as np

WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
_SUFFIXES = ("ings", "ing", "ies", "ied", "ed", "es", "s")
STOP = frozenset((
    "a", "an", "the", "of", "in", "on", "at", "to", "and", "or", "for", "by", "with", "from", "as", "is", "was",
    "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "which", "who", "said", "says", "say",
    "told", "according",
))  # fmt: skip


@lru_cache(maxsize=1 << 15)
def stem(word: str) -> str:
    """A light stem: 'attacks', 'attacked' -> 'attack'; every number -> '<num>'."""
    if word.isdigit():
        return "<num>"
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """The lower-cased words and numbers of a text (curly apostrophes straightened)."""
    return WORD.findall(text.lower().replace("’", "'"))


@dataclass(slots=True)
class LinearModel:
    labels: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray  # (n_features, n_labels)
    bias: np.ndarray  # (n_labels,)
    load_seconds: float = 0.0
    meta: dict[str, str] = field(default_factory=dict)  # the file's meta_* strings
    masks: dict[frozenset[str], np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    def _allowed_mask(self, allowed: frozenset[str]) -> np.ndarray:
        """Which labels are among ``allowed``, as a boolean array made once per set of labels."""
        mask = self.masks.get(allowed)
        if mask is None:
            mask = self.masks[allowed] = np.array([label in allowed for label in self.labels], dtype=bool)
        return mask

    def meta_set(self, key: str) -> frozenset[str]:
        """A ';'-separated metadata value as a set."""
        return frozenset(v for v in self.meta.get(key, "").split(";") if v)

    def scores(self, feats: Iterable[str]) -> np.ndarray:
        """Label probabilities; binary features, as in training: a word said twice counts once."""
        rows = sorted({row for row in map(self.index.get, feats) if row is not None})
        logits = self.bias + (self.weights.take(rows, axis=0).sum(axis=0) if rows else 0.0)
        logits = logits - logits.max()
        exp = np.exp(logits)
        result: np.ndarray = exp / exp.sum()
        return result

    def best(self, feats: Iterable[str], allowed: Iterable[str] | None = None) -> tuple[str, float]:
        """The most probable label (among ``allowed`` when given) and its probability."""
        probs = self.scores(feats)
        if allowed is not None:
            probs = np.where(self._allowed_mask(frozenset(allowed)), probs, 0.0)
        top = int(np.argmax(probs))
        return self.labels[top], float(probs[top])


M = TypeVar("M", bound=LinearModel)


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


def load_file(path: str | os.PathLike[str], cls: type[M] = LinearModel) -> M:  # type: ignore[assignment]
    """A model file read into ``cls`` (a LinearModel or a subclass), with its load time."""
    started = time.perf_counter()
    with np.load(path, allow_pickle=False) as data:
        labels = tuple(str(x) for x in data["labels"])
        vocab = [str(x) for x in data["vocab"]]
        weights = data["weights"].astype(np.float32)
        bias = data["bias"].astype(np.float32)
        meta = {k[5:]: str(data[k]) for k in data.files if k.startswith("meta_")}
    model = cls(labels, {f: i for i, f in enumerate(vocab)}, weights, bias, meta=meta)
    model.load_seconds = time.perf_counter() - started
    return model


def shipped_path(file_name: str) -> Path:
    """Where a model file shipped in the package lives."""
    return Path(str(resources.files("eventwire") / "data" / file_name))


class Shipped(Generic[M]):
    """A shipped model file: loaded once on first use, switchable off (then ``get()`` is None)."""

    def __init__(self, file_name: str, env: str, cls: type[M]) -> None:
        self.file_name = file_name
        self.cls = cls
        self.enabled = os.environ.get(env, "1") not in ("0", "false", "no", "off")
        self.override: M | None = None
        self._load: Callable[[], M | None] = lru_cache(maxsize=1)(self._read)

    def _read(self) -> M | None:
        path = self.path()
        return load_file(path, self.cls) if path.is_file() else None

    def path(self) -> Path:
        return shipped_path(self.file_name)

    def get(self) -> M | None:
        """The model in use: an override set by a training script, else the shipped file."""
        if not self.enabled:
            return None
        return self.override if self.override is not None else self._load()
