"""Small hand-made timelines for the checker's tests, the browser the page tests open, and optional
packages imported on first use (:class:`LazyModule`)."""

from __future__ import annotations

import os
import shutil

import pandas as pd
import pytest

import llmtimeline as lt

_n = 0


def ev(date: str, subject: str = "llama-3", kind: str = "release", id: str | None = None, facts: str = "",
       actor: str = "Meta") -> lt.Event:
    global _n
    _n += 1
    return lt.Event(id=id or f"e{_n}", date=date, actor=actor, kind=kind, subject=subject,
                    title=f"{kind} {subject}", source="test", facts=facts)


def pred(date: str, expects: str = "release llama-3", deadline: str = "", id: str = "p", actor: str = "Meta",
         speaker: str = "") -> lt.Claim:
    return lt.Claim(id=id, type="prediction", date=date, actor=actor, speaker=speaker, title="prediction",
                    source="test", expects=expects, deadline=deadline)


def stmt(date: str, facts: str, subject: str = "llama-3", id: str = "s", actor: str = "Meta") -> lt.Claim:
    return lt.Claim(id=id, type="statement", date=date, actor=actor, title="statement", source="test",
                    subject=subject, facts=facts)


def verdict(records: list, as_of: str, claim_id: str = "p") -> dict:
    report = lt.Timeline(records).check(as_of=as_of).set_index("id")
    row = report.loc[claim_id]
    margin, event_id = row["margin_days"], row["event_id"]
    return {"status": row["status"], "event_id": None if pd.isna(event_id) else event_id,
            "margin": None if pd.isna(margin) else int(margin)}


def chromium() -> str:
    """Debian's chromium for the browser tests: skipped where none is installed, a failure on CI
    (``.ci/run`` installs it)."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if os.path.exists("/usr/bin/chromium"):
        return "/usr/bin/chromium"
    if os.environ.get("CI"):
        pytest.fail("CI=true but no chromium is installed: .ci/run installs Debian's chromium package")
    pytest.skip("no chromium found locally (apt-get install chromium); CI installs it and runs this test")


class LazyModule:
    """A module imported on its first use, or the test using it skipped (:func:`pytest.importorskip`).

    Collecting the tests then costs no import of a heavy optional package (dask takes seconds), so
    the quick loop, which deselects the tests that use it, never pays for it.
    """

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> object:
        if attribute.startswith("__") and attribute.endswith("__"):
            # Special names are asked by tools, not tests: doctest's collection of every module under
            # --doctest-modules asks each global for ``__wrapped__`` (inspect.unwrap), which must not
            # import the package (dask: seconds in every xdist worker) nor skip the collection.
            raise AttributeError(attribute)
        return getattr(pytest.importorskip(self._name), attribute)
