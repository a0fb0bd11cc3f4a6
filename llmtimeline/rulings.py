"""Rulings: an editor's verdict on a claim, with its reasoning, as of a day.

A ruling (``type=ruling``) names the claim it rules on (``claim``), its verdict
(``verdict``: a status, or ``partly`` for a promise partly kept, PolitiFact's
"Compromise"), who ruled (``speaker``) and why (``title``).  As of a day D, the
latest ruling known (by date, ties by id) replaces the claim's automatic status;
the report keeps the automatic one beside it (``auto_status``, ``ruling_id``).
:func:`history` shows how a claim's verdict moved over time.

>>> import llmtimeline as lt
>>> h = lt.load().history("zuckerberg-350k-h100-by-end-of-2024")
>>> h[["status", "auto_status", "ruling_id"]].astype(str).values.tolist()[-1]
['undetermined', 'missed', 'ruling-zuckerberg-350k-h100']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._frame import STATUS_DTYPE
from ._records import records_from_columns
from .dates import EPOCH, NO_DAY
from .exceptions import UnknownRecordError
from .names import normalise

if TYPE_CHECKING:
    from .timeline import Timeline

__all__ = ["history", "latest_rulings"]


def latest_rulings(claim_ids: np.ndarray, ruled: np.ndarray) -> np.ndarray:
    """For each claim, the index (into ``ruled``) of its latest ruling, or -1.

    ``ruled`` is the claim id of each known ruling, in date order (earliest day,
    latest day, id): the last one of a claim is its latest, ties going to the
    greater id.
    """
    out = np.full(claim_ids.size, -1, dtype=np.int64)
    if ruled.size == 0 or claim_ids.size == 0:
        return out
    at = pd.Index(claim_ids).get_indexer(ruled)
    hit = at >= 0
    np.maximum.at(out, at[hit], np.flatnonzero(hit))
    return out


def _change_days(timeline: Timeline, row: int) -> list[int]:
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


def history(timeline: Timeline, claim_id: str) -> pd.DataFrame:
    """The claim's verdict over time: one row per day it changed.

    Columns ``as_of`` (datetime64, the first day of the verdict), ``status``,
    ``auto_status``, ``ruling_id``, ``event_id``, ``reason``: the automatic status and
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
    from .timeline import Timeline as _Timeline  # the facade, imported where it is used

    small = _Timeline(records_from_columns(t, np.flatnonzero(keep)))
    out: list[dict[str, object]] = []
    last: tuple[object, ...] | None = None
    for day in _change_days(timeline, row):
        r = small.check(as_of=(EPOCH + pd.Timedelta(days=day).to_pytimedelta()).isoformat()).set_index("id").loc[claim_id]
        state = (r["status"], r["auto_status"], r["ruling_id"], r["event_id"])
        if state != last:
            out.append({"as_of": pd.Timestamp(EPOCH) + pd.Timedelta(days=day), "status": r["status"],
                        "auto_status": r["auto_status"], "ruling_id": r["ruling_id"], "event_id": r["event_id"],
                        "reason": r["reason"]})
            last = state
    result = pd.DataFrame(out, columns=["as_of", "status", "auto_status", "ruling_id", "event_id", "reason"])
    for c in ("status", "auto_status"):
        result[c] = result[c].astype(STATUS_DTYPE)
    result["as_of"] = result["as_of"].astype("datetime64[s]")
    return result
