"""How the command line prints a frame: a table fitted to the terminal, markdown, csv, json.

Text from the data goes through :func:`llmtimeline.safe_text.terminal_safe`; csv
cells are made spreadsheet-safe.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence

import pandas as pd

from ..safe_text import terminal_safe
from ..store import spreadsheet_safe
from ..timeline import Timeline
from . import palette, terminal_table

__all__ = ["SHOWN", "counts", "days_as_text", "head", "markdown", "render", "table", "terminal_width"]

SHOWN = 20  # rows of each table the report prints


def table(frame: pd.DataFrame, colour: bool = False, wrap: Sequence[str] = (), drop: Sequence[str] = ()) -> str:
    """A table fitted to the terminal's width (:func:`terminal_width`), one line per row, long cells cut
    with "…" at a word boundary (:func:`llmtimeline.views.terminal_table.table`); the status column coloured
    on a terminal.  The first column named in ``wrap`` (a quote, a title) takes the room the others
    leave; ``drop`` names the columns that may be left out on a narrow terminal, first to go first."""
    def paint(column: str, value: str, padded: str) -> str:
        return palette.ansi(value, padded, colour) if column == "status" else padded

    return terminal_table.table(frame, terminal_width(), grow=wrap[0] if wrap else None, drop=drop, paint=paint)


def terminal_width() -> int:
    """The width to fit: ``COLUMNS`` when set, else the terminal's, else 80 (a pipe)."""
    return max(shutil.get_terminal_size((80, 24)).columns, 20)


def markdown(frame: pd.DataFrame) -> str:
    text = frame.astype(object).where(frame.notna(), "").astype(str)
    lines = ["| " + " | ".join(text.columns) + " |", "|" + "|".join("---" for _ in text.columns) + "|"]
    lines += ["| " + " | ".join(_markdown_cell(str(v)) for v in row) + " |" for row in text.itertuples(index=False)]
    return "\n".join(lines)


def _markdown_cell(value: str) -> str:
    return terminal_safe(value.replace("|", "\\|").replace("\n", " "))


def render(frame: pd.DataFrame, fmt: str, colour: bool) -> str:
    if fmt == "csv":  # for spreadsheets: no cell may run as a formula
        safe = frame.astype(object).where(frame.notna(), "").map(lambda v: spreadsheet_safe(str(v)))
        csv_text: str = safe.to_csv(index=False)
        return csv_text.rstrip("\n")
    if fmt == "json":
        json_text: str = frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=1)
        return json_text
    if fmt == "markdown":
        return markdown(frame)
    return table(frame, colour)


def days_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The datetime columns as ISO days ("" when none), the rest as they are."""
    out = frame.copy()
    for column in ("deadline", "event_date"):
        if column in out.columns:
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out


def counts(tl: Timeline) -> str:
    """'N records (E events, C claims, ...)', counted from the columns."""
    counts = tl.cells["type"].value_counts()
    claims = int(counts.get("prediction", 0) + counts.get("statement", 0))
    more = "".join(f", {int(counts[t]):,} {t}{'s' if counts[t] != 1 else ''}" for t in ("subject", "ruling")
                   if counts.get(t, 0))
    return f"{len(tl):,} records ({int(counts.get('event', 0)):,} events, {claims:,} claims{more})"


def head(frame: pd.DataFrame, colour: bool, limit: int = SHOWN, wrap: Sequence[str] = (),
         drop: Sequence[str] = (), total: int | None = None) -> str:
    """The first ``limit`` rows as a table, and how many more there are.

    ``total`` is the number of rows ``frame`` stands for, when it holds only the first ones
    (default ``len(frame)``): a caller with a large table passes its head and its length.
    """
    total = len(frame) if total is None else total
    text = table(frame.head(limit), colour, wrap, drop)
    if total > limit:
        text += f"\n... and {total - limit:,} more (llmtimeline check lists them all)"
    return text
