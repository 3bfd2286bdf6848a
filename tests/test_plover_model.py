"""The trained PLOVER type layer: the shipped model, the retyping pass, and the shared linear code."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from eventwire.extract import linear, linear_fit, plover_model
from eventwire.extract.events.candidates import find_candidates
from eventwire.extract.events.retype import features_of, mode_for, retype

REPO = Path(__file__).resolve().parents[1]


def test_the_model_is_shipped_small_with_its_notice_and_loads_fast():
    path = plover_model.model_path()
    assert path.is_file() and path.stat().st_size < 500_000
    model = plover_model.load_model(path)
    assert model.labels == plover_model.LABELS
    assert model.weights.shape == (len(model.index), len(plover_model.LABELS))
    assert model.load_seconds < 1.0
    assert model.trusted() <= set(plover_model.LABELS) and 0.5 <= model.threshold() <= 1.0
    assert (REPO / "src" / "eventwire" / "data" / "plover_model_NOTICE.txt").is_file()


def test_the_model_is_loaded_once_and_can_be_switched_off(nlp):
    assert plover_model.model() is plover_model.model()
    doc = nlp("Rebel fighters captured the mountain town after a week of heavy fighting.")
    plover_model.set_enabled(False)
    try:
        assert plover_model.model() is None
        assert [c.type for c in retype(find_candidates(doc))] == [c.type for c in find_candidates(doc)]
    finally:
        plover_model.set_enabled(True)


def test_candidate_features_read_the_trigger_its_rule_type_and_its_neighbours(nlp):
    doc = nlp("Police captured two smugglers at a checkpoint near the port.")
    (candidate,) = [c for c in find_candidates(doc) if c.token.lower_ == "captured"]
    feats = features_of(candidate)
    assert "l:capture" in feats and f"r:{candidate.type}" in feats
    assert "d:nsubj:police" in feats and "d:dobj:smuggler" in feats
    assert "pp:at:checkpoint" in feats and "g:ROOT" in feats


@pytest.mark.parametrize(
    ("sentence", "trigger", "type_"),
    [
        ("The rebels captured the town after fierce fighting.", "captured", "ASSAULT"),
        ("Border police captured three gun runners at a crossing point on Tuesday.", "captured", "COERCE"),
        ("The bloc suspended all trade with the country after the coup.", "suspended", "SANCTION"),
    ],
)
def test_the_model_types_a_trigger_by_its_context(nlp, sentence: str, trigger: str, type_: str):
    doc = nlp(sentence)
    (candidate,) = [c for c in retype(find_candidates(doc)) if c.token.lower_ == trigger]
    assert candidate.type == type_


def test_a_retyped_candidate_takes_the_mode_of_its_own_sense_or_none(nlp):
    doc = nlp("Police captured two smugglers at a checkpoint.")
    (candidate,) = [c for c in find_candidates(doc) if c.token.lower_ == "captured"]
    assert mode_for(candidate, candidate.type) == candidate.mode
    assert mode_for(candidate, "CONSULT") is None


def test_linear_model_scores_are_a_distribution_and_allowed_labels_restrict_the_choice():
    model = linear.LinearModel(("A", "B"), {"x": 0}, np.array([[2.0, 0.0]], dtype=np.float32),
                               np.zeros(2, dtype=np.float32))
    probs = model.scores(["x", "x", "unknown"])
    assert np.isclose(probs.sum(), 1.0) and probs[0] > probs[1]
    assert model.best(["x"])[0] == "A" and model.best(["x"], allowed={"B"})[0] == "B"


def test_a_saved_model_reads_back_with_its_metadata(tmp_path: Path):
    path = tmp_path / "m.npz"
    linear.save(path, ("A", "B"), ["x", "y"], np.eye(2), np.zeros(2), trusted="A;B", threshold="0.7")
    model = plover_model.load_model(path)
    assert model.index == {"x": 0, "y": 1} and model.trusted() == {"A", "B"} and model.threshold() == 0.7


def test_folds_are_stratified_seeded_and_cover_every_item_once():
    labels = ["a"] * 10 + ["b"] * 5
    first = linear_fit.folds(labels, 5, seed=3)
    assert sorted(np.concatenate(first).tolist()) == list(range(15))
    assert all(sum(labels[i] == "b" for i in fold) == 1 for fold in first)
    assert [f.tolist() for f in first] == [f.tolist() for f in linear_fit.folds(labels, 5, seed=3)]


def test_fit_learns_words_that_tell_labels_apart_and_cross_validation_predicts_unseen_items():
    feats = [["w:attack", f"w:n{i}"] for i in range(8)] + [["w:meeting", f"w:m{i}"] for i in range(8)]
    labels = ["ASSAULT"] * 8 + ["CONSULT"] * 8
    names = ("ASSAULT", "CONSULT")

    def trainer(f, y):
        return linear_fit.train(f, y, names, c=4.0, power=0.5)

    predicted = linear_fit.cross_validate(feats, labels, names, trainer, linear_fit.folds(labels, 4, seed=1))
    assert predicted == labels
    vocab, _, _ = trainer(feats, labels)
    assert "w:attack" in vocab and "w:n0" not in vocab  # seen once: below the minimum document frequency
