"""``llmtimeline find``: proposed prediction rows from articles (HTML or text), as one CSV."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from ..exceptions import Error

__all__ = ["add_find", "cmd_find"]

_ARTICLES = (".html", ".htm", ".xhtml", ".txt")
_MAX_STDIN = 200 * 1024 * 1024  # an article on standard input larger than this is refused, not read into memory

_EXAMPLES = """examples:
  llmtimeline find article.html                      the day and address from the page
  llmtimeline find notes.txt --published 2025-03-04  plain text needs the day (or a date on its first line)
  llmtimeline find pages/ -o proposed.csv            every .html, .htm and .txt file of a folder, one CSV
  curl -s https://example.org/a | llmtimeline find -
"""


def add_find(sub: Any) -> None:
    """The ``find`` subcommand's arguments."""
    p = sub.add_parser("find", help="propose prediction rows from articles, HTML or text (CSV)",
                       epilog=_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="article files (.html, .htm, .txt) or folders of them; '-' reads standard input")
    p.add_argument("--published", default=None, metavar="DATE",
                   help="publication date (default: the page's metadata, or a date at the top of a text)")
    p.add_argument("--lang", choices=("fr", "en"), default=None, help="language (default: detected)")
    p.add_argument("--source", default=None, help="source name (default: the file name)")
    p.add_argument("--url", default=None, help="address of the article (default: the page's canonical link)")
    p.add_argument("-o", "--output", default=None, help="CSV file to write (default: standard output)")
    p.set_defaults(run=cmd_find)


def _files(names: list[str]) -> Iterator[str]:
    """Each article to read: the files named, the article files of the folders named, in order."""
    for name in names:
        if name == "-":
            yield name
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.suffix.casefold() in _ARTICLES and p.is_file())
            if not found:
                raise Error(f"{name}: no .html, .htm or .txt file in this folder")
            yield from found
        elif not path.exists():
            raise Error(f"{name}: no such file or folder")
        elif not path.is_file():
            raise Error(f"{name}: not a regular file (a FIFO or a device cannot be read as an article)")
        else:
            yield name


def _stdin_text() -> str:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text stream (tests, embedding)
        return str(sys.stdin.read(_MAX_STDIN + 1))
    data = buffer.read(_MAX_STDIN + 1)
    if len(data) > _MAX_STDIN:
        raise Error(f"standard input: more than {_MAX_STDIN // 1024 // 1024} MB; give the article as a file")
    try:
        return str(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise Error(f"standard input: not UTF-8 text (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
                    "convert it to UTF-8 (iconv -f latin1 -t utf-8)") from None


def _rows_of(name: str, args: argparse.Namespace) -> pd.DataFrame:
    from ..finder import article_date, find_claims, read_article

    if name == "-":
        article, label = read_article(_stdin_text()), "stdin"
    else:
        article, label = read_article(Path(name)), Path(name).name
    published = args.published or article.published or article_date(article.text)
    if published is None:
        raise Error(f"{label}: no publication date: give --published DATE (neither the page's metadata "
                    "nor the top of the text gives one)")
    return find_claims(article.text, published=published, source=args.source or label, url=args.url or article.url,
                       lang=args.lang)


def _progress(total: int) -> Any:
    """A progress bar on standard error when it is a terminal and there is more than one article."""
    if total < 2 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import Progress

    return Progress(console=Console(stderr=True), transient=True)


def cmd_find(args: argparse.Namespace) -> int:
    """Proposed prediction rows found in the articles, as one CSV (stdout or ``-o``)."""
    from ..store import spreadsheet_safe, write_table

    names = list(_files(args.files))
    frames = []
    progress = _progress(len(names))
    if progress is None:
        frames = [_rows_of(name, args) for name in names]
    else:
        with progress:
            task = progress.add_task("finding claims", total=len(names))
            for name in names:
                frames.append(_rows_of(name, args))
                progress.advance(task)
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if len(rows):  # ids unique across articles: a second "x" becomes "x-2"
        seen: dict[str, int] = {}
        ids = []
        for ident in rows["id"]:
            seen[ident] = seen.get(ident, 0) + 1
            ids.append(ident if seen[ident] == 1 else f"{ident}-{seen[ident]}")
        rows["id"] = ids
    if args.output and args.output != "-":
        write_table(rows, args.output)
        print(f"wrote {len(rows)} proposed claims from {len(names)} article(s) to {args.output}", file=sys.stderr)
    else:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(rows.columns)
        writer.writerows([spreadsheet_safe(str(v)) for v in row] for row in rows.itertuples(index=False))
    return 0
