"""A claim's history: its verdict over time, one row per day it changed.

>>> import llmtimeline as lt
>>> h = lt.load().history("zuckerberg-350k-h100-by-end-of-2024")
>>> h[["status", "auto_status", "ruling_id"]].astype(str).values.tolist()[-1]
['undetermined', 'missed', 'ruling-zuckerberg-350k-h100']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..dates import EPOCH, NO_DAY, day_text
from ..exceptions import UnknownRecordError
from ..names import normalise
from ..trusted import records_from_columns
from .engine import check
from .report import status_dtype

if TYPE_CHECKING:
    from ..table import Table

__all__ = ["history"]


def _change_days(timeline: Table, row: int) -> list[int]:
    """The days on which the verdict of the claim at ``row`` may change: the day it is known, each
    day a relevant event or ruling becomes known, and the day after its deadline or horizon."""
    t, d = timeline.cells, timeline.typed
    latest = d["latest"].to_numpy()
    types = t["type"].to_numpy(dtype=object)
    relevant = (types == "ruling") & (t["claim"].to_numpy(dtype=object) == t["id"].iat[row])
    if types[row] == "prediction":
        relevant |= (types == "event") & (t["kind"].to_numpy(dtype=object) == d["exp_kind"].iat[row])
    else:
        relevant |= types == "event"
    said = int(latest[row])
    days = {said, *(int(x) for x in latest[relevant] if x >= said)}
    for column in ("deadline", "horizon"):
        day = int(d[column].iat[row])
        if day != NO_DAY and day >= said:
            days.add(day + 1)
    return sorted(days)


def history(timeline: Table, claim_id: str) -> pd.DataFrame:
    """The claim's verdict over time: one row per day it changed.

    ``timeline`` is the Timeline (:meth:`llmtimeline.Timeline.history` passes
    itself); the claim is checked on a smaller one of the same class.

    Columns ``as_of`` (datetime64, the first day of the verdict), ``status``,
    ``auto_status``, ``ruling_id``, ``event_id`` (text, NaN where none, as in the report), ``reason``: the automatic status and
    the rulings as known on each day.  The claim is checked with the records that
    can change its verdict (its rulings, the events of its kind, the subject records).
    """
    positions = np.flatnonzero(timeline.cells["id"].to_numpy(dtype=object) == claim_id)
    types = timeline.cells["type"].to_numpy(dtype=object)
    if positions.size == 0 or types[positions[0]] not in ("prediction", "statement"):
        raise UnknownRecordError(f"no claim has the id {claim_id!r}")
    row = int(positions[0])
    t = timeline.cells
    keep = (types == "subject") | ((types == "ruling") & (t["claim"].to_numpy(dtype=object) == claim_id))
    keep |= types == "event"
    if types[row] == "statement":
        keep &= (types != "event") | (timeline.names.canonical_column(t["subject"].to_numpy(dtype=object))
                                      == timeline.names.canonical(normalise(t["subject"].iat[row])))
    keep[row] = True
    facade: Any = type(timeline)  # the Timeline it was given: the engine never imports the facade
    small: Table = facade(records_from_columns(t, np.flatnonzero(keep)))
    out: list[dict[str, object]] = []
    last: tuple[object, ...] | None = None
    for day in _change_days(timeline, row):
        r = check(small, as_of=day_text(day)).set_index("id").loc[claim_id]
        state = (r["status"], r["auto_status"], r["ruling_id"], r["event_id"])
        if state != last:
            out.append({"as_of": pd.Timestamp(EPOCH) + pd.Timedelta(days=day), "status": r["status"],
                        "auto_status": r["auto_status"], "ruling_id": r["ruling_id"], "event_id": r["event_id"],
                        "reason": r["reason"]})
            last = state
    result = pd.DataFrame(out, columns=["as_of", "status", "auto_status", "ruling_id", "event_id", "reason"])
    for c in ("status", "auto_status"):
        result[c] = result[c].astype(status_dtype())
    for c in ("ruling_id", "event_id"):  # text, as in the report, even when every value is missing
        result[c] = result[c].astype("str")
    result["as_of"] = result["as_of"].astype("datetime64[s]")
    return result
