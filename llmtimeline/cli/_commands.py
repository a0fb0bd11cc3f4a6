"""The commands: what each ``llmtimeline`` subcommand does with its arguments."""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import pandas as pd

from ..check import Report
from ..check.track_record import record_of
from ..exceptions import Error, LoadError, Problem
from ..lint import LINT_COLUMNS, RULES, rule, select_codes
from ..safe_text import terminal_safe
from ..status import STATUSES, TABLE, statuses_of
from ..store import atomic_write_bytes
from ..timeline import Timeline, load
from ..views import palette
from ..views.terminal import SHOWN, counts, days_as_text, head, render, table, terminal_width
from ._input import read_input
from ._progress import Steps, steps

__all__ = ["add_export", "cmd_check", "cmd_plot", "cmd_report", "cmd_validate"]


@contextmanager
def _loading(path: str | None, errors: str = "raise", then: Sequence[str] = ()) -> Iterator[tuple[Timeline, Steps]]:
    """The records of ``path`` (the bundled file when None, standard input when ``-``: see
    :mod:`llmtimeline.cli._input`), loaded under a progress bar whose later steps are ``then``
    (shown on a terminal, for large inputs: :mod:`llmtimeline.cli._progress`)."""
    given = read_input(path)
    name = "standard input" if path == "-" else Path(path).name if path else ""
    with steps(given.size, ("loading", *then), name) as step:
        tl = load(given.source, errors=errors)
        step.next()
        yield tl, step


def _say(message: str) -> None:
    """A status message ("wrote ..."): standard error, so standard output holds only the output."""
    print(terminal_safe(message), file=sys.stderr)


def _write_output(output: str, data: bytes, binary: bool) -> None:
    """``data`` to the file ``output`` (atomically), or to standard output when ``output`` is ``-``."""
    if output != "-":
        atomic_write_bytes(output, data)
        return
    if binary and sys.stdout.isatty():
        raise Error("will not write binary data to the terminal: redirect standard output (> FILE) or name a file")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _written_by(write: Callable[[str], None], suffix: str) -> bytes:
    """The bytes a writer that takes a path writes (for ``-o -``): written into a private folder, read back."""
    with tempfile.TemporaryDirectory(prefix="llmtimeline-") as folder:
        path = os.path.join(folder, "out" + suffix)
        write(path)
        return Path(path).read_bytes()


#: The columns the check table shows (every column goes to csv, json and markdown).
_CHECK_TABLE = ("id", "date", "speaker", "phrase", "status", "event_id", "margin_days", "quote")
#: The columns a narrow terminal leaves out of the check table, first to go first.
_CHECK_DROP = ("event_id", "phrase", "margin")


