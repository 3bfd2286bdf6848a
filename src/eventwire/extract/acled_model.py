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
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from eventwire.extract.linear import STOP, LinearModel, Shipped, load_file, save, stem, words

__all__ = ["LABELS", "LinearModel", "AcledModel", "features", "lead_sentence", "load_file", "model", "model_path",
           "save", "set_enabled", "text_features"]

MODEL_FILE = "acled_model.npz"
LABELS: tuple[str, ...] = (
    "ABDUCT_DISSAP", "AGREEMENT", "AIR_STRIKE", "ARMED_CLASH", "ARREST", "ART_MISS_ATTACK", "ATTACK",
    "CHANGE_TO_GROUP_ACT", "CHEM_WEAP", "DISR_WEAP", "FORCE_AGAINST_PROTEST", "GOV_REGAINS_TERIT",
    "GRENADE", "HQ_ESTABLISHED", "MOB_VIOL", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER",
    "OTHER", "PEACE_PROTEST", "PROPERTY_DISTRUCT", "PROTEST_WITH_INTER", "REM_EXPLOS", "SEX_VIOL",
    "SUIC_BOMB", "VIOL_DEMONSTR",
    "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB",
)  # fmt: skip

# The lead sentence says what happened; later ones often give background (an earlier attack, a
# reaction). Its words are repeated as "f:" features, and every word's first PREFIX letters as "p:"
# features, so that unseen forms of a known word ("recapturing", "bombardments") still count.
# Both were chosen by cross-validation on the project's snippets and kept because they raised
# both halves of CASE 2021 visible (docs/BENCHMARKS.md, issue 16).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“‘])")
PREFIX = 5


LEAD_MIN_WORDS = 5


def lead_sentence(text: str) -> str:
    """The text up to its first sentence end; a dateline or fragment of fewer than
    LEAD_MIN_WORDS words before it ("Sanaa. Government forces seized ...") joins the sentence
    that follows."""
    pieces = _SENTENCE_END.split(text.strip())
    lead = pieces[0]
    for piece in pieces[1:]:
        if len(words(lead)) >= LEAD_MIN_WORDS:
            break
        lead = f"{lead} {piece}"
    return lead


def text_features(text: str) -> list[str]:
    """Words, word pairs, lead-sentence words, word prefixes and cue groups of a text."""
    raw = words(text)
    stems = [stem(w) for w in raw]
    feats = ["w:" + w for w in stems if w not in STOP]
    feats += ["b:" + a + "_" + b for a, b in zip(stems, stems[1:], strict=False)]
    feats += ["f:" + stem(w) for w in words(lead_sentence(text)) if w not in STOP]
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


class AcledModel(LinearModel):
    """The ACLED classifier: a linear model over a text's features and the rules' hints."""

    __slots__ = ()

    def predict(self, text: str, hints: Iterable[str] = (), allowed: Iterable[str] | None = None) -> tuple[str, float]:
        """The most probable label (among ``allowed`` when given) and its probability."""
        return self.best(features(text, hints), allowed)


_SHIPPED = Shipped(MODEL_FILE, "EVENTWIRE_ACLED_MODEL", AcledModel)


def set_enabled(enabled: bool) -> None:
    """Switch the model off (rules alone) or back on; the training script uses the rules alone."""
    _SHIPPED.enabled = enabled


def model_path() -> Path:
    return _SHIPPED.path()


def model() -> AcledModel | None:
    """The shipped model, loaded once on first use; None when switched off or not shipped."""
    return _SHIPPED.get()


def load_model(path: str | os.PathLike[str]) -> AcledModel:
    return load_file(path, AcledModel)
