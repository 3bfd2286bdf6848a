"""A trained linear classifier for the PLOVER type of a candidate event mention.

The rules' trigger lexicon gives every candidate the type of its word's sense; this model reads
the candidate in its sentence and may give it another type: "captured a stronghold after five
days of fighting" is ASSAULT, "captured twelve smugglers" COERCE. Its features are the trigger's
lemma and prefix, the rules' type and mode, the types of the events it absorbed ("offered to hand
over"), the trigger's syntactic neighbours (object, subject, prepositions and their objects, the
governing word), the entity kinds around it and the words near it
(:func:`candidate_features`). Modality, negation and the other flags stay with the rules.

``scripts/train_plover.py`` trains it and writes ``data/plover_model.npz`` (with the rule types
it is trusted to overrule and its confidence threshold as metadata) and the notice of every data
set it learned from (``data/plover_model_NOTICE.txt``). The file is read once, lazily, on first
use; without it (or with ``EVENTWIRE_PLOVER_MODEL=0``) the rules alone decide.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Token

from eventwire.extract.linear import STOP, LinearModel, Shipped, load_file, stem

MODEL_FILE = "plover_model.npz"
NO_EVENT = "NONE"
LABELS: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", NO_EVENT,
)  # fmt: skip
NEIGHBOUR_DEPS = frozenset({
    "dobj", "obj", "nsubj", "nsubjpass", "agent", "prep", "xcomp", "ccomp", "attr", "dative", "compound",
    "amod", "advmod", "prt", "acomp", "oprd", "poss",
})  # fmt: skip
WINDOW = 3  # words each side of the trigger
PREFIX = 5


def _lemma(token: Token) -> str:
    return stem(token.lemma_.lower())


def _neighbours(token: Token) -> list[str]:
    """The trigger's dependents ('d:dobj:weapon', 'pp:to:talk') and the entity kinds among them."""
    feats: list[str] = []
    for child in token.children:
        dep = child.dep_
        if dep not in NEIGHBOUR_DEPS:
            continue
        feats.append(f"d:{dep}:{_lemma(child)}")
        if child.ent_type_:
            feats.append(f"e:{dep}:{child.ent_type_}")
        if dep == "prep":
            feats += [f"pp:{child.lower_}:{_lemma(g)}" for g in child.children if g.dep_ in ("pobj", "pcomp")]
    return feats


def _governor(token: Token) -> list[str]:
    """The word the trigger depends on, with the relation ('g:xcomp:agree', 'g:pobj:after')."""
    if token.head.i == token.i:
        return ["g:ROOT"]
    head = token.head
    feats = [f"g:{token.dep_}:{_lemma(head)}"]
    if head.dep_ == "prep" and head.head.i != head.i:
        feats.append(f"gp:{head.lower_}:{_lemma(head.head)}")
    return feats


def _context_words(token: Token, sentence_start: int, sentence_end: int) -> list[str]:
    """Stems of the words near the trigger, inside its sentence ('n:'). The whole sentence's words
    were tried too: they lowered the cross-validated accuracy on the snippets (0.823 -> 0.817) and
    let one word elsewhere in a sentence ("opposition-called") overrule the trigger's own context."""
    doc = token.doc
    near = doc[max(token.i - WINDOW, sentence_start) : min(token.i + WINDOW + 1, sentence_end)]
    return [f"n:{_lemma(t)}" for t in near if t.i != token.i and t.is_alpha and t.lower_ not in STOP]


def candidate_features(token: Token, pattern: str, rule_type: str, rule_mode: str | None,
                       absorbed: Iterable[tuple[str, str]], sentence: tuple[int, int]) -> list[str]:
    """Features of one candidate: its trigger ``token`` (the root of the lexicon ``pattern``), the
    rules' type and mode, the (type, lemma) of each event it absorbed, and its sentence's token span."""
    lower = token.lower_
    feats = [f"r:{rule_type}", f"rm:{rule_mode or '-'}", f"l:{pattern}", f"lr:{pattern}|{rule_type}",
             f"tp:{lower[:PREFIX]}", f"pos:{token.pos_}"]
    for type_, lemma in absorbed:
        feats += [f"a:{type_}", f"al:{stem(lemma)}"]
    feats += _neighbours(token) + _governor(token)
    feats += _context_words(token, *sentence)
    return feats


class PloverModel(LinearModel):
    """The PLOVER type classifier; ``trusted`` are the rule types it may overrule (measured per type
    by cross-validation), ``threshold`` the probability it needs to do so."""

    __slots__ = ()

    def trusted(self) -> frozenset[str]:
        return self.meta_set("trusted")

    def threshold(self) -> float:
        return float(self.meta.get("threshold", "1.0"))


_SHIPPED = Shipped(MODEL_FILE, "EVENTWIRE_PLOVER_MODEL", PloverModel)


def set_enabled(enabled: bool) -> None:
    """Switch the model off (rules alone) or back on; the training script featurizes with it off."""
    _SHIPPED.enabled = enabled


def use(model_: PloverModel | None) -> None:
    """Use ``model_`` instead of the shipped file (cross-validation folds); None restores the file."""
    _SHIPPED.override = model_


def model_path() -> Path:
    return _SHIPPED.path()


def model() -> PloverModel | None:
    """The model in use, loaded once on first use; None when switched off or not shipped."""
    return _SHIPPED.get()


def load_model(path: str | os.PathLike[str]) -> PloverModel:
    return load_file(path, PloverModel)
