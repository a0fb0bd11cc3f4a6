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

from ._frame import CHECK_COLUMNS, columns, frame, invalid_frame
from ._groups import event_groups
from ._reasons import reasons
from ._statements import check_statements
from .dates import EPOCH, NO_DAY, day_number, parse_date
from .exceptions import Error
from .report import Report
from .rulings import latest_rulings
from .status import CODE, STATUSES, Status

if TYPE_CHECKING:
    from .timeline import Timeline

__all__ = ["CHECK_COLUMNS", "STATUSES", "Report", "Status", "as_of_day", "check"]

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
            raise type(exc)(as_of, f"as_of: {exc.reason}") from None  # type: ignore[attr-defined]
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


def _invalid_reasons(timeline: Timeline) -> list[str]:
    """The reason of each record kept with problems (``errors="keep"``, :attr:`Timeline.invalid`): its problems."""
    problems = timeline.problems
    said: dict[int, list[str]] = {}
    for line, column, reason in zip(problems["line"].tolist(), problems["column"].tolist(), problems["reason"].tolist(),
                                    strict=True):
        said.setdefault(line, []).append(f"{column}: {reason}" if column else str(reason))
    return ["Kept with problems, not checked: " + "; ".join(said.get(line, [])) + "."
            for line in timeline.invalid.index.tolist()]


def check(timeline: Timeline, as_of: Any = None) -> Report:
    """Check every claim known ``as_of`` against the events (and rulings) known then.

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
        A DataFrame, one row per known claim in date order (then the claims kept
        with problems, ``invalid``), with the columns of :data:`CHECK_COLUMNS`:
        ``id, date, type, speaker, actor, title, quote, lang, expects, phrase,
        deadline, vague, status, auto_status, ruling_id, event_id, event_date,
        margin_days, reason, source, url``.  ``status`` (the ruling's verdict when a
        ruling is known, else ``auto_status``) and ``auto_status`` are ordered
        Categoricals over :data:`STATUSES`; ``deadline`` (the last day of the
        window, or of a vague phrase's soft horizon, ``vague`` True) and
        ``event_date`` (the settling event's latest day) are datetime64, NaT when
        none; ``margin_days`` (Int64) is the deadline minus the settling event's
        date, positive when early, empty for a soft horizon.  The checking day is
        in ``frame.attrs["as_of"]``.

    >>> import llmtimeline as lt
    >>> r = lt.load().check(as_of="2024-05-01").set_index("id")
    >>> row = r.loc["clegg-llama3-within-a-month"]
    >>> row.status, row.event_id, int(row.margin_days)
    ('fulfilled', 'llama-3-release', 21)
    >>> print(row.reason)
    Llama 3 was released on 2024-04-18, 21 days before the deadline of 2024-05-09 (« d'ici un mois, voire moins », said 2024-04-09); event llama-3-release.
    """
    today = as_of_day(as_of)
    t, d = timeline.cells, timeline.typed
    earliest, latest = d["earliest"].to_numpy(), d["latest"].to_numpy()
    order = timeline.order
    order = order[latest[order] <= today]  # known records, in date order
    types = t["type"].to_numpy(dtype=object)[order]
    is_event, is_prediction, is_ruling = types == "event", types == "prediction", types == "ruling"
    is_claim = is_prediction | (types == "statement")
    ev_pos, pr_pos = order[is_event], order[is_prediction]
    rows = order[is_claim]  # predictions and statements in date order: the rows of the report
    st_pos = order[is_claim & ~is_prediction]

    subject, kind = d["subject_code"].to_numpy(), d["kind_code"].to_numpy()  # one numbering, made when read
    facts = t["facts"].to_numpy(dtype=object)
    about = np.where(t["type"].to_numpy(dtype=object) == "prediction", d["exp_subject"].to_numpy(dtype=object),
                     t["subject"].to_numpy(dtype=object))
    key_e, event_e, key_p = event_groups(timeline.names, subject, about, kind, ev_pos, pr_pos, facts)
    deadline_all, horizon_all = d["deadline"].to_numpy(), d["horizon"].to_numpy()
    soft_all = (deadline_all == NO_DAY) & (horizon_all != NO_DAY)
    goal_all = np.where(soft_all, horizon_all, deadline_all)  # the day the status is judged by
    p_status, p_event, p_margin = _predictions(
        key_e, earliest[ev_pos][event_e], latest[ev_pos][event_e], key_p,
        earliest[pr_pos], goal_all[pr_pos], d["exp_negated"].to_numpy()[pr_pos], today,
    )
    p_event = np.where(p_event >= 0, event_e[np.maximum(p_event, 0)] if event_e.size else -1, -1)
    p_margin[soft_all[pr_pos]] = NO_DAY  # a soft horizon judges the status, never the margin
    s_status, s_event, s_key = check_statements(subject[ev_pos], facts[ev_pos], subject[st_pos], facts[st_pos])

    # predictions and statements back in date order
    is_p = is_prediction[is_claim]
    status = np.empty(rows.size, dtype=np.int8)
    status[is_p], status[~is_p] = p_status, s_status
    event = np.empty(rows.size, dtype=np.int64)
    event[is_p], event[~is_p] = p_event, s_event
    margin = np.full(rows.size, NO_DAY, dtype=np.int64)
    margin[is_p] = p_margin
    bad_key = np.full(rows.size, "", dtype=object)
    bad_key[~is_p] = s_key
    event_rows = np.where(event >= 0, ev_pos[np.maximum(event, 0)] if ev_pos.size else 0, -1)

    ruled = latest_rulings(t["id"].to_numpy(dtype=object)[rows], t["claim"].to_numpy(dtype=object)[order[is_ruling]])
    ruling_rows = np.where(ruled >= 0, order[is_ruling][np.maximum(ruled, 0)] if is_ruling.any() else 0, -1)
    verdict = t["verdict"].to_numpy(dtype=object)
    final = status.copy()
    has_ruling = ruling_rows >= 0
    final[has_ruling] = [CODE[v] for v in verdict[ruling_rows[has_ruling]]]

    cols = columns(timeline, rows, event_rows, ruling_rows, goal_all, soft_all)
    day = (EPOCH + dt.timedelta(days=today)).isoformat()
    cols["reason"] = reasons({**cols["_r"], "margin": margin, "bad_key": bad_key}, status, day)
    result = frame(cols, status, final, margin)
    if len(timeline.invalid):  # the records kept with problems are not in the cells: reported after the others
        result = pd.concat([result, invalid_frame(timeline.invalid, _invalid_reasons(timeline))], ignore_index=True)
    result.attrs["as_of"] = day
    return Report(result)
