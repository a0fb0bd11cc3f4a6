"""One palette for statuses, used by plots, HTML and terminal output alike.

Every status has a colour and a second cue that does not depend on colour: a
marker shape for plots, a mark for text.  Each colour reads as text on white
(a contrast of at least 4.5:1, :func:`contrast`).  The colours are chosen to stay apart
for readers with the common colour-vision deficiencies: *late* is an orange and
*missed* a darker red, so they differ in lightness as well as hue
(which is what a deuteranope or protanope still sees); their markers differ too
(``>`` arrived after the deadline, ``X`` never arrived).

>>> STATUS_COLOURS["late"], STATUS_MARKERS["late"], STATUS_MARKS["late"]
('#AD5F00', '>', '~')
>>> ansi("missed", "x", enabled=False)
'x'
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

__all__ = ["STATUS_COLOURS", "STATUS_HATCHES", "STATUS_MARKERS", "STATUS_MARKS", "ansi", "contrast", "text_colour", "use_colour"]

#: Hex colour of each status: each at least 4.5:1 against white (WCAG AA for text), so a status
#: word drawn in its colour reads on a white page; the hues follow Okabe–Ito, darkened to reach it.
STATUS_COLOURS: dict[str, str] = {
    "fulfilled": "#007A5A",  # bluish green (5.3:1)
    "partly": "#4D7A12",  # olive green: kept in part (5.1:1)
    "confirmed": "#00688F",  # sky blue, deepened (6.2:1)
    "late": "#AD5F00",  # orange, deepened (4.8:1)
    "undetermined": "#0072B2",  # blue (5.2:1)
    "pending": "#6B6B6B",  # grey (5.3:1)
    "unverified": "#757575",  # grey (4.6:1)
    "missed": "#7A0E20",  # dark red: far darker than "late", in any colour vision (11:1)
    "contradicted": "#A4437F",  # reddish purple (5.7:1)
    "invalid": "#3D3D3D",  # dark grey (10.9:1)
}
#: The matplotlib marker of each status: the cue beside colour in the plots.
STATUS_MARKERS: dict[str, str] = {
    "fulfilled": "o", "partly": "P", "confirmed": "o", "late": ">", "undetermined": "d",
    "pending": "o", "unverified": ".", "missed": "X", "contradicted": "s", "invalid": "x",
}
#: The hatch of a prediction's bar: missed and contradicted bars are struck through.
STATUS_HATCHES: dict[str, str] = {"missed": "////", "contradicted": "xxxx"}
#: A mark per status for text where colour is not available.
STATUS_MARKS: dict[str, str] = {
    "fulfilled": "✓", "partly": "±", "confirmed": "✓", "late": "~", "undetermined": "?",
    "pending": "…", "unverified": "·", "missed": "✗", "contradicted": "✗", "invalid": "!",
}
_ANSI = {  # closest 256-colour terminal codes
    "fulfilled": 36, "partly": 115, "confirmed": 74, "late": 214, "undetermined": 25,
    "pending": 246, "unverified": 250, "missed": 124, "contradicted": 175, "invalid": 240,
}


def text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (a hex colour), by WCAG's measure.

    >>> text_colour("#8FD3B6"), text_colour("#A51C30")
    ('#000000', '#FFFFFF')
    """
    luminance = _luminance(background)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


def contrast(colour: str, background: str = "#FFFFFF") -> float:
    """The WCAG contrast ratio of two hex colours (1 to 21); every status colour is at least 4.5 on white.

    >>> all(contrast(c) >= 4.5 for c in STATUS_COLOURS.values())
    True
    """
    a, b = sorted((_luminance(colour), _luminance(background)))
    return (b + 0.05) / (a + 0.05)


def _luminance(colour: str) -> float:
    r, g, b = (_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b  # WCAG relative luminance


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def use_colour(stream: TextIO = sys.stdout) -> bool:
    """True when ``stream`` is a terminal and NO_COLOR is not set."""
    return hasattr(stream, "isatty") and stream.isatty() and "NO_COLOR" not in os.environ


def ansi(status: str, text: str, enabled: bool = True) -> str:
    """``text`` coloured as ``status`` for a 256-colour terminal (unchanged when disabled)."""
    code = _ANSI.get(str(status))
    if not enabled or code is None:
        return text
    return f"\x1b[38;5;{code}m{text}\x1b[0m"
