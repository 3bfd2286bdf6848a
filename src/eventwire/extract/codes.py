"""Derived codes of an event: PLOVER quad and conflict-cooperation score, CAMEO root, ACLED types.

All of them are functions of what the events stage already decided (PLOVER type and mode,
weapon, the evidence sentence and the argument texts), so they never contradict the event.
The ACLED cue groups are regular expressions kept in ``lexicon/event_acled_cues.tsv``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from functools import cache, lru_cache
from importlib import resources

from eventwire.extract import acled_model
from eventwire.extract.first_chars import gated
from eventwire.model import Event

QUAD_BY_TYPE: dict[str, str] = {
    "AGREE": "verbal_cooperation",
    "CONSULT": "verbal_cooperation",
    "SUPPORT": "verbal_cooperation",
    "CONCEDE": "material_cooperation",
    "COOPERATE": "material_cooperation",
    "AID": "material_cooperation",
    "RETREAT": "material_cooperation",
    "REQUEST": "verbal_conflict",
    "ACCUSE": "verbal_conflict",
    "REJECT": "verbal_conflict",
    "THREATEN": "verbal_conflict",
    "PROTEST": "material_conflict",
    "SANCTION": "material_conflict",
    "MOBILIZE": "material_conflict",
    "COERCE": "material_conflict",
    "ASSAULT": "material_conflict",
}

# Conflict (-10) to cooperation (+10), in the spirit of the Goldstein scale used with CAMEO.
SCORE_BY_TYPE: dict[str, float] = {
    "AGREE": 4.0,
    "CONSULT": 1.5,
    "SUPPORT": 3.0,
    "CONCEDE": 5.0,
    "COOPERATE": 6.0,
    "AID": 7.0,
    "RETREAT": 5.0,
    "REQUEST": -1.0,
    "ACCUSE": -2.0,
    "REJECT": -4.0,
    "THREATEN": -6.0,
    "PROTEST": -6.5,
    "SANCTION": -5.0,
    "MOBILIZE": -7.0,
    "COERCE": -7.5,
    "ASSAULT": -9.0,
}

SCORE_BY_MODE: dict[tuple[str, str], float] = {
    ("ASSAULT", "massacre"): -10.0,
    ("ASSAULT", "cleansing"): -10.0,
    ("ASSAULT", "heavy-weapons"): -10.0,
    ("ASSAULT", "beat"): -8.0,
    ("ASSAULT", "seize"): -8.5,
    ("PROTEST", "riot"): -7.5,
    ("PROTEST", "demo"): -6.5,
    ("COERCE", "arrest"): -5.0,
    ("COERCE", "seize"): -9.2,
    ("COERCE", "occupy"): -9.5,
    ("SANCTION", "expel"): -5.0,
    ("RETREAT", "ceasefire"): 9.0,
    ("RETREAT", "release"): 7.0,
    ("THREATEN", "violence"): -7.0,
    ("ACCUSE", "investigate"): -2.0,
    ("SUPPORT", "sign"): 6.0,
}

CAMEO_ROOT_BY_TYPE: dict[str, str] = {
    "AGREE": "03",
    "CONSULT": "04",
    "SUPPORT": "05",
    "COOPERATE": "06",
    "AID": "07",
    "CONCEDE": "08",
    "RETREAT": "08",
    "REQUEST": "10",
    "ACCUSE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "SANCTION": "16",
    "COERCE": "17",
    "ASSAULT": "18",
}

# (type, mode) pairs that CAMEO files under another root (from the CAMEO to PLOVER table).
CAMEO_ROOT_BY_MODE: dict[tuple[str, str], str] = {
    ("ACCUSE", "investigate"): "09",
    ("COERCE", "occupy"): "19",
    ("ASSAULT", "firearms"): "19",
    ("ASSAULT", "heavy-weapons"): "19",
    ("ASSAULT", "massacre"): "20",
    ("ASSAULT", "cleansing"): "20",
    ("ASSAULT", "unconventional"): "20",
    ("ASSAULT", "seize"): "17",
    ("SANCTION", "restrict"): "16",
}

MILITARY_RESTRICT = re.compile(r"\b(blockade|naval|military|troops)\b", re.IGNORECASE)

ACLED_SUBTYPES: dict[str, str] = {
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Armed clash": "Battles",
    "Excessive force against protesters": "Protests",
    "Protest with intervention": "Protests",
    "Peaceful protest": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}


# --- cue groups -------------------------------------------------------------------------------


@cache
def _cue_sources() -> dict[str, str]:
    """ACLED cue groups as regular expressions (``\\b(?:...|...)\\b``), read once."""
    text = resources.files("eventwire.extract.lexicon").joinpath("event_acled_cues.tsv").read_text("utf-8")
    parts: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        group, regex = line.split("\t", 1)
        parts.setdefault(group.strip(), []).append(regex.strip())
    return {g: r"\b(?:" + "|".join(rs) + r")\b" for g, rs in parts.items()}


@cache
def cue_patterns() -> dict[str, re.Pattern[str]]:
    """ACLED cue groups, compiled once (gated by their first characters: the same matches, faster)."""
    return {g: gated(re.compile(source, re.IGNORECASE)) for g, source in _cue_sources().items()}


@cache
def _lowercase_cue_patterns() -> dict[str, re.Pattern[str]]:
    """The cue groups for lower-cased text: the same matches as the case-insensitive patterns (the
    lexicon has no capital letters) at a third of the cost."""
    return {group: gated(re.compile(source)) for group, source in _cue_sources().items()}


@lru_cache(maxsize=2048)
def cue_groups(text: str) -> frozenset[str]:
    """Every cue group found in a text (the model's features of one sentence); a group none of whose
    openings starts a word of the text is not asked about."""
    possible = _possible_groups(_lower(text))
    return frozenset(group for group in _lowercase_cue_patterns() if group in possible and has_cue(group, text))


@lru_cache(maxsize=65536)
def has_cue(group: str, text: str) -> bool:
    """Whether a cue group occurs in a text (rules and model ask about the same sentence many times).
    The regular expression runs only when one of the group's literal openings is in the text."""
    pattern = _lowercase_cue_patterns().get(group)
    if pattern is None:
        return False
    lower = _lower(text)
    if group not in _possible_groups(lower):
        return False
    return pattern.search(lower) is not None


@lru_cache(maxsize=4096)
def _possible_groups(lower: str) -> frozenset[str]:
    """The groups one of whose openings could start at a word of the text (looked up by the
    words' beginnings), and the groups that have an alternative with no literal opening."""
    groups_of, longest, always = _opening_index()
    prefixes = _opening_prefixes()
    found = set(always)
    for piece in {*lower.split(), *_WORDS.findall(lower)}:
        piece = piece.lstrip("\"'(“‘[")
        for end in range(2, min(len(piece), longest) + 1):
            start = piece[:end]
            if start not in prefixes:
                break  # no opening starts so, so no longer start of this piece is one either
            groups = groups_of.get(start)
            if groups:
                found |= groups
    return frozenset(found)


@cache
def _opening_prefixes() -> frozenset[str]:
    """Every start (two characters or more) of an opening of the index."""
    return frozenset(key[:end] for key in _opening_index()[0] for end in range(2, len(key) + 1))


_WORDS = re.compile(r"\w+")


@cache
def _opening_index() -> tuple[dict[str, frozenset[str]], int, frozenset[str]]:
    """First word (or word start) of every literal opening -> its groups; the longest such start;
    the groups that have an alternative with no literal opening (always searched)."""
    starts: dict[str, set[str]] = {}
    always = set()
    for group, openings in _cue_openings().items():
        if openings is None:
            always.add(group)
            continue
        for opening in openings:
            starts.setdefault(opening.split(" ")[0], set()).add(group)
    index = {start: frozenset(groups) for start, groups in starts.items()}
    return index, max(map(len, index), default=0), frozenset(always)


_REGEX_SYNTAX = frozenset("\\()[]{}?*+.|^$")


@cache
def _cue_openings() -> dict[str, tuple[str, ...] | None]:
    """Group -> the literal text each of its alternatives must start with ("air", "drone", ...), or
    None when some alternative starts with a pattern (then the group is always searched)."""
    found: dict[str, tuple[str, ...] | None] = {}
    for group, source in _cue_sources().items():
        body = source[len(r"\b(?:") : -len(r")\b")]
        found[group] = _openings(body)
    return found


def _openings(body: str) -> tuple[str, ...] | None:
    """The literal openings of every alternative of a pattern; None when one has none."""
    openings: list[str] = []
    for alternative in _top_level_alternatives(body):
        opened = _opening(alternative)
        if opened is None:
            return None
        openings.extend(opened)
    return tuple(openings)


def _top_level_alternatives(body: str) -> list[str]:
    parts, depth, start, i = [], 0, 0, 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        i += 1
    parts.append(body[start:])
    return parts


def _group_end(text: str) -> int:
    """Index of the parenthesis that closes the group opening the text."""
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return i
    return len(text) - 1


def _opening(alternative: str) -> tuple[str, ...] | None:
    """The literal starts of one alternative ("air ?strikes?" -> "air"; "(?:took|seized) back" ->
    "took", "seized"), None when it may start with anything or with under two letters."""
    if alternative.startswith("(?:"):
        end = _group_end(alternative)
        if alternative[end + 1 : end + 2] in ("?", "*", "{"):
            return None  # an optional group: the alternative may start after it
        return _openings(alternative[3:end])
    end = 0
    while end < len(alternative) and alternative[end] not in _REGEX_SYNTAX:
        end += 1
    if end < len(alternative) and alternative[end] in "?*{":
        end -= 1  # the last letter is optional
    literal = alternative[:end]
    return (literal,) if len(literal) >= 2 else None


@lru_cache(maxsize=2048)
def _lower(text: str) -> str:
    return text.lower().replace("’", "'")


# --- PLOVER and CAMEO -------------------------------------------------------------------------


def plover_quad(type_: str) -> str | None:
    return QUAD_BY_TYPE.get(type_)


def plover_score(type_: str, mode: str | None) -> float | None:
    if mode is not None and (type_, mode) in SCORE_BY_MODE:
        return SCORE_BY_MODE[(type_, mode)]
    return SCORE_BY_TYPE.get(type_)


def cameo_root(type_: str, mode: str | None, text: str = "") -> str | None:
    """Two-digit CAMEO root ("01".."20") for a PLOVER type and mode."""
    if type_ == "COERCE" and mode == "restrict" and MILITARY_RESTRICT.search(text):
        return "19"  # CAMEO 191: impose blockade
    if mode is not None and (type_, mode) in CAMEO_ROOT_BY_MODE:
        return CAMEO_ROOT_BY_MODE[(type_, mode)]
    return CAMEO_ROOT_BY_TYPE.get(type_)


def intent_type(event: Event) -> str:
    """The PLOVER code of an event as a statement: a promised or possible cooperative act is AGREE,
    a promised or possible conflictual one THREATEN, a negated cooperative one REJECT (the PLOVER
    and CAMEO coding convention for intentions and refusals)."""
    quad = QUAD_BY_TYPE.get(event.type, "")
    cooperative = quad.endswith("cooperation")
    if event.negated and cooperative:
        return "REJECT"
    if event.future or event.hypothetical:
        if cooperative:
            return "AGREE"
        if event.type in ("ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"):
            return "THREATEN"
    return event.type


# --- ACLED ------------------------------------------------------------------------------------


CODE_SENTENCES = 3  # evidence sentences the derived codes read (the lead and the next details)


def _evidence_text(event: Event) -> str:
    """The event's first distinct evidence sentences: a snippet as ACLED coders read (an occurrence
    told over a whole article would otherwise hand its every sentence to the cue rules and model)."""
    sentences = list(dict.fromkeys(e.sentence for e in event.evidence))
    return " ".join(sentences[:CODE_SENTENCES])


def _assault_subtype(event: Event, text: str) -> str:
    mode = event.mode or ""
    weapon_text = f"{event.trigger} {event.weapon or ''} {text}"
    if has_cue("disrupt", text):
        return "Disrupted weapons use"  # the missile was intercepted, the bomb defused
    if mode == "sexual" or has_cue("sexual", weapon_text):
        return "Sexual violence"
    for group, subtype in (
        ("chemical", "Chemical weapon"),
        ("suicide", "Suicide bomb"),
        ("air", "Air/drone strike"),
        ("remote", "Remote explosive/landmine/IED"),
        ("grenade", "Grenade"),
        ("shelling", "Shelling/artillery/missile attack"),
    ):
        if has_cue(group, weapon_text):
            return subtype
    if event.weapon == "explosive" and not has_cue("air", text):
        return "Remote explosive/landmine/IED"  # a bomb with no other means named
    if _violence_at_protest(event, text):
        return _protest_subtype(event, text)  # violence at a protest is coded as the protest
    actor = event.actor_text or ""
    if actor and has_cue("actor_protest", actor):
        return "Violent demonstration"  # "demonstrators attacked the governor's office"
    if actor and has_cue("actor_mob", actor) and not has_cue("protest", text):
        return "Mob violence"  # "rioters attacked shops and their owners", no demonstration
    if mode == "abduct" or has_cue("abduct", f"{event.trigger} {text}"):
        return "Abduction/forced disappearance"
    if mode == "seize":
        return _seizure_subtype(event)
    if has_cue("loot", text) and event.fatalities is None:
        return "Looting/property destruction"  # houses burned and nobody killed
    return _violence_subtype(event, text)


def _violence_at_protest(event: Event, text: str) -> bool:
    """Violence in a protest snippet that belongs to the protest: the cue words say force,
    dispersal or rioting, or state forces are the attackers."""
    if not has_cue("protest", text):
        return False
    if has_cue("force", text) or has_cue("intervention", text) or has_cue("riot", text):
        return True
    return has_cue("government", event.actor_text or text)  # "killed by police gunfire during a protest"


def _shooting(event: Event) -> bool:
    return event.mode == "firearms" or event.weapon == "firearm"


def _seizure_subtype(event: Event) -> str:
    """Something taken: people (not weapons or property) are abducted; protesters who take or
    burn property are a violent demonstration; otherwise looting."""
    if _names_people(event.recipient_text or ""):
        return "Abduction/forced disappearance"
    if event.actor_text and has_cue("actor_protest", event.actor_text):
        return "Violent demonstration"
    return "Looting/property destruction"


NOUN_PHRASE_END = re.compile(r"\b(?:of|from|in|at|on|near|to|with|who|that|which)\b", re.IGNORECASE)


def _names_people(phrase: str) -> bool:
    """The noun phrase (up to its first preposition) is about people, not things: its last
    person word comes after its last property or weapon word ("a village head", not "the village")."""
    head = NOUN_PHRASE_END.split(phrase, maxsplit=1)[0]
    people = [m.end() for m in cue_patterns()["civilian"].finditer(head)]
    things = [m.end() for g in ("property", "weapons") for m in cue_patterns()[g].finditer(head)]
    return bool(people) and max(people) >= max(things, default=-1)


def _violence_subtype(event: Event, text: str) -> str:
    """Armed clash between armed sides, territory changes, else an attack on civilians."""
    if has_cue("mob", text):
        return "Mob violence"
    actor = event.actor_text or ""
    if has_cue("unopposed", text) and _territory_moved(text):
        return "Non-violent transfer of territory"  # "took the town without a fight"
    territory = _territory_subtype(actor, text)
    if territory is not None:
        return territory
    recipient = event.recipient_text or ""
    if has_cue("clash", f"{event.trigger} {text}"):
        return "Armed clash"
    if recipient and _armed_side(recipient) and not has_cue("civilian", recipient):
        return "Armed clash"  # "the army killed scores of terrorists": two armed sides
    if not recipient and has_cue("armed", text) and not has_cue("civilian", text):
        return "Armed clash"
    return "Attack"


# a group named as fighting beside state forces ("the army and pro-government militias took
# control of the town": the state regains it)
ALLIED = re.compile(
    r"\b(?:pro-?government|government-(?:backed|allied|aligned|sponsored)|state-(?:backed|sponsored)|allied)"
    r"(?:\s+[\w'-]+){1,3}",
    re.IGNORECASE,
)


def _without_allies(subject: str) -> str:
    """The words without the groups named as the state's allies: whether state forces or a
    non-state group take the place is read from the rest ("a pro-government militia" alone is
    still a militia)."""
    return ALLIED.sub(" ", subject)


def _armed_side(phrase: str) -> bool:
    """Armed forces or an armed non-state group ("terrorists", "extremists" are one too)."""
    return has_cue("armed", phrase) or has_cue("nonstate", phrase)


@cache
def _national_forces() -> re.Pattern[str]:
    """A country's forces named by its demonym ("Syrian forces", "Iraqi security forces"); a
    nation within a state ("Kurdish forces") is no state."""
    from eventwire.extract.gazetteer import demonyms

    names = sorted((w for w, target in demonyms().items() if ":" not in target), key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"\b(?:{alternatives})\s+(?:(?:government|security|armed|special)\s+)?forces\b")


def _state_forces(subject: str) -> bool:
    """The words name state forces: the state-force cue words, or a country's forces."""
    return has_cue("government", subject) or _national_forces().search(_lower(subject)) is not None


def _territory_subtype(actor: str, text: str) -> str | None:
    """Who took the place: state forces retaking it, or a non-state group (also when it "retakes").
    Without an actor, the words before the verb name the side ("Government troops took control
    of the port": state forces)."""
    regain = cue_patterns()["regain"].search(text)
    if regain is not None:
        subject = actor or text[: regain.start()]  # without an actor, the words before the verb
        subject = _without_allies(subject)
        if _state_forces(subject) or not has_cue("nonstate", subject):
            return "Government regains territory"
        return "Non-state actor overtakes territory"  # "militants recaptured the town"
    overtake = cue_patterns()["overtake"].search(text)
    if overtake is None:
        return None
    subject = actor or text[: overtake.start()]
    subject = _without_allies(subject)
    if _state_forces(subject) and not has_cue("nonstate", subject):
        return "Government regains territory"  # "government forces seized control of the port"
    return "Non-state actor overtakes territory"


def _protest_subtype(event: Event, text: str) -> str:
    if event.mode == "riot" or has_cue("riot", text):
        return "Mob violence" if has_cue("mob", text) else "Violent demonstration"
    if has_cue("mob", text):
        return "Mob violence"
    assault = event.type == "ASSAULT"
    if has_cue("force", text) or (assault and event.fatalities is not None):
        return "Excessive force against protesters"
    if has_cue("intervention", text):
        return "Protest with intervention"  # tear gas, batons: "fired" alone is not live fire
    if assault:
        return "Excessive force against protesters" if _shooting(event) else "Protest with intervention"
    return "Peaceful protest"


def _strategic_subtype(event: Event, text: str) -> str | None:
    type_, mode = event.type, event.mode or ""
    if has_cue("disrupt", text) and not (has_cue("overtake", text) or has_cue("regain", text)):
        return "Disrupted weapons use"
    if has_cue("hq_verb", event.trigger) and has_cue("hq", text):
        return "Headquarters or base established"  # "troops established a forward base"
    if type_ == "COERCE":
        if mode == "arrest":
            if has_cue("disappear", text):
                return "Abduction/forced disappearance"  # arrested and never seen again
            # a "raid" is an arrest operation only when people are taken
            return "Arrests" if has_cue("arrest", f"{event.trigger} {text}") else None
        seized = _seizure_subtype(event) if mode == "seize" else None
        if seized == "Abduction/forced disappearance":
            return seized  # "seized a village head": a person, not the village
        if mode in ("seize", "occupy") and (has_cue("overtake", text) or has_cue("regain", text)):
            return _territory_subtype(event.actor_text or "", text)
        if seized is not None:
            return seized
        if mode in ("curfew", "martial-law"):
            return "Other"  # a curfew or state of emergency imposed
        return None
    if type_ == "CONCEDE":
        return "Non-violent transfer of territory" if has_cue("transfer", text) else None
    if type_ == "RETREAT":
        if mode in ("ceasefire", "release") or has_cue("agreement", text):
            return "Agreement"
        if has_cue("transfer", text):
            return "Non-violent transfer of territory"  # "hands over its last base to the army"
        return "Change to group/activity" if mode in ("withdraw", "surrender", "disarm") else None
    if type_ in ("AGREE", "SUPPORT") and (mode == "sign" or has_cue("agreement", event.trigger)):
        return None if _diplomatic(text) else "Agreement"
    if type_ == "MOBILIZE":
        return "Headquarters or base established" if has_cue("hq", text) else "Change to group/activity"
    return None


def _diplomatic(text: str) -> bool:
    """An agreement between states (ties, trade), not between the sides of a conflict."""
    return has_cue("diplo", text) and not (has_cue("armed", text) or has_cue("truce", text))


STATEMENT_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "CONSULT"})


