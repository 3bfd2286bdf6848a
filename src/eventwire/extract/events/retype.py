"""Retyping: the trained PLOVER type decision applied to the rules' candidates.

- reads: the candidates of ``candidates`` and the trained model of ``eventwire.extract.plover_model``;
- writes: each candidate's ``type`` (and its ``mode`` when the type changes), where the model is
  confident enough to overrule the rules' sense and the rules' type is one the model was measured
  to decide better (cross-validated, per rule type: ``scripts/train_plover.py``).

Without a shipped model (or with ``EVENTWIRE_PLOVER_MODEL=0``) the candidates pass unchanged.
"""

from __future__ import annotations

from eventwire.extract import plover_model
from eventwire.extract.events.candidate import Candidate, sentence_of
from eventwire.extract.lexicon.events import trigger_senses


def features_of(c: Candidate) -> list[str]:
    """The model's features of a candidate (see :func:`plover_model.candidate_features`)."""
    sentence = sentence_of(c.token)
    absorbed = [(a.type, a.token.lemma_.lower()) for a in c.absorbed]
    return plover_model.candidate_features(c.token, c.sense.pattern, c.type, c.mode, absorbed,
                                           (sentence.start, sentence.end))


def mode_for(c: Candidate, type_: str) -> str | None:
    """The mode of the trigger's own sense of ``type_`` ('strike' as ASSAULT: 'airstrike'), else none."""
    for sense in trigger_senses().get(c.sense.pattern, ()):
        if sense.type == type_:
            return sense.mode
    return None


def retype(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates, retyped where the trained model overrules the rules."""
    trained = plover_model.model()
    if trained is None or not candidates:
        return candidates
    trusted, threshold = trained.trusted(), trained.threshold()
    kept: list[Candidate] = []
    for c in candidates:
        label, probability = (c.type, 1.0) if c.type not in trusted else trained.best(features_of(c))
        if label == c.type or probability < threshold:
            kept.append(c)
        elif label != plover_model.NO_EVENT:
            c.type, c.mode = label, mode_for(c, label)
            kept.append(c)
    return kept