def cmd_check(args: argparse.Namespace) -> int:
    with _loading(args.csv, "keep" if args.keep_going else "raise", ("checking",)) as (tl, step):
        report = tl.check(as_of=args.as_of)
        step.next()
    if args.status:
        report = report[report["status"].isin(args.status)]
    out = days_as_text(pd.DataFrame(report))
    if args.format == "table":
        out = out.assign(speaker=out["speaker"].where(out["speaker"] != "", out["actor"]))[list(_CHECK_TABLE)]
        print(table(out.rename(columns={"margin_days": "margin"}), palette.use_colour(), wrap=("quote",),
                    drop=_CHECK_DROP))
        return 0
    print(render(out, args.format, palette.use_colour()))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Problems (errors), then warnings, on standard error, one line each; then on standard output the
    count per code (``--statistics``) and a one-line summary.  Exit 1 on errors, and on warnings with
    ``--strict``."""
    try:
        chosen = set(select_codes(args.select, args.ignore))
    except ValueError as exc:
        raise Error(str(exc)) from None
    with _loading(args.csv, "keep", ("linting",)) as (tl, step):  # the good records are linted even when others have problems
        found = tl.lint()
        step.next()
    warnings = found[found["code"].isin(chosen)]
    source = terminal_safe(tl.source)
    if len(tl.problems):
        print(terminal_safe(str(_problems_error(tl)), newlines=True), file=sys.stderr)
    for line in _warning_lines(source, tl, warnings):
        print(line, file=sys.stderr)
    sys.stderr.flush()
    by_code = warnings["code"].value_counts().reindex([r.code for r in RULES]).dropna().astype(int)
    if args.statistics:
        for code, n in by_code.items():
            print(f"{n:>7,}  {code}  {rule(str(code)).name}")
    n, errors = len(warnings), len(tl.problems)
    noted = f"{n:,} warning{'s' if n != 1 else ''}" + (
        " (" + ", ".join(f"{code}: {k:,}" for code, k in by_code.items()) + ")" if n else "")
    if errors:
        print(f"{source}: {errors:,} error{'s' if errors != 1 else ''}, {noted}")
        return 1
    print(f"{source}: OK, {counts(tl)}, {noted}")
    return 1 if args.strict and n else 0


def _problems_error(tl: Timeline) -> LoadError:
    """The problems of the records a load kept, as the LoadError a plain load raises."""
    p = tl.problems
    problems = [Problem(int(line), column or None, value if value != "" or column else None, reason)
                for line, column, value, reason in zip(p["line"], p["column"], p["value"], p["reason"], strict=True)]
    return LoadError(tl.source, problems)


def _warning_lines(source: str, tl: Timeline, warnings: pd.DataFrame) -> Iterator[str]:
    """One line per warning, as compilers and linters print them:
    ``SOURCE:LINE: CODE id 'ID', column 'COLUMN': 'VALUE': message; suggestion``."""
    lines = tl.lines
    for position, rid, column, value, code, message, suggestion in zip(
            warnings.index.tolist(), *(warnings[c].tolist() for c in LINT_COLUMNS), strict=True):
        shown = f": {value!r}" if value else ""
        hint = f"; {suggestion}" if suggestion else ""
        text = f"{source}:{int(lines[position])}: {code} id {rid!r}, column {column!r}{shown}: {message}{hint}"
        yield terminal_safe(text, newlines=True)


def _image_format(output: str, given: str | None) -> str:
    """The picture's format: ``--format``, else the file's suffix; PNG on standard output."""
    if given:
        return given
    if output == "-":
        return "png"
    suffix = Path(output).suffix.lower()
    if suffix not in (".png", ".svg", ".pdf"):
        raise Error(f"cannot write {output!r}: the file name must end in .png, .svg or .pdf")
    return suffix[1:]


def cmd_plot(args: argparse.Namespace) -> int:
    with _loading(args.csv, then=("drawing",)) as (tl, step):
        fmt = _image_format(args.output, args.format)
        data = _picture(tl.plot(as_of=args.as_of), fmt, dpi=150, tight=True)
        step.next()
    _write_output(args.output, data, binary=fmt != "svg")
    if args.output != "-":
        _say(f"wrote {args.output}")
    return 0


def _picture(ax_or_fig: Any, fmt: str, dpi: int, tight: bool = False) -> bytes:
    """A figure (or an Axes' figure) drawn into memory, then closed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = ax_or_fig.get_figure(root=True) if hasattr(ax_or_fig, "get_figure") and not hasattr(ax_or_fig, "savefig") \
        else ax_or_fig
    assert fig is not None
    try:
        picture = io.BytesIO()
        fig.savefig(picture, format=fmt, dpi=dpi, **({"bbox_inches": "tight"} if tight else {}))
    finally:
        plt.close(fig)
    return picture.getvalue()


def cmd_report(args: argparse.Namespace) -> int:
    if args.no_plot and args.output is not None:
        raise Error("--no-plot and -o/--output contradict each other: drop --no-plot to write the charts, "
                    "or -o to print the scorecard only")
    if args.output == "-" and args.html == "-":
        raise Error("-o - and --html - would both write to standard output: name a file for one of them")
    output = args.output or "timeline.png"
    fmt = None if args.no_plot else _image_format(output, None)
    # with a file on standard output, the scorecard goes to standard error
    out = sys.stderr if "-" in (args.output, args.html) else sys.stdout
    with _loading(args.csv, then=("checking", "charts")) as (tl, step):
        report = tl.check(as_of=args.as_of)
        step.next()
        pictures = _report_files(tl, report, args, fmt)
        step.next()
    _scorecard(tl, report, out)  # once the progress bar is gone
    if fmt is not None:
        _write_output(output, pictures[0], binary=fmt != "svg")
        if output != "-":
            _say(f"Charts written to {output}")
    if args.html:
        _write_output(args.html, pictures[1], binary=False)
        if args.html != "-":
            _say(f"Web page written to {args.html}")
    return 0


def _scorecard(tl: Timeline, report: pd.DataFrame, out: TextIO) -> None:
    """The scorecard: counts, the predictions by outcome, the statements, the track record."""
    colour = palette.use_colour(out)
    width = terminal_width()

    def say(text: str = "", table: bool = False) -> None:  # prose wrapped at spaces; tables fit already
        print(text if table else "\n".join(
            textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) for line in text.split("\n")),
            file=out)

    say(f"llmtimeline report: {counts(tl)}, as of {report.attrs['as_of']}")
    say()
    status, kind = report["status"], report["type"].to_numpy(dtype=object)  # status: a Categorical, hashed once
    by_status = status.value_counts()
    summary = ", ".join(palette.ansi(s, f"{s} {int(by_status.get(s, 0))}", colour) for s in STATUSES if by_status.get(s, 0))
    say("Claims by status: " + summary)
    # each table takes its columns before its rows: the report is wide, and only a few rows are printed
    shown = ["date", "speaker", "actor", "expects", "phrase", "deadline", "status", "event_id", "margin_days", "quote"]
    for title, statuses in (
        ("Predictions fulfilled or partly kept", ("fulfilled", "partly")),
        ("Predictions late, missed or contradicted", ("late", "missed", "contradicted")),
        ("Predictions still open or undetermined", ("pending", "undetermined")),
    ):
        rows = np.flatnonzero((kind == "prediction") & status.isin(statuses).to_numpy())
        part = days_as_text(report[shown].take(rows[:SHOWN]))
        part["deadline"] = part["deadline"].fillna("")
        part["speaker"] = part["speaker"].where(part["speaker"] != "", part["actor"])
        say(f"\n{title} ({len(rows)}):")
        say(head(part.drop(columns="actor").rename(columns={"margin_days": "margin"}), colour, wrap=("quote",),
                 drop=("event_id", "phrase", "margin", "expects", "deadline"), total=len(rows)), table=True)
    is_statement = kind == "statement"
    unverified = (status == "unverified").to_numpy()
    rows = np.flatnonzero(is_statement & ~unverified)
    say(f"\nStatements checked against the facts ({len(rows)}; "
        f"{int((is_statement & unverified).sum())} not verifiable yet):")
    say(head(report[["date", "actor", "title", "status", "event_id"]].take(rows[:SHOWN]), colour, wrap=("title",),
             drop=("event_id",), total=len(rows)), table=True)
    record = record_of(report, by="actor")  # from the report made above: no second check
    record = record[record["predictions"] > 0]
    shown = track_table(record, width)
    say("\nTrack record by actor (predictions; the on-time rate is over fulfilled, late, missed and contradicted"
        + ("; " + ", ".join(f"{short} = {full.replace('_', ' ')}" for full, short in TRACK_ABBREVIATIONS)
           if "total" in shown.columns else "") + "):")
    say(head(shown, colour=False, drop=("median_margin_days", "margin")), table=True)


