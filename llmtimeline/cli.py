"""The ``llmtimeline`` command: report, check, validate, export, plot.

    llmtimeline report [CSV] [--as-of DATE] [-o timeline.png] [--html report.html]
    llmtimeline check [CSV] [--as-of DATE] [--status S ...] [--format table|csv|json|markdown]
    llmtimeline validate CSV [--strict]
    llmtimeline export [CSV] --format timelinejs|claimreview|ics [-o FILE] [--as-of DATE]
    llmtimeline plot [CSV] -o FILE.png|svg|pdf [--as-of DATE]
    llmtimeline find FILE [--published DATE] [--lang fr|en] [--source S] [--url U] [-o OUT.csv]

A CSV argument of ``-`` reads standard input.  Exit status: 0 on success, 1
when a file has problems (they are listed on standard error; ``validate`` lists
its warnings after them, and exits 1 on warnings too with ``--strict``) or cannot
be read or written, 2 for bad arguments, 3 for an internal error (set
``LLMTIMELINE_DEBUG=1`` for its traceback), 130 when interrupted.  Every failure
is reported on standard error, on one line (a file's problems: one line each),
with no traceback; text from the data and file names are printed through
:func:`llmtimeline._text.terminal_safe`.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd

from . import palette
from ._text import terminal_safe
from .exceptions import Error, LoadError, Problem
from .status import STATUSES
from .store import atomic_write, spreadsheet_safe
from .timeline import Timeline, load

__all__ = ["main"]

_FORMATS = ("table", "csv", "json", "markdown")
_SHOWN = 20  # rows of each table the report prints


def _load(path: str | None, errors: str = "raise") -> Timeline:
    """The records of ``path``: the bundled file when None, standard input when ``-``."""
    return load(_source(path), errors=errors)


def _source(path: str | None) -> Any:
    """What ``lt.load`` reads for a CSV argument: ``-`` is standard input (as bytes)."""
    if path == "-":
        return sys.stdin.buffer
    return path


def _table(frame: pd.DataFrame, colour: bool = False, wrap: Sequence[str] = ()) -> str:
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


def _markdown(frame: pd.DataFrame) -> str:
    text = frame.astype(object).where(frame.notna(), "").astype(str)
    esc = lambda v: terminal_safe(v.replace("|", "\\|").replace("\n", " "))  # noqa: E731
    lines = ["| " + " | ".join(text.columns) + " |", "|" + "|".join("---" for _ in text.columns) + "|"]
    lines += ["| " + " | ".join(esc(v) for v in row) + " |" for row in text.itertuples(index=False)]
    return "\n".join(lines)


def _render(frame: pd.DataFrame, fmt: str, colour: bool) -> str:
    if fmt == "csv":  # for spreadsheets: no cell may run as a formula
        safe = frame.astype(object).where(frame.notna(), "").map(lambda v: spreadsheet_safe(str(v)))
        return safe.to_csv(index=False).rstrip("\n")
    if fmt == "json":
        return frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=1)
    if fmt == "markdown":
        return _markdown(frame)
    return _table(frame, colour)


#: The columns the check table shows (every column goes to csv, json and markdown).
_CHECK_TABLE = ("id", "date", "speaker", "phrase", "status", "event_id", "margin_days", "quote")


def _days_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The datetime columns as ISO days ("" when none), the rest as they are."""
    out = frame.copy()
    for column in ("deadline", "event_date"):
        if column in out.columns:
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out


def _cmd_check(args: argparse.Namespace) -> int:
    report = _load(args.csv, "keep" if args.keep_going else "raise").check(as_of=args.as_of)
    if args.status:
        report = report[report["status"].isin(args.status)]
    out = _days_as_text(pd.DataFrame(report))
    if args.format == "table":
        out = out.assign(speaker=out["speaker"].where(out["speaker"] != "", out["actor"]))[list(_CHECK_TABLE)]
        print(_table(out.rename(columns={"margin_days": "margin"}), palette.use_colour(), wrap=("quote",)))
        return 0
    print(_render(out, args.format, palette.use_colour()))
    return 0


