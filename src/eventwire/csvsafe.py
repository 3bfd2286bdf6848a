"""CSV that spreadsheets open as data: the one writer every eventwire CSV output goes through.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` is read as a formula by Excel, LibreOffice
and Google Sheets, and a leading tab or carriage return can hide one (OWASP, "CSV Injection").
Article text is attacker-controlled (titles, quotes, evidence sentences, source names), so
:func:`safe_cell` prefixes such text with a single quote, which spreadsheets show as text. Numbers
are written as they are: ``-66.9`` stays a longitude, as does the text ``"-66.9"``, and ``-`` (standard
input's name) stays ``-``. The quoting itself is the csv module's.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text a spreadsheet reads as a plain value, not a formula: a signed number ("-3", "+1.5") or a lone
# sign (the path "-" of standard input). Anything else after the sign ("-2+3", "-x") is quoted.
_INERT = re.compile(r"[+-](?:\d+(?:\.\d+)?)?")


def safe_cell(value: Any) -> Any:
    """``value`` with a text that a spreadsheet would run as a formula made inert; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _INERT.fullmatch(value):
        return "'" + value
    return value


def safe_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: safe_cell(value) for key, value in row.items()}


class SafeDictWriter:
    """``csv.DictWriter`` whose every cell (header included) passes :func:`safe_cell`."""

    def __init__(self, stream: IO[str], fieldnames: Sequence[str], **kwargs: Any) -> None:
        self._writer = csv.DictWriter(stream, fieldnames=list(fieldnames), **kwargs)
        self.fieldnames = list(fieldnames)

    def writeheader(self) -> None:
        self._writer.writer.writerow([safe_cell(name) for name in self.fieldnames])

    def writerow(self, row: Mapping[str, Any]) -> Any:
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.writerow(row)


def write_csv(stream: IO[str], rows: Iterable[Mapping[str, Any]], fieldnames: Sequence[str]) -> int:
    """Write a header and ``rows`` (missing keys empty) to ``stream``; returns the number of rows."""
    writer = SafeDictWriter(stream, fieldnames)
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n
