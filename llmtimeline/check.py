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
import enum
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .dates import parse_date
from .display import CheckReport
from .exceptions import Error
from .schema import as_number

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


def _codes(*arrays: np.ndarray) -> list[np.ndarray]:
    """Integer codes of the values of several arrays, one numbering for all of them."""
    codes, _ = pd.factorize(np.concatenate(arrays)) if arrays else (np.zeros(0, np.int64), None)
    codes = codes.astype(np.int64, copy=False)
    bounds = np.cumsum([0, *(a.size for a in arrays)])
    return [codes[bounds[i]:bounds[i + 1]] for i in range(len(arrays))]


# verdicts as small integers while computing; names in the order of STATUSES
_FULFILLED, _LATE, _MISSED, _PENDING, _UNDETERMINED, _CONTRADICTED, _CONFIRMED, _UNVERIFIED = range(8)


def _predictions(group_e: np.ndarray, earliest_e: np.ndarray, latest_e: np.ndarray, group_p: np.ndarray,
                 said_p: np.ndarray, deadline: np.ndarray, negated: np.ndarray,
                 today: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Status code, settling event position (or -1) and margin (or _NO_DAY) of each prediction.

    ``said_p`` is the earliest day each prediction may have been made; the events
    come in date order.
    """
    n = group_p.size
    found = _settle(group_e, latest_e, group_p, said_p)
    has_deadline = deadline != _NO_DAY
    has_event = found >= 0
    at = np.maximum(found, 0)
    e_first = np.where(has_event, earliest_e[at], 0) if earliest_e.size else np.zeros(n, np.int64)
    e_last = np.where(has_event, latest_e[at], 0) if latest_e.size else np.zeros(n, np.int64)
    on_time = has_event & (~has_deadline | (e_last <= deadline))
    after = has_event & has_deadline & (e_first > deadline)
    straddles = has_event & ~on_time & ~after
    passed = has_deadline & (today > deadline)

    status = np.full(n, _PENDING, dtype=np.int8)
    margin = np.full(n, _NO_DAY, dtype=np.int64)
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


class _Facts:
    """Facts exploded to one row per value: ``owner`` (the record), ``kv`` (its key occurrence),
    ``key`` (key code) and ``value`` (value code)."""

    def __init__(self, owner: np.ndarray, kv: np.ndarray, key: np.ndarray, value: np.ndarray) -> None:
        self.owner, self.kv, self.key, self.value = owner, kv, key, value


def _split(texts: list[str], sep: str) -> tuple[list[str], np.ndarray]:
    """Every part of every text split at ``sep`` and how many parts each text has (C-speed splits)."""
    if not texts:
        return [], np.zeros(0, dtype=np.int64)
    counts = np.fromiter((s.count(sep) for s in texts), dtype=np.int64, count=len(texts)) + 1
    return sep.join(texts).split(sep), counts


def _explode_facts(facts: np.ndarray) -> tuple[_Facts, list[str], list[str]]:
    """Explode the facts texts of records (as :meth:`Facts.parse` reads them, already validated).

    Each distinct text is split once: ``;`` between facts, ``=`` after the key,
    ``,`` between values, spaces around each stripped, empty parts skipped.
    Returns the exploded rows (``owner`` indexes ``facts``) with the key and value
    names their codes index.
    """
    text_codes, texts = pd.factorize(facts)
    texts = list(texts)
    parts, n_parts = _split(texts, ";")
    part_owner = np.repeat(np.arange(len(texts)), n_parts)
    parts = [p.strip() for p in parts]
    keep = np.fromiter((bool(p) for p in parts), dtype=bool, count=len(parts))
    part_owner = part_owner[keep]
    pairs = [p.partition("=") for p in parts if p]
    keys = [k.strip() for k, _, _ in pairs]
    values, n_values = _split([v for _, _, v in pairs], ",")
    values = [v.strip() for v in values]
    key_codes, key_names = pd.factorize(np.asarray(keys, dtype=object))
    value_codes, value_names = pd.factorize(np.asarray(values, dtype=object))
    # per distinct text: its slice of the (key occurrence) and (value) rows
    kv_start = np.searchsorted(part_owner, np.arange(len(texts)), side="left")
    kv_count = np.bincount(part_owner, minlength=len(texts))
    val_start = np.concatenate(([0], np.cumsum(n_values)))
    # expand to records: every record repeats its text's key occurrences and values
    rec_kvs = kv_count[text_codes] if text_codes.size else np.zeros(0, np.int64)
    rec_kv_first = np.repeat(kv_start[text_codes], rec_kvs) if text_codes.size else np.zeros(0, np.int64)
    rec_of_kv = np.repeat(np.arange(text_codes.size), rec_kvs)
    kv_text = rec_kv_first + (np.arange(rec_of_kv.size) - np.repeat(np.cumsum(rec_kvs) - rec_kvs, rec_kvs))
    n_vals = n_values[kv_text] if kv_text.size else np.zeros(0, np.int64)
    kv_of_val = np.repeat(np.arange(kv_text.size), n_vals)
    val_text = np.repeat(val_start[kv_text], n_vals) + (np.arange(kv_of_val.size) - np.repeat(np.cumsum(n_vals) - n_vals, n_vals))
    exploded = _Facts(rec_of_kv[kv_of_val], kv_of_val, key_codes[kv_text][kv_of_val], value_codes[val_text])
    return exploded, list(key_names), list(value_names)


def _statements(subject_e: np.ndarray, facts_e: np.ndarray, subject_s: np.ndarray,
                facts_s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Status code and deciding event position (or -1) of each statement.

    ``subject_*`` are subject codes shared by events and statements; the events
    come in date order, so the earliest of several events is the one of least
    position.
    """
    n = subject_s.size
    status = np.full(n, _UNVERIFIED, dtype=np.int8)
    chosen = np.full(n, -1, dtype=np.int64)
    if n == 0 or subject_e.size == 0:
        return status, chosen
    with_facts = np.flatnonzero(facts_e != "")
    both, keys, values = _explode_facts(np.concatenate([facts_s, facts_e[with_facts]]))
    is_s = both.owner < n
    s_owner, s_kv, s_value = both.owner[is_s], both.kv[is_s], both.value[is_s]
    e_owner = with_facts[both.owner[~is_s] - n]
    e_value = both.value[~is_s]
    n_keys, n_values = max(len(keys), 1), max(len(values), 1)
    s_join = subject_s[s_owner] * n_keys + both.key[is_s]
    e_join = subject_e[e_owner] * n_keys + both.key[~is_s]
    # events reduced to their distinct (subject, key, value), each with its earliest event: that is
    # all the comparison needs, and the earliest event of a key is the earliest of its values
    e_sort = np.argsort(e_join * n_values + e_value, kind="stable")  # stable: earliest event first
    e_full = (e_join * n_values + e_value)[e_sort]
    first = np.flatnonzero(np.concatenate(([True], e_full[1:] != e_full[:-1]))) if e_full.size else e_sort
    e_sorted, e_value, e_owner = e_join[e_sort[first]], e_value[e_sort[first]], e_owner[e_sort[first]]
    # every (statement value, event value) pair of the same subject and key: a sorted join
    lo = np.searchsorted(e_sorted, s_join, side="left")
    count = np.searchsorted(e_sorted, s_join, side="right") - lo
    pair_s = np.repeat(np.arange(s_join.size), count)
    pair_e = np.repeat(lo, count) + (np.arange(pair_s.size) - np.repeat(np.cumsum(count) - count, count))
    # value agreement: numbers within 1 %, text ignoring case
    numbers = np.array([np.nan if (x := as_number(v)) is None else x for v in values], dtype=float)
    folded, _ = pd.factorize(np.array([v.casefold() for v in values], dtype=object))
    a, b = numbers[s_value[pair_s]], numbers[e_value[pair_e]]
    with np.errstate(invalid="ignore"):
        close = np.abs(a - b) <= _TOLERANCE * np.maximum(np.abs(a), np.abs(b))
    numeric = ~np.isnan(a) & ~np.isnan(b)
    match = np.where(numeric, close, folded[s_value[pair_s]] == folded[e_value[pair_e]])
    # a statement value agrees when some event value matches it; a key when all its values do
    shared = count > 0
    value_ok = np.bincount(pair_s, weights=match, minlength=s_join.size) > 0
    kv_bad = np.bincount(s_kv, weights=shared & ~value_ok, minlength=both.kv.size) > 0
    any_shared = np.bincount(s_owner, weights=shared, minlength=n) > 0
    any_bad = np.bincount(s_owner, weights=kv_bad[s_kv], minlength=n) > 0
    status[any_shared] = _CONFIRMED
    status[any_bad] = _CONTRADICTED
    # the deciding event: the earliest whose value agrees (confirmed) or disagrees on a disagreeing key
    pair_owner = s_owner[pair_s]
    decisive = np.where(any_bad[pair_owner], kv_bad[s_kv[pair_s]] & ~match, match)
    best = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(best, pair_owner[decisive], e_owner[pair_e[decisive]])
    chosen[any_shared] = best[any_shared]
    return status, chosen


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
    >>> row = r.loc["clegg-llama3-within-a-month"]
    >>> row.status, row.event_id, int(row.margin_days)
    ('fulfilled', 'llama-3-release', 21)
    """
    today = as_of_day(as_of)
    t, d = timeline._table, timeline._derived
    earliest, latest = d["earliest"].to_numpy(), d["latest"].to_numpy()
    order = timeline._order
    order = order[latest[order] <= today]  # known records, in date order
    types = t["type"].to_numpy(dtype=object)  # compared in file order, where the texts sit in memory
    is_event, is_prediction = (types == "event")[order], (types == "prediction")[order]
    ev_pos = order[is_event]
    pr_pos = order[is_prediction]
    claims = order[~is_event]  # predictions and statements in date order: the rows of the report
    st_pos = order[~is_event & ~is_prediction]

    if "subject_code" in d.columns:  # integer codes made once, when the file was read
        subject, kind = d["subject_code"].to_numpy(), d["kind_code"].to_numpy()
        subject_e, subject_p, subject_s = subject[ev_pos], subject[pr_pos], subject[st_pos]
        kind_e, kind_p = kind[ev_pos], kind[pr_pos]
    else:
        subjects = t["subject"].to_numpy(dtype=object)
        exp_subject = d["exp_subject"].to_numpy(dtype=object)
        kinds, exp_kind = t["kind"].to_numpy(dtype=object), d["exp_kind"].to_numpy(dtype=object)
        subject_e, subject_p, subject_s = _codes(subjects[ev_pos], exp_subject[pr_pos], subjects[st_pos])
        kind_e, kind_p = _codes(kinds[ev_pos], exp_kind[pr_pos])
    n_subjects = int(max(subject_e.max(initial=-1), subject_p.max(initial=-1))) + 1
    earliest_e, latest_e = earliest[ev_pos], latest[ev_pos]
    p_status, p_event, p_margin = _predictions(
        kind_e * n_subjects + subject_e, earliest_e, latest_e, kind_p * n_subjects + subject_p,
        earliest[pr_pos], d["deadline"].to_numpy()[pr_pos], d["exp_negated"].to_numpy()[pr_pos], today,
    )
    facts = t["facts"].to_numpy(dtype=object)
    s_status, s_event = _statements(subject_e, facts[ev_pos], subject_s, facts[st_pos])

    # predictions and statements back in date order
    rows = claims
    is_p = is_prediction[~is_event]
    status = np.empty(rows.size, dtype=np.int8)
    status[is_p], status[~is_p] = p_status, s_status
    event = np.empty(rows.size, dtype=np.int64)
    event[is_p], event[~is_p] = p_event, s_event
    margin = np.full(rows.size, _NO_DAY, dtype=np.int64)
    margin[is_p] = p_margin

    has_event = event >= 0
    event_rows = ev_pos[np.maximum(event, 0)] if ev_pos.size else np.zeros(event.size, dtype=np.int64)
    deadline_days = d["deadline"].to_numpy()[rows]
    no_deadline = deadline_days == _NO_DAY
    deadline = _text_day(np.where(no_deadline, 0, deadline_days))
    deadline[no_deadline] = np.datetime64("NaT")
    no_margin = margin == _NO_DAY

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
    frame.attrs["as_of"] = (_EPOCH + dt.timedelta(days=today)).isoformat()
    return CheckReport(frame)


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
