"""Render text with highlighted spans as safe HTML: every character of the text is escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup, escape

Span = tuple[int, int, str, str | None]  # start, end, kind, optional link


def highlight(text: str, spans: Iterable[Span], offset: int = 0) -> Markup:
    """Wrap each stretch of ``text`` in a <span> with the classes of every span covering it.

    ``offset`` is where ``text`` starts in the coordinates the spans use. Overlapping spans
    (a place inside a quote) give stretches with several classes, so nothing is lost.
    """
    local = [(max(s - offset, 0), min(e - offset, len(text)), kind, link) for s, e, kind, link in spans]
    local = [span for span in local if span[0] < span[1]]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in local), *(e for _, e, _, _ in local)})
    parts: list[str] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [span for span in local if span[0] <= start and end <= span[1]]
        piece = str(escape(text[start:end]))
        if not covering:
            parts.append(piece)
            continue
        classes = " ".join(sorted({f"hl-{kind}" for _, _, kind, _ in covering}))
        link = next((lnk for _, _, _, lnk in covering if lnk), None)
        if link and safe_link(link) != "#":
            parts.append(f'<a class="{classes}" href="{escape(link)}">{piece}</a>')
        else:
            parts.append(f'<span class="{classes}">{piece}</span>')
    return Markup("".join(parts))


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def safe_link(url: str | None) -> str:
    r"""Only http(s) and site-relative links are rendered; anything else (javascript:, data:) is inert.

    A site-relative link is one path: browsers read ``//host`` and ``/\host`` as another site, and drop
    tabs and line breaks from URLs (``/<TAB>/host``), so links with a control character, or starting
    with ``//`` or ``/\``, are inert too."""
    if not url:
        return "#"
    link = url.strip()
    if _CONTROL.search(link):
        return "#"
    lowered = link.lower()
    if lowered.startswith(("http://", "https://")):
        return link
    if lowered.startswith("/") and not lowered.startswith(("//", "/\\")):
        return link
    return "#"
