"""Warnings about the data: what loads and checks, but will likely give a wrong or an empty verdict.

:func:`lint` never refuses anything (the loader does that); it points at records
a person should look at again, each with a suggestion:

- a prediction whose ``expects`` names a kind or a subject that no event, alias
  or subject record names (a typo such as ``releases`` or ``gpt5`` would come out
  ``missed``), with the close matches as "did you mean";
- a prediction without a deadline (it can never be missed);
- a statement without facts (it stays unverified);
- two events of one kind and subject, from different sources, whose dates cannot
  both be right (their date ranges do not overlap);
- a claim without a URL (a reader cannot check it).

Names are compared as the checker compares them (:func:`llmtimeline.names.normalise`,
aliases and families resolved by :class:`llmtimeline.names.Names`), so
``release Gemini 2`` against events about ``gemini-2`` is no warning.  Close
matches are looked up among the distinct names only, through an index of the
names less one character (so a missing, extra, swapped or changed character is
found in time linear in the names), ranked with :mod:`difflib`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .facts import parse_facts
from .names import Names, normalise

if TYPE_CHECKING:
    from .table import Table

__all__ = ["COMMON_KINDS", "LINT_COLUMNS", "lint"]

#: The columns of the table :func:`lint` returns.
LINT_COLUMNS: tuple[str, ...] = ("id", "column", "value", "message", "suggestion")
#: Kinds of events named in the documentation: a prediction may expect one before any event has it.
COMMON_KINDS: tuple[str, ...] = ("release", "announcement", "availability", "partnership", "license")

_SUGGESTED = 3  # close matches shown
_LOOKED_UP = 1_000  # distinct unknown names given close matches (the rest are still reported)
_DIFFLIB_POOL = 2_000  # below this many names, difflib also looks further than one character away
_VARIANT_LENGTH = 64  # longer names are matched whole or by their letters and digits only


class _Matcher:
    """Close matches of a name among known names, in time linear in the names' length."""

    def __init__(self, names: Iterable[str]) -> None:
        self.shown: dict[str, str] = {}  # normalised -> as first written
        for name in names:
            self.shown.setdefault(normalise(name), name)
        self.index: dict[str, set[str]] = {}
        for key in self.shown:
            for variant in self._variants(key):
                self.index.setdefault(variant, set()).add(key)

    @staticmethod
    def _variants(key: str) -> Iterable[str]:
        yield key
        yield "\x00" + "".join(ch for ch in key if ch.isalnum())  # gpt5 = gpt-5 = gpt_5
        if len(key) <= _VARIANT_LENGTH:
            for i in range(len(key)):
                yield key[:i] + key[i + 1:]

    def close(self, name: str) -> list[str]:
        """The known names closest to ``name`` (as written), best first."""
        key = normalise(name)
        found: set[str] = set()
        for variant in self._variants(key):
            found |= self.index.get(variant, set())
        if len(self.shown) <= _DIFFLIB_POOL:
            found.update(difflib.get_close_matches(key, list(self.shown), n=_SUGGESTED, cutoff=0.75))
        found.discard(key)
        ranked = sorted(found, key=lambda k: (-difflib.SequenceMatcher(None, key, k).ratio(), k))
        return [self.shown[k] for k in ranked[:_SUGGESTED]]


def _did_you_mean(matches: Sequence[str]) -> str:
    if not matches:
        return ""
    return "did you mean " + " or ".join(map(repr, matches)) + "?"


def _expects_warnings(t: pd.DataFrame, d: pd.DataFrame, names: Names) -> list[tuple[int, int, str, str, str]]:
    """(row, rank, column, message, suggestion) for each prediction expecting what nothing names."""
    types = t["type"].to_numpy(dtype=object)
    subjects = t["subject"].to_numpy(dtype=object)
    is_event, is_subject = types == "event", types == "subject"
    named = [*dict.fromkeys(subjects[is_event | is_subject].tolist())]
    for facts in dict.fromkeys(t["facts"].to_numpy(dtype=object)[is_subject].tolist()):
        parsed = parse_facts(facts) if facts else {}
        named += [*parsed.get("aka", ()), *parsed.get("part_of", ())]
    known = {names.canonical(n) for n in named}
    kinds = [*dict.fromkeys(t["kind"].to_numpy(dtype=object)[is_event].tolist()), *COMMON_KINDS]
    rows = np.flatnonzero(types == "prediction")
    out: list[tuple[int, int, str, str, str]] = []
    for rank, (column, candidates, is_known, message) in enumerate((
        ("exp_kind", kinds, set(kinds).__contains__, "no event has the kind {!r}"),
        ("exp_subject", named, lambda s: names.canonical(s) in known, "no event, alias or subject record names {!r}"),
    )):
        values = d[column].to_numpy(dtype=object)[rows]
        distinct = [v for v in dict.fromkeys(values.tolist()) if v and not is_known(v)]
        if not distinct:
            continue
        matcher = _Matcher(candidates)
        suggestion = {v: _did_you_mean(matcher.close(v)) if i < _LOOKED_UP else "" for i, v in enumerate(distinct)}
        for r, v in zip(rows.tolist(), values.tolist(), strict=True):
            if v in suggestion:
                text = message.format(v) + ": the prediction can only come out missed or pending"
                out.append((r, rank, "expects", text, suggestion[v]))
    return out


