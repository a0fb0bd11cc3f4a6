"""One palette for statuses, used by plots, HTML and terminal output alike.

Colours are from the Okabe–Ito set, distinguishable with the common forms of
colour blindness; each status also has a one-character mark for plain text.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

__all__ = ["STATUS_COLOURS", "STATUS_MARKS", "ansi", "colour_of"]

#: Hex colour of each status.
STATUS_COLOURS: dict[str, str] = {
    "fulfilled": "#009E73",  # bluish green
    "confirmed": "#56B4E9",  # sky blue
    "late": "#E69F00",  # orange
    "undetermined": "#CC79A7",  # reddish purple
    "pending": "#999999",  # grey
    "unverified": "#BBBBBB",  # light grey
    "missed": "#D55E00",  # vermilion
    "contradicted": "#7B2D26",  # dark red
}
#: A mark per status for text where colour is not available.
STATUS_MARKS: dict[str, str] = {
    "fulfilled": "✓", "confirmed": "✓", "late": "~", "undetermined": "?",
    "pending": "…", "unverified": "·", "missed": "✗", "contradicted": "✗",
}
_ANSI = {  # closest 256-colour terminal codes
    "fulfilled": 36, "confirmed": 74, "late": 214, "undetermined": 175,
    "pending": 246, "unverified": 250, "missed": 166, "contradicted": 124,
}


def colour_of(status: str) -> str:
    """The hex colour of a status (grey for an unknown one)."""
    return STATUS_COLOURS.get(str(status), "#999999")


def use_colour(stream: TextIO = sys.stdout) -> bool:
    """True when ``stream`` is a terminal and NO_COLOR is not set."""
    return hasattr(stream, "isatty") and stream.isatty() and "NO_COLOR" not in os.environ


def ansi(status: str, text: str, enabled: bool = True) -> str:
    """``text`` coloured as ``status`` for a 256-colour terminal (unchanged when disabled)."""
    code = _ANSI.get(str(status))
    if not enabled or code is None:
        return text
    return f"\x1b[38;5;{code}m{text}\x1b[0m"
