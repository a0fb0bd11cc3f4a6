"""Check claims against the events known on a given day.

One engine, over columns: predictions are matched to their settling event by a
sorted search (``numpy.searchsorted``) per kind and subject, statements to the
facts of events about their subject by a join, so checking costs what sorting
the data costs, not the square of it.

The rules (``DESIGN.md``):

* a record is *known* as of D when its latest possible day is on or before D;
* a prediction's deadline is read from the latest day it may have been said;
* its settling event is the earliest known event (by earliest day, latest day,
  id) of the expected kind and subject that is not certainly before the claim;
* with that event's dates [earliest, latest]: ``fulfilled`` when latest <=
  deadline, ``late`` when earliest > deadline, else ``undetermined``;
  ``margin_days`` = deadline - latest (fulfilled) or deadline - earliest (late);
* no event: ``missed`` once the deadline has passed (D > deadline), else ``pending``;
* a negated prediction is ``contradicted`` by a matching event certainly on or
  before its deadline (any date without one), ``undetermined`` when one straddles
  it, ``fulfilled`` once the deadline has passed without one, else ``pending``;
* a statement is compared with the facts of every known event about its subject:
  ``confirmed`` when every shared key agrees (numbers within 1 %, text ignoring
  case), ``contradicted`` when one disagrees, ``unverified`` when no key is shared;
  its ``event_id`` is the earliest event with a value that agrees (confirmed), or
  with a value that disagrees on a disagreeing key (contradicted).

``tests/test_benchmarks.py`` checks the engine against a loop written from these
rules, claim by claim, on generated timelines; ``benchmarks/run.py`` times it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._statements import check_statements
from .dates import EPOCH, NO_DAY, day_number, parse_date
from .exceptions import Error
from .report import Report
from .status import CODE, STATUSES, Status

if TYPE_CHECKING:
    from .timeline import Timeline

__all__ = ["CHECK_COLUMNS", "STATUSES", "Report", "Status", "as_of_day", "check"]

CHECK_COLUMNS: tuple[str, ...] = (
    "id", "date", "type", "speaker", "actor", "title", "expects", "deadline", "status",
    "event_id", "event_date", "margin_days", "source", "url",
)
_OFFSET = 800_000  # days before 1970-01-01 down to year 1, so keys stay non-negative
_SPAN = 1 << 22  # more days than years 1..9999 hold


def as_of_day(as_of: Any) -> int:
    """The checking day as days since 1970-01-01 (today when ``as_of`` is None).

    A date with less than day precision ("2024-04") means its last day.
    """
    if as_of is None:
        day = dt.date.today()
    else:
        try:
            day = parse_date(as_of).latest
        except Error as exc:
            raise type(exc)(as_of, f"as_of: {exc.reason}") from None  # type: ignore[call-arg, attr-defined]
    return day_number(day)


def _settle(group_e: np.ndarray, latest_e: np.ndarray, group_c: np.ndarray, from_day: np.ndarray) -> np.ndarray:
    """For each claim, the position (in the event arrays) of its settling event, or -1.

    The events must come in date order (earliest day, latest day, id).  The
    settling event is the first event of the claim's group, in that order, whose
    latest day is on or after ``from_day``.  A stable sort by group keeps the date
    order within each group; there the running maximum of the latest day is
    non-decreasing and first reaches ``from_day`` exactly at that event, so one
    sorted search finds it.  Groups are kept apart by adding ``group * _SPAN``,
    which also lets one running maximum over the whole array serve every group.
    """
    result = np.full(group_c.shape, -1, dtype=np.int64)
    if group_e.size == 0 or group_c.size == 0:
        return result
    order = np.argsort(group_e, kind="stable")
    g = group_e[order]
    keys = np.maximum.accumulate(g * _SPAN + (latest_e[order] + _OFFSET))
    wanted = group_c * _SPAN + (from_day + _OFFSET)
    at = np.searchsorted(keys, wanted, side="left")
    inside = at < keys.size
    hit = np.zeros(group_c.shape, dtype=bool)
    hit[inside] = g[at[inside]] == group_c[inside]
    result[hit] = order[at[hit]]
    return result


# verdicts as small integers while computing: their index in STATUSES
_FULFILLED, _LATE, _MISSED, _PENDING = CODE["fulfilled"], CODE["late"], CODE["missed"], CODE["pending"]
_UNDETERMINED, _CONTRADICTED = CODE["undetermined"], CODE["contradicted"]


def _predictions(group_e: np.ndarray, earliest_e: np.ndarray, latest_e: np.ndarray, group_p: np.ndarray,
                 said_p: np.ndarray, deadline: np.ndarray, negated: np.ndarray,
                 today: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Status code, settling event position (or -1) and margin (or NO_DAY) of each prediction.

    ``said_p`` is the earliest day each prediction may have been made; the events
    come in date order.
    """
    n = group_p.size
    found = _settle(group_e, latest_e, group_p, said_p)
    has_deadline = deadline != NO_DAY
    has_event = found >= 0
    at = np.maximum(found, 0)
    e_first = np.where(has_event, earliest_e[at], 0) if earliest_e.size else np.zeros(n, np.int64)
    e_last = np.where(has_event, latest_e[at], 0) if latest_e.size else np.zeros(n, np.int64)
    on_time = has_event & (~has_deadline | (e_last <= deadline))
    after = has_event & has_deadline & (e_first > deadline)
    straddles = has_event & ~on_time & ~after
    passed = has_deadline & (today > deadline)

    status = np.full(n, _PENDING, dtype=np.int8)
    margin = np.full(n, NO_DAY, dtype=np.int64)
    pos = ~negated
    status[pos & on_time] = _FULFILLED
    status[pos & after] = _LATE
    status[pos & straddles] = _UNDETERMINED
    status[pos & ~has_event & passed] = _MISSED
    early = pos & on_time & has_deadline
    margin[early] = (deadline - e_last)[early]
    late = pos & after
    margin[late] = (deadline - e_first)[late]

    status[negated & on_time] = _CONTRADICTED
    status[negated & straddles] = _UNDETERMINED
    status[negated & (after | ~has_event) & passed] = _FULFILLED
    # the settling event of a negated prediction is the one that contradicts it
    found[negated & ~(on_time | straddles)] = -1
    return status, found, margin


