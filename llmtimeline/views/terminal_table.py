"""Tables for the terminal: one line per row, fitted to the terminal's width, long cells cut with "…".

Why our own layout and not ``rich.table.Table``: rich cuts an overflowing cell
at any character (``overflow="ellipsis"``) or wraps it onto more lines; we
want one line per row, cells cut only at a word boundary, and a say in which
column gives way (a quote or a title gets the room; ids, dates and statuses are
what one looks for).  rich measures the text (:func:`rich.cells.cell_len`:
a wide CJK character or an emoji takes two columns).

How the width is shared (:func:`fit_widths`): every column starts at a floor
(short columns such as dates, statuses and counts whole; an id or a name at
least its header and a dozen characters); when even the floors do not fit, the
columns named in ``drop`` are left out (the table says which); the ``grow``
column (a quote) is promised two fifths of what is left, the ids then grow up to
32 characters and the other columns up to 24, then the grow column takes the
rest, then everyone up to their natural width.

>>> import pandas as pd
>>> frame = pd.DataFrame({"id": ["p1"], "quote": ["We will ship it within a month, voire moins."]})
>>> print(table(frame, width=30, grow="quote"))
id  quote
--  --------------------------
p1  We will ship it within a…
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import pandas as pd
from rich.cells import cell_len

from ..safe_text import terminal_safe

__all__ = ["ELLIPSIS", "cut", "fit_widths", "table"]

ELLIPSIS = "…"
_GAP = 2  # spaces between columns
_ID_CAP = 32  # an id shares the room up to this width; past it only with room to spare
_TEXT_CAP = 24  # so does a name or a phrase
_TEXT_FLOOR = 12
_NAME_FLOOR = 16  # a person's or an organisation's name
_NAMES = ("speaker", "actor")
_WHOLE = ("date", "status", "margin", "deadline", "type", "lang", "event_date")
#: Where a cell may be cut: after a space, or after a hyphen, slash or underscore that joins two words.
_BOUNDARY = re.compile(r"(?<=\S)(?=\s)|(?<=[\w.][-/_])(?=\w)")


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` columns: whole, or its first words and "…".

    Words are never broken: the cut falls at a space, or after a hyphen, slash
    or underscore that joins two words ("clegg-llama3-…").  When not even the
    first word fits, the cell is "…" alone.

    >>> cut("Mark Zuckerberg", 12)
    'Mark…'
    >>> cut("clegg-llama3-within-a-month", 16)
    'clegg-llama3-…'
    >>> cut("Zuckerberg", 5), cut("", 3), cut("short", 5)
    ('…', '', 'short')
    """
    if cell_len(text) <= width:
        return text
    if width < 1:
        return ""
    room = width - cell_len(ELLIPSIS)
    best = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start()
        if cell_len(text[:end].rstrip()) > room:
            break
        best = end
    return text[:best].rstrip() + ELLIPSIS


def _is_whole(column: str) -> bool:
    return column.endswith(_WHOLE) or column in {"predictions", "fulfilled", "partly", "late", "missed",
                                                 "contradicted", "undetermined", "pending", "on_time_rate",
                                                 "median_margin_days"}


def _is_id(column: str) -> bool:
    return column == "id" or column.endswith("_id")