def acled_types(event: Event) -> tuple[str | None, str | None]:
    """ACLED event type and sub-event type, or (None, None) when ACLED would not record it."""
    if event.type in STATEMENT_TYPES:
        return None, None  # ACLED codes what was done, not what was said: a call, a charge, a denial
    text = _evidence_text(event)
    sub: str | None
    if event.type == "ASSAULT":
        sub = _assault_subtype(event, text)
    elif event.type == "PROTEST":
        sub = _protest_subtype(event, text)
    else:
        sub = _strategic_subtype(event, text)
    if sub is None:
        return None, None
    return ACLED_SUBTYPES[sub], sub


def derive_codes(event: Event) -> None:
    """Fill the derived code fields of an event in place."""
    event.plover_quad = plover_quad(event.type)
    event.plover_score = plover_score(event.type, event.mode)
    event.cameo_root = cameo_root(event.type, event.mode, _evidence_text(event))
    # ACLED records what happened: no ACLED type for a negated, possible, future, background
    # event or a running total
    event.acled_event_type, event.acled_sub_event_type = model_acled_types(event) if event.asserted else (None, None)


# --- the trained layer (eventwire.extract.acled_model) -----------------------------------------

LABEL_BY_SUBTYPE: dict[str, str] = {
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Agreement": "AGREEMENT",
    "Air/drone strike": "AIR_STRIKE",
    "Armed clash": "ARMED_CLASH",
    "Arrests": "ARREST",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Attack": "ATTACK",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Chemical weapon": "CHEM_WEAP",
    "Disrupted weapons use": "DISR_WEAP",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Grenade": "GRENADE",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Mob violence": "MOB_VIOL",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
    "Peaceful protest": "PEACE_PROTEST",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Sexual violence": "SEX_VIOL",
    "Suicide bomb": "SUIC_BOMB",
    "Violent demonstration": "VIOL_DEMONSTR",
}
SUBTYPE_BY_LABEL: dict[str, str] = {label: sub for sub, label in LABEL_BY_SUBTYPE.items()}
# labels for news that ACLED does not record: crime and disasters are never ACLED events; a
# diplomatic or attribution story is about something else than the event it mentions
NOT_ACLED_EVENTS = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER")
_PROTEST_LABELS = ("PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL")
_TERRITORY_LABELS = ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER")
# the sub-types an event of each PLOVER type can take (the rules decide whether it is one ACLED records)
LABELS_BY_PLOVER: dict[str, frozenset[str]] = {
    "ASSAULT": frozenset(LABEL_BY_SUBTYPE.values())
    - {"AGREEMENT", "ARREST", "HQ_ESTABLISHED", "PEACE_PROTEST", "CHANGE_TO_GROUP_ACT", "NON_VIOL_TERRIT_TRANSFER"},
    "PROTEST": frozenset(_PROTEST_LABELS),
    "COERCE": frozenset(
        ("ARREST", "ABDUCT_DISSAP", "PROPERTY_DISTRUCT", "OTHER", "CHANGE_TO_GROUP_ACT", "DISR_WEAP", "HQ_ESTABLISHED",
         *_TERRITORY_LABELS, *_PROTEST_LABELS[1:4])
    ),
    "MOBILIZE": frozenset(("CHANGE_TO_GROUP_ACT", "HQ_ESTABLISHED", "OTHER")),
    "RETREAT": frozenset(("AGREEMENT", "NON_VIOL_TERRIT_TRANSFER", "CHANGE_TO_GROUP_ACT")),
    "CONCEDE": frozenset(("AGREEMENT", "NON_VIOL_TERRIT_TRANSFER", "CHANGE_TO_GROUP_ACT")),
    "AGREE": frozenset(("AGREEMENT",)),
    "SUPPORT": frozenset(("AGREEMENT",)),
}