def _text_day(days: np.ndarray) -> np.ndarray:
    return (np.datetime64("1970-01-01", "D") + days.astype("timedelta64[D]")).astype("datetime64[s]")


def check(timeline: Timeline, as_of: Any = None) -> Report:
    """Check every claim known ``as_of`` against the events known then.

    Parameters
    ----------
    timeline:
        The records.
    as_of:
        The checking day (a date text, ``datetime.date`` or When; default today).
        Only records whose latest possible day is on or before it are known:
        nothing from the future leaks into a past verdict.

    Returns
    -------
    Report
        A DataFrame, one row per known claim, in date order, with the columns
        ``id, date, type, speaker, actor, title, expects, deadline, status,
        event_id, event_date, margin_days, source, url``.  ``deadline`` is the
        last day of the window (NaT when open); ``margin_days`` is the deadline
        minus the settling event's date: positive means early.  The checking day
        is in ``frame.attrs["as_of"]``.

    >>> import llmtimeline as lt
    >>> r = lt.load().check(as_of="2024-05-01").set_index("id")
    >>> row = r.loc["clegg-llama3-within-a-month"]
    >>> row.status, row.event_id, int(row.margin_days)
    ('fulfilled', 'llama-3-release', 21)
    """
    today = as_of_day(as_of)
    t, d = timeline.cells, timeline.typed
    earliest, latest = d["earliest"].to_numpy(), d["latest"].to_numpy()
    order = timeline.order
    order = order[latest[order] <= today]  # known records, in date order
    types = t["type"].to_numpy(dtype=object)  # compared in file order, where the texts sit in memory
    is_event, is_prediction = (types == "event")[order], (types == "prediction")[order]
    ev_pos = order[is_event]
    pr_pos = order[is_prediction]
    claims = order[~is_event]  # predictions and statements in date order: the rows of the report
    st_pos = order[~is_event & ~is_prediction]

    subject, kind = d["subject_code"].to_numpy(), d["kind_code"].to_numpy()  # one numbering, made when read
    subject_e, subject_p, subject_s = subject[ev_pos], subject[pr_pos], subject[st_pos]
    kind_e, kind_p = kind[ev_pos], kind[pr_pos]
    n_subjects = int(max(subject_e.max(initial=-1), subject_p.max(initial=-1))) + 1
    earliest_e, latest_e = earliest[ev_pos], latest[ev_pos]
    p_status, p_event, p_margin = _predictions(
        kind_e * n_subjects + subject_e, earliest_e, latest_e, kind_p * n_subjects + subject_p,
        earliest[pr_pos], d["deadline"].to_numpy()[pr_pos], d["exp_negated"].to_numpy()[pr_pos], today,
    )
    facts = t["facts"].to_numpy(dtype=object)
    s_status, s_event = check_statements(subject_e, facts[ev_pos], subject_s, facts[st_pos])

    # predictions and statements back in date order
    rows = claims
    is_p = is_prediction[~is_event]
    status = np.empty(rows.size, dtype=np.int8)
    status[is_p], status[~is_p] = p_status, s_status
    event = np.empty(rows.size, dtype=np.int64)
    event[is_p], event[~is_p] = p_event, s_event
    margin = np.full(rows.size, NO_DAY, dtype=np.int64)
    margin[is_p] = p_margin

    has_event = event >= 0
    event_rows = ev_pos[np.maximum(event, 0)] if ev_pos.size else np.zeros(event.size, dtype=np.int64)
    deadline_days = d["deadline"].to_numpy()[rows]
    no_deadline = deadline_days == NO_DAY
    deadline = _text_day(np.where(no_deadline, 0, deadline_days))
    deadline[no_deadline] = np.datetime64("NaT")
    no_margin = margin == NO_DAY

    def text(name: str, at: np.ndarray = rows, where: np.ndarray | None = None) -> pd.arrays.StringArray:
        values = t[name].to_numpy(dtype=object)[at]
        if where is not None:
            values[~where] = None
        return pd.array(values, dtype="str", copy=False)

    frame = pd.DataFrame({
        "id": text("id"), "date": text("date"), "type": text("type"), "speaker": text("speaker"),
        "actor": text("actor"), "title": text("title"), "expects": text("expects"),
        "deadline": pd.array(deadline, dtype="datetime64[s]"),
        "status": pd.array(np.asarray(STATUSES, dtype=object)[status], dtype="str"),
        "event_id": text("id", event_rows, has_event), "event_date": text("date", event_rows, has_event),
        "margin_days": pd.arrays.IntegerArray(np.where(no_margin, 0, margin), no_margin),
        "source": text("source"), "url": text("url"),
    })
    frame.attrs["as_of"] = (EPOCH + dt.timedelta(days=today)).isoformat()
    return Report(frame)

