"""The ``llmtimeline`` command: report, check, validate, export, plot.

    llmtimeline report [CSV] [--as-of DATE] [-o timeline.png] [--html report.html]
    llmtimeline check [CSV] [--as-of DATE] [--status S ...] [--format table|csv|json|markdown]
    llmtimeline validate CSV [--strict]
    llmtimeline export [CSV] --format timelinejs|claimreview|ics [-o FILE] [--as-of DATE]
    llmtimeline plot [CSV] -o FILE.png|svg|pdf [--as-of DATE]
    llmtimeline find FILE [--published DATE] [--lang fr|en] [--source S] [--url U] [-o OUT.csv]
    llmtimeline import epoch FILE -o events.csv

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
import sys
from collections.abc import Sequence

from .. import __version__
from ..exceptions import Error, LoadError
from ..safe_text import terminal_safe
from ..status import STATUSES
from ._commands import add_export, cmd_check, cmd_find, cmd_plot, cmd_report, cmd_validate
from ._import import add_import

__all__ = ["main"]

_FORMATS = ("table", "csv", "json", "markdown")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="llmtimeline", description="What the AI industry said, and what then happened.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
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
    p.set_defaults(run=cmd_report)

    p = sub.add_parser("check", help="check every claim; one row per claim")
    add_csv(p)
    add_as_of(p)
    p.add_argument("--status", nargs="+", choices=STATUSES, metavar="S", help=f"keep these statuses ({', '.join(STATUSES)})")
    p.add_argument("--format", choices=_FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--keep-going", dest="keep_going", action="store_true",
                   help="check the good records of a file with problems; the others are reported as invalid")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("validate", help="check a CSV file; list every problem and exit 1 if there is one, "
                                        "then the warnings (exit 0 on warnings alone)")
    p.add_argument("csv", help="events CSV ('-' reads standard input)")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p.set_defaults(run=cmd_validate)

    add_export(sub, add_csv, add_as_of)
    add_import(sub)

    p = sub.add_parser("plot", help="draw the release timeline")
    add_csv(p)
    add_as_of(p)
    p.add_argument("-o", "--output", required=True, help="output file: .png, .svg or .pdf")
    p.set_defaults(run=cmd_plot)

    p = sub.add_parser("find", help="propose prediction rows from an article's text (CSV)")
    p.add_argument("file", help="article text file ('-' reads standard input)")
    p.add_argument("--published", default=None, metavar="DATE", help="publication date (default: a date at the top of the text)")
    p.add_argument("--lang", choices=("fr", "en"), default=None, help="language (default: detected)")
    p.add_argument("--source", default=None, help="source name (default: the file name)")
    p.add_argument("--url", default=None, help="address of the article")
    p.add_argument("-o", "--output", default=None, help="CSV file to write (default: standard output)")
    p.set_defaults(run=cmd_find)
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