def track_table(record: pd.DataFrame, width: int | None = None) -> pd.DataFrame:
    """The track record's prediction columns as the terminal shows them: every status column (they add
    up to ``predictions``), counts as integers, the rate to two decimals.  When the full headers do not
    fit in ``width``, the long ones are abbreviated (:data:`TRACK_ABBREVIATIONS`, which the table's
    caption spells out)."""
    shown = record[list(_TRACK_COUNTS)].rename(columns={"predictions_contradicted": "contradicted"}).astype("int64")
    shown["on_time_rate"] = record["on_time_rate"].round(2)
    shown["median_margin_days"] = record["median_margin_days"]
    shown = shown.reset_index()
    if width is not None:
        cells = shown.astype(str)
        needed = sum(max(len(str(c)), int(cells[c].str.len().max())) for c in cells.columns) + 2 * (len(cells.columns) - 1)
        if needed > width:
            shown = shown.rename(columns=dict(TRACK_ABBREVIATIONS))
    return shown


#: Short headers of the track record on a narrow terminal, and what they stand for.
TRACK_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("predictions", "total"), ("contradicted", "contra"), ("undetermined", "undet"), ("on_time_rate", "rate"),
    ("median_margin_days", "margin"))
#: The prediction counts of a track record, in the order of the statuses (read from :mod:`llmtimeline.status`).
_TRACK_COUNTS = ("predictions", *(TABLE[s].record_column["prediction"] for s in statuses_of("prediction")))


