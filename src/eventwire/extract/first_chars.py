"""Let a regular expression skip, fast, the positions where none of its matches can start.

Python's ``re`` scans a pattern that opens with ``\\b`` or an optional group by trying a whole
match at every position of the text. :func:`gated` puts in front a look-ahead for the characters a
match can start with (``(?=[JFMASOND])`` for month names), worked out from the parsed pattern: the
matches, their spans and their groups stay the same, and most positions fail at the first
character. Characters that the pattern compares ignoring case go into a class that ignores case
too, so that ``re`` itself decides which other characters they stand for ("K" for the Kelvin sign).
A pattern whose first character could be anything is returned unchanged.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

try:  # the parser of the standard library's ``re`` (Python 3.11+); without it, patterns stay as they are
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    _parser = None

# The character classes a first character may belong to, written as they are in a pattern.
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_WORD": r"\w", "CATEGORY_SPACE": r"\s"}
_WIDEST_RANGE = 128  # a longer range of characters ([^...], [\u0600-\u06ff]) counts as "anything"

# Escaped characters and class escapes, each marked "i" when compared ignoring case ("a" + "i"
# stands for "a" and "A"); None: any character.
Chars = set[tuple[str, str]] | None


def gated(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a look-ahead for its possible first characters; itself when there is none.

    ``\\b(?:(?i:last|next)\\s+)?Week`` becomes ``(?=W|(?i:[ln]))\\b(?:(?i:last|next)\\s+)?Week``."""
    first = first_chars(pattern)
    if not first:
        return pattern
    exact = "".join(sorted(char for char, case in first if not case))
    folded = "".join(sorted(char for char, case in first if case))
    classes = ([f"[{exact}]"] if exact else []) + ([f"(?i:[{folded}])"] if folded else [])
    return re.compile(f"(?={'|'.join(classes)})(?:{pattern.pattern})", pattern.flags)


def first_chars(pattern: re.Pattern[str]) -> Chars:
    """The characters (escaped, for a character class) a match of ``pattern`` can start with; None
    when that is any character or the pattern can match the empty string."""
    if _parser is None:
        return None
    try:
        chars, nullable = _sequence(list(_parser.parse(pattern.pattern, pattern.flags)), pattern.flags)
    except (re.error, TypeError, ValueError):
        return None
    return None if nullable else chars


def _sequence(items: list[tuple[Any, Any]], flags: int) -> tuple[Chars, bool]:
    """(first characters, whether it can match nothing) of items matched one after another."""
    chars: set[tuple[str, str]] = set()
    for op, argument in items:
        found, nullable = _item(str(op), argument, flags)
        if found is None:
            return None, False
        chars |= found
        if not nullable:
            return chars, False
    return chars, True


def _item(op: str, argument: Any, flags: int) -> tuple[Chars, bool]:
    """(first characters, whether it can match nothing) of one parsed item."""
    if op == "LITERAL":
        return _cases(argument, flags), False
    if op in ("AT", "ASSERT", "ASSERT_NOT"):  # zero width: the next item decides
        return set(), True
    if op == "IN":
        return _class(argument, flags), False
    if op == "BRANCH":
        return _branches(argument[1], flags)
    if op == "SUBPATTERN":
        _, added, removed, inner = argument
        return _sequence(list(inner), (flags | added) & ~removed)
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        least, _, inner = argument
        found, nullable = _sequence(list(inner), flags)
        return found, nullable or least == 0
    if op == "ATOMIC_GROUP":
        return _sequence(list(argument), flags)
    return None, False


def _branches(alternatives: list[Any], flags: int) -> tuple[Chars, bool]:
    chars: set[tuple[str, str]] = set()
    empty = False
    for alternative in alternatives:
        found, nullable = _sequence(list(alternative), flags)
        if found is None:
            return None, False
        chars |= found
        empty = empty or nullable
    return chars, empty


def _class(items: list[tuple[Any, Any]], flags: int) -> Chars:
    """The characters of ``[...]``; None for a negated class or a wide range."""
    chars: set[tuple[str, str]] = set()
    for op, argument in items:
        name = str(op)
        if name == "LITERAL":
            chars |= _cases(argument, flags)
        elif name == "RANGE" and argument[1] - argument[0] < _WIDEST_RANGE:
            for code in range(argument[0], argument[1] + 1):
                chars |= _cases(code, flags)
        elif name == "CATEGORY" and str(argument) in _CATEGORIES:
            chars.add((_CATEGORIES[str(argument)], ""))
        else:
            return None
    return chars


def _cases(code: int, flags: int) -> set[tuple[str, str]]:
    """A character, marked as compared ignoring case or not."""
    return {(re.escape(chr(code)), "i" if flags & re.IGNORECASE else "")}

