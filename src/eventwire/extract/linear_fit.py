"""Training the linear models of :mod:`eventwire.extract.linear` (used by ``scripts/train_*.py``).

A multinomial logistic regression with an L2 penalty on the weights (not the bias) and class
weights ``(n / n_label) ** power``, fitted by L-BFGS (scipy) over binary features; seeded,
stratified folds for out-of-fold (cross-validated) predictions. Nothing here is random except
the fold assignment, which is seeded: a script run twice writes the same model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from scipy import optimize, sparse

MIN_DF = 2


def vocabulary(feats: Sequence[Sequence[str]], min_df: int = MIN_DF, always: tuple[str, ...] = ()) -> list[str]:
    """Features seen in at least ``min_df`` items, and every feature starting with one of ``always``."""
    df = Counter(f for fs in feats for f in set(fs))
    return sorted(f for f, n in df.items() if n >= min_df or (always and f.startswith(always)))


def matrix(feats: Sequence[Sequence[str]], vocab: Sequence[str]) -> sparse.csr_matrix:
    """Binary item-by-feature matrix (features outside the vocabulary are dropped)."""
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols = [], []
    for r, fs in enumerate(feats):
        for c in sorted({index[f] for f in fs if f in index}):
            rows.append(r)
            cols.append(c)
    data = np.ones(len(rows), dtype=np.float64)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(feats), len(vocab)))


def fit(x: sparse.csr_matrix, y: np.ndarray, n_labels: int, c: float, power: float,
        sample_weight: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression, L2 on the weights (not the bias), class-weighted."""
    n, d = x.shape
    counts = np.bincount(y, minlength=n_labels).astype(float)
    class_weight = np.where(counts > 0, (n / np.maximum(counts, 1) / n_labels) ** power, 0.0)
    weight = class_weight[y] * (sample_weight if sample_weight is not None else 1.0)
    onehot = np.zeros((n, n_labels))
    onehot[np.arange(n), y] = 1.0

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: d * n_labels].reshape(d, n_labels)
        b = theta[d * n_labels :]
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        value = -(weight * (onehot * log_probs).sum(axis=1)).sum() + 0.5 / c * (w * w).sum()
        residual = (np.exp(log_probs) - onehot) * weight[:, None]
        grad_w = x.T @ residual + w / c
        grad_b = residual.sum(axis=0)
        return float(value), np.concatenate([np.asarray(grad_w).ravel(), grad_b])

    theta0 = np.zeros(d * n_labels + n_labels)
    result = optimize.minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    theta = result.x
    return theta[: d * n_labels].reshape(d, n_labels), theta[d * n_labels :]


def predict(x: sparse.csr_matrix, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray(x @ w + b).argmax(axis=1)


def folds(labels: Sequence[str], k: int, seed: int) -> list[np.ndarray]:
    """Stratified folds: each label's items shuffled (seeded) and dealt round-robin."""
    rng = np.random.default_rng(seed)
    assignment = np.zeros(len(labels), dtype=int)
    offset = 0
    for label in sorted(set(labels)):
        members = np.array([i for i, lab in enumerate(labels) if lab == label])
        rng.shuffle(members)
        assignment[members] = (np.arange(len(members)) + offset) % k
        offset += len(members)
    return [np.flatnonzero(assignment == f) for f in range(k)]


Trainer = Callable[[Sequence[Sequence[str]], Sequence[str]], tuple[list[str], np.ndarray, np.ndarray]]


def train(feats: Sequence[Sequence[str]], labels: Sequence[str], label_names: Sequence[str], c: float, power: float,
          always: tuple[str, ...] = ()) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Vocabulary, weights and bias of a model fitted on all the items."""
    vocab = vocabulary(feats, always=always)
    index = {name: i for i, name in enumerate(label_names)}
    y = np.array([index[label] for label in labels])
    w, b = fit(matrix(feats, vocab), y, len(label_names), c, power)
    return vocab, w, b


def cross_validate(feats: Sequence[Sequence[str]], labels: Sequence[str], label_names: Sequence[str],
                   trainer: Trainer, test_folds: Sequence[np.ndarray]) -> list[str]:
    """Out-of-fold predictions: every item predicted by a model that never saw it (vocabulary included)."""
    predicted = [""] * len(labels)
    for test in test_folds:
        test_set = set(test.tolist())
        train_idx = [i for i in range(len(labels)) if i not in test_set]
        vocab, w, b = trainer([feats[i] for i in train_idx], [labels[i] for i in train_idx])
        guesses = predict(matrix([feats[i] for i in test], vocab), w, b)
        for i, g in zip(test, guesses, strict=True):
            predicted[i] = label_names[g]
    return predicted
