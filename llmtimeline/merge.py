"""Combining timelines: the bundled file and one's own events, or several files of records.

:func:`merge` keeps the rows of the first timeline, then the new rows of each
next one, in order.  A record that comes again with the same id and the same
cells is the same record: it is kept once.  A record that comes again with the
same id and different cells is a conflict: every conflict is listed at once, in
one :class:`~llmtimeline.MergeError` naming both places (source and line).
Ids are compared as the loader compares them (after NFKC, invisible characters
removed).  Extra columns are the union of every timeline's, in order of first
appearance.
"""

from __future__ import annotations

from typing import Any, TypeVar

import numpy as np
import pandas as pd

from . import store
from .exceptions import ArgumentError, ArgumentTypeError, Error, LoadError, MergeError, Problem
from .safe_text import id_key
from .schema import COLUMNS
from .table import Table

__all__ = ["merge"]

_T = TypeVar("_T", bound=Table)
_SHOWN = 60  # characters of a differing cell shown in a conflict


def merge(*timelines: _T) -> _T:
    """One timeline with the records of every timeline given, each record once.

    The rows of the first timeline come first, in its order, then the rows of
    the second that the first lacks, and so on.  Identical duplicates (same id,
    same cells) collapse; a duplicate id with different cells raises a
    :class:`~llmtimeline.MergeError` (a LoadError) listing every conflict, each
    naming both sources and lines.  Records loaded with ``errors="keep"`` that
    have problems are carried along, to be saved back: once when they come again
    written the same, and a conflict when a loaded record (or another kept one)
    has their id.

    >>> import llmtimeline as lt
    >>> mine = lt.Timeline([lt.Event(id="acme-1-release", date="2025-08-07", actor="Acme",
    ...                              kind="release", subject="acme-1", title="Acme 1", source="Acme")])
    >>> both = lt.merge(lt.load(), mine, lt.load())
    >>> len(both) == len(lt.load()) + 1, both.cells["id"].iat[-1]
    (True, 'acme-1-release')
    >>> other = lt.Timeline([lt.Event(id="acme-1-release", date="2025-08-08", actor="Acme",
    ...                               kind="release", subject="acme-1", title="Acme 1", source="Acme")])
    >>> lt.merge(mine, other)
    Traceback (most recent call last):
    ...
    llmtimeline.exceptions.MergeError: <records> + <records>: 1 conflict:
      id 'acme-1-release': <records> line 2 and <records> line 2 have the same id with different cells: date: '2025-08-07' vs '2025-08-08'
    """
    if not timelines:
        raise ArgumentError("merge needs at least one timeline")
    for i, tl in enumerate(timelines):
        if not isinstance(tl, Table):
            raise ArgumentTypeError(f"merge takes Timeline objects (lt.load(...)); argument {i + 1} is a "
                                    f"{type(tl).__name__}")
    columns = list(COLUMNS) + list(dict.fromkeys(c for tl in timelines for c in tl.cells.columns if c not in COLUMNS))
    tables = [tl.cells.reindex(columns=columns, fill_value="") for tl in timelines]
    table = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
    which = np.repeat(np.arange(len(timelines)), [len(t) for t in tables])
    lines = np.concatenate([tl.lines for tl in timelines]) if timelines else np.zeros(0, np.int64)
    keys = np.array([id_key(v) for v in table["id"].tolist()], dtype=object)
    codes, _ = pd.factorize(keys)
    first = np.full(codes.max(initial=-1) + 1, -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]  # the first row of each id
    again = first[codes] != np.arange(len(codes))
    name = " + ".join(tl.source for tl in timelines)
    _refuse_conflicts(table, timelines, which, lines, first[codes], again, name)
    keep = ~again
    merged = table[keep].reset_index(drop=True)
    places = [_place(timelines, int(w), int(n)) for w, n in zip(which[keep], lines[keep], strict=True)]
    kept = _merged_kept(timelines, keep, merged, places, name)
    loaded = store.Loaded(name, merged, _typed(merged, name, places), lines[keep], kept)
    facade: Any = type(timelines[0])  # the Timeline class: merge never imports the facade
    merged_timeline: _T = facade._from_loaded(loaded)
    return merged_timeline


def _place(timelines: tuple[Table, ...], which: int, line: int) -> str:
    return f"{timelines[which].source} line {line}"