def label_of(subtype_or_label: str) -> str:
    """The snippet label (ATTACK, ARREST, ...) of an ACLED sub-event type; other labels unchanged."""
    return LABEL_BY_SUBTYPE.get(subtype_or_label, subtype_or_label)


def event_hints(event: Event, rule_sub: str | None) -> list[str]:
    """What the rules say about one event, as features for the model."""
    hints = ["type:" + event.type, "sub:" + label_of(rule_sub or "none")]
    if event.mode:
        hints.append("mode:" + event.type + "/" + event.mode)
    if event.weapon:
        hints.append("weapon:" + event.weapon)
    if event.fatalities is not None:
        hints.append("fatal")
    for role, text in (("actor", event.actor_text), ("recipient", event.recipient_text)):
        hints.extend(f"{role}:{kind}" for kind in _kinds(text or ""))
    if not event.asserted:
        hints.append("unasserted:" + event.type)
    return hints


ACTOR_KINDS = ("government", "nonstate", "armed", "civilian", "protest", "actor_mob", "crime")


def _kinds(text: str) -> list[str]:
    """The kinds of actor a phrase names (state forces, a non-state group, civilians, a crowd, ...)."""
    return [kind for kind in ACTOR_KINDS if has_cue(kind, text)] if text else []


def model_acled_types(event: Event) -> tuple[str | None, str | None]:
    """ACLED types of an asserted event: the rules say whether ACLED records it and propose a
    sub-type; the trained model picks the sub-type among those the PLOVER type allows, or
    rules it out as crime or a disaster."""
    rule_type, rule_sub = acled_types(event)
    trained = acled_model.model()
    allowed = LABELS_BY_PLOVER.get(event.type)
    if rule_sub is None or trained is None or allowed is None or _prisoner_swap(rule_sub, _evidence_text(event)):
        return rule_type, rule_sub
    hints = ["rule:" + label_of(rule_sub), *event_hints(event, rule_sub)]
    text = _evidence_text(event)
    label, _ = trained.predict(text, hints, allowed=allowed | set(NOT_ACLED_EVENTS))
    if label in NOT_ACLED_EVENTS:
        return None, None
    sub = rule_sub if _same_territory_decision(rule_sub, label) else SUBTYPE_BY_LABEL[label]
    sub = codebook_protest_subtype(sub, text)
    return ACLED_SUBTYPES[sub], sub


