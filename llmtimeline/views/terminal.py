"""How the command line prints a frame: a table fitted to the terminal, markdown, csv, json.

Text from the data goes through :func:`llmtimeline._text.terminal_safe`; csv
cells are made spreadsheet-safe.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence

import pandas as pd

from ..safe_text import terminal_safe
from ..store import spreadsheet_safe
from ..timeline import Timeline
from . import palette

__all__ = ["SHOWN", "counts", "days_as_text", "head", "markdown", "render", "table"]

SHOWN = 20  # rows of each table the report prints


def table(frame: pd.DataFrame, colour: bool = False, wrap: Sequence[str] = ()) -> str:
    """A plain fixed-width table fitted to the terminal's width; the status column coloured on a
    terminal.  Columns named in ``wrap`` (a quote, a title) may take the room the others leave;
    when the table is wider than the terminal the widest columns give way first, and a cell
    longer than its column wraps onto more lines (nothing is cut)."""
    if frame.empty:
        return "(none)"
    text = frame.astype(object).where(frame.notna(), "").astype(str).map(lambda v: " ".join(terminal_safe(v).split()))
    natural = {c: max(len(c), *(len(v) for v in text[c])) for c in text.columns}
    widths = {c: natural[c] if c in wrap else min(natural[c], 48) for c in text.columns}
    room = shutil.get_terminal_size((120, 24)).columns - 2 * (len(text.columns) - 1)
    # the wrapped columns give way first (down to 20 characters, no less), then the widest of the others;
    # ids, dates, statuses and margins stay whole (what one looks for), so a very narrow terminal
    # may still overflow
    for stage in (20, 8):
        floor = {c: natural[c] if c.endswith(("id", "status", "date", "margin", "expects", "deadline"))
                 else min(natural[c], max(len(c), 20 if c in wrap else 8))
                 for c in text.columns}
        while sum(widths.values()) > room:
            candidates = [c for c in text.columns if widths[c] > floor[c] and (stage == 8 or c in wrap)]
            if not candidates:
                break
            widths[max(candidates, key=widths.__getitem__)] -= 1

    lines = ["  ".join(c.ljust(widths[c]) for c in text.columns).rstrip()]
    lines.append("  ".join("-" * widths[c] for c in text.columns))
    for _, row in text.iterrows():
        parts = {c: textwrap.wrap(row[c], widths[c], break_on_hyphens=False) or [""] for c in text.columns}
        for k in range(max(len(v) for v in parts.values())):
            cells = []
            for c in text.columns:
                piece = (parts[c][k] if k < len(parts[c]) else "").ljust(widths[c])
                cells.append(palette.ansi(row[c], piece, colour) if c == "status" and k == 0 else piece)
            lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


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


def head(frame: pd.DataFrame, colour: bool, limit: int = SHOWN, wrap: Sequence[str] = ()) -> str:
    """The first ``limit`` rows as a table, and how many more there are."""
    text = table(frame.head(limit), colour, wrap)
    if len(frame) > limit:
        text += f"\n... and {len(frame) - limit:,} more (llmtimeline check lists them all)"
    return text
