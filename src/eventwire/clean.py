"""Clean article text: drop site boilerplate, move photo captions out of the body, normalize text.

The rules are data: ``extract/lexicon/boilerplate.txt``, ``caption_credits.txt`` and
``caption_prefixes.txt`` (one regular expression a line, ``#`` comments).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(slots=True)
class Cleaned:
    text: str
    captions: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _lexicon_patterns(name: str) -> re.Pattern[str]:
    raw = resources.files("eventwire.extract.lexicon").joinpath(name).read_text(encoding="utf-8")
    rules = [line.strip() for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return re.compile("|".join(f"(?:{rule})" for rule in rules), re.IGNORECASE)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return (
        _lexicon_patterns("boilerplate.txt"),
        _lexicon_patterns("caption_credits.txt"),
        _lexicon_patterns("caption_prefixes.txt"),
    )


def normalize(text: str) -> str:
    """NFC, unified line endings and spaces, no invisible characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def is_boilerplate(line: str) -> bool:
    boilerplate, _, _ = _patterns()
    return bool(boilerplate.match(line))


def is_caption(line: str) -> bool:
    _, credits, prefixes = _patterns()
    return bool(credits.search(line) or prefixes.match(line))


def clean_text(text: str) -> Cleaned:
    """Split raw article text into narrative body, captions and dropped boilerplate lines."""
    body: list[str] = []
    result = Cleaned(text="")
    for line in normalize(text).split("\n"):
        if not line:
            body.append(line)
        elif is_boilerplate(line):
            result.removed.append(line)
        elif is_caption(line):
            result.captions.append(line)
        else:
            body.append(line)
    result.text = _BLANK_LINES.sub("\n\n", "\n".join(body)).strip()
    return result