# --- a label for a snippet (ACLED plus the labels for non-ACLED news) --------------------------

NON_ACLED_TYPES = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "AGREE", "CONCEDE", "REQUEST"})
GENERIC_SUBTYPES = frozenset({"Attack", "Arrests", "Looting/property destruction", "Armed clash"})


# snippet labels the rules keep: where the rules and the model disagreed, out of fold on the
# data/train snippets, the rules were right more often for these (3-0, 1-0, 1-0; docs/BENCHMARKS.md,
# issue 16 third pass); a state retaking ground, a rape, a flood are said in few, specific words
RULES_DECIDE = frozenset({"Government regains territory", "Sexual violence", "NATURAL_DISASTER"})


def snippet_label(events: Sequence[Event], text: str) -> str:
    """One ACLED sub-event type (or ATTRIB, NATURAL_DISASTER, MAN_MADE_DISASTER, ORG_CRIME,
    DIPLO) for a short news snippet and the events extracted from it: the trained model's
    choice given the text and what the rules say (:func:`snippet_hints`), or the rules' alone
    when the model is switched off or the rules' label is one they decide (``RULES_DECIDE``)."""
    rule_events = [_with_rule_codes(e) for e in events]
    rule_label = rule_snippet_label(rule_events, text)
    trained = acled_model.model()
    if trained is None or rule_label in RULES_DECIDE or _prisoner_swap(rule_label, text):
        return rule_label
    label, _ = trained.predict(text, snippet_hints(rule_events, rule_label, text))
    if _same_territory_decision(rule_label, label):
        return rule_label
    return codebook_protest_subtype(SUBTYPE_BY_LABEL.get(label, label), text)


