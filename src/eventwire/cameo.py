"""CAMEO event codes at the depth the text supports, for the GDELT profile.

The events stage codes a PLOVER type and mode and derives a two-digit CAMEO root. Here that
is taken further, never guessed: the PLOVER-to-CAMEO table (``extract/lexicon/
event_cameo_plover.tsv``, read only) turns a type and mode into the CAMEO code family they
name (COERCE/arrest is 173); then the cue words of ``data/reference/cameo_cues.tsv``, found in
the trigger or else in the evidence sentence, can go one level deeper (171 -> 1711 "seized a
tanker"), or, when the mode names no family, pick the family itself (110 -> 111 "condemned").
With no support in the text the code stays at the root's "not specified" code (180, 110, ...).
Goldstein values come from CAMEO's table (``cameo_goldstein.tsv``), QuadClass from the root.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from eventwire import refdata

# CAMEO roots -> GDELT QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
# 4 material conflict), as GDELT groups them.
_QUAD_BY_ROOT = {**dict.fromkeys(("01", "02", "03", "04", "05"), 1), **dict.fromkeys(("06", "07", "08"), 2),
                 **dict.fromkeys(("09", "10", "11", "12", "13"), 3),
                 **dict.fromkeys(("14", "15", "16", "17", "18", "19", "20"), 4)}
STATE_FORCE_SECTORS = frozenset({"MIL"})


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str  # EventCode: three or four digits
    base: str  # EventBaseCode: three digits
    root: str  # EventRootCode: two digits
    quad_class: int | None
    goldstein: float | None


@cache
def _families() -> dict[tuple[str, str], list[str]]:
    """(PLOVER type, mode) -> CAMEO codes of three or four digits that the table maps to it."""
    text = resources.files("eventwire.extract.lexicon").joinpath("event_cameo_plover.tsv").read_text("utf-8")
    by_pair: dict[tuple[str, str], list[str]] = defaultdict(list)
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, type_, mode = (line.split("\t") + ["", ""])[:3]
        if len(code) >= 3 and mode:
            by_pair[(type_, mode)].append(code)
    return dict(by_pair)


def _base(type_: str, mode: str | None, root: str) -> str:
    """The code the type and mode name: one code family (three digits) when they name one under
    the root, else the root's "not specified" code."""
    codes = [c for c in _families().get((type_, mode or ""), []) if c.startswith(root)]
    families = {c[:3] for c in codes}
    if len(families) == 1:
        return families.pop()
    return root + "0"


def event_code(type_: str | None, mode: str | None, root: str | None, trigger: str | None = None,
               evidence: str | None = None, actor_sector: str | None = None) -> CameoCode | None:
    """The CAMEO code of one event; None when it has no CAMEO root."""
    if not type_ or not root:
        return None
    base = _base(type_, mode, root)
    generic = base.endswith("0") and len(base) == 3
    table = refdata.goldstein()
    code = base
    for text in (trigger or "", evidence or ""):
        found = _cue(type_, base, generic, text, table)
        if found:
            code = found
            break
    deeper = _cue(type_, code, False, evidence or "", table, below=True)
    if deeper:
        code = deeper  # "accusing ... of piracy": the sentence narrows what the trigger named
    if code == root + "0" and type_ == "ASSAULT" and root == "18" and actor_sector in STATE_FORCE_SECTORS:
        code = "190"  # armed forces striking: CAMEO's conventional military force, not unconventional violence
    if code not in table:
        code = code[:3] if code[:3] in table else root + "0"
    return CameoCode(code=code, base=code[:3], root=code[:2], quad_class=_QUAD_BY_ROOT.get(code[:2]),
                     goldstein=table.get(code))


def _cue(type_: str, base: str, generic: bool, text: str, table: dict[str, float],
         below: bool = False) -> str | None:
    if not text:
        return None
    for cue in refdata.cameo_cues():
        if type_ not in cue.types or cue.code not in table or (below and len(cue.code) <= len(base)):
            continue
        if not (cue.code.startswith(base) or generic):
            continue  # a mode that names a family is only refined, never overruled
        if cue.pattern.search(text):
            return cue.code
    return None


def goldstein(code: str | None) -> float | None:
    return refdata.goldstein().get(code or "")