def _counts(tl: Timeline) -> str:
    """'N records (E events, C claims, ...)', counted from the columns."""
    counts = tl.cells["type"].value_counts()
    claims = int(counts.get("prediction", 0) + counts.get("statement", 0))
    more = "".join(f", {int(counts[t]):,} {t}{'s' if counts[t] != 1 else ''}" for t in ("subject", "ruling")
                   if counts.get(t, 0))
    return f"{len(tl):,} records ({int(counts.get('event', 0)):,} events, {claims:,} claims{more})"


def _head(frame: pd.DataFrame, colour: bool, limit: int = _SHOWN, wrap: Sequence[str] = ()) -> str:
    """The first ``limit`` rows as a table, and how many more there are."""
    text = _table(frame.head(limit), colour, wrap)
    if len(frame) > limit:
        text += f"\n... and {len(frame) - limit:,} more (llmtimeline check lists them all)"
    return text


def _cmd_validate(args: argparse.Namespace) -> int:
    """Errors (every problem, on stderr), then warnings (lint, on stdout); exit 1 on errors, and on
    warnings with --strict."""
    tl = _load(args.csv, "keep")  # the good records are linted even when others have problems
    warnings = tl.lint()
    if len(tl.problems):
        print(terminal_safe(str(_problems_error(tl)), newlines=True), file=sys.stderr, flush=True)
    if len(warnings):  # warnings are no failure: standard output, after the errors
        print(terminal_safe(_warnings_text(tl.source, warnings), newlines=True), flush=True)
    if len(tl.problems):
        return 1
    n = len(warnings)
    noted = f", {n:,} warning{'s' if n != 1 else ''}" if n else ""
    print(f"{terminal_safe(tl.source)}: OK, {_counts(tl)}{noted}")
    return 1 if args.strict and n else 0


def _problems_error(tl: Timeline) -> LoadError:
    """The problems of the records a load kept, as the LoadError a plain load raises."""
    p = tl.problems
    problems = [Problem(int(line), column or None, value if value != "" or column else None, reason)
                for line, column, value, reason in zip(p["line"], p["column"], p["value"], p["reason"], strict=True)]
    return LoadError(tl.source, problems)


def _warnings_text(source: str, warnings: pd.DataFrame) -> str:
    """'SOURCE: N warnings:' then one line per warning: id, column, value, message and suggestion."""
    n = len(warnings)
    lines = [f"{source}: {n:,} warning{'s' if n != 1 else ''}:"]
    for rid, column, value, message, suggestion in warnings[["id", "column", "value", "message", "suggestion"]].itertuples(
            index=False):
        shown = f": {value!r}" if value else ""
        hint = f"; {suggestion}" if suggestion else ""
        lines.append(f"  id {rid!r}, column {column!r}{shown}: {message}{hint}")
    return "\n".join(lines)


def _cmd_plot(args: argparse.Namespace) -> int:
    tl = _load(args.csv)
    _save_plot(tl, args.output, args.as_of)
    print(f"wrote {terminal_safe(args.output)}")
    return 0


def _save_plot(tl: Timeline, output: str, as_of: str | None) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = tl.plot(as_of=as_of)
    fig = ax.get_figure(root=True)
    assert fig is not None
    suffix = Path(output).suffix.lower()
    if suffix not in (".png", ".svg", ".pdf"):
        raise Error(f"cannot write {output!r}: the file name must end in .png, .svg or .pdf")
    try:  # drawn into memory, then saved as a timeline is: atomically, links followed, errors naming the file
        picture = io.BytesIO()
        fig.savefig(picture, format=suffix[1:], dpi=150, bbox_inches="tight")
    finally:
        plt.close(fig)
    atomic_write(output, lambda handle: _write_all(handle, picture.getvalue()))


def _write_all(handle: BinaryIO, data: bytes) -> None:
    handle.write(data)