# what the demonstrators or the police are told doing settles these (ACLED codebook), whichever
# layer chose the label
_MILD_PROTEST_SUBTYPES = frozenset({"Peaceful protest", "Protest with intervention"})


def codebook_protest_subtype(sub: str, text: str) -> str:
    """The ACLED codebook's reading of a protest label where the words are explicit.

    Arrests made before a protest or to prevent one are Arrests, not a protest: none took place
    ("Police detained a dozen activists ahead of the planned rally"). A demonstration whose words
    tell of violence by the demonstrators (the ``riot`` cues: stones thrown, barricades, scuffles
    or clashes that broke out there) is violent, never peaceful, and stays violent when the police
    intervened ("Marchers hurled stones at officers, who fired tear gas"); a crowd that attacks
    people is mob violence. A violent crowd with no demonstration told (the ``mob`` cues and no
    ``protest`` cue: "Villagers beat a suspected cattle thief to death", "A mob set fire to the
    house of a man accused of witchcraft") is mob violence, not a violent demonstration: the
    codebook's violent demonstration is a demonstration whose participants turn violent, its mob
    violence the violence of a crowd gathered for no demonstration."""
    if sub in (*_MILD_PROTEST_SUBTYPES, "Arrests") and has_cue("preempt", text):
        return "Arrests"
    if sub in _MILD_PROTEST_SUBTYPES and has_cue("riot", text):
        return "Mob violence" if has_cue("mob", text) else "Violent demonstration"
    if sub == "Violent demonstration" and has_cue("mob", text) and not has_cue("protest", text):
        return "Mob violence"
    return sub


