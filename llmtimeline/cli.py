"""The ``llmtimeline`` command: report, check, validate, plot.

    llmtimeline report [CSV] [--as-of DATE] [-o timeline.png]
    llmtimeline check [CSV] [--as-of DATE] [--status S ...] [--format table|csv|json|markdown]
    llmtimeline validate CSV
    llmtimeline plot [CSV] -o FILE.png|svg|pdf [--as-of DATE]
    llmtimeline find FILE [--published DATE] [--lang fr|en] [--source S] [--url U] [-o OUT.csv]

Exit status: 0 on success, 1 when a file has problems (they are listed on
standard error), 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from . import palette
from .exceptions import Error, LoadError
from .status import STATUSES
from .store import spreadsheet_safe
from .timeline import Timeline, load

__all__ = ["main"]

_FORMATS = ("table", "csv", "json", "markdown")
_SHOWN = 20  # rows of each table the report prints


def _load(path: str | None) -> Timeline:
    return load(path)


def _table(frame: pd.DataFrame, colour: bool = False, wrap: Sequence[str] = ()) -> str:
    """A plain fixed-width table fitted to the terminal's width; the status column coloured on a
    terminal.  Columns named in ``wrap`` (a quote, a title) may take the room the others leave;
    when the table is wider than the terminal the widest columns give way first, and a cell
    longer than its column wraps onto more lines (nothing is cut)."""
    if frame.empty:
        return "(none)"
    text = frame.astype(object).where(frame.notna(), "").astype(str).map(lambda v: " ".join(v.split()))
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
    esc = lambda v: v.replace("|", "\\|").replace("\n", " ")  # noqa: E731
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
    report = _load(args.csv).check(as_of=args.as_of)
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
    tl = load(args.csv)
    print(f"{args.csv}: OK, {_counts(tl)}")
    return 0


def _cmd_plot(args: argparse.Namespace) -> int:
    tl = _load(args.csv)
    _save_plot(tl, args.output, args.as_of)
    print(f"wrote {args.output}")
    return 0


def _save_plot(tl: Timeline, output: str, as_of: str | None) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = tl.plot(as_of=as_of)
    fig = ax.figure
    suffix = Path(output).suffix.lower()
    if suffix not in (".png", ".svg", ".pdf"):
        raise Error(f"cannot write {output!r}: the file name must end in .png, .svg or .pdf")
    fig.savefig(output, dpi=150, bbox_inches="tight")
    plt.close(fig)


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
    if not args.no_plot:
        _save_plot(tl, args.output, args.as_of)
        print(f"\nTimeline written to {args.output}")
    return 0


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
        p.add_argument("csv", nargs="?", default=None, help="events CSV (default: the bundled events.csv)")

    def add_as_of(p: argparse.ArgumentParser) -> None:
        p.add_argument("--as-of", dest="as_of", default=None, metavar="DATE",
                       help="check with only what was known on DATE (default: today)")

    p = sub.add_parser("report", help="print the scorecard of predictions and write the timeline plot")
    add_csv(p)
    add_as_of(p)
    p.add_argument("-o", "--output", default="timeline.png", help="plot file (default: timeline.png)")
    p.add_argument("--no-plot", action="store_true", help="print the scorecard only")
    p.set_defaults(run=_cmd_report)

    p = sub.add_parser("check", help="check every claim; one row per claim")
    add_csv(p)
    add_as_of(p)
    p.add_argument("--status", nargs="+", choices=STATUSES, metavar="S", help=f"keep these statuses ({', '.join(STATUSES)})")
    p.add_argument("--format", choices=_FORMATS, default="table", help="output format (default: table)")
    p.set_defaults(run=_cmd_check)

    p = sub.add_parser("validate", help="check a CSV file; list every problem and exit 1 if there is one")
    p.add_argument("csv", help="events CSV")
    p.set_defaults(run=_cmd_validate)

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
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except LoadError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except Error as exc:
        print(f"llmtimeline: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `llmtimeline check | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
