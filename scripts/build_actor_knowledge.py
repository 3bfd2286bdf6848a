"""Build the actors stage's knowledge files under src/eventwire/extract/lexicon/.

Outputs (rebuild with ``.venv/bin/python scripts/build_actor_knowledge.py``):

- ``countries.tsv``: alpha-3, canonical name, names, demonyms, capital. Built from the
  ``countryinfo`` package (MIT) plus the hand-written ``countries_extra.tsv``.
- ``actors_phoenix.tsv``: named actors derived from the PETRARCH2 Phoenix actor dictionaries
  (MIT, Open Event Data Alliance): one line per identity with its CAMEO codes and aliases.
- ``actors_phoenix_agents.tsv``: generic agents ("police", "rebel") with a PLOVER sector,
  derived from ``Phoenix.agents.txt``.
- ``actors_phoenix.LICENSE``: the MIT notice of the dictionaries, kept beside the derived files.

Phoenix groups aliases by *code*, not by identity (SOUTHCOM, PENTAGON and JOHN_KIRBY all sit
under UNITED_STATES_MILITARY). An alias is kept as the same identity only when it is a
shortened or titled form of the head name (it ends with the head's last word, or all its
words are in the head); any other alias becomes its own identity with the same codes.

Needs ``countryinfo`` (``pip install countryinfo``) only to rebuild countries.tsv.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventwire.extract.actors import name_key  # noqa: E402

LEXICON = ROOT / "src" / "eventwire" / "extract" / "lexicon"
DEFAULT_PETRARCH = ROOT.parent / "shared" / "data" / "petrarch2"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")

CODE_RE = re.compile(r"\[([^\]]*)\]")
DATE_RE = re.compile(r"\d{6}(?:\d{2})?")
PAREN_RE = re.compile(r"\(([^)]*)\)")
SUBSTITUTION_RE = re.compile(r"^!(\w+)!\s*=\s*(.+)$")
SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "de", "del", "la", "al", "to"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "president", "prime", "minister", "general", "gen", "sen", "senator"}


def expand_date(digits: str) -> str:
    """Phoenix writes YYMMDD (pivot 1930) or YYYYMMDD; store YYYYMMDD."""
    if len(digits) == 8:
        return digits
    century = "19" if int(digits[:2]) >= 30 else "20"
    return century + digits


def normalize_code(raw: str) -> str | None:
    parts = raw.split()
    if not parts or parts[0].strip("-~") == "":
        return None
    code = parts[0].strip("~")
    if not code.isalpha():
        return None
    rest = " ".join(parts[1:])
    rest = DATE_RE.sub(lambda m: expand_date(m.group(0)), rest)
    return f"{code} {rest}".strip()


def display_name(phoenix_name: str) -> str:
    """UNITED_STATES_MILITARY_ -> United States Military; keeps dotted and short acronyms."""
    words = [w for w in phoenix_name.strip("_ ").replace("_", " ").split() if w]
    if len(words) > 1 and words[0] == "THE":
        words = words[1:]
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if "." in word or (len(words) == 1 and len(word) <= 4) or not re.search(r"[AEIOUY]", word):
            out.append(word)
        elif i > 0 and lower in SMALL_WORDS:
            out.append(lower)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def split_aliases(phoenix_name: str) -> list[str]:
    """A dictionary phrase and, when it carries one, its parenthesized short form."""
    inner = [m.strip("_ ") for m in PAREN_RE.findall(phoenix_name)]
    outer = PAREN_RE.sub(" ", phoenix_name).strip("_ ")
    forms = [outer] if outer else []
    forms += [form for form in inner if form.replace("_", "").isupper() and len(form) <= 8]
    return forms


def same_identity(alias_key: str, head_key: str) -> bool:
    alias_words = [w for w in alias_key.split() if w not in HONORIFICS]
    head_words = head_key.split()
    if not alias_words or not head_words:
        return False
    alias_set, head_set = set(alias_words), set(head_words)
    return alias_words[-1] == head_words[-1] or alias_set <= head_set or head_set <= alias_set


class Entry:
    __slots__ = ("name", "kind", "codes", "aliases")

    def __init__(self, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind
        self.codes: list[str] = []
        self.aliases: list[str] = []


def parse_actor_file(path: Path, country_codes: set[str]) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        body, _, comment = line.partition("#")
        codes = [c for c in (normalize_code(raw) for raw in CODE_RE.findall(body)) if c]
        phrase = CODE_RE.sub(" ", body).strip().replace(" ", "_")
        if line[0] in " \t":
            if current is not None:
                current.codes.extend(codes)
            continue
        if line.startswith("+"):
            if current is not None:
                current.aliases.extend(split_aliases(phrase[1:]))
                current.codes.extend(codes)
            continue
        kind = "person" if ("CountryInfo" in comment or "rulers" in comment) else ""
        forms = split_aliases(phrase)
        if not forms:
            current = None
            continue
        current = Entry(forms[0], kind)
        current.aliases.extend(forms[1:])
        current.codes.extend(codes)
        entries.append(current)
    # A bare country code marks the country's own name list (with its cities): not actors.
    return [e for e in entries if e.codes and not all(c.split()[0] in country_codes for c in e.codes)]


def identities(entries: list[Entry]) -> list[tuple[str, str, str, list[str]]]:
    """(canonical, kind, codes, aliases) with non-identity aliases split out; ambiguous keys dropped."""
    rows: list[tuple[str, str, str, list[str]]] = []
    for entry in entries:
        head = display_name(entry.name)
        head_key = name_key(head)
        codes = ";".join(dict.fromkeys(entry.codes))
        own: list[str] = []
        for alias in entry.aliases:
            shown = display_name(alias)
            if same_identity(name_key(shown), head_key):
                own.append(shown)
            else:
                rows.append((shown, "", codes, []))
        rows.append((head, entry.kind, codes, own))
    owners: dict[str, set[str]] = defaultdict(set)
    for canonical, _, codes, aliases in rows:
        for form in (canonical, *aliases):
            owners[name_key(form)].add(codes.split(";")[-1].split()[0] if codes else "")
    ambiguous = {key for key, codes in owners.items() if len(codes) > 1}
    seen: set[str] = set()
    out = []
    for canonical, kind, codes, aliases in rows:
        key = name_key(canonical)
        if not key or key in ambiguous or key in seen:
            continue
        seen.add(key)
        kept = []
        for alias in aliases:
            alias_key = name_key(alias)
            if alias_key and alias_key not in ambiguous and alias_key not in seen:
                seen.add(alias_key)
                kept.append(alias)
        out.append((canonical, kind, codes, kept))
    return _with_unique_surnames(out, seen)


def _with_unique_surnames(
    rows: list[tuple[str, str, str, list[str]]], taken: set[str]
) -> list[tuple[str, str, str, list[str]]]:
    """Add a person's bare surname as an alias when no other person in the files shares it."""
    surnames: dict[str, int] = defaultdict(int)
    for canonical, kind, _, _ in rows:
        if kind == "person":
            surnames[name_key(canonical).split()[-1]] += 1
    out = []
    for canonical, kind, codes, aliases in rows:
        words = canonical.split()
        surname = name_key(words[-1]) if words else ""
        unique = kind == "person" and len(words) > 1 and surnames[surname] == 1
        if unique and len(surname) >= 4 and surname not in taken:
            aliases = [*aliases, words[-1]]
        out.append((canonical, kind, codes, aliases))
    return out