def _report_files(tl: Timeline, report: Report, args: argparse.Namespace, fmt: str | None) -> tuple[bytes, bytes]:
    """``report``'s files as bytes: both charts in one image (``-o``), and the web page (``--html``),
    from the report already made (the check runs once)."""
    picture = page = b""
    if fmt is not None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from ..views.plot import report_figure, save_report_figure

        fig = report_figure(tl, as_of=args.as_of, report=report)
        try:  # into memory (save_report_figure: a PNG written the quick way, views/plot/_raster.py)
            buffer = io.BytesIO()
            save_report_figure(fig, buffer, fmt)
        finally:
            plt.close(fig)
        picture = buffer.getvalue()
    if args.html:
        from ..views.html import write_html

        page = _written_by(lambda path: write_html(tl, path, args.as_of, report=report), ".html")
    return picture, page


def cmd_export(args: argparse.Namespace) -> int:
    from ..views.exports import FORMATS, Publishing

    chosen = FORMATS[args.format]
    output = args.output or f"{chosen.name}{chosen.suffix}"
    with _loading(args.csv, then=("exporting",)) as (tl, step):
        data = chosen.write(tl, args.as_of, Publishing(args.base_url, args.publisher, args.publisher_url))
        step.next()
    _write_output(output, data, binary=False)
    if output != "-":
        _say(f"wrote {output}")
    return 0


def add_export(sub: Any, command: Any, add_csv: Any, add_as_of: Any) -> None:
    from ..views.exports import FORMATS

    p = command(sub, "export", "write " + ", ".join(f.description for f in FORMATS.values()), """
llmtimeline export --format timelinejs -o timeline.json
llmtimeline export mine.csv --format claimreview -o - > claimreview.jsonld
llmtimeline export --format claimreview --base-url https://example.org/ai/ --publisher "Example News" -o cr.json
llmtimeline export --format ics --as-of 2025-01-01 -o deadlines.ics
""", cmd_export)
    add_csv(p)
    add_as_of(p)
    p.add_argument("--format", required=True, choices=list(FORMATS), help=", ".join(FORMATS))
    p.add_argument("-o", "--output", default=None, metavar="FILE",
                   help="output file (default: " + ", ".join(f"{f.name}{f.suffix}" for f in FORMATS.values())
                   + "; '-' standard output)")
    p.add_argument("--base-url", default=None, metavar="URL",
                   help="claimreview: where the site is published (each review's url is absolute under it)")
    p.add_argument("--publisher", default=None, metavar="NAME", help="claimreview: the reviews' author")
    p.add_argument("--publisher-url", default=None, metavar="URL", help="claimreview: the publisher's web address")