def _conflicting_dates(t: pd.DataFrame, d: pd.DataFrame, names: Names,
                       order: np.ndarray) -> list[tuple[int, int, str, str, str]]:
    """Events of one kind and subject, from another source than the first, whose dates cannot both be right."""
    types = t["type"].to_numpy(dtype=object)
    rows = order[types[order] == "event"]
    if rows.size < 2:
        return []
    subject = names.canonical_column(t["subject"].to_numpy(dtype=object)[rows])
    frame = pd.DataFrame({
        "row": rows, "kind": t["kind"].to_numpy(dtype=object)[rows], "subject": subject,
        "earliest": d["earliest"].to_numpy()[rows], "latest": d["latest"].to_numpy()[rows],
        "source": t["source"].to_numpy(dtype=object)[rows],
    })
    first = frame.groupby(["kind", "subject"], sort=False).transform("first")
    apart = (frame["latest"] < first["earliest"]) | (frame["earliest"] > first["latest"])
    conflict = (apart & (frame["source"] != first["source"])).to_numpy()
    if not conflict.any():
        return []
    ids, dates = t["id"].to_numpy(dtype=object), t["date"].to_numpy(dtype=object)
    sources = t["source"].to_numpy(dtype=object)
    at = np.flatnonzero(conflict)
    kinds, subjects = frame["kind"].to_numpy(dtype=object)[at], frame["subject"].to_numpy(dtype=object)[at]
    suggestion = "check both sources; keep the date the better one gives, or tell the two events apart by their subjects"
    out = []
    for r, f, kind, subj in zip(frame["row"].to_numpy()[at].tolist(), first["row"].to_numpy()[at].tolist(),
                                kinds.tolist(), subjects.tolist(), strict=True):
        message = (f"event {ids[f]!r} ({dates[f]}, source {sources[f]!r}) dates the same {kind} of {subj!r} "
                   "otherwise: the sources conflict")
        out.append((r, 10, "date", message, suggestion))
    return out


def lint(timeline: Table) -> pd.DataFrame:
    """Warnings about the records: one row per warning, in file order.

    Columns ``id, column, value, message, suggestion`` (``value`` the cell as
    written, ``suggestion`` what to do, "" when there is nothing to propose).
    Records kept with problems by ``errors="keep"`` are not linted: they are
    listed in :attr:`~llmtimeline.Timeline.problems`.

    >>> import llmtimeline as lt
    >>> tl = lt.Timeline([
    ...     lt.Event(id="gpt-5", date="2025-08-07", actor="OpenAI", kind="release", subject="gpt-5",
    ...              title="GPT-5", source=lt.Source("OpenAI", "https://openai.com/gpt-5")),
    ...     lt.Claim(id="p", type="prediction", date="2024-01-01", actor="OpenAI", title="t",
    ...              expects="releases gpt5", deadline="2025", source=lt.Source("s", "https://example.com/p"))])
    >>> for w in lint(tl).itertuples():
    ...     print(w.id, w.column, w.value, "|", w.suggestion)
    p expects releases gpt5 | did you mean 'release'?
    p expects releases gpt5 | did you mean 'gpt-5'?
    """
    t, d = timeline.cells, timeline.typed
    columns = {c: t[c].to_numpy(dtype=object) for c in ("type", "id", "deadline", "facts", "url")}
    types = columns["type"]
    names = Names.from_columns(types, t["subject"].to_numpy(dtype=object), t["title"].to_numpy(dtype=object),
                               columns["facts"])
    found = _expects_warnings(t, d, names)
    simple = (
        (types == "prediction") & (columns["deadline"] == ""), 2, "deadline",
        "a prediction without a deadline can never be missed: it stays pending until an event settles it",
        "add the deadline as said: a date or a phrase such as 'by the end of 2025'",
    ), (
        (types == "statement") & (columns["facts"] == ""), 3, "facts",
        "a statement without facts cannot be checked: it stays unverified",
        "add the figures it states as facts, e.g. 'params=405e9'",
    ), (
        ((types == "prediction") | (types == "statement")) & (columns["url"] == ""), 4, "url",
        "a claim without a URL: a reader cannot check what was said",
        "add the address of the source",
    )
    for mask, rank, column, message, suggestion in simple:
        found += [(r, rank, column, message, suggestion) for r in np.flatnonzero(mask).tolist()]
    found += _conflicting_dates(t, d, names, timeline.order)
    found.sort(key=lambda w: (w[0], w[1]))
    rows = [w[0] for w in found]
    values = {c: t[c].to_numpy(dtype=object) for c in {w[2] for w in found}}
    return pd.DataFrame({
        "id": np.array(columns["id"][rows] if rows else [], dtype=object),
        "column": np.array([w[2] for w in found], dtype=object),
        "value": np.array([values[w[2]][w[0]] for w in found], dtype=object),
        "message": np.array([w[3] for w in found], dtype=object),
        "suggestion": np.array([w[4] for w in found], dtype=object),
    }, columns=list(LINT_COLUMNS))
