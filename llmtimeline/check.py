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
  case), ``contradicted`` when one disagrees, ``unverified`` when no key is shared.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .dates import parse_date
from .display import CheckReport
from .exceptions import Error
from .schema import Facts, as_number

if TYPE_CHECKING:
    from .timeline import Timeline

__all__ = ["CHECK_COLUMNS", "Status", "check", "track_record"]


class Status(enum.StrEnum):
    """The verdict on a claim."""

    FULFILLED = "fulfilled"
    LATE = "late"
    MISSED = "missed"
    PENDING = "pending"
    UNDETERMINED = "undetermined"
    CONTRADICTED = "contradicted"
    CONFIRMED = "confirmed"
    UNVERIFIED = "unverified"

    def __str__(self) -> str:
        return self.value


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
CHECK_COLUMNS: tuple[str, ...] = (
    "id", "date", "type", "speaker", "actor", "title", "expects", "deadline", "status",
    "event_id", "event_date", "margin_days", "source", "url",
)
_EPOCH = dt.date(1970, 1, 1)
_OFFSET = 800_000  # days before 1970-01-01 down to year 1, so keys stay non-negative
_SPAN = 1 << 22  # more days than years 1..9999 hold
_NO_DAY = np.iinfo(np.int64).min
_TOLERANCE = 0.01


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
    return (day - _EPOCH).days


def _settle(group_e: np.ndarray, earliest_e: np.ndarray, latest_e: np.ndarray, ids_e: np.ndarray,
            group_c: np.ndarray, from_day: np.ndarray) -> np.ndarray:
    """For each claim, the position (in the event arrays) of its settling event, or -1.

    The settling event is the first event of the claim's group, in (earliest, latest,
    id) order, whose latest day is on or after ``from_day``.  Within a group sorted
    that way, the running maximum of the latest day is non-decreasing and first
    reaches ``from_day`` exactly at that event, so one sorted search finds it.
    """
    result = np.full(group_c.shape, -1, dtype=np.int64)
    if group_e.size == 0 or group_c.size == 0:
        return result
    order = np.lexsort((ids_e, latest_e, earliest_e, group_e))
    g = group_e[order]
    running = pd.Series(latest_e[order]).groupby(g).cummax().to_numpy()
    keys = g * _SPAN + (running + _OFFSET)
    wanted = group_c * _SPAN + (from_day + _OFFSET)
    at = np.searchsorted(keys, wanted, side="left")
    inside = at < keys.size
    hit = np.zeros(group_c.shape, dtype=bool)
    hit[inside] = g[at[inside]] == group_c[inside]
    result[hit] = order[at[hit]]
    return result


