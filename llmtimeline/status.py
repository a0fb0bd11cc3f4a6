"""The verdicts a claim can get, and their order.

>>> import llmtimeline as lt
>>> lt.Status("late") is lt.Status.LATE, lt.STATUSES[:3]
(True, ('fulfilled', 'late', 'missed'))
"""

from __future__ import annotations

import enum

__all__ = ["STATUSES", "Status"]


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


#: Every status, in the order reports list them.
STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
#: The integer code of each status while the engine computes (its index in STATUSES).
CODE: dict[str, int] = {s: i for i, s in enumerate(STATUSES)}
