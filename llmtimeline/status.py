"""The verdicts a claim can get, and their order.

>>> import llmtimeline as lt
>>> lt.Status("late") is lt.Status.LATE, lt.STATUSES[:4]
(True, ('fulfilled', 'partly', 'late', 'missed'))
"""

from __future__ import annotations

import enum

__all__ = ["STATUSES", "Status"]


class Status(enum.StrEnum):
    """The verdict on a claim, in report order: a prediction's outcomes from best to worst, the
    open ones, a statement's, and ``invalid`` (a record kept with problems, ``errors="keep"``).
    ``partly`` (partly kept) comes only from a ruling."""

    FULFILLED = "fulfilled"
    PARTLY = "partly"
    LATE = "late"
    MISSED = "missed"
    CONTRADICTED = "contradicted"
    UNDETERMINED = "undetermined"
    PENDING = "pending"
    CONFIRMED = "confirmed"
    UNVERIFIED = "unverified"
    INVALID = "invalid"

    def __str__(self) -> str:
        return self.value


#: Every status, in the order reports list them.
STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
#: The integer code of each status while the engine computes (its index in STATUSES).
CODE: dict[str, int] = {s: i for i, s in enumerate(STATUSES)}
