from __future__ import annotations

from eventwire import nlp as nlp_module


def test_model_loads_once_per_process(nlp):
    assert nlp_module.load() is nlp


def test_line_breaks_end_sentences(nlp):
    doc = nlp("Gunman kills two in Dayton\nPolice said a gunman killed two people on Monday.\n\nThe suspect fled.")
    assert [s.text.strip() for s in doc.sents] == [
        "Gunman kills two in Dayton",
        "Police said a gunman killed two people on Monday.",
        "The suspect fled.",
    ]


def test_unknown_model_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_SPACY_MODEL", "no_such_model_xyz")
    try:
        nlp_module.load()
    except nlp_module.ModelNotFound as exc:
        assert "no_such_model_xyz" in str(exc) and "EVENTWIRE_SPACY_MODEL" in str(exc)
    else:
        raise AssertionError("an unknown model must raise ModelNotFound")
