"""The status colours as plots, HTML and the terminal use them, read from :mod:`llmtimeline.status`.

Every status has a colour and a second cue that does not depend on colour: a
marker shape for plots, a mark for text.  Each colour reads as text on white
(at least 4.5:1, :func:`contrast`).  The colours are chosen to stay apart
for readers with the common colour-vision deficiencies: *late* is an orange
and *missed* a far darker red, so they differ in lightness as well as hue
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

from ..status import TABLE, contrast, text_colour

__all__ = ["STATUS_COLOURS", "STATUS_HATCHES", "STATUS_MARKERS", "STATUS_MARKS", "ansi", "contrast", "text_colour",
           "use_colour"]

#: Hex colour of each status (from :data:`llmtimeline.status.TABLE`).
STATUS_COLOURS: dict[str, str] = {s: row.colour for s, row in TABLE.items()}
#: The matplotlib marker of each status: the cue beside colour in the plots.
STATUS_MARKERS: dict[str, str] = {s: row.marker for s, row in TABLE.items()}
#: The hatch of a prediction's bar: missed and contradicted bars are struck through.
STATUS_HATCHES: dict[str, str] = {s: row.hatch for s, row in TABLE.items() if row.hatch}
#: A mark per status for text where colour is not available.
STATUS_MARKS: dict[str, str] = {s: row.mark for s, row in TABLE.items()}
_ANSI = {s: row.ansi for s, row in TABLE.items()}  # closest 256-colour terminal codes


def use_colour(stream: TextIO | None = None) -> bool:
    """True when ``stream`` (standard output as it is now, by default) is a terminal and NO_COLOR is not set."""
    stream = sys.stdout if stream is None else stream
    return (hasattr(stream, "isatty") and not getattr(stream, "closed", False) and stream.isatty()
            and "NO_COLOR" not in os.environ)


def ansi(status: str, text: str, enabled: bool = True) -> str:
    """``text`` coloured as ``status`` for a 256-colour terminal (unchanged when disabled)."""
    code = _ANSI.get(str(status))
    if not enabled or code is None:
        return text
    return f"\x1b[38;5;{code}m{text}\x1b[0m"
