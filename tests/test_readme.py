"""The README's examples run as written: each code block after a `<!-- readme-test -->` line.

Shell blocks run their `eventwire ...` lines in order, in one temporary folder holding the
repository's `docs/` and `examples/` (the CLI in-process, so the model loads once; `> FILE` writes
stdout to FILE); every command must exit 0. Python blocks run with `exec` in the same folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"<!-- readme-test -->\n```(\w+)\n(.*?)```", re.S)
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


def readme_blocks() -> list[tuple[str, str]]:
    return [(m[1], m[2]) for m in BLOCK.finditer((ROOT / "README.md").read_text(encoding="utf-8"))]


def commands(block: str) -> list[tuple[list[str], str | None]]:
    """(argv after `eventwire`, file that stdout is redirected to) for each line of a shell block."""
    found = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        if not words:
            continue
        assert words[0] == "eventwire", f"only eventwire commands run in README tests: {line}"
        target = None
        if ">" in words:
            at = words.index(">")
            words, target = words[:at], words[at + 1]
        found.append((words[1:], target))
    return found


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    here = tmp_path_factory.mktemp("readme")
    for name in ("docs", "examples"):
        (here / name).symlink_to(ROOT / name)
    return here


def test_the_readme_has_runnable_examples_of_every_input_format_and_profile():
    shell = "\n".join(code for lang, code in readme_blocks() if lang == "sh")
    for example in ("article.txt", "articles.jsonl", "page.html", "crawl.warc", "feed.rss"):
        assert f"docs/examples/{example}" in shell and (ROOT / "docs" / "examples" / example).is_file()
    from eventwire.export import PROFILES

    for profile in PROFILES:
        assert f"--profile {profile} " in shell
    python = "\n".join(code for lang, code in readme_blocks() if lang == "python")
    assert "Pipeline()" in python and 'add_pipe("eventwire"' in python


def test_the_readme_examples_run(folder, nlp, monkeypatch):
    monkeypatch.chdir(folder)
    runner = CliRunner()
    blocks = readme_blocks()
    assert blocks
    for lang, code in blocks:
        if lang == "sh":
            for argv, target in commands(code):
                result = runner.invoke(app, argv, env=ENV)
                assert result.exit_code == 0, f"eventwire {' '.join(argv)}: {result.output}"
                if target:
                    Path(target).write_text(result.stdout, encoding="utf-8")
        elif lang == "python":
            with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
                exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
        else:
            pytest.fail(f"no runner for {lang} blocks")
    assert (folder / "article.json").read_text().startswith("{")
    for output in ("native.csv", "acled.csv", "gdelt.tsv", "polecat.jsonl", "plover.parquet", "incidents.jsonl"):
        assert (folder / output).stat().st_size > 0, output