def _cmd_report(args: argparse.Namespace) -> int:
    tl = _load(args.csv)
    report = tl.check(as_of=args.as_of)
    colour = palette.use_colour()
    as_of = report.attrs["as_of"]
    print(f"llmtimeline report: {_counts(tl)}, as of {as_of}")
    print()
    counts = report["status"].value_counts()
    summary = "  ".join(palette.ansi(s, f"{s} {int(counts.get(s, 0))}", colour) for s in STATUSES if counts.get(s, 0))
    print("Claims by status: " + summary)
    preds = _days_as_text(pd.DataFrame(report[report["type"] == "prediction"]))
    preds["deadline"] = preds["deadline"].fillna("")
    preds["speaker"] = preds["speaker"].where(preds["speaker"] != "", preds["actor"])
    for title, statuses in (
        ("Predictions fulfilled or partly kept", ("fulfilled", "partly")),
        ("Predictions late, missed or contradicted", ("late", "missed", "contradicted")),
        ("Predictions still open or undetermined", ("pending", "undetermined")),
    ):
        part = preds[preds["status"].isin(statuses)]
        print(f"\n{title} ({len(part)}):")
        print(_head(part[["date", "speaker", "expects", "phrase", "deadline", "status", "event_id", "margin_days",
                          "quote"]].rename(columns={"margin_days": "margin"}), colour, wrap=("quote",)))
    st = report[(report["type"] == "statement") & (report["status"] != "unverified")]
    print(f"\nStatements checked against the facts ({len(st)}; "
          f"{int(((report['type'] == 'statement') & (report['status'] == 'unverified')).sum())} not verifiable yet):")
    print(_head(st[["date", "actor", "title", "status", "event_id"]], colour, wrap=("title",)))
    record = tl.track_record(by="actor", as_of=args.as_of)
    record = record[record["predictions"] > 0]
    print("\nTrack record by actor (predictions only; on-time rate over fulfilled, late, missed and contradicted):")
    shown = record[["predictions", "fulfilled", "partly", "late", "missed", "predictions_contradicted", "pending",
                    "on_time_rate", "median_margin_days"]].rename(columns={"predictions_contradicted": "contradicted"})
    print(_head(shown.reset_index().round(2), colour=False))
    _publish_report(tl, args)
    return 0


def _publish_report(tl: Timeline, args: argparse.Namespace) -> None:
    """``report``'s files: both charts in one image (``-o``), and the web page (``--html``)."""
    if not args.no_plot:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from .plot import REPORT_DPI, report_figure
        from .views import report as full_report

        if Path(args.output).suffix.lower() not in (".png", ".svg", ".pdf"):
            raise Error(f"cannot write {args.output!r}: the file name must end in .png, .svg or .pdf")
        fig = report_figure(tl, as_of=args.as_of, report=full_report(tl, as_of=args.as_of))
        try:  # into memory, then saved atomically as a timeline is
            picture = io.BytesIO()
            fig.savefig(picture, format=Path(args.output).suffix.lower()[1:], dpi=REPORT_DPI)
        finally:
            plt.close(fig)
        atomic_write(args.output, lambda handle: _write_all(handle, picture.getvalue()))
        print(f"\nCharts written to {terminal_safe(args.output)}")
    if args.html:
        tl.to_html(args.html, as_of=args.as_of)
        print(f"Web page written to {terminal_safe(args.html)}")


def _cmd_export(args: argparse.Namespace) -> int:
    tl = _load(args.csv)
    suffix = {"timelinejs": ".json", "claimreview": ".jsonld", "ics": ".ics"}[args.format]
    output = args.output or f"{args.format}{suffix}"
    tl.export(args.format, output, as_of=args.as_of)
    print(f"wrote {terminal_safe(output)}")
    return 0


def _add_export(sub: Any, add_csv: Any, add_as_of: Any) -> None:
    from .exports import FORMATS

    p = sub.add_parser("export", help="write TimelineJS JSON, ClaimReview JSON-LD or an iCalendar of open deadlines")
    add_csv(p)
    add_as_of(p)
    p.add_argument("--format", required=True, choices=FORMATS, help="timelinejs, claimreview or ics")
    p.add_argument("-o", "--output", default=None,
                   help="output file (default: timelinejs.json, claimreview.jsonld or ics.ics)")
    p.set_defaults(run=_cmd_export)


