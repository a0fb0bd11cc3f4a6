"""One palette for statuses, used by plots, HTML and terminal output alike.

Every status has a colour and a second cue that does not depend on colour: a
marker shape for plots, a mark for text.  The colours are chosen to stay apart
for readers with the common colour-vision deficiencies: *late* is a light
orange and *missed* a dark red, so they differ in lightness as well as hue
(which is what a deuteranope or protanope still sees); their markers differ too
(``>`` arrived after the deadline, ``X`` never arrived).

>>> STATUS_COLOURS["late"], STATUS_MARKERS["late"], STATUS_MARKS["late"]
('#E69F00', '>', '~')
>>> ansi("missed", "x", enabled=False)
'x'
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

__all__ = ["STATUS_COLOURS", "STATUS_HATCHES", "STATUS_MARKERS", "STATUS_MARKS", "ansi", "text_colour", "use_colour"]

#: Hex colour of each status (Okabe–Ito where it can be, a dark red for *missed*).
STATUS_COLOURS: dict[str, str] = {
    "fulfilled": "#009E73",  # bluish green
    "partly": "#8FD3B6",  # light bluish green: kept in part
    "confirmed": "#56B4E9",  # sky blue
    "late": "#E69F00",  # orange, light
    "undetermined": "#0072B2",  # blue
    "pending": "#999999",  # grey
    "unverified": "#BBBBBB",  # light grey
    "missed": "#A51C30",  # dark red: darker than "late" by far, in any colour vision
    "contradicted": "#CC79A7",  # reddish purple
    "invalid": "#555555",  # dark grey
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

    >>> text_colour("#009E73"), text_colour("#A51C30")
    ('#000000', '#FFFFFF')
    """
    r, g, b = (_linear(int(background[i : i + 2], 16) / 255) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b  # WCAG relative luminance
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


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
