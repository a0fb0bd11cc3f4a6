"""The check report's columns, assembled from the engine's per-row results.

Text columns are taken from the cells as written; dates become datetime64; the
statuses ordered Categoricals over STATUSES.  The dtypes are the same for every
report, empty or not, so views can rely on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..dates import NO_DAY, datetimes, iso_days
from ..names import Names
from ..status import STATUSES
from .reasons import ReasonRows
from .report import COLUMNS, status_dtype

if TYPE_CHECKING:
    from ..table import Table

__all__ = ["columns", "frame", "invalid_frame"]

_TEXT = ("id", "date", "type", "speaker", "actor", "title", "quote", "lang", "expects", "source", "url")


def _take(values: np.ndarray, at: np.ndarray, empty: object = "") -> np.ndarray:
    """``values[at]`` with ``empty`` where ``at`` is -1."""
    out = values[np.maximum(at, 0)] if values.size else np.full(at.size, empty, dtype=object)
    return np.where(at >= 0, out, np.full(at.size, empty, dtype=object))


def _display(names: Names, subjects: np.ndarray) -> np.ndarray:
    """Each subject's title where a subject record gives one, else the subject as written."""
    if subjects.size == 0:
        return subjects.astype(object)
    codes, uniques = pd.factorize(subjects)
    shown = np.array([names.display(str(u)) if u else "" for u in uniques], dtype=object)
    return np.asarray(shown[codes])


def _datetimes(days: np.ndarray) -> Any:
    return pd.array(datetimes(days), dtype="datetime64[s]")


def columns(timeline: Table, rows: np.ndarray, event_rows: np.ndarray, ruling_rows: np.ndarray,
            goal: np.ndarray, soft: np.ndarray, margin: np.ndarray,
            bad_key: np.ndarray) -> tuple[dict[str, Any], ReasonRows]:
    """The report's columns for the claim ``rows`` (positions in the cells), and the per-row texts the
    reasons are made of."""
    t, d, names = timeline.cells, timeline.typed, timeline.names
    cell = {c: t[c].to_numpy(dtype=object) for c in ("id", "date", "subject", "facts", "speaker", "title", "verdict",
                                                      "deadline", "lang", "type")}
    out: dict[str, Any] = {c: t[c].to_numpy(dtype=object)[rows] for c in _TEXT}
    out["phrase"] = cell["deadline"][rows]
    out["deadline"] = _datetimes(goal[rows])
    out["vague"] = d["vague"].to_numpy(dtype=bool)[rows]
    out["event_id"] = _take(cell["id"], event_rows, None)
    out["event_date"] = _datetimes(_take(d["latest"].to_numpy(), event_rows, NO_DAY).astype(np.int64))
    out["ruling_id"] = _take(cell["id"], ruling_rows, None)
    is_prediction = cell["type"][rows] == "prediction"
    about = np.where(is_prediction, d["exp_subject"].to_numpy(dtype=object)[rows], cell["subject"][rows])
    said = ReasonRows(
        type=cell["type"][rows], kind=d["exp_kind"].to_numpy(dtype=object)[rows], subject=_display(names, about),
        conditions=cell["facts"][rows], phrase=out["phrase"], lang=cell["lang"][rows], date=cell["date"][rows],
        deadline=iso_days(goal[rows]), soft=soft[rows], vague=out["vague"],
        negated=d["exp_negated"].to_numpy(dtype=bool)[rows],
        event_id=_take(cell["id"], event_rows), event_subject=_display(names, _take(cell["subject"], event_rows)),
        event_date=_take(cell["date"], event_rows), event_facts=_take(cell["facts"], event_rows),
        ruling_id=_take(cell["id"], ruling_rows), verdict=_take(cell["verdict"], ruling_rows),
        ruling_date=_take(cell["date"], ruling_rows), ruling_by=_take(cell["speaker"], ruling_rows),
        ruling_title=_take(cell["title"], ruling_rows), margin=margin, bad_key=bad_key,
    )
    return out, said


def _text(values: np.ndarray) -> Any:
    """An object array of str (None where missing) as pandas' ``str`` dtype: built by Arrow directly,
    twice as fast as ``pd.array(values, dtype="str")`` and the same array (large_string storage)."""
    if not _ARROW_STR:
        return pd.array(values, dtype="str")
    import pyarrow as pa

    return pd.array(pa.array(values, type=pa.large_string(), from_pandas=True), dtype="str")


#: pandas' ``str`` dtype is Arrow-backed (pandas 3 with pyarrow): the fast path of :func:`_text` applies.
_ARROW_STR = getattr(pd.api.types.pandas_dtype("str"), "storage", None) == "pyarrow"


def frame(cols: dict[str, Any], auto: np.ndarray, final: np.ndarray, margin: np.ndarray) -> pd.DataFrame:
    """The report DataFrame, columns in :data:`COLUMNS` order."""
    no_margin = margin == NO_DAY
    data = {
        **{c: _text(cols[c]) for c in _TEXT},
        "phrase": _text(cols["phrase"]), "deadline": cols["deadline"],
        "vague": pd.array(cols["vague"], dtype=bool),
        # the codes are positions in STATUSES, the dtype's categories: no strings to hash
        "status": pd.Categorical.from_codes(np.asarray(final, dtype=np.int8), dtype=status_dtype()),
        "auto_status": pd.Categorical.from_codes(np.asarray(auto, dtype=np.int8), dtype=status_dtype()),
        "ruling_id": _text(cols["ruling_id"]), "event_id": _text(cols["event_id"]), "event_date": cols["event_date"],
        "margin_days": pd.arrays.IntegerArray(np.where(no_margin, 0, margin).astype(np.int64), no_margin),
        "reason": _text(cols["reason"]),
    }
    return pd.DataFrame({c: data[c] for c in COLUMNS})


def invalid_frame(cells: pd.DataFrame, reasons: Sequence[str]) -> pd.DataFrame:
    """Report rows for the records kept with problems (not events or subject records): ``invalid``.

    ``cells`` are those records' cells as far as they could be read (:attr:`Timeline.invalid`),
    ``reasons`` the reason of each.
    """
    keep = ~np.isin(cells["type"].to_numpy(dtype=object), ("event", "subject"))
    n = int(keep.sum())
    none = np.full(n, NO_DAY, dtype=np.int64)
    cols: dict[str, Any] = {c: cells[c].to_numpy(dtype=object)[keep] for c in _TEXT}
    cols.update(phrase=cells["deadline"].to_numpy(dtype=object)[keep], deadline=_datetimes(none), vague=np.zeros(n, bool),
                ruling_id=np.full(n, None, dtype=object), event_id=np.full(n, None, dtype=object),
                event_date=_datetimes(none), reason=np.array(reasons, dtype=object)[keep])
    invalid = np.full(n, STATUSES.index("invalid"), dtype=np.int8)
    return frame(cols, invalid, invalid, none)
