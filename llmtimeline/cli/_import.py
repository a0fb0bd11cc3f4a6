"""``llmtimeline import epoch FILE -o events.csv``: public tables in, as events.csv records."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..safe_text import terminal_safe

__all__ = ["add_import", "cmd_import"]


def add_import(sub: Any) -> None:
    """The ``import`` command and its one source so far, ``epoch``."""
    p = sub.add_parser(
        "import", help="read a public table (Epoch AI's notable AI models) into events.csv records",
        description="Read a public table into events.csv records (one release event per model).",
        epilog="example: llmtimeline import epoch notable_ai_models.csv -o epoch.csv",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("table", choices=("epoch",),
                   help="epoch: Epoch AI's 'Data on Notable AI Models' CSV, as downloaded (CC BY 4.0)")
    p.add_argument("file", help="the table's CSV file ('-' reads standard input)")
    p.add_argument("-o", "--output", default="-",
                   help="file to write: .csv or .parquet (default: '-', standard output, as CSV)")
    p.set_defaults(run=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from ..importers import from_epoch

    tl = from_epoch(sys.stdin.buffer if args.file == "-" else args.file)
    if args.output == "-":
        with tempfile.TemporaryDirectory() as folder:  # the bytes `save` writes, byte for byte
            path = Path(folder) / "events.csv"
            tl.save(path)
            sys.stdout.buffer.write(path.read_bytes())
    else:
        tl.save(args.output)
        print(f"wrote {len(tl.events)} release events to {terminal_safe(args.output)}", file=sys.stderr)
    return 0