def _prisoner_swap(rule_label: str, text: str) -> bool:
    """The rules' Agreement for an exchange of prisoners stands: the ACLED codebook lists prisoner
    exchanges among agreements, and the fighting such stories recall ("the scene of fierce
    fighting") should not make it a clash. Our snippets that tell a swap are all Agreement (7 of 7)."""
    return rule_label == "Agreement" and has_cue("swap", text)


def _same_territory_decision(rule_sub_or_label: str, model_label: str) -> bool:
    """The rules and the model both say ground changed hands: which territory sub-type it is
    depends on who took it and how ("opposition fighters retook the town from government forces":
    a non-state actor), which the rules read from the actor; the model reads words ("retook").
    Out of fold on data/train, where the two disagreed on it the rules were right 5 times to 1
    (docs/BENCHMARKS.md, issue 16 session 9)."""
    return label_of(rule_sub_or_label) in _TERRITORY_LABELS and model_label in _TERRITORY_LABELS


def _with_rule_codes(event: Event) -> Event:
    """A copy of the event with the ACLED codes the rules alone give it."""
    if acled_model.model() is None:
        return event
    event_type, sub = acled_types(event) if event.asserted else (None, None)
    return replace(event, acled_event_type=event_type, acled_sub_event_type=sub)


def snippet_hints(rule_events: Sequence[Event], rule_label: str, text: str = "") -> list[str]:
    """Features for the model from the rules: their snippet label and each event's type, mode,
    weapon and rule sub-type; the type and sub-type of an event told in the lead sentence of
    ``text`` once more with a ``lead:`` mark (the lead says what happened, later sentences often
    give background), and those of the event the text leads with (:func:`leading_event`) with a
    ``first:`` mark ("police fired tear gas at protesters who had stoned their post": the firing)."""
    hints = ["rule:" + label_of(rule_label)]
    lead_end = len(acled_model.lead_sentence(text)) if text else -1
    first = leading_event(rule_events)
    for event in rule_events:
        own = event_hints(event, event.acled_sub_event_type)
        hints.extend(own)
        if any(e.start < lead_end for e in event.evidence):
            hints.extend("lead:" + h for h in own[:2])
        if event is first:
            hints.extend("first:" + h for h in own[:2])
    return hints


