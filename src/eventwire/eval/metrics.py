"""Shared scoring helpers for the benchmark tasks: ratios, precision/recall/F1, span matching."""

from __future__ import annotations

from collections.abc import Sequence


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, 0.0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0.0 when both are 0)."""
    return ratio(2 * precision * recall, precision + recall)


def prf(correct_predicted: float, n_predicted: float, correct_gold: float, n_gold: float) -> dict[str, float]:
    """Precision, recall and F1 from counts; the correct counts differ only when matching is not 1:1."""
    precision = ratio(correct_predicted, n_predicted)
    recall = ratio(correct_gold, n_gold)
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall)}


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Number of characters two half-open spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one matching of overlapping spans with as many pairs as possible (augmenting paths,
    larger overlaps tried first): sorted (gold index, predicted index) pairs."""
    candidates = [
        sorted((pi for pi, p in enumerate(predicted) if overlap(g, p) > 0), key=lambda pi: -overlap(g, predicted[pi]))
        for g in gold
    ]
    owner: dict[int, int] = {}  # predicted index -> gold index

    def claim(gi: int, seen: set[int]) -> bool:
        for pi in candidates[gi]:
            if pi not in seen:
                seen.add(pi)
                if pi not in owner or claim(owner[pi], seen):
                    owner[pi] = gi
                    return True
        return False

    for gi in range(len(gold)):
        claim(gi, set())
    return sorted((gi, pi) for pi, gi in owner.items())