def _predictions(kind_e: np.ndarray, subject_e: np.ndarray, earliest_e: np.ndarray, latest_e: np.ndarray,
                 ids_e: np.ndarray, p: pd.DataFrame, today: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Status, settling event position (or -1) and margin (or _NO_DAY) of each prediction."""
    n = len(p)
    codes, _ = pd.factorize(pd.MultiIndex.from_arrays([
        np.concatenate([kind_e, p["exp_kind"].to_numpy(dtype=object)]),
        np.concatenate([subject_e, p["exp_subject"].to_numpy(dtype=object)]),
    ]))
    codes = codes.astype(np.int64)
    found = _settle(codes[: kind_e.size], earliest_e, latest_e, ids_e, codes[kind_e.size:],
                    p["earliest"].to_numpy())
    deadline = p["deadline"].to_numpy()
    has_deadline = deadline != _NO_DAY
    negated = p["exp_negated"].to_numpy()
    has_event = found >= 0
    e_first = np.where(has_event, earliest_e[np.maximum(found, 0)] if earliest_e.size else 0, 0)
    e_last = np.where(has_event, latest_e[np.maximum(found, 0)] if latest_e.size else 0, 0)
    on_time = has_event & (~has_deadline | (e_last <= deadline))
    after = has_event & has_deadline & (e_first > deadline)
    straddles = has_event & ~on_time & ~after
    passed = has_deadline & (today > deadline)

    status = np.full(n, Status.PENDING.value, dtype=object)
    margin = np.full(n, _NO_DAY, dtype=np.int64)
    pos = ~negated
    status[pos & on_time] = Status.FULFILLED.value
    status[pos & after] = Status.LATE.value
    status[pos & straddles] = Status.UNDETERMINED.value
    status[pos & ~has_event & passed] = Status.MISSED.value
    fulfilled_margin = pos & on_time & has_deadline
    margin[fulfilled_margin] = (deadline - e_last)[fulfilled_margin]
    margin[pos & after] = (deadline - e_first)[pos & after]

    neg = negated
    status[neg & on_time] = Status.CONTRADICTED.value
    status[neg & straddles] = Status.UNDETERMINED.value
    status[neg & (after | ~has_event) & passed] = Status.FULFILLED.value
    # the settling event of a negated prediction is the one that contradicts it
    found = np.where(neg & ~(on_time | straddles), -1, found)
    return status, found, margin


def _statements(ev: pd.DataFrame, st: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Status and deciding event position (in ``ev``, or -1) of each statement."""
    n = len(st)
    status = np.full(n, Status.UNVERIFIED.value, dtype=object)
    chosen = np.full(n, -1, dtype=np.int64)
    if n == 0 or len(ev) == 0:
        return status, chosen
    s_long = _explode_facts(st["facts"].to_numpy(dtype=object), st["subject"].to_numpy(dtype=object))
    e_long = _explode_facts(ev["facts"].to_numpy(dtype=object), ev["subject"].to_numpy(dtype=object))
    if s_long.empty or e_long.empty:
        return status, chosen
    merged = s_long.merge(e_long, on=["subject", "key"], suffixes=("_s", "_e"))
    if merged.empty:
        return status, chosen
    a, b = merged["num_s"].to_numpy(), merged["num_e"].to_numpy()
    numeric = ~np.isnan(a) & ~np.isnan(b)
    with np.errstate(invalid="ignore"):
        close = np.abs(a - b) <= _TOLERANCE * np.maximum(np.abs(a), np.abs(b))
    same_text = merged["fold_s"].to_numpy() == merged["fold_e"].to_numpy()
    merged["match"] = np.where(numeric, close, same_text)
    value_ok = merged.groupby(["row_s", "key", "value_s"], sort=False)["match"].transform("any")
    merged["key_ok"] = value_ok.groupby([merged["row_s"], merged["key"]], sort=False).transform("all")
    bad_stmt = merged.groupby("row_s")["key_ok"].all()
    contradicted = bad_stmt.index[~bad_stmt.to_numpy()].to_numpy()
    confirmed = bad_stmt.index[bad_stmt.to_numpy()].to_numpy()
    status[contradicted] = Status.CONTRADICTED.value
    status[confirmed] = Status.CONFIRMED.value
    # the deciding event: the earliest whose value disagrees (contradicted) or agrees (confirmed)
    is_confirmed = merged["row_s"].isin(confirmed)
    decisive = merged[(is_confirmed & merged["match"]) | (~is_confirmed & ~merged["key_ok"] & ~merged["match"])]
    e = ev.iloc[decisive["row_e"].to_numpy()]
    pick = pd.DataFrame({
        "row_s": decisive["row_s"].to_numpy(), "row_e": decisive["row_e"].to_numpy(),
        "earliest": e["earliest"].to_numpy(), "latest": e["latest"].to_numpy(), "id": e["id"].to_numpy(dtype=str),
    }).sort_values(["row_s", "earliest", "latest", "id"]).drop_duplicates("row_s")
    chosen[pick["row_s"].to_numpy()] = pick["row_e"].to_numpy()
    return status, chosen


def _explode_facts(facts: np.ndarray, subjects: np.ndarray) -> pd.DataFrame:
    """One row per (record, key, value) with the value as a number (NaN for text) and folded."""
    codes, uniques = pd.factorize(facts)
    parsed: list[list[tuple[str, str]]] = []
    for text in uniques:
        pairs = Facts.parse(text) if text else Facts()
        parsed.append([(k, v) for k, values in pairs.items() for v in values])
    counts = np.array([len(p) for p in parsed], dtype=np.int64)[codes] if len(uniques) else np.zeros(0, np.int64)
    rows = np.repeat(np.arange(len(facts)), counts)
    if rows.size == 0:
        return pd.DataFrame(columns=["row", "subject", "key", "value", "num", "fold"])
    flat_keys = [[k for k, _ in p] for p in parsed]
    flat_vals = [[v for _, v in p] for p in parsed]
    take = codes[rows]
    # position of each exploded row within its record's fact list
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    within = np.arange(rows.size) - np.repeat(starts, counts)
    keys = np.array([flat_keys[c][w] for c, w in zip(take, within, strict=True)], dtype=object)
    values = np.array([flat_vals[c][w] for c, w in zip(take, within, strict=True)], dtype=object)
    numbers = np.array([np.nan if (x := as_number(v)) is None else x for v in values], dtype=float)
    return pd.DataFrame({
        "row": rows, "subject": subjects[rows], "key": keys, "value": values, "num": numbers,
        "fold": np.array([v.casefold() for v in values], dtype=object),
    })


def _text_day(days: np.ndarray) -> np.ndarray:
    return (np.datetime64("1970-01-01", "D") + days.astype("timedelta64[D]")).astype("datetime64[s]")


def check(timeline: Timeline, as_of: Any = None) -> pd.DataFrame:
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
    pandas.DataFrame
        One row per known claim, in date order, with the columns
        ``id, date, type, speaker, actor, title, expects, deadline, status,
        event_id, event_date, margin_days, source, url``.  ``deadline`` is the
        last day of the window (NaT when open); ``margin_days`` is the deadline
        minus the settling event's date: positive means early.  The checking day
        is in ``frame.attrs["as_of"]``.

    >>> import llmtimeline as lt
    >>> r = lt.load().check(as_of="2024-05-01").set_index("id")
    >>> clegg = r.loc["clegg-llama3-within-a-month"]
    >>> print(clegg["status"], clegg["event_id"], clegg["margin_days"])
    fulfilled llama-3-release 21
    """
    today = as_of_day(as_of)
    t, d = timeline._table, timeline._derived
    known = (d["latest"] <= today).to_numpy()
    types = t["type"].to_numpy(dtype=object)
    order = timeline._order
    order = order[known[order]]
    ev_pos = order[types[order] == "event"]
    pr_pos = order[types[order] == "prediction"]
    st_pos = order[types[order] == "statement"]

    ev = pd.DataFrame({
        "id": t["id"].to_numpy(dtype=object)[ev_pos], "subject": t["subject"].to_numpy(dtype=object)[ev_pos],
        "facts": t["facts"].to_numpy(dtype=object)[ev_pos],
        "earliest": d["earliest"].to_numpy()[ev_pos], "latest": d["latest"].to_numpy()[ev_pos],
    })
    kind_e = t["kind"].to_numpy(dtype=object)[ev_pos]
    p = d.iloc[pr_pos]
    p_status, p_event, p_margin = _predictions(
        kind_e, ev["subject"].to_numpy(), ev["earliest"].to_numpy(), ev["latest"].to_numpy(),
        ev["id"].to_numpy(dtype=str), p, today,
    )
    st = pd.DataFrame({"subject": t["subject"].to_numpy(dtype=object)[st_pos],
                       "facts": t["facts"].to_numpy(dtype=object)[st_pos]})
    s_status, s_event = _statements(ev, st)

    rows = np.concatenate([pr_pos, st_pos])
    status = np.concatenate([p_status, s_status])
    event = np.concatenate([p_event, s_event])
    margin = np.concatenate([p_margin, np.full(st_pos.size, _NO_DAY, dtype=np.int64)])
    rank = np.argsort(_rank(order, rows), kind="stable")
    rows, status, event, margin = rows[rank], status[rank], event[rank], margin[rank]

    has_event = event >= 0
    event_rows = ev_pos[np.maximum(event, 0)] if ev_pos.size else np.zeros(event.size, dtype=np.int64)
    event_id = np.where(has_event, t["id"].to_numpy(dtype=object)[event_rows] if ev_pos.size else None, None)
    event_date = np.where(has_event, t["date"].to_numpy(dtype=object)[event_rows] if ev_pos.size else None, None)
    deadline_days = d["deadline"].to_numpy()[rows]
    deadline = _text_day(np.where(deadline_days == _NO_DAY, 0, deadline_days))
    deadline[deadline_days == _NO_DAY] = np.datetime64("NaT")

    col = lambda name: t[name].to_numpy(dtype=object)[rows]  # noqa: E731
    frame = pd.DataFrame({
        "id": col("id"), "date": col("date"), "type": col("type"), "speaker": col("speaker"),
        "actor": col("actor"), "title": col("title"), "expects": col("expects"),
        "deadline": pd.Series(deadline, dtype="datetime64[s]"),
        "status": status, "event_id": event_id, "event_date": event_date,
        "margin_days": pd.array(np.where(margin == _NO_DAY, 0, margin), dtype="Int64"),
        "source": col("source"), "url": col("url"),
    })
    frame.loc[margin == _NO_DAY, "margin_days"] = pd.NA
    for name in ("id", "date", "type", "speaker", "actor", "title", "expects", "status", "event_id", "event_date", "source", "url"):
        frame[name] = frame[name].astype("str")
    frame.attrs["as_of"] = (_EPOCH + dt.timedelta(days=today)).isoformat()
    return CheckReport(frame)


def _rank(order: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Each row's place in ``order`` (rows are a subset of order)."""
    place = np.empty(order.max() + 1 if order.size else 0, dtype=np.int64)
    place[order] = np.arange(order.size)
    return place[rows] if rows.size else rows


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