def _trigger_offset(event: Event) -> int:
    """Where the event's earliest trigger starts (an event without one sorts last)."""
    offsets = [ev.trigger_start for ev in event.evidence if ev.trigger_start is not None]
    return min(offsets) if offsets else sys.maxsize


def leading_event(events: Sequence[Event]) -> Event | None:
    """The event a text leads with: the earliest trigger, the more confident on a tie. A news
    sentence reports its main event first; background and purpose follow ("called off the strike,
    a week after police fired on its pickets": the calling off)."""
    return min(events, key=lambda e: (_trigger_offset(e), -e.confidence)) if events else None


def rule_snippet_label(events: Sequence[Event], text: str) -> str:
    """The rules' label for a snippet, from its events' rule-derived ACLED codes and cue words."""
    if has_cue("attrib", text):
        # a crime pinned on a gang is still crime news
        return "ORG_CRIME" if has_cue("crime", text) and not has_cue("political", text) else "ATTRIB"
    coded = sorted(
        (e for e in events if e.acled_sub_event_type is not None and not e.negated and not e.hypothetical),
        key=lambda e: -e.confidence,
    )
    if _response_to_violence(events, text):
        return "DIPLO"
    deliberate = _armed_violence(coded, text) or _deliberate(coded) or _rioting(coded, text) or _protested(coded)
    if has_cue("natural", text) and not deliberate:
        return "NATURAL_DISASTER"
    if has_cue("manmade", text) and not deliberate:
        return "MAN_MADE_DISASTER"
    if coded:
        sub = _preferred_subtype(coded, text)
        if _criminal_actor(coded, sub, text):
            return "ORG_CRIME"
        sub = codebook_protest_subtype(sub, text)
        if has_cue("crime", text) and (
            sub in ("Arrests", "Looting/property destruction")
            or (sub == "Disrupted weapons use" and not has_cue("weapons", text))
            or (sub in GENERIC_SUBTYPES and not has_cue("political", text))
        ):
            return "ORG_CRIME"
        return sub
    from_cues = _subtype_from_cues(text)
    if from_cues is not None:
        return codebook_protest_subtype(from_cues, text)
    if has_cue("crime", text):
        return "ORG_CRIME"
    if any(e.type in NON_ACLED_TYPES for e in events) or has_cue("diplo", text):
        return "DIPLO"
    return "Other"


# a diplomatic move or a sanction that the text leads with, taken "in response to" violence it
# names afterwards: the story is the response ("Canada imposed new sanctions in response to the
# chemical attack"), which ACLED does not record
RESPONSE_TYPES = NON_ACLED_TYPES | {"SANCTION"}
IN_RESPONSE = re.compile(r"\bin (?:response|reply|retaliation|reaction) (?:to|for)\b", re.IGNORECASE)


def _response_to_violence(events: Sequence[Event], text: str) -> bool:
    """The text leads with a diplomatic act or a sanction and names the violence only as what it
    answers ("... announced sanctions against the regime in response to its gas attack")."""
    first = leading_event([e for e in events if not e.negated and not e.hypothetical])
    if first is None or first.type not in RESPONSE_TYPES:
        return False
    start = _trigger_offset(first)
    return start != sys.maxsize and IN_RESPONSE.search(text, start) is not None


def _criminal_actor(coded: Sequence[Event], sub: str, text: str) -> bool:
    """Violence by a gang, cartel or traffickers, with no political armed group in sight."""
    return (
        ACLED_SUBTYPES.get(sub) in ("Violence against civilians", "Battles")
        and any(e.acled_sub_event_type == sub and has_cue("crime", e.actor_text or "") for e in coded)
        and not has_cue("political", text)
    )


DELIBERATE_ACTOR_CUES = ("armed", "protest", "actor_mob")
# means that are never an accident (an explosion or a fire may be)
WEAPON_SUBTYPES = frozenset(
    {"Chemical weapon", "Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb", "Grenade"}
)


def _deliberate(coded: Sequence[Event]) -> bool:
    """Someone did it: an event whose actor is armed, protesting or a crowd, or a weapon was used."""
    return any(
        e.acled_sub_event_type in WEAPON_SUBTYPES
        or (e.actor_text and any(has_cue(g, e.actor_text) for g in DELIBERATE_ACTOR_CUES))
        for e in coded
    )


def _rioting(coded: Sequence[Event], text: str) -> bool:
    """A demonstration whose words tell of rioting: a fire or a blast there was set, not an
    accident ("thousands marched and some smashed windows and started a blaze")."""
    return any(e.type == "PROTEST" for e in coded) and has_cue("riot", text)


def _protested(coded: Sequence[Event]) -> bool:
    """A demonstration the snippet reports: a protest about an epidemic or a spill is the protest
    ("residents rallied against the rise of dengue cases"), which ACLED records."""
    return any(e.type == "PROTEST" and e.acled_event_type == "Protests" for e in coded)


