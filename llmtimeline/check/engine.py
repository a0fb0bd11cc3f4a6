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

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .. import dates
from ..dates import NO_DAY, day_number, day_text, parse_date
from ..exceptions import ArgumentError, Error
from ..status import CODE
from .cells import codes, pick, texts
from .columns import columns, frame, invalid_frame
from .groups import event_groups
from .reasons import reasons
from .report import Report
from .rulings import latest_rulings
from .settling import settle_predictions
from .statements import check_statements

if TYPE_CHECKING:
    from ..table import Table

__all__ = ["as_of_day", "check"]

#: The record types, numbered once per check (a type code is its index here).
_TYPES = ("event", "prediction", "statement", "subject", "ruling")
_EVENT, _PREDICTION, _STATEMENT, _SUBJECT, _RULING = range(len(_TYPES))


def _record_types(column: pd.Series) -> np.ndarray:
    """Each record's type code (its index in :data:`_TYPES`; -1 for another), each distinct type read once."""
    found, distinct = codes(column)
    lookup = np.array([_TYPES.index(v) if v in _TYPES else -1 for v in distinct] or [-1], dtype=np.int8)
    types: np.ndarray = lookup[found]
    return types


def as_of_day(as_of: Any) -> int:
    """The checking day as days since 1970-01-01 (today when ``as_of`` is None).

    A date with less than day precision ("2024-04") means its last day.  A day
    after today is refused (:class:`~llmtimeline.ArgumentError`, naming today).
    """
    now = dates.today()
    if as_of is None:
        day = now
    else:
        try:
            day = parse_date(as_of).latest
        except Error as exc:
            raise type(exc)(as_of, f"as_of: {exc.reason}") from None  # type: ignore[attr-defined]
        if day > now:  # a mistyped year would publish "missed" for deadlines that have not come
            raise ArgumentError(f"as_of {str(as_of)!r} ends on {day.isoformat()}, after today ({now.isoformat()}): "
                                "the data cannot speak for days that have not come; give a day up to today")
    return day_number(day)


def _invalid_reasons(timeline: Table) -> list[str]:
    """The reason of each record kept with problems (``errors="keep"``, :attr:`Timeline.invalid`): its problems."""
    problems = timeline.problems
    said: dict[int, list[str]] = {}
    for line, column, reason in zip(problems["line"].tolist(), problems["column"].tolist(), problems["reason"].tolist(),
                                    strict=True):
        said.setdefault(line, []).append(f"{column}: {reason}" if column else str(reason))
    return ["Kept with problems, not checked: " + "; ".join(said.get(line, [])) + "."
            for line in timeline.invalid.index.tolist()]


def check(timeline: Table, as_of: Any = None) -> Report:
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
        with problems, ``invalid``), with the columns of :data:`llmtimeline.check.COLUMNS`:
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
    type_all = _record_types(t["type"])
    types = type_all[order]
    is_event, is_prediction, is_ruling = types == _EVENT, types == _PREDICTION, types == _RULING
    is_claim = is_prediction | (types == _STATEMENT)
    ev_pos, pr_pos = order[is_event], order[is_prediction]
    rows = order[is_claim]  # predictions and statements in date order: the rows of the report
    st_pos = order[is_claim & ~is_prediction]

    subject, kind = d["subject_code"].to_numpy(), d["kind_code"].to_numpy()  # one numbering, made when read
    facts = codes(t["facts"])  # each distinct facts text once

    def about(at: np.ndarray) -> np.ndarray:
        """The subject text of the records at ``at`` (a prediction's expected one): only families need it."""
        return np.where(type_all[at] == _PREDICTION, pick(d["exp_subject"], at), pick(t["subject"], at))

    key_e, event_e, key_p = event_groups(timeline.names, subject, about, kind, ev_pos, pr_pos, facts)
    deadline_all, horizon_all = d["deadline"].to_numpy(), d["horizon"].to_numpy()
    soft_all = (deadline_all == NO_DAY) & (horizon_all != NO_DAY)
    goal_all = np.where(soft_all, horizon_all, deadline_all)  # the day the status is judged by
    p_status, p_event, p_margin = settle_predictions(
        key_e, earliest[ev_pos][event_e], latest[ev_pos][event_e], key_p,
        earliest[pr_pos], goal_all[pr_pos], d["exp_negated"].to_numpy()[pr_pos], today,
    )
    p_event = np.where(p_event >= 0, event_e[np.maximum(p_event, 0)] if event_e.size else -1, -1)
    p_margin[soft_all[pr_pos]] = NO_DAY  # a soft horizon judges the status, never the margin
    s_status, s_event, s_key, key_names = check_statements(subject[ev_pos], facts[0][ev_pos], subject[st_pos],
                                                           facts[0][st_pos], facts[1])

    # predictions and statements back in date order
    is_p = is_prediction[is_claim]
    status = np.empty(rows.size, dtype=np.int8)
    status[is_p], status[~is_p] = p_status, s_status
    event = np.empty(rows.size, dtype=np.int64)
    event[is_p], event[~is_p] = p_event, s_event
    margin = np.full(rows.size, NO_DAY, dtype=np.int64)
    margin[is_p] = p_margin
    bad_key = np.full(rows.size, -1, dtype=np.int64)
    bad_key[~is_p] = s_key
    event_rows = np.where(event >= 0, ev_pos[np.maximum(event, 0)] if ev_pos.size else 0, -1)

    ruling_pos = order[is_ruling]
    ruling_rows = np.full(rows.size, -1, dtype=np.int64)
    final = status.copy()
    if ruling_pos.size:
        ruled = latest_rulings(texts(t["id"], rows), pick(t["claim"], ruling_pos))
        ruling_rows = np.where(ruled >= 0, ruling_pos[np.maximum(ruled, 0)], -1)
        has_ruling = ruling_rows >= 0
        final[has_ruling] = [CODE[v] for v in pick(t["verdict"], ruling_rows[has_ruling]).tolist()]

    cols, said = columns(timeline, rows, is_prediction[is_claim], np.flatnonzero(type_all == _SUBJECT), event_rows, ruling_rows,
                         goal_all, soft_all, margin, (bad_key, key_names), facts)
    day = day_text(today)
    cols["reason"] = reasons(said, status, day)
    result = frame(cols, status, final, margin)
    if len(timeline.invalid):  # the records kept with problems are not in the cells: reported after the others
        result = pd.concat([result, invalid_frame(timeline.invalid, _invalid_reasons(timeline))], ignore_index=True)
    result.attrs["as_of"] = day
    return Report(result)
