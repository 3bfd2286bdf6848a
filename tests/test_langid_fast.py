"""The faster language identifier gives py3langid's own scores, bit for bit (issue 20: reading cost)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from eventwire import langid_fast
from eventwire.langid_fast import FastIdentifier

TEXTS = [
    "Gunmen stormed a village in the north on Sunday night, killing at least twelve people, officials said.",
    "El ejército informó que tres soldados murieron en una emboscada cerca de la frontera el martes.",
    "Повстанцы обстреляли колонну у города в понедельник, погибли четыре человека.",
    "警方说，周日晚上一名男子在市中心的商店里被刺伤。",
    "قال مسؤولون إن انفجارا وقع في سوق مزدحم صباح اليوم",
    "Die Polizei nahm am Freitag zwei Verdächtige nach dem Überfall fest.",
    "THE MINISTRY SAID THE TALKS WOULD RESUME NEXT WEEK.",
    "ok", "", "x" * 9, "naïve café — “quoted” … 2025-03-04",
]


@pytest.fixture(scope="module")
def identifiers():
    return (LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True),
            FastIdentifier.from_model_file(MODEL_FILE, norm_probs=True))


def _random_bytes(count: int) -> list[bytes]:
    rng = random.Random(20)
    return [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))) for _ in range(count)]


def _same_answers(slow, fast, texts) -> bool:
    return all(np.array_equal(slow._decide(t), fast._decide(t)) and slow.classify(t) == fast.classify(t)
               for t in texts)


def test_the_fast_identifier_scores_every_text_exactly_as_py3langid(identifiers):
    slow, fast = identifiers
    assert _same_answers(slow, fast, TEXTS + _random_bytes(60))
    assert fast.classify(TEXTS[0])[0] == "en" and fast.classify(TEXTS[1])[0] == "es"


def test_the_window_gives_the_automatons_own_states_on_news_text(identifiers):
    _, fast = identifiers
    text = fast._encode(TEXTS[0])
    state, walked = 0, []
    for byte in text:  # the automaton's transitions, one byte at a time
        state = fast.tk_nextmove[fast._rowbase[state] + byte]
        walked.append(state)
    assert fast.walk(text).tolist() == walked


def test_a_text_the_window_cannot_follow_is_walked_by_py3langid(identifiers, monkeypatch):
    slow, fast = identifiers
    monkeypatch.setattr(langid_fast, "WINDOW", 1)  # one byte: the state also depends on the bytes before
    assert fast.walk(fast._encode(TEXTS[0])) is None
    assert _same_answers(slow, fast, TEXTS[:3])