def read_substitutions(lines: list[str]) -> dict[str, list[str]]:
    subs = {}
    for line in lines:
        match = SUBSTITUTION_RE.match(line.strip())
        if match:
            subs[match.group(1)] = [w.strip() for w in match.group(2).split(",")]
    return subs


def build_agents(path: Path, sectors: dict[str, str]) -> list[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    subs = read_substitutions(lines)
    out: dict[str, str] = {}
    for line in lines:
        body = line.partition("#")[0]
        codes = CODE_RE.findall(body)
        if not codes or not codes[0].startswith("~"):
            continue
        phrase = re.sub(r"\{[^}]*\}", " ", CODE_RE.sub(" ", body)).strip()
        sector = sector_of_roles(codes[0].lstrip("~"), sectors)
        if not sector:
            continue
        variants = [phrase]
        for name, words in subs.items():
            if f"!{name}!" in phrase:
                variants = [phrase.replace(f"!{name}!", w) for w in words]
        for variant in variants:
            key = " ".join(variant.replace("_", " ").lower().split())
            if key and len(key.split()) <= 3 and key not in out:
                out[key] = sector
    return sorted(out.items())


def sector_of_roles(roles: str, sectors: dict[str, str]) -> str | None:
    chunks = [roles[i : i + 3] for i in range(0, len(roles), 3)]
    mapped = [sectors.get(c) for c in chunks]
    mapped = [m for m in mapped if m and m != "-"]
    if not mapped:
        return None
    specific = [m for m in mapped[1:] if m in {"LEG", "JUD", "COP", "SPY"} or (mapped[0] == "GOV" and m == "MIL")]
    return specific[0] if specific else mapped[0]


def read_sectors() -> dict[str, str]:
    out = {}
    for line in (LEXICON / "actor_sectors.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cameo, plover = line.split("\t")
            out[cameo] = plover
    return out


def build_countries() -> list[tuple[str, str, str, str, str]]:
    from countryinfo import all_countries  # build-time only

    extras: dict[str, tuple[list[str], list[str], str]] = {}
    capitals: dict[str, list[str]] = {}
    for line in (LEXICON / "countries_extra.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", "", "", ""])[:5]
        extras[cols[0]] = ([n for n in cols[1].split("|") if n], [d for d in cols[2].split("|") if d], cols[3])
        capitals[cols[0]] = [c for c in cols[4].split("|") if c]
    rows: dict[str, tuple[str, str, str, str, str]] = {}
    for country in all_countries():
        info = country.info()
        alpha3 = (info.get("ISO") or {}).get("alpha3") or ""
        name = info.get("name") or ""
        if len(alpha3) != 3 or not name:
            continue
        extra_names, extra_demonyms, override = extras.get(alpha3, ([], [], ""))
        canonical = override or name
        names = [canonical, name, *extra_names]
        for alt in info.get("altSpellings") or []:
            if len(alt) > 3 and "," not in alt and alt.isascii():
                names.append(alt)
        demonym = (info.get("demonym") or "").strip()
        demonyms = [*extra_demonyms]
        if demonym:
            demonyms += [demonym] + ([] if demonym.endswith(("s", "sh", "ese", "ch", "i")) else [demonym + "s"])
        capital = info.get("capital") or ""
        if isinstance(capital, list):
            capital = capital[0] if capital else ""
        capital = "|".join(dict.fromkeys(filter(None, [capital, *capitals.get(alpha3, [])])))
        row = (alpha3, canonical, "|".join(dict.fromkeys(names)), "|".join(dict.fromkeys(demonyms)), capital)
        # countryinfo also lists parts of a state (Wales under GBR): keep the state's own entry.
        if alpha3 not in rows or name == canonical:
            rows[alpha3] = row
    return _without_collisions(sorted(rows.values()), extras)


def _without_collisions(
    rows: list[tuple[str, str, str, str, str]], extras: dict[str, tuple[list[str], list[str], str]]
) -> list[tuple[str, str, str, str, str]]:
    """A form listed by several countries is kept only by the one countries_extra.tsv gives it
    to; otherwise it is dropped as ambiguous ("American" is not the Northern Mariana Islands')."""
    owner = {form: alpha3 for alpha3, (names, demonyms, _) in extras.items() for form in (*names, *demonyms)}
    counts: dict[str, int] = defaultdict(int)
    for _, _, names, demonyms, _ in rows:
        for form in {*names.split("|"), *demonyms.split("|")} - {""}:
            counts[form] += 1
    out = []
    for alpha3, canonical, names, demonyms, capital in rows:

        def keep(form: str, alpha3: str = alpha3, canonical: str = canonical) -> bool:
            if form in owner:
                return owner[form] == alpha3
            return counts[form] == 1 or form == canonical

        kept_names = "|".join(f for f in names.split("|") if f and keep(f))
        kept_demonyms = "|".join(f for f in demonyms.split("|") if f and keep(f))
        out.append((alpha3, canonical, kept_names, kept_demonyms, capital))
    return out


def write_tsv(path: Path, header: str, rows: Sequence[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(header.rstrip("\n") + "\n")
        for row in rows:
            out.write("\t".join(row) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--petrarch", type=Path, default=DEFAULT_PETRARCH)
    parser.add_argument("--skip-countries", action="store_true", help="keep the current countries.tsv")
    args = parser.parse_args()
    if not args.skip_countries:
        countries = build_countries()
        write_tsv(
            LEXICON / "countries.tsv",
            "# Countries: built by scripts/build_actor_knowledge.py from the countryinfo package (MIT)"
            " and countries_extra.tsv.\n# alpha3\tname\tnames (|)\tdemonyms (|)\tcapital",
            countries,
        )
    country_codes = {line.split("\t")[0] for line in (LEXICON / "countries.tsv").read_text().splitlines()}
    entries: list[Entry] = []
    for name in ACTOR_FILES:
        entries += parse_actor_file(args.petrarch / "dictionaries" / name, country_codes)
    # the last column holds matching keys (name_key of the canonical name and each alias), so
    # that loading needs no per-alias normalization
    rows = [
        (c, k, codes, "|".join(dict.fromkeys(name_key(f) for f in (c, *a)))) for c, k, codes, a in identities(entries)
    ]
    header = (
        "# Derived from the PETRARCH2 Phoenix actor dictionaries (MIT, Open Event Data Alliance;\n"
        "# see actors_phoenix.LICENSE) by scripts/build_actor_knowledge.py.\n"
        "# canonical\tkind\tcodes (CAMEO country+roles with YYYYMMDD ranges, ;-separated)\tkeys (|)"
    )
    write_tsv(LEXICON / "actors_phoenix.tsv", header, rows)
    agents = build_agents(args.petrarch / "dictionaries" / "Phoenix.agents.txt", read_sectors())
    write_tsv(
        LEXICON / "actors_phoenix_agents.tsv",
        "# Derived from Phoenix.agents.txt (MIT, see actors_phoenix.LICENSE); sectors mapped to PLOVER.\n"
        "# agent\tsector",
        agents,
    )
    shutil.copyfile(args.petrarch / "LICENSE", LEXICON / "actors_phoenix.LICENSE")
    print(f"{len(rows)} actors, {len(agents)} agents", file=sys.stderr)


if __name__ == "__main__":
    main()
