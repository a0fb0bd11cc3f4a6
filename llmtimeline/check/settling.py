"""Each prediction's settling event, status and margin, over whole columns.

The settling event of a prediction is the earliest known event (by earliest
day, latest day, id) of its group (expected kind and subject family) that is
not certainly before the claim; with that event's dates [earliest, latest]:
``fulfilled`` when latest <= deadline, ``late`` when earliest > deadline, else
``undetermined``; no event: ``missed`` once the deadline has passed, else
``pending``.  A negated prediction is ``contradicted`` by such an event on or
before its deadline.  One sorted search finds every settling event.

>>> import numpy as np
>>> settle(np.array([0, 0]), np.array([10, 20]), np.array([0, 1]), np.array([15, 0])).tolist()
[1, -1]
"""

from __future__ import annotations

import numpy as np

from ..dates import NO_DAY
from ..status import CODE

__all__ = ["order_by", "settle", "settle_predictions"]

_OFFSET = 800_000  # days before 1970-01-01 down to year 1, so keys stay non-negative
_SPAN = 1 << 22  # more days than years 1..9999 hold


def settle(group_e: np.ndarray, latest_e: np.ndarray, group_c: np.ndarray, from_day: np.ndarray) -> np.ndarray:
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
    order = order_by(group_e)
    g = group_e[order]
    keys = np.maximum.accumulate(g * _SPAN + (latest_e[order] + _OFFSET))
    wanted = group_c * _SPAN + (from_day + _OFFSET)
    # the claims searched group by group: each search starts near the last one (millions of searches
    # in random order miss the cache at every step)
    by = order_by(group_c)
    at = np.empty(group_c.size, dtype=np.int64)
    at[by] = np.searchsorted(keys, wanted[by], side="left")
    inside = at < keys.size
    hit = np.zeros(group_c.shape, dtype=bool)
    hit[inside] = g[at[inside]] == group_c[inside]
    result[hit] = order[at[hit]]
    return result


def order_by(keys: np.ndarray) -> np.ndarray:
    """``np.argsort(keys, kind="stable")`` for non-negative integer keys, by sorting each key packed
    with its position in one integer (numpy sorts integers several times faster than it argsorts).

    >>> order_by(np.array([3, 1, 3, 0])).tolist()
    [3, 1, 0, 2]
    """
    n = keys.size
    shift = max((n - 1).bit_length(), 1)
    if n == 0 or keys.min() < 0 or int(keys.max()).bit_length() + shift > 62:
        return np.argsort(keys, kind="stable")
    packed = np.sort((keys.astype(np.int64) << shift) | np.arange(n, dtype=np.int64))
    order: np.ndarray = packed & ((1 << shift) - 1)
    return order


# verdicts as small integers while computing: their index in STATUSES
_FULFILLED, _LATE, _MISSED, _PENDING = CODE["fulfilled"], CODE["late"], CODE["missed"], CODE["pending"]
_UNDETERMINED, _CONTRADICTED = CODE["undetermined"], CODE["contradicted"]


def settle_predictions(group_e: np.ndarray, earliest_e: np.ndarray, latest_e: np.ndarray, group_p: np.ndarray,
                 said_p: np.ndarray, deadline: np.ndarray, negated: np.ndarray,
                 today: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Status code, settling event position (or -1) and margin (or NO_DAY) of each prediction.

    ``said_p`` is the earliest day each prediction may have been made; the events
    come in date order.
    """
    n = group_p.size
    found = settle(group_e, latest_e, group_p, said_p)
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