def _refuse_conflicts(table: pd.DataFrame, timelines: tuple[Table, ...], which: np.ndarray, lines: np.ndarray,
                      first: np.ndarray, again: np.ndarray, name: str) -> None:
    """Raise one MergeError for every repeated id whose cells differ from its first record's."""
    rows = np.flatnonzero(again)
    if rows.size == 0:
        return
    cells = table.to_numpy(dtype=object)
    differs = cells[rows] != cells[first[rows]]
    problems = []
    names = [str(c) for c in table.columns]
    for k in np.flatnonzero(differs.any(axis=1)).tolist():
        r, f = int(rows[k]), int(first[rows[k]])
        columns = np.flatnonzero(differs[k]).tolist()
        shown = "; ".join(f"{names[c]}: {_short(cells[f, c])} vs {_short(cells[r, c])}" for c in columns[:3])
        more = f" (and {len(columns) - 3} more columns)" if len(columns) > 3 else ""
        reason = (f"{_place(timelines, int(which[f]), int(lines[f]))} and {_place(timelines, int(which[r]), int(lines[r]))} "
                  f"have the same id with different cells: {shown}{more}")
        problems.append(Problem(None, "id", str(cells[r, 0]), reason))
    if problems:
        raise MergeError(name, problems)


def _short(value: str) -> str:
    return repr(value) if len(value) <= _SHOWN else repr(value[: _SHOWN - 1] + "…")


def _typed(table: pd.DataFrame, name: str, places: list[str]) -> pd.DataFrame:
    """The typed columns of the merged rows (each already valid in its own timeline).

    Only what two timelines can break together fails here (ids the loader takes
    for one that :func:`id_key` tells apart); each problem names its place.
    """
    try:
        return store.typed_columns(table)
    except LoadError as exc:
        problems = [Problem(None, p.column, p.value, f"{places[p.line - 2] if p.line else name}: {p.reason}")
                    for p in exc.problems]
        raise MergeError(name, problems) from None


def _merged_kept(timelines: tuple[Table, ...], keep: np.ndarray, merged: pd.DataFrame,
                 merged_places: list[str], name: str) -> store.Kept | None:
    """The records kept with problems of every timeline, placed among the merged rows.

    A kept record that comes again written the same (``merge(a, a)``) is kept
    once. A kept record whose id is a loaded record's, or another kept record's
    written differently, is a conflict: saved and loaded again, the two could not
    both be read as they were, so a :class:`~llmtimeline.MergeError` names both
    places, as for loaded records. They are saved under the header they were
    written under, so every timeline that has some must share it, and the merged
    rows may fill no other column.
    """
    parts = [(i, tl.kept) for i, tl in enumerate(timelines) if tl.kept is not None]
    if not parts:
        return None
    header = parts[0][1].header
    lost = [c for c in merged.columns if c not in header and (merged[c] != "").any()]
    if any(kept.header != header for _, kept in parts) or lost:
        sources = ", ".join(timelines[i].source for i, _ in parts)
        why = f"the merged records fill columns they lack ({', '.join(lost)})" if lost else "their columns differ"
        raise Error(f"cannot merge the records kept with problems from {sources}: {why}; fix those records "
                    "(tl.problems lists them) or load the files without errors='keep'")
    offset = np.concatenate(([0], np.cumsum(keep)))  # merged rows before each input row
    starts = np.concatenate(([0], np.cumsum([len(tl) for tl in timelines])))
    loaded_ids: dict[str, tuple[str, str]] = {}
    for place, value in zip(merged_places, merged["id"].tolist(), strict=True):
        loaded_ids.setdefault(id_key(value), (place, value))
    seen: dict[bytes, int] = {}
    kept_ids: dict[str, tuple[str, bytes]] = {}
    conflicts: list[Problem] = []
    records: list[bytes] = []
    before, cells, problems = [], [], []
    for i, kept in parts:
        take = []
        lines = kept.cells.index.to_numpy()
        ids = kept.cells["id"].tolist() if "id" in kept.cells.columns else [""] * len(kept.records)
        for k, record in enumerate(kept.records):
            if record in seen:
                continue  # the same record, written the same: kept once
            place = f"{timelines[i].source} line {int(lines[k])} (kept with problems)"
            key = id_key(ids[k]) if ids[k] else ""
            if key and key in loaded_ids:
                other, value = loaded_ids[key]
                conflicts.append(Problem(None, "id", value, f"{other} and {place} have the same id: the record kept "
                                                            "with problems differs from the loaded one"))
            elif key and key in kept_ids:
                conflicts.append(Problem(None, "id", ids[k], f"{kept_ids[key][0]} and {place} have the same id "
                                                             "with different records"))
            elif key:
                kept_ids[key] = (place, record)
            seen[record] = k
            take.append(k)
        if not take:
            continue
        rows = np.array(take, dtype=np.int64)
        records.extend(kept.records[k] for k in take)
        before.append(offset[starts[i] + kept.before[rows]])
        cells.append(kept.cells.iloc[rows].reindex(columns=merged.columns, fill_value=""))
        problems.append(kept.problems[kept.problems["line"].isin(lines[rows])])
    if conflicts:
        raise MergeError(name, conflicts)
    return store.Kept(header, tuple(records), np.concatenate(before).astype(np.int64),
                      pd.concat(cells), pd.concat(problems, ignore_index=True))
