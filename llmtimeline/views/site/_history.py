"""The dated history of every claim's verdict, for the site, at a bounded cost.

:meth:`Timeline.history` checks one claim against every event on each day its
verdict may change; for a whole site that is a full check per claim per day.
Here each claim is checked, on the days its verdict may change, against only
the records that can change it, which is what the engine's rules read (DESIGN.md,
"Checking rules"):

* a prediction: the events of its expected kind about its subject, an alias or a
  member of its family (the settling event is among them), with the subject records;
* a statement: the events about its subject or an alias;
* either: the rulings on it.

The days are the day it is known, each day one of those records becomes known,
and the day after its deadline or soft horizon, up to the site's as-of day.  The
rows are those of :meth:`Timeline.history` (the tests compare them claim by claim).

The work is bounded: the :data:`HISTORY_LIMIT` claims whose verdict may have
changed most recently (by the day said, the day the settling event or the latest
ruling became known, the day after the deadline) get a history, so the feed
holds the latest changes; a site of more claims says, on the other claims' pages,
that theirs was not computed (``tl.history(id)`` gives it).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

import llmtimeline as lt

from ...trusted import records_from_columns

if TYPE_CHECKING:
    from llmtimeline import Timeline

__all__ = ["HISTORY_COLUMNS", "HISTORY_LIMIT", "histories"]

#: How many claims' histories a site computes: those whose verdict may have changed most recently.
HISTORY_LIMIT = 200
#: The columns of a history, as :meth:`Timeline.history` gives them.
HISTORY_COLUMNS: tuple[str, ...] = ("as_of", "status", "auto_status", "ruling_id", "event_id", "reason")
_EPOCH = dt.date(1970, 1, 1)
_NO_DAY = -(2**62)  # below any day: a deadline that is not there


def _iso(day: int) -> str:
    return (_EPOCH + dt.timedelta(days=int(day))).isoformat()


def histories(timeline: Timeline, report: pd.DataFrame, *, limit: int = HISTORY_LIMIT) -> dict[str, pd.DataFrame]:
    """The history of the ``limit`` claims of ``report`` (made by ``timeline.check``) whose verdict may have
    changed most recently, by claim id.

    Each is a DataFrame of :data:`HISTORY_COLUMNS`, one row per change of verdict up to
    the report's as-of day, oldest first.
    """
    cells, typed = timeline.cells, timeline.typed
    as_of = (dt.date.fromisoformat(str(report.attrs["as_of"])) - _EPOCH).days
    ids = cells["id"].to_numpy(dtype=object)
    types = cells["type"].to_numpy(dtype=object)
    latest = typed["latest"].to_numpy()
    position = {rid: i for i, rid in enumerate(ids.tolist())}
    names = timeline.names
    events = np.flatnonzero(types == "event")
    event_subject = names.canonical_column(cells["subject"].to_numpy(dtype=object)[events])
    event_kind = cells["kind"].to_numpy(dtype=object)[events]
    subjects = np.flatnonzero(types == "subject")
    rulings = np.flatnonzero(types == "ruling")
    ruled = cells["claim"].to_numpy(dtype=object)[rulings] if "claim" in cells.columns else np.zeros(0, dtype=object)
    members: dict[str, set[str]] = {}

    checked = report["status"].astype(str) != "invalid"  # a record kept with problems has no history
    claim_rows = np.array([position[rid] for rid in report["id"][checked.to_numpy()].tolist() if rid in position],
                          dtype=np.int64)
    plans: list[tuple[int, np.ndarray, list[int]]] = []
    for row in claim_rows.tolist():  # what can change each verdict, and when: cheap, for every claim
        if types[row] == "prediction":
            expected = str(typed["exp_subject"].iat[row])
            wanted = members.setdefault(expected, set(names.members(expected)))
            near = (event_kind == typed["exp_kind"].iat[row]) & np.isin(event_subject, list(wanted))
        else:
            near = event_subject == names.canonical(str(cells["subject"].iat[row]))
        mine = rulings[ruled == ids[row]]
        said = int(latest[row])
        days = {said}
        days.update(int(x) for x in latest[np.concatenate((events[near], mine))] if said <= x <= as_of)
        for column in ("deadline", "horizon"):
            day = int(typed[column].iat[row]) if column in typed.columns else _NO_DAY
            if said <= day + 1 <= as_of:
                days.add(day + 1)
        plans.append((row, np.concatenate(([row], events[near], mine, subjects)), sorted(d for d in days if d <= as_of)))
    # the claims whose verdict may have changed most recently (then the newest said, then by id)
    plans.sort(key=lambda p: (-p[2][-1] if p[2] else 0, -int(latest[p[0]]), str(ids[p[0]])))
    return {str(ids[row]): _changes(timeline, rows, str(ids[row]), days) for row, rows, days in plans[:limit]}


def _changes(timeline: Timeline, rows: np.ndarray, claim_id: str, days: list[int]) -> pd.DataFrame:
    """The claim checked with the records at ``rows`` on each of ``days``: a row per change."""
    small = lt.Timeline(records_from_columns(timeline.cells, rows))  # at column speed: the cells are validated
    found: list[dict[str, object]] = []
    last: tuple[object, ...] | None = None
    for day in days:
        report = small.check(as_of=_iso(day))
        r = report[report["id"] == claim_id].iloc[0]
        state = (r["status"], r["auto_status"], r["ruling_id"], r["event_id"])
        if state != last:
            found.append({"as_of": pd.Timestamp(_iso(day)), "status": r["status"], "auto_status": r["auto_status"],
                          "ruling_id": r["ruling_id"], "event_id": r["event_id"], "reason": r["reason"]})
            last = state
    result = pd.DataFrame(found, columns=list(HISTORY_COLUMNS))
    result["as_of"] = result["as_of"].astype("datetime64[s]")
    return result
