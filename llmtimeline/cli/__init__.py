"""The ``llmtimeline`` command: report, check, validate, export, plot, site, find, import.

    llmtimeline report [CSV] [--as-of DATE] [-o timeline.png] [--html report.html] [--no-plot]
    llmtimeline check [CSV] [--as-of DATE] [--status S ...] [--format table|csv|json|markdown] [--keep-going]
    llmtimeline validate CSV [--strict] [--select CODES] [--ignore CODES] [--statistics]
    llmtimeline export [CSV] --format timelinejs|claimreview|ics [-o FILE] [--as-of DATE]
    llmtimeline plot [CSV] -o FILE.png|svg|pdf [--format png|svg|pdf] [--as-of DATE]
    llmtimeline site OUT/ [--csv CSV] [--as-of DAY] [--base-url URL] [--publisher NAME] [--publisher-url URL]
    llmtimeline find FILE... | DIR [--published DATE] [--lang fr|en] [--source S] [--url U] [-o OUT.csv]
    llmtimeline import epoch FILE -o events.csv

Conventions (https://clig.dev):

- No arguments prints the help (exit 0); each command's ``--help`` ends with examples.
- A file argument of ``-`` reads standard input, at most 128 MB
  (:data:`llmtimeline.cli._input.STDIN_LIMIT_MB`; ``LLMTIMELINE_STDIN_MB`` sets
  it); a longer stream, or one that is not UTF-8, is refused in one line.  A path
  must name a regular file (a FIFO or a device is refused before it is opened).
- ``-o -`` writes the file to standard output (``report`` then prints its
  scorecard on standard error); status messages ("wrote ...") go to standard error.
- Tables fit the terminal (``COLUMNS``, else the terminal's width, else 80),
  one line per row, long cells cut with "…" at a word boundary; ``--format
  csv|json|markdown`` prints every cell whole, for machines.  Colour only on a
  terminal, and never with ``NO_COLOR``.  A progress bar on standard error for
  large inputs, on a terminal only (never in a pipe, with ``CI`` set or
  ``TERM=dumb``).
- ``validate`` prints each problem of the file, then each warning (with its
  lint code), on standard error, one line each; then, on standard output, the
  count per code (``--statistics``) and a one-line summary.

Exit status: 0 on success, 1 when a file has problems (``validate``: and on
warnings with ``--strict``) or cannot be read or written, 2 for bad arguments,
3 for an internal error (set ``LLMTIMELINE_DEBUG=1`` for its traceback), 130
when interrupted.  Every failure is reported on standard error, on one line (a
file's problems: one line each), with no traceback; text from the data and file
names are printed through :func:`llmtimeline.safe_text.terminal_safe`.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from .. import __version__
from ..exceptions import Error, LoadError
from ..lint import RULES
from ..safe_text import terminal_safe
from ..status import STATUSES
from ._commands import add_export, cmd_check, cmd_plot, cmd_report, cmd_validate
from ._find import add_find
from ._import import add_import
from ._site import add_site

__all__ = ["main"]

_FORMATS = ("table", "csv", "json", "markdown")
_HELP_WIDTH = 78  # the description is written as is (RawDescriptionHelpFormatter): wrapped here


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error on one line: the message and where to find help."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {terminal_safe(message)} (see '{self.prog} --help')\n")


def command(sub: Any, name: str, help: str, examples: str, run: Callable[[argparse.Namespace], int],
            description: str | None = None, more: str = "") -> argparse.ArgumentParser:
    """Add the subcommand ``name``: its help, its examples (shown at the end of its ``--help``,
    then ``more``), and the function that runs it.  Every command is added through here."""
    text = description or help[:1].upper() + help[1:] + "."
    p: argparse.ArgumentParser = sub.add_parser(
        name, help=help, description=textwrap.fill(text, _HELP_WIDTH),
        epilog="examples:\n" + "\n".join("  " + line for line in examples.strip().splitlines()) + more,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(run=run)
    return p


def _add_csv(p: argparse.ArgumentParser) -> None:
    p.add_argument("csv", nargs="?", default=None,
                   help="events CSV or Parquet (default: the bundled events.csv; '-' reads standard input)")


def _add_as_of(p: argparse.ArgumentParser) -> None:
    p.add_argument("--as-of", dest="as_of", default=None, metavar="DATE",
                   help="check with only what was known on DATE (default: today)")


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="llmtimeline", description="What the AI industry said, and what then happened.",
                     epilog="examples:\n  llmtimeline report\n  llmtimeline check --status missed late\n"
                            "  llmtimeline validate mine.csv\n\nEach command's --help shows more.",
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = command(sub, "report", "print the scorecard of predictions and write the charts", """
llmtimeline report                          # the bundled file; charts in timeline.png
llmtimeline report mine.csv --as-of 2025-01-01 --html report.html
llmtimeline report --no-plot                # the scorecard only
llmtimeline report -o - > charts.png        # the charts on standard output, the scorecard on standard error
""", cmd_report)
    _add_csv(p)
    _add_as_of(p)
    p.add_argument("-o", "--output", default=None, metavar="FILE",
                   help="charts file, .png, .svg or .pdf (default: timeline.png; '-' standard output, as PNG)")
    p.add_argument("--html", default=None, metavar="FILE",
                   help="also write the report as one web page ('-' standard output)")
    p.add_argument("--no-plot", action="store_true", help="print the scorecard only (not with -o)")

    p = command(sub, "check", "check every claim; one row per claim", """
