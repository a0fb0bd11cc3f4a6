"""The commands: what each ``llmtimeline`` subcommand does with its arguments."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from ..check import Report
from ..check.track_record import record_of
from ..exceptions import Error, LoadError, Problem
from ..safe_text import terminal_safe
from ..status import STATUSES
from ..store import atomic_write_bytes, spreadsheet_safe
from ..timeline import Timeline, load
from ..views import palette
from ..views.terminal import counts, days_as_text, head, render, table

__all__ = ["add_export", "cmd_check", "cmd_find", "cmd_plot", "cmd_report", "cmd_validate"]


def _load(path: str | None, errors: str = "raise") -> Timeline:
    """The records of ``path``: the bundled file when None, standard input when ``-``."""
    return load(_source(path), errors=errors)


def _source(path: str | None) -> Any:
    """What ``lt.load`` reads for a CSV argument: ``-`` is standard input (as bytes)."""
    if path == "-":
        return sys.stdin.buffer
    return path


#: The columns the check table shows (every column goes to csv, json and markdown).
_CHECK_TABLE = ("id", "date", "speaker", "phrase", "status", "event_id", "margin_days", "quote")


def cmd_check(args: argparse.Namespace) -> int:
    report = _load(args.csv, "keep" if args.keep_going else "raise").check(as_of=args.as_of)
    if args.status:
        report = report[report["status"].isin(args.status)]
    out = days_as_text(pd.DataFrame(report))
    if args.format == "table":
        out = out.assign(speaker=out["speaker"].where(out["speaker"] != "", out["actor"]))[list(_CHECK_TABLE)]
        print(table(out.rename(columns={"margin_days": "margin"}), palette.use_colour(), wrap=("quote",)))
        return 0
    print(render(out, args.format, palette.use_colour()))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
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
    print(f"{terminal_safe(tl.source)}: OK, {counts(tl)}{noted}")
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


def cmd_plot(args: argparse.Namespace) -> int:
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
    atomic_write_bytes(output, picture.getvalue())


def cmd_report(args: argparse.Namespace) -> int:
    tl = _load(args.csv)
    report = tl.check(as_of=args.as_of)
    colour = palette.use_colour()
    as_of = report.attrs["as_of"]
    print(f"llmtimeline report: {counts(tl)}, as of {as_of}")
    print()
    by_status = report["status"].value_counts()
    summary = "  ".join(palette.ansi(s, f"{s} {int(by_status.get(s, 0))}", colour) for s in STATUSES if by_status.get(s, 0))
    print("Claims by status: " + summary)
    preds = days_as_text(pd.DataFrame(report[report["type"] == "prediction"]))
    preds["deadline"] = preds["deadline"].fillna("")
    preds["speaker"] = preds["speaker"].where(preds["speaker"] != "", preds["actor"])
    for title, statuses in (
        ("Predictions fulfilled or partly kept", ("fulfilled", "partly")),
        ("Predictions late, missed or contradicted", ("late", "missed", "contradicted")),
        ("Predictions still open or undetermined", ("pending", "undetermined")),
    ):
        part = preds[preds["status"].isin(statuses)]
        print(f"\n{title} ({len(part)}):")
        print(head(part[["date", "speaker", "expects", "phrase", "deadline", "status", "event_id", "margin_days",
                          "quote"]].rename(columns={"margin_days": "margin"}), colour, wrap=("quote",)))
    st = report[(report["type"] == "statement") & (report["status"] != "unverified")]
    print(f"\nStatements checked against the facts ({len(st)}; "
          f"{int(((report['type'] == 'statement') & (report['status'] == 'unverified')).sum())} not verifiable yet):")
    print(head(st[["date", "actor", "title", "status", "event_id"]], colour, wrap=("title",)))
    record = record_of(report, by="actor")  # from the report made above: no second check
    record = record[record["predictions"] > 0]
    print("\nTrack record by actor (predictions only; on-time rate over fulfilled, late, missed and contradicted):")
    shown = record[["predictions", "fulfilled", "partly", "late", "missed", "predictions_contradicted", "pending",
                    "on_time_rate", "median_margin_days"]].rename(columns={"predictions_contradicted": "contradicted"})
    print(head(shown.reset_index().round(2), colour=False))
    _publish_report(tl, args, report)
    return 0


def _publish_report(tl: Timeline, args: argparse.Namespace, report: Report) -> None:
    """``report``'s files: both charts in one image (``-o``), and the web page (``--html``), from the
    ``report`` already made (the check runs once)."""
    if not args.no_plot:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from ..views.plot import report_figure, save_report_figure
        if Path(args.output).suffix.lower() not in (".png", ".svg", ".pdf"):
            raise Error(f"cannot write {args.output!r}: the file name must end in .png, .svg or .pdf")
        fig = report_figure(tl, as_of=args.as_of, report=report)
        try:  # into memory, then saved atomically as a timeline is
            picture = io.BytesIO()
            save_report_figure(fig, picture, Path(args.output).suffix.lower()[1:])
        finally:
            plt.close(fig)
        atomic_write_bytes(args.output, picture.getvalue())
        print(f"\nCharts written to {terminal_safe(args.output)}")
    if args.html:
        from ..views.html import write_html

        write_html(tl, args.html, args.as_of, report=report)
        print(f"Web page written to {terminal_safe(args.html)}")


def cmd_export(args: argparse.Namespace) -> int:
    tl = _load(args.csv)
    from ..views.exports import FORMATS

    output = args.output or f"{args.format}{FORMATS[args.format].suffix}"
    tl.export(args.format, output, as_of=args.as_of)
    print(f"wrote {terminal_safe(output)}")
    return 0


def add_export(sub: Any, add_csv: Any, add_as_of: Any) -> None:
    from ..views.exports import FORMATS

    p = sub.add_parser("export", help="write " + ", ".join(f.description for f in FORMATS.values()))
    add_csv(p)
    add_as_of(p)
    p.add_argument("--format", required=True, choices=list(FORMATS), help=", ".join(FORMATS))
    p.add_argument("-o", "--output", default=None,
                   help="output file (default: " + ", ".join(f"{f.name}{f.suffix}" for f in FORMATS.values()) + ")")
    p.set_defaults(run=cmd_export)


def cmd_find(args: argparse.Namespace) -> int:
    """Proposed prediction rows found in an article, as CSV (stdout or ``-o``)."""
    import csv

    from ..finder import article_date, find_claims
    from ..store import write_table

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