def _cmd_find(args: argparse.Namespace) -> int:
    """Proposed prediction rows found in an article, as CSV (stdout or ``-o``)."""
    import csv

    from .finder import article_date, find_claims
    from .store import write_table

    if args.file == "-":
        text, name = sys.stdin.read(), "stdin"
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise Error(f"cannot read {args.file!r}: {exc}") from None
        name = Path(args.file).name
    published = args.published or article_date(text)
    if published is None:
        raise Error(f"{name}: no publication date: give --published DATE (no date at the top of the text)")
    rows = find_claims(text, published=published, source=args.source or name, url=args.url, lang=args.lang)
    if args.output:
        write_table(rows, args.output)
        print(f"wrote {len(rows)} proposed claims to {args.output}", file=sys.stderr)
    else:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(rows.columns)
        writer.writerows([spreadsheet_safe(v) for v in row] for row in rows.itertuples(index=False))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="llmtimeline", description="What the AI industry said, and what then happened.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add_csv(p: argparse.ArgumentParser) -> None:
        p.add_argument("csv", nargs="?", default=None,
                       help="events CSV (default: the bundled events.csv; '-' reads standard input)")

    def add_as_of(p: argparse.ArgumentParser) -> None:
        p.add_argument("--as-of", dest="as_of", default=None, metavar="DATE",
                       help="check with only what was known on DATE (default: today)")

    p = sub.add_parser("report", help="print the scorecard of predictions and write the timeline plot")
    add_csv(p)
    add_as_of(p)
    p.add_argument("-o", "--output", default="timeline.png", help="charts file (default: timeline.png)")
    p.add_argument("--html", default=None, metavar="FILE", help="also write the report as one web page")
    p.add_argument("--no-plot", action="store_true", help="print the scorecard only")
    p.set_defaults(run=_cmd_report)

    p = sub.add_parser("check", help="check every claim; one row per claim")
    add_csv(p)
    add_as_of(p)
    p.add_argument("--status", nargs="+", choices=STATUSES, metavar="S", help=f"keep these statuses ({', '.join(STATUSES)})")
    p.add_argument("--format", choices=_FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--keep-going", dest="keep_going", action="store_true",
                   help="check the good records of a file with problems; the others are reported as invalid")
    p.set_defaults(run=_cmd_check)

    p = sub.add_parser("validate", help="check a CSV file; list every problem and exit 1 if there is one, "
                                        "then the warnings (exit 0 on warnings alone)")
    p.add_argument("csv", help="events CSV ('-' reads standard input)")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p.set_defaults(run=_cmd_validate)

    _add_export(sub, add_csv, add_as_of)

    p = sub.add_parser("plot", help="draw the release timeline")
    add_csv(p)
    add_as_of(p)
    p.add_argument("-o", "--output", required=True, help="output file: .png, .svg or .pdf")
    p.set_defaults(run=_cmd_plot)

    p = sub.add_parser("find", help="propose prediction rows from an article's text (CSV)")
    p.add_argument("file", help="article text file ('-' reads standard input)")
    p.add_argument("--published", default=None, metavar="DATE", help="publication date (default: a date at the top of the text)")
    p.add_argument("--lang", choices=("fr", "en"), default=None, help="language (default: detected)")
    p.add_argument("--source", default=None, help="source name (default: the file name)")
    p.add_argument("--url", default=None, help="address of the article")
    p.add_argument("-o", "--output", default=None, help="CSV file to write (default: standard output)")
    p.set_defaults(run=_cmd_find)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    No exception leaves: every failure is a message on standard error (one line,
    or one line per problem of a file) and a non-zero status.
    """
    _tolerant_output()
    args = _parser().parse_args(argv)
    try:
        code = int(args.run(args))
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:  # `llmtimeline check | head`
        _silence_stdout()
        return 0
    except LoadError as exc:
        return _fail(str(exc), 1, prefix="")
    except Error as exc:
        return _fail(str(exc), 1 if isinstance(exc, OSError) else 2)
    except OSError as exc:  # writing standard output (a full disk) or a file matplotlib opened
        if not exc.filename:
            _silence_stdout()
        where = f"{exc.filename}: " if exc.filename else "cannot write the output: "
        return _fail(where + (exc.strerror or str(exc)), 1)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as exc:  # a bug: say so in one line; LLMTIMELINE_DEBUG=1 shows the traceback
        if os.environ.get("LLMTIMELINE_DEBUG"):
            raise
        return _fail(f"internal error ({type(exc).__name__}: {exc}); please report it "
                     "(LLMTIMELINE_DEBUG=1 shows the traceback)", 3)


def _fail(message: str, code: int, prefix: str = "llmtimeline: ") -> int:
    try:
        print(prefix + terminal_safe(message, newlines=True), file=sys.stderr)
    except (OSError, ValueError):  # standard error is gone too: the status says it
        pass
    return code


def _tolerant_output() -> None:
    """Standard output and error never fail on a character their encoding lacks."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError, io.UnsupportedOperation):
                pass


def _silence_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