llmtimeline check                                   # a table that fits the terminal
llmtimeline check mine.csv --status missed late
llmtimeline check --as-of 2024-06-01 --format csv > verdicts.csv
cat mine.csv | llmtimeline check - --format json
""", cmd_check)
    _add_csv(p)
    _add_as_of(p)
    p.add_argument("--status", nargs="+", choices=STATUSES, metavar="S", help=f"keep these statuses ({', '.join(STATUSES)})")
    p.add_argument("--format", choices=_FORMATS, default="table",
                   help="output format (default: table, fitted to the terminal; csv, json and markdown show every cell whole)")
    p.add_argument("--keep-going", dest="keep_going", action="store_true",
                   help="check the good records of a file with problems; the others are reported as invalid")

    p = command(sub, "validate", "check a file: every problem (exit 1), then the warnings (exit 0 on warnings alone)", """
llmtimeline validate mine.csv
llmtimeline validate mine.csv --select LT1 --ignore LT102    # codes or prefixes, as ruff's
llmtimeline validate mine.csv --ignore LT301 --statistics     # the count per code
llmtimeline validate mine.csv --strict                        # exit 1 on warnings too
""", cmd_validate, description=(
        "Check a file. Each problem (an error) and then each warning (with its lint code, docs/lint.md) is printed "
        "on standard error, one line each; the count per code (--statistics) and a one-line summary on standard "
        "output. Exit 1 on problems (and on warnings with --strict), 0 otherwise."),
        more="\n\nwarning codes (docs/lint.md):\n" + "\n".join(f"  {r.code}  {r.name}" for r in RULES))
    p.add_argument("csv", help="events CSV or Parquet ('-' reads standard input)")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p.add_argument("--select", type=_codes, action="extend", default=[], metavar="CODES",
                   help="only these warning codes or prefixes, comma-separated (default: all)")
    p.add_argument("--ignore", type=_codes, action="extend", default=[], metavar="CODES",
                   help="leave out these warning codes or prefixes, comma-separated")
    p.add_argument("--statistics", action="store_true", help="print the number of warnings per code")

    add_export(sub, command, _add_csv, _add_as_of)
    add_site(sub, _add_as_of)
    add_import(sub)

    p = command(sub, "plot", "draw the release timeline", """
llmtimeline plot -o timeline.png
llmtimeline plot mine.csv --as-of 2025-01-01 -o timeline.svg
llmtimeline plot -o - --format svg > timeline.svg
""", cmd_plot)
    _add_csv(p)
    _add_as_of(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="output file: .png, .svg or .pdf ('-' standard output)")
    p.add_argument("--format", choices=("png", "svg", "pdf"), default=None,
                   help="image format (default: from the file name; PNG on standard output)")

    add_find(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (``--help``, ``--version`` and usage errors
    exit through :class:`SystemExit`, as argparse does: 0, 0 and 2).

    No other exception leaves: every failure is a message on standard error (one
    line, or one line per problem of a file) and a non-zero status.
    """
    _tolerant_output()
    parser = _parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:  # no arguments: the help, as a request for it
        parser.print_help()
        return 0
    # --help and --version exit 0, a usage error 2 (one line on stderr), by SystemExit as argparse does
    args = parser.parse_args(argv)
    if getattr(args, "run", None) is None:  # options but no command
        parser.error("a command is required")
    try:
        code = int(args.run(args))
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:  # `llmtimeline check | head`
        _silence_stdout()
        return 0
    except LoadError as exc:
        return _fail(_load_error_text(exc), 1, prefix="")
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


def _load_error_text(exc: LoadError) -> str:
    """A file's problems, one line each; a problem of the whole file alone on one line ("FILE: reason")."""
    if len(exc.problems) == 1 and exc.problems[0].line is None and exc.problems[0].column is None:
        problem = exc.problems[0]
        value = f"{problem.value!r}: " if problem.value is not None else ""
        return f"{exc.path}: {value}{problem.reason}"
    return str(exc)


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


