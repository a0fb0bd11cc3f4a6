"""``llmtimeline site OUT/``: write the static site of verdicts (see :mod:`llmtimeline.site`)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..safe_text import terminal_safe
from ..timeline import load
from ._input import read_input

__all__ = ["add_site", "cmd_site"]

_EXAMPLE = """example:
  llmtimeline site public/ --as-of 2025-06-30 --base-url https://example.org/verdicts/ \\
      --publisher "Example News" --publisher-url https://example.org/
"""


def cmd_site(args: argparse.Namespace) -> int:
    """Check once, write every page; say where on standard error (standard output stays free)."""
    tl = load(read_input(args.csv).source)  # '-': standard input, bounded; a path: a regular file
    tl.to_site(args.folder, as_of=args.as_of, base_url=args.base_url, publisher=args.publisher,
               publisher_url=args.publisher_url)
    print(f"wrote the site to {terminal_safe(args.folder)} (open index.html)", file=sys.stderr)
    return 0


def add_site(sub: Any, add_as_of: Any) -> None:
    """The ``site`` subcommand's arguments."""
    p = sub.add_parser("site", help="write a static site of the verdicts: a page per claim, person and organisation, "
                                    "a feed and ClaimReview data", epilog=_EXAMPLE,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", metavar="OUT", help="folder to write the site into (made when missing)")
    p.add_argument("--csv", default=None, metavar="CSV",
                   help="events CSV (default: the bundled events.csv; '-' reads standard input)")
    add_as_of(p)
    p.add_argument("--base-url", dest="base_url", default=None, metavar="URL",
                   help="where the site will be published (absolute links in the feed and ClaimReview)")
    p.add_argument("--publisher", default=None, metavar="NAME", help="who publishes the verdicts (ClaimReview author)")
    p.add_argument("--publisher-url", dest="publisher_url", default=None, metavar="URL", help="the publisher's address")
    p.set_defaults(run=cmd_site)
