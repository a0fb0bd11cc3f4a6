"""The track record: how each actor or speaker fared, from the check report.

Predictions and statements are counted in separate columns, under names that
say which is which (:data:`COLUMNS`):

- ``predictions`` and, per outcome, ``fulfilled``, ``partly``, ``late``,
  ``missed``, ``predictions_contradicted`` (a negated prediction the event
  contradicted), ``undetermined``, ``pending``;
- ``statements`` and ``confirmed``, ``statements_partly``,
  ``statements_contradicted``, ``statements_undetermined``, ``unverified``;
- ``invalid``: claims kept with problems (``errors="keep"``), either type;
- ``on_time_rate`` = fulfilled / (fulfilled + late + missed +
  predictions_contradicted), over predictions whose outcome is known (NaN when
  none is); ``partly`` counts on neither side;
- ``median_margin_days``: the median margin of fulfilled and late predictions
  with a hard deadline (a soft horizon gives no margin).

Claims that name no speaker (``by="speaker"``) or no actor are not anyone's
record: they are left out, and ``record.attrs["unattributed"]`` says how many
were (``record.attrs["note"]`` in words).  Every claim has an actor or a
speaker, so ``by="actor"`` and ``by="speaker"`` together cover them all.

>>> import llmtimeline as lt
>>> record = lt.load().track_record(by="actor", as_of="2024-05-01")
>>> record.loc["Meta", ["fulfilled", "predictions_contradicted", "on_time_rate"]].tolist()
[4.0, 1.0, 0.8]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..dates import EPOCH
from ..exceptions import ArgumentError, Error
from ..status import TABLE, statuses_of
from .engine import as_of_day, check

if TYPE_CHECKING:
    from ..table import Table

__all__ = ["COLUMNS", "record_of", "track_record"]

# each status's column, per claim type (llmtimeline.status.TABLE), in the order the columns are listed
_PREDICTION = {s: TABLE[s].record_column["prediction"] for s in statuses_of("prediction")}
_STATEMENT = {s: TABLE[s].record_column["statement"] for s in ("confirmed", "partly", "contradicted", "undetermined",
                                                                  "unverified")}
#: The columns of a track record, in order.
COLUMNS: tuple[str, ...] = ("predictions", *_PREDICTION.values(), "statements", *_STATEMENT.values(), "invalid",
                            "on_time_rate", "median_margin_days")


def record_of(report: pd.DataFrame, by: str = "actor") -> pd.DataFrame:
    """The track record of a report already made by :meth:`Timeline.check` (no second check).

    >>> import llmtimeline as lt
    >>> from llmtimeline.check.track_record import record_of
    >>> tl = lt.load()
    >>> record_of(tl.check(as_of="2024-05-01")).equals(tl.track_record(as_of="2024-05-01"))
    True
    """
    if by not in ("actor", "speaker"):
        raise ArgumentError(f"Could not interpret value {by!r} for 'by': expected 'actor' or 'speaker'")
    return _record(report, by)


def _counts(key: np.ndarray, column: np.ndarray) -> pd.DataFrame:
    """How many rows of each key fall in each count column (one ``bincount``: ``pd.crosstab`` of the two,
    ten times faster).  Rows without a column are not counted; keys sorted, as crosstab sorts them."""
    names = list(COLUMNS[:-2])
    col = pd.Index(names).get_indexer(column)
    counted = col >= 0
    codes, keys = pd.factorize(key[counted], sort=True)
    table = np.bincount(codes * len(names) + col[counted], minlength=len(keys) * len(names))
    return pd.DataFrame(table.reshape(len(keys), len(names)), index=pd.Index(keys), columns=names)


def _record(report: pd.DataFrame, by: str) -> pd.DataFrame:
    # whole columns as arrays: no filtered copy of the report
    key = report[by].to_numpy(dtype=object, na_value="")
    named = key != ""
    key = key[named]
    status = pd.Series(report["status"].to_numpy(dtype=object)[named])
    is_pred = report["type"].to_numpy(dtype=object)[named] == "prediction"
    is_invalid = (status == "invalid").to_numpy()
    column = np.where(is_invalid, "invalid", np.where(is_pred, status.map(_PREDICTION), status.map(_STATEMENT)))
    counts = _counts(key, column)
    counts["predictions"] = counts[list(_PREDICTION.values())].sum(axis=1)
    counts["statements"] = counts[list(_STATEMENT.values())].sum(axis=1)
    known = counts[["fulfilled", "late", "missed", "predictions_contradicted"]].sum(axis=1)
    counts["on_time_rate"] = (counts["fulfilled"] / known.where(known > 0)).astype(float)
    margin_days = report["margin_days"].to_numpy(dtype=float, na_value=np.nan)[named]
    margin = is_pred & status.isin(["fulfilled", "late"]).to_numpy() & ~np.isnan(margin_days)
    median = pd.Series(margin_days[margin]).groupby(key[margin]).median()
    counts["median_margin_days"] = median.reindex(counts.index).astype(float)
    counts = counts[list(COLUMNS)].astype({c: "int64" for c in COLUMNS[:-2]} | {c: "float64" for c in COLUMNS[-2:]})
    counts.columns.name = None
    counts.index.name = by
    counts = counts.sort_values(["predictions", "statements"], ascending=False, kind="stable")
    left_out = int((~named).sum())
    counts.attrs["unattributed"] = left_out
    counts.attrs["note"] = (f"{left_out} claim{'s' if left_out != 1 else ''} without a {by} "
                            f"{'are' if left_out != 1 else 'is'} not counted" if left_out else "")
    return counts


def track_record(timeline: Table, by: str = "actor", as_of: Any = None, freq: str | None = None) -> pd.DataFrame:
    """How each actor (or speaker) fared: counts per outcome, on-time rate, median margin.

    Rows are sorted by the number of predictions, then statements, most first;
    the columns are :data:`COLUMNS`: counts are integers (``int64``), ``on_time_rate``
    and ``median_margin_days`` floats (NaN where nothing is known).

    With ``freq`` (a pandas frequency such as ``"YE"`` for each year's end, or
    ``"QE"``), the record is taken as known at the end of each period, from the
    first claim's period to the last period ending on or before ``as_of``
    (default today), by the as-of rule: the result has one row per period end
    and actor, indexed by ``(as_of, by)``.

    >>> import llmtimeline as lt
    >>> record = lt.load().track_record(by="speaker", as_of="2024-05-01")
    >>> record.loc["Nick Clegg", ["fulfilled", "pending"]].tolist(), float(record.loc["Nick Clegg", "on_time_rate"])
    ([2, 0], 1.0)
    >>> yearly = lt.load().track_record(by="actor", freq="YE", as_of="2025-06-30")
    >>> [float(yearly.loc[(day, "Meta"), "on_time_rate"]) for day in ("2023-12-31", "2024-12-31")]
    [0.0, 0.8]
    """
    if by not in ("actor", "speaker"):
        raise Error(f"by must be 'actor' or 'speaker', got {by!r}")
    if freq is None:
        return _record(check(timeline, as_of=as_of), by)
    end = pd.Timestamp(EPOCH) + pd.Timedelta(days=as_of_day(as_of))
    claims = timeline.cells["type"].isin(["prediction", "statement"]).to_numpy()
    first = timeline.typed["latest"].to_numpy()[claims]
    if first.size == 0:
        return _record(check(timeline, as_of=as_of), by).iloc[:0]
    start = pd.Timestamp(EPOCH) + pd.Timedelta(days=int(first.min()))
    try:
        days = pd.date_range(start, end, freq=freq, normalize=True)
    except ValueError as exc:
        raise Error(f"freq: {exc}") from None
    parts = {day: _record(check(timeline, as_of=day.date()), by) for day in days}
    if not parts:
        return _record(check(timeline, as_of=as_of), by).iloc[:0]
    out = pd.concat(parts, names=["as_of", by])
    out.attrs = {}
    return out
