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


def test_the_stages_never_rebuild_a_documents_text():
    """``doc.text`` joins every token again on each access (about 10-80 microseconds an article); the
    stages read ``nlp.doc_text(doc)``, made once per document. One ``doc.text`` inside a loop over
    candidates once doubled the extraction time."""
    import ast
    from pathlib import Path

    import eventwire.extract

    found = []
    for path in Path(eventwire.extract.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "text" and (
                    (isinstance(node.value, ast.Name) and node.value.id == "doc")
                    or (isinstance(node.value, ast.Attribute) and node.value.attr == "doc")):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []


def test_keep_loaded_freezes_what_is_loaded_and_collects_young_objects_less_often():
    import gc

    threshold = gc.get_threshold()
    try:
        nlp_module.keep_loaded()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] == nlp_module.COLLECT_EVERY > 700
        assert gc.get_threshold()[1:] == threshold[1:]
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_a_span_asked_for_twice_is_made_once(nlp):
    doc = nlp("Gunmen attacked a police station in Kabul on Monday.")
    first = nlp_module.char_span(doc, 36, 41)
    assert first is not None and first.text == "Kabul"
    assert nlp_module.char_span(doc, 36, 41) is first
    assert nlp_module.char_span(doc, 37, 40).text == "Kabul"  # expanded to whole tokens, as spaCy does
    nlp_module.forget_caches(doc)
    assert nlp_module.SPANS_KEY not in doc.user_data
