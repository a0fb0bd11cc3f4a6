"""The verdicts a claim can get: THE one table of statuses that every other module reads.

Each status has one row in :data:`TABLE`: its place in report order, the claim
types that may get it, its colour and the cues beside colour (a plot marker, a
bar hatch, a text mark), its terminal colour, its column in a track record, and
its ClaimReview rating.  A new status is one new :class:`Status` member and one
new row here; plots, web pages, the terminal, the track record, the rulings a
file may hold and the exports read them from this module.

Each colour reads as text on white (a contrast of at least 4.5:1, :func:`contrast`),
and the colours stay apart for readers with the common colour-vision deficiencies:
*late* is an orange and *missed* a far darker red, so they differ in lightness as
well as hue; their markers differ too (``>`` arrived after the deadline, ``X``
never arrived).

>>> import llmtimeline as lt
>>> lt.Status("late") is lt.Status.LATE, lt.STATUSES[:4]
(True, ('fulfilled', 'partly', 'late', 'missed'))
>>> TABLE["late"].colour, TABLE["late"].marker, TABLE["late"].mark
('#AD5F00', '>', '~')
>>> statuses_of("statement")
('partly', 'contradicted', 'undetermined', 'confirmed', 'unverified')
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

__all__ = ["CODE", "STATUSES", "TABLE", "Status", "StatusInfo", "contrast", "statuses_of", "text_colour"]


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


@attrs.frozen
class StatusInfo:
    """Everything the library says about one status.

    ``claims``: the claim types that may get it (from the engine or a ruling);
    ``colour``: hex colour (Okabe–Ito hues, darkened to at least 4.5:1 on white); ``marker``: the matplotlib
    marker beside colour; ``hatch``: the hatch of a prediction's bar ("" for none);
    ``mark``: a character for text without colour; ``ansi``: the closest 256-colour
    terminal code; ``record_column``: its column in a track record, per claim type;
    ``rating``: the ClaimReview ``ratingValue`` on a 1 (false) to 5 (true) scale, None
    for a status that is no verdict (no ClaimReview is published for it).
    """

    status: Status
    claims: tuple[str, ...]
    colour: str
    marker: str
    mark: str
    ansi: int
    record_column: Mapping[str, str]
    rating: int | None
    hatch: str = ""


_P, _S = "prediction", "statement"

#: The table of statuses, in report order.
TABLE: Mapping[str, StatusInfo] = {
    row.status.value: row
    for row in (
        StatusInfo(Status.FULFILLED, (_P,), "#007A5A", "o", "✓", 36, {_P: "fulfilled"}, 5),
        StatusInfo(Status.PARTLY, (_P, _S), "#4D7A12", "P", "±", 115, {_P: "partly", _S: "statements_partly"}, 3),
        StatusInfo(Status.LATE, (_P,), "#AD5F00", ">", "~", 214, {_P: "late"}, 2),
        StatusInfo(Status.MISSED, (_P,), "#7A0E20", "X", "✗", 124, {_P: "missed"}, 1, "////"),
        StatusInfo(Status.CONTRADICTED, (_P, _S), "#A4437F", "s", "✗", 175,
                   {_P: "predictions_contradicted", _S: "statements_contradicted"}, 1, "xxxx"),
        StatusInfo(Status.UNDETERMINED, (_P, _S), "#0072B2", "d", "?", 25,
                   {_P: "undetermined", _S: "statements_undetermined"}, None),
        StatusInfo(Status.PENDING, (_P,), "#6B6B6B", "o", "…", 246, {_P: "pending"}, None),
        StatusInfo(Status.CONFIRMED, (_S,), "#00688F", "o", "✓", 74, {_S: "confirmed"}, 5),
        StatusInfo(Status.UNVERIFIED, (_S,), "#757575", ".", "·", 250, {_S: "unverified"}, None),
        StatusInfo(Status.INVALID, (), "#3D3D3D", "x", "!", 240, {_P: "invalid", _S: "invalid"}, None),
    )
}
if tuple(TABLE) != tuple(s.value for s in Status):  # pragma: no cover - a row forgotten or out of order
    raise RuntimeError("status.TABLE must list every Status, in order")

#: Every status, in the order reports list them.
STATUSES: tuple[str, ...] = tuple(TABLE)
#: The integer code of each status while the engine computes (its index in STATUSES).
CODE: dict[str, int] = {s: i for i, s in enumerate(STATUSES)}


def statuses_of(claim_type: str) -> tuple[str, ...]:
    """The statuses a claim of this type may get, in report order (a ruling may give any of them)."""
    return tuple(s for s, row in TABLE.items() if claim_type in row.claims)


def text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (a hex colour), by WCAG's measure.

    >>> text_colour("#8FD3B6"), text_colour("#A51C30")
    ('#000000', '#FFFFFF')
    """
    luminance = _luminance(background)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


def contrast(colour: str, background: str = "#FFFFFF") -> float:
    """The WCAG contrast ratio of two hex colours (1 to 21); every status colour is at least 4.5 on white.

    >>> all(contrast(row.colour) >= 4.5 for row in TABLE.values())
    True
    """
    a, b = sorted((_luminance(colour), _luminance(background)))
    return (b + 0.05) / (a + 0.05)


def _luminance(colour: str) -> float:
    r, g, b = (_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b  # WCAG relative luminance


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
