"""The track record: how each actor or speaker fared, from the check report.

>>> import llmtimeline as lt
>>> record = lt.load().track_record(by="actor", as_of="2024-05-01")
>>> "on_time_rate" in record.columns
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from .check import check
from .exceptions import Error
from .status import STATUSES

if TYPE_CHECKING:
    from .timeline import Timeline

__all__ = ["track_record"]


def track_record(timeline: Timeline, by: str = "actor", as_of: Any = None) -> pd.DataFrame:
    """How each actor (or speaker) fared: counts per status, on-time rate, median margin.

    ``on_time_rate`` = fulfilled / (fulfilled + late + missed), over predictions
    whose outcome is known (NaN when none is); ``median_margin_days`` is taken
    over fulfilled and late predictions with a deadline.  Claims without an actor
    (or speaker) are counted under ``"(none)"``.  Rows are sorted by the number
    of claims, most first.

    >>> import llmtimeline as lt
    >>> record = lt.load().track_record(by="speaker", as_of="2024-05-01")
    >>> print(record.loc["Nick Clegg", ["fulfilled", "pending", "on_time_rate"]].tolist())
    [2.0, 0.0, 1.0]
    """
    if by not in ("actor", "speaker"):
        raise Error(f"by must be 'actor' or 'speaker', got {by!r}")
    report = check(timeline, as_of=as_of)
    key = report[by].where(report[by] != "", "(none)")
    counts = pd.crosstab(key, report["status"]).reindex(columns=list(STATUSES), fill_value=0)
    counts.columns.name = None
    counts.index.name = by
    counts["total"] = counts[list(STATUSES)].sum(axis=1)
    is_pred = report["type"] == "prediction"
    outcome = report[is_pred]["status"]
    known = outcome.isin(["fulfilled", "late", "missed"])
    on_time = (outcome == "fulfilled")[known].groupby(key[is_pred][known]).mean()
    counts["on_time_rate"] = on_time.reindex(counts.index).astype(float)
    with_margin = report[is_pred & report["status"].isin(["fulfilled", "late"])]
    median = with_margin["margin_days"].astype("Float64").groupby(key[with_margin.index]).median()
    counts["median_margin_days"] = median.reindex(counts.index).astype(float)
    counts = counts.sort_values(["total"], ascending=False, kind="stable")
    return counts