def _armed_violence(coded: Sequence[Event], text: str) -> bool:
    return any(e.acled_event_type in ("Battles", "Explosions/Remote violence") for e in coded) and has_cue(
        "armed", text
    )


VAGUE_SUBTYPES = frozenset(
    {"Attack", "Armed clash", "Looting/property destruction", "Change to group/activity", "Peaceful protest", "Other"}
)
RIOT_WORD = re.compile(r"(?<!anti-)\briot(?!\s+(?:police|squad|gear|control|units?|officers))", re.IGNORECASE)


def _preferred_subtype(coded: Sequence[Event], text: str) -> str:
    """The most specific sub-type among the snippet's events (a weapon beats a generic attack);
    a vague one gives way to what the cue words say (territory taken, a riot, a weapon)."""
    subs = [e.acled_sub_event_type for e in coded if e.acled_sub_event_type]
    territory = has_cue("overtake", text) or has_cue("regain", text)
    if has_cue("disrupt", text) and not territory and any(ACLED_SUBTYPES[s] != "Protests" for s in subs):
        return "Disrupted weapons use"  # "... It was intercepted by air defences."
    at_protest = any(e.type == "PROTEST" for e in coded)
    deaths = any(e.type == "ASSAULT" and (e.fatalities is not None or has_cue("killing", e.trigger)) for e in coded)
    for sub in subs:
        if deaths and _non_violent(sub):
            continue  # "set up a checkpoint and killed three": the killing is the event
        if sub == "Arrests" and (at_protest or has_cue("protest", text) or has_cue("intervention", text)):
            # people detained at a demonstration; one where demonstrators fought is violent, whatever
            # the police did ("an activist was arrested during clashes that broke out at the protest")
            if has_cue("riot", text):
                return "Violent demonstration"
            return "Excessive force against protesters" if has_cue("force", text) else "Protest with intervention"
        if sub == "Looting/property destruction" and at_protest:
            return "Violent demonstration"  # protesters burning and smashing
        if sub == "Agreement" and has_cue("transfer", text):
            return "Non-violent transfer of territory"  # the handover that was agreed is the event
        if sub not in VAGUE_SUBTYPES:
            return sub
    best = subs[0] if subs else "Other"
    if has_cue("leadership", text):
        return "Change to group/activity"  # "named a new leader after its chief was killed"
    if RIOT_WORD.search(text):
        return "Violent demonstration"
    from_cues = _subtype_from_cues(text)
    if from_cues is not None and from_cues not in CUES_NEVER_OVERRIDE and not (deaths and _non_violent(from_cues)):
        return from_cues
    if has_cue("other", text) and all(_unanchored(e) or e.acled_sub_event_type == "Other" for e in coded):
        return "Other"  # "residents fled, fearing attacks": the attack is only a mention
    return best


def _non_violent(sub: str) -> bool:
    return ACLED_SUBTYPES[sub] == "Strategic developments" and sub != "Disrupted weapons use"


def _unanchored(event: Event) -> bool:
    """An event with neither actor, target nor casualties: a mention rather than a report."""
    return not (event.actor_text or event.recipient_text or event.fatalities or event.injured)


PROTEST_SUBTYPES = frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"})
# cue words too common to overrule what an event says ("detention", "fighting")
CUES_NEVER_OVERRIDE = VAGUE_SUBTYPES | PROTEST_SUBTYPES | {"Arrests"}


def _territory_moved(text: str) -> bool:
    return has_cue("overtake", text) or has_cue("transfer", text) or has_cue("enter", text)


def _subtype_from_cues(text: str) -> str | None:
    """When no event was found: the cue words alone, most specific first."""
    if has_cue("unopposed", text) and _territory_moved(text):
        return "Non-violent transfer of territory"
    if has_cue("regain", text) or has_cue("overtake", text):
        return _territory_subtype("", text)
    if has_cue("protest", text) and has_cue("loot", text) and not has_cue("mob", text):
        return "Violent demonstration"  # "protesters torch police station"
    if has_cue("swap", text) or (has_cue("agreement", text) and has_cue("truce", text)):
        return "Agreement"
    for group, sub in (
        ("disrupt", "Disrupted weapons use"),
        ("transfer", "Non-violent transfer of territory"),
        ("hq", "Headquarters or base established"),
        ("chemical", "Chemical weapon"),
        ("suicide", "Suicide bomb"),
        ("remote", "Remote explosive/landmine/IED"),
        ("grenade", "Grenade"),
        ("riot", "Violent demonstration"),
        ("mob", "Mob violence"),
        ("abduct", "Abduction/forced disappearance"),
        ("sexual", "Sexual violence"),
        ("arrest", "Arrests"),
        ("loot", "Looting/property destruction"),
        ("air", "Air/drone strike"),
        ("shelling", "Shelling/artillery/missile attack"),
        ("clash", "Armed clash"),
        ("killing", "Attack"),
        ("change", "Change to group/activity"),
    ):
        if has_cue(group, text):
            return sub
    if has_cue("protest", text):
        return _protest_subtype_from_text(text)
    return None


def _protest_subtype_from_text(text: str) -> str:
    if has_cue("force", text):
        return "Excessive force against protesters"
    if has_cue("intervention", text):
        return "Protest with intervention"
    return "Peaceful protest"
