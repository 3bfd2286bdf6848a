"""Which language an article is written in (py3langid: 97 languages, offline, model shipped in the wheel).

eventwire's stages read English only, so the ingest records an article in another language in
``errors`` with its language instead of extracting nonsense from it (:func:`skip_reason`). A text
too short or too mixed to tell is taken as English and its language left empty: a wrong guess must
not drop an English article.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice
from typing import Any

ENGLISH = "en"
SAMPLE_CHARS = 3_000  # the detector reads the start of the text: the language shows long before
MIN_LETTERS = 40  # fewer letters than this say too little about the language
MIN_PROBABILITY = 0.90  # below this the guess is not used

# Names for the reason text; other languages are named by their ISO 639 code.
NAMES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fa": "Persian", "fr": "French",
    "he": "Hebrew", "hi": "Hindi", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
    "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ru": "Russian", "sw": "Swahili", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "zh": "Chinese",
}


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE

    from eventwire.langid_fast import FastIdentifier  # py3langid's answers, faster

    return FastIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability) of the text's language; (None, 0.0) when it cannot tell."""
    sample = text[:SAMPLE_CHARS]
    if next(islice(filter(str.isalpha, sample), MIN_LETTERS - 1, None), None) is None:
        return None, 0.0  # fewer than MIN_LETTERS letters (counted only up to that many)
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


def language_of(text: str) -> str | None:
    """The language code to store: the detector's when it is sure, English when it says English,
    else None (unknown; the article is read as English)."""
    code, probability = detect(text)
    if code == ENGLISH or (code and probability >= MIN_PROBABILITY):
        return code
    return None


def name(code: str) -> str:
    return NAMES.get(code, code)


def skip_reason(lang: str | None) -> str | None:
    """Why an article in ``lang`` is not extracted, or None when it is (English or unknown)."""
    if lang is None or lang == ENGLISH:
        return None
    return (f"the article is in {name(lang)} (language '{lang}'): not extracted, eventwire's stages read "
            "English only")
