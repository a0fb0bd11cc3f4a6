"""The project's face: the version, the files a user expects, the README and the docs site.

The README's and the docs pages' ``>>>`` examples run as doctests, so what they
show is what the library does; the site is built with ``mkdocs build --strict``,
so a broken link or reference fails the suite.
"""

from __future__ import annotations

import doctest
import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import llmtimeline as lt
from llmtimeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def test_the_version_is_the_package_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    version = importlib.metadata.version("llmtimeline")
    assert lt.__version__ == version
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"llmtimeline {version}\n"


def test_the_version_agrees_with_pyproject() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    declared = re.search(r'^version = "([^"]+)"', pyproject, re.MULTILINE)
    assert declared is not None
    assert lt.__version__ == declared.group(1)


def test_the_project_files_exist() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    assert 'license = { text = "MIT" }' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
    assert f"## [{lt.__version__}]" in changelog
    assert "mypy --strict llmtimeline" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_the_readme_is_a_front_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    assert "python -m pip install -e . && llmtimeline report" in readme
    assert "python -m pip install -e '.[test]' && python -m pytest" in readme
    assert "DESIGN.md" not in readme
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme):
        assert (ROOT / image).is_file(), image


def test_every_local_link_of_the_readme_and_project_files_resolves() -> None:
    for name in ("README.md", "CONTRIBUTING.md", "CHANGELOG.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if not re.match(r"[a-z]+:", target):
                assert (ROOT / target).exists(), f"{name} links to {target}, which does not exist"


def _run_doctests(path: Path) -> doctest.TestResults:
    old = Path.cwd()
    os.chdir(ROOT)
    try:
        return doctest.testfile(str(path), module_relative=False, optionflags=FLAGS, encoding="utf-8",
                                globs={"lt": lt}, verbose=False)
    finally:
        os.chdir(old)


def test_the_readme_examples_run() -> None:
    results = _run_doctests(ROOT / "README.md")
    assert results.attempted >= 5
    assert results.failed == 0


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md") if ">>> " in p.read_text(encoding="utf-8")))
def test_the_docs_examples_run(page: str) -> None:
    results = _run_doctests(DOCS / page)
    assert results.failed == 0


@pytest.mark.slow
def test_the_docs_build_strictly(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-3000:]
    site = tmp_path / "site"
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert "from_epoch" in api and "parse_deadline" in api
    assert all(f'id="llmtimeline.{name}"' in api for name in ("Timeline.check", "Timeline.track_record", "merge.merge"))
    deadlines = (site / "deadlines" / "index.html").read_text(encoding="utf-8")
    assert "2025-10-09" in deadlines  # "within 18 months" said 2024-04-09, read by the grammar at build time


def test_the_api_reference_shows_doctest_sessions_as_code() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("doctest_blocks", DOCS / "_hooks" / "doctest_blocks.py")
    assert spec is not None and spec.loader is not None
    blocks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(blocks)
    fenced = blocks.fence_examples("Intro.\n\n>>> [1, 2][:1]\n[1]\n\nEnd.")
    assert fenced == "Intro.\n\n```pycon\n>>> [1, 2][:1]\n[1]\n```\n\nEnd."
    in_section = "Examples\n--------\n>>> 1\n1"  # mkdocstrings shows these as code already
    assert blocks.fence_examples(in_section) == in_section
    assert blocks.markdown_code(":func:`~llmtimeline.load` reads ``events.csv``") == "`load` reads `events.csv`"
