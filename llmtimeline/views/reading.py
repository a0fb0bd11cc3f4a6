"""What the views (plot, html, exports) read from a Timeline, in one place.

The views never touch a Timeline's private fields: they read its public cells
and typed columns through :func:`cells` and :func:`typed`, and its verdicts
through :func:`report`, which also adds what every view shows beside them (the
subject's display title, the day said as a day number).

>>> import llmtimeline as lt
>>> tl = lt.load()
>>> titles = subject_titles(tl)
>>> subject_title("llama-3", titles) in ("Llama 3", "llama-3")
True
>>> margin_note("fulfilled", 21), margin_note("late", -40), margin_note("fulfilled", 0)
('21 days early', '40 days late', 'on the day')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..check.report import COLUMNS as REPORT_COLUMNS
from ..dates import NO_DAY, day_text
from ..names import normalise
from ..schema import is_missing

if TYPE_CHECKING:
    from ..timeline import Timeline

__all__ = [
    "REPORT_COLUMNS",
    "cells",
    "day_text",
    "margin_note",
    "normalise",
    "report",
    "source",
    "subject_title",
    "subject_titles",
    "text",
    "typed",
]

def cells(tl: Timeline) -> pd.DataFrame:
    """The text cells of every record, as written, in file order ("" for empty)."""
    return tl.cells


def typed(tl: Timeline) -> pd.DataFrame:
    """The typed columns, same rows as :func:`cells` (days as integers, NO_DAY for none)."""
    return tl.typed


def source(tl: Timeline) -> str:
    """Where the records came from, as a published page or chart names it: the file's name
    (``events.csv``, not the folders of the machine it was made on), or ``<records>``."""
    name = str(tl.source)
    return name.replace("\\", "/").rsplit("/", 1)[-1] or name


def text(value: object) -> str:
    """A report cell as text: "" for a missing value (None, NA, NaN)."""
    if is_missing(value):
        return ""
    return str(value)


def subject_titles(tl: Timeline) -> dict[str, str]:
    """Display title of each subject a subject record (``type=subject``) titles, by normalised name.

    An alias (``aka=``) shows its subject's title ("bard" is "Gemini (formerly Bard)"), unless a
    record of its own titles it: the titles are :attr:`Timeline.names`', so a view and the
    checker never disagree on what a name is.
    """
    c = cells(tl)
    if "title" not in c.columns:
        return {}
    rows = np.flatnonzero((c["type"] == "subject").to_numpy(dtype=bool))  # compared in Arrow: no string per cell
    subjects, titles = c["subject"].iloc[rows].to_numpy(), c["title"].iloc[rows].to_numpy()  # rows first: no string per cell
    own = {normalise(str(s)): str(t) for s, t in zip(subjects, titles, strict=True) if t}
    return {**tl.names.titles(), **own}


def subject_title(subject: str, titles: dict[str, str]) -> str:
    """The display title of ``subject`` (the subject as written when it has none)."""
    return titles.get(normalise(subject), subject)


def margin_note(status: str, margin: Any) -> str:
    """How early or late a settled prediction was, in words ("" when there is no margin).

    >>> margin_note("late", -1), margin_note("pending", None)
    ('1 day late', '')
    """
    if is_missing(margin):
        return ""
    days = int(margin)
    if days == 0:
        return "on the day"
    unit = "day" if abs(days) == 1 else "days"
    return f"{abs(days)} {unit} early" if days > 0 else f"{abs(days)} {unit} late"


def report(tl: Timeline, as_of: Any = None, *, checked: pd.DataFrame | None = None) -> pd.DataFrame:
    """The report with every column of DESIGN.md, plus three integer columns for the views.

    ``checked`` is the :class:`~llmtimeline.Report` of ``tl`` when the caller has
    it (``llmtimeline report`` checks once, and every view takes that Report);
    without it, ``tl.check(as_of)``.  A report that already has the view columns
    is returned as it is.

    ``said`` is the earliest day the claim may have been said; ``pos`` its row in
    :func:`cells`; ``event_pos`` the row of its settling event (-1 when none).

    Columns the engine does not give yet are filled from the cells (``quote``,
    ``lang``, ``phrase`` = the deadline as written) or left empty.
    """
    if checked is not None and "event_pos" in checked.columns:
        return checked
    rep = tl.check(as_of=as_of) if checked is None else checked
    c = cells(tl)
    ids = c["id"]
    pos = _positions(ids, rep["id"])
    out = rep.copy(deep=False)  # copy-on-write: the columns added below never reach the caller's report
    fill = {"quote": "quote", "lang": "lang", "phrase": "deadline"}
    known = pos >= 0  # the records kept with problems (status invalid) have no cells or typed values here
    at = np.where(known, pos, 0)

    def take(values: np.ndarray, missing: Any) -> np.ndarray:
        return np.where(known, values[at], missing) if len(values) else np.full(len(pos), missing)

    for column in REPORT_COLUMNS:
        if column in out.columns:
            continue
        if column in fill:
            out[column] = pd.array(take(c[fill[column]].to_numpy(dtype=object), ""), dtype="str")
        elif column == "vague":
            out[column] = take(typed(tl)["vague"].to_numpy(), False) if "vague" in typed(tl).columns else False
        elif column == "auto_status":
            out[column] = out["status"]
        else:
            out[column] = pd.array([None] * len(out), dtype="str")
    order = [*REPORT_COLUMNS, *(col for col in out.columns if col not in REPORT_COLUMNS)]
    if list(out.columns) != order:
        out = out[order]
    out["said"] = take(typed(tl)["earliest"].to_numpy(), NO_DAY).astype(np.int64)  # NO_DAY: kept with problems
    out["pos"] = pos
    settled = (out["event_id"].fillna("") != "").to_numpy(dtype=bool)  # only settled claims name an event
    event_pos = np.full(len(out), -1, dtype=np.int64)
    event_pos[settled] = _positions(ids, out["event_id"][settled])
    out["event_pos"] = event_pos
    out.attrs = dict(rep.attrs)
    return out


def _positions(ids: pd.Series, wanted: pd.Series) -> np.ndarray:
    """The row of each of ``wanted`` among ``ids`` (unique: the loader refuses a duplicate id), -1 when absent.

    Both sides are hashed by Arrow when they are text Arrow can hold (the cells' dtype), with no
    Python string per cell; otherwise as Python strings.

    >>> _positions(pd.Series(["a", "b", "c"], dtype="str"), pd.Series(["c", "x", "a"], dtype="str")).tolist()
    [2, -1, 0]
    """
    if len(wanted) == 0:
        return np.zeros(0, dtype=np.int64)
    try:
        found = pc.index_in(pa.array(wanted, type=pa.large_string()), value_set=pa.array(ids, type=pa.large_string()))
    except (pa.ArrowException, UnicodeError, TypeError):  # text Arrow cannot hold (a lone surrogate): Python strings
        return np.asarray(pd.Index(ids.to_numpy(dtype=object)).get_indexer(wanted.to_numpy(dtype=object)), dtype=np.int64)
    return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