def fit_widths(natural: dict[str, int], headers: dict[str, int], width: int,
               grow: str | None = None, drop: Sequence[str] = ()) -> dict[str, int]:
    """The width of each column shown (columns left out are absent), the gaps included, within ``width``.

    ``natural`` is each column's widest cell (its header included), ``headers``
    its header's width; ``drop`` lists the
    columns to leave out first when even the narrowest layout is too wide (then
    the last columns go, the first one always stays; a single column too wide
    for ``width`` is cut to it).
    """
    def floor(c: str) -> int:
        if _is_whole(c):
            return natural[c]
        least = 20 if c == grow else _NAME_FLOOR if c in _NAMES else _TEXT_FLOOR
        return min(natural[c], max(headers[c], least))

    shown = list(natural)
    # leave out the columns of ``drop`` in turn, then from the right, the grow column and the status last
    # (the first column always stays)
    rest = [c for c in reversed(list(natural)[1:]) if c not in (grow, "status")]
    for c in (*drop, *rest, grow, "status"):
        if sum(floor(k) for k in shown) + _GAP * (len(shown) - 1) <= width:
            break
        if c in shown:
            shown.remove(c)
    widths = {c: min(floor(c), width) for c in shown}
    room = width - sum(widths.values()) - _GAP * (len(shown) - 1)

    def give(c: str, upto: int) -> None:
        nonlocal room
        extra = max(0, min(room, upto - widths[c]))
        widths[c] += extra
        room -= extra

    if grow in widths:
        give(grow, min(natural[grow], widths[grow] + room * 2 // 5))
    others = [c for c in shown if c != grow]
    # the first column (the id one looks a claim up by) first, then the short columns whole (fewer cells
    # cut), the other ids last
    for c in sorted(others, key=lambda k: (k != shown[0], _is_id(k), natural[k])):
        give(c, min(natural[c], _ID_CAP if _is_id(c) else max(_TEXT_CAP, widths[c])))
    if grow in widths:
        give(grow, natural[grow])
    for c in sorted(others, key=lambda k: natural[k]):
        give(c, natural[c])
    return widths


def table(frame: pd.DataFrame, width: int, grow: str | None = None, drop: Sequence[str] = (),
          paint: Callable[[str, str, str], str] | None = None) -> str:
    """``frame`` as a plain table: one line per row, no line wider than ``width``.

    ``grow`` names the column that takes the room the others leave (a quote, a
    title); ``drop`` the columns that may be left out when even the narrowest
    layout does not fit (first to go first; a last line says which).
    ``paint(column, value, padded)`` may colour a cell (the padded text is what
    to colour; its width must stay the same).  Cells are shown on one line,
    through :func:`llmtimeline.safe_text.terminal_safe`, cut with "…" at a word
    boundary when too long.
    """
    if frame.empty:
        return "(none)"
    text = {str(c): [" ".join(terminal_safe(v).split()) for v in _strings(frame[c])] for c in frame.columns}
    natural = {c: max(cell_len(c), *(cell_len(v) for v in cells)) for c, cells in text.items()}
    widths = fit_widths(natural, {c: cell_len(c) for c in text}, width, grow, drop)
    shown = [c for c in text if c in widths]
    lines = [_line([_pad(cut(c, widths[c]), widths[c]) for c in shown]),
             _line(["-" * widths[c] for c in shown])]
    numeric = {c: _numeric(frame[c]) for c in shown}
    for i in range(len(frame)):
        cells = []
        for c in shown:
            value = text[c][i]
            padded = _pad(cut(value, widths[c]), widths[c], right=numeric[c])
            cells.append(paint(c, value, padded) if paint is not None else padded)
        lines.append(_line(cells))
    left_out = [c for c in text if c not in widths]
    if left_out:
        note = f"(not shown: {', '.join(left_out)}; widen the terminal or use --format csv)"
        lines.append(cut(note, width))
    return "\n".join(lines)


def _strings(column: pd.Series) -> list[str]:
    """The cells as text: missing ones empty, a float column of whole numbers without ".0"."""
    whole = _all_whole(column)
    out = []
    for v in column.tolist():
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
            out.append("")
        elif whole and isinstance(v, float):
            out.append(str(int(v)))
        else:
            out.append(str(v))
    return out


def _all_whole(column: pd.Series) -> bool:
    if not pd.api.types.is_float_dtype(column.dtype):
        return False
    values = column.dropna()
    return bool((values == values.round()).all())


def _numeric(column: pd.Series) -> bool:
    return bool(pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column.dtype))


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(0, width - cell_len(text))
    return space + text if right else text + space


def _line(cells: list[str]) -> str:
    return (" " * _GAP).join(cells).rstrip()
