"""MkDocs hooks: the parts of the pages that are made from the code at build time.

A page holds a marker comment where a generated part goes:

- ``<!-- deadline-examples -->`` (deadlines.md): the example phrases of
  :data:`EXAMPLES`, each read by :func:`llmtimeline.parse_deadline` now, so the
  page shows what the grammar does, not what someone once typed; and, when the
  deadlines' example corpus exists (``benchmarks/deadline_phrases.csv``, or a CSV
  under ``tests/data/`` whose name starts with ``deadline``; columns ``phrase``,
  ``said``, ``expected``, and ``lang`` and ``family`` when present), every phrase
  of it the grammar reads as expected, by family, read the same way.
- ``<!-- lint-codes -->`` (lint.md): the page of lint codes, made by
  ``llmtimeline.lint.rules_markdown()`` from the one table of codes
  (``llmtimeline.lint.RULES``); without that function, a table of ``RULES`` at
  the marker; without either, the page as written.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CORPUS_FOLDER = ROOT / "tests" / "data"

#: (family, phrase, day said): the deadlines page's table, read by the grammar at build time.
EXAMPLES: tuple[tuple[str, str, str], ...] = (
    ("span, in calendar months from the day said", "within 18 months", "2024-04-09"),
    ("span", "d'ici six mois", "2024-04-09"),
    ("span: a missing day is the month's last", "within 6 months", "2024-08-31"),
    ("span", "au cours des trois prochains mois", "2024-04-09"),
    ("compound", "1 year 2 months", "2024-04-09"),
    ("a year and a half", "a year and a half", "2024-04-09"),
    ("less than", "en moins de deux ans", "2024-04-09"),
    ("hours, rounded up to days", "within 48 hours", "2024-04-09"),
    ("range: the upper bound", "in 2-3 years", "2024-04-09"),
    ("range", "deux à trois ans", "2024-04-09"),
    ("alternatives", "a year or two", "2024-04-09"),
    ("alternatives", "2025 or 2026", "2024-04-09"),
    ("named period: its last day", "this quarter", "2024-04-09"),
    ("named period", "by the end of next year", "2024-04-09"),
    ("named period", "EOY", "2024-04-09"),
    ("named period", "H2", "2024-04-09"),
    ("named period", "à l'horizon 2030", "2024-04-09"),
    ("the end of the decade", "by the end of the decade", "2024-04-09"),
    ("bare month: the first ending on or after the day said", "by June", "2024-04-09"),
    ("bare quarter", "in Q1", "2024-04-09"),
    ("season (meteorological)", "cet hiver", "2024-04-09"),
    ("next month name: the first starting after the day said", "next June", "2024-04-09"),
    ("thirds of a year", "early 2025", "2024-04-09"),
    ("thirds of a year", "mi-2025", "2024-04-09"),
    ("thirds of a month", "mid-June", "2024-04-09"),
    ("before X: the day before X starts", "before mid-2025", "2024-04-09"),
    ("before the end of X", "before the end of 2025", "2024-04-09"),
    ("explicit date", "May 15", "2024-04-09"),
    ("explicit date, numeric where the order is certain", "30/11/2025", "2024-04-09"),
    ("weekday: the first on or after the day said", "by Wednesday", "2024-04-09"),
    ("holiday", "Thanksgiving", "2024-04-09"),
    ("holiday", "le 14 juillet", "2024-04-09"),
    ("hedge: the window does not move", "d'ici un mois, voire moins", "2024-04-09"),
    ("hedge", "by June at the latest", "2024-04-09"),
    ("vague, 1 month horizon", "any day now", "2024-04-09"),
    ("vague, 3 months", "in the coming weeks", "2024-04-09"),
    ("vague, 6 months", "bientôt", "2024-04-09"),
    ("vague, 12 months", "dans les prochains mois", "2024-04-09"),
    ("vague, no horizon", "à terme", "2024-04-09"),
    ("refused: a past reference", "last year", "2024-04-09"),
    ("refused: impossible", "by June 31", "2024-04-09"),
)


def reading(phrase: str, said: str) -> str:
    """What the grammar makes of a phrase said on a day, in a few words."""
    import llmtimeline as lt

    try:
        window = lt.parse_deadline(phrase, said=said)
    except lt.DeadlineError as exc:
        return f"refused: {exc.reason}"
    if window.latest is not None:
        return f"{window.latest.isoformat()} ({window.kind})"
    if window.horizon is not None:
        return f"vague; soft horizon {window.horizon.isoformat()}"
    return "vague; no horizon"


def _cell(text: str) -> str:
    return html.escape(text).replace("|", "&#124;").replace("\n", " ")


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def deadline_examples() -> str:
    """The examples table, then the corpus tables when the corpus exists."""
    parts = [_table(("family", "phrase", "said", "read as"),
                    ((family, phrase, said, reading(phrase, said)) for family, phrase, said in EXAMPLES))]
    for path in CORPORA:
        if path.is_file():
            parts.append(corpus_section(path))
    return "\n".join(parts)


#: The example corpora of deadline phrases, where they may be (columns phrase, said, expected; lang and family optional).
CORPORA: tuple[Path, ...] = (ROOT / "benchmarks" / "deadline_phrases.csv", *sorted(CORPUS_FOLDER.glob("deadline*.csv")))


def corpus_section(path: Path) -> str:
    """The phrases of a corpus that the grammar reads as the corpus expects, by family, and how many it does not."""
    rows = _corpus_rows(path)
    if not rows:
        return ""
    agreed: dict[str, list[tuple[str, str, str, str]]] = {}
    missed = 0
    for phrase, lang, said, expected, family in rows:
        if _agrees(phrase, said, expected):
            agreed.setdefault(family or "other", []).append((phrase, lang, said, reading(phrase, said)))
        else:
            missed += 1
    total = sum(len(v) for v in agreed.values())
    out = [f"\n## The example corpus\n\n`{path.relative_to(ROOT)}` holds {len(rows)} phrases with the day said and "
           f"the window the conventions give. The grammar reads {total} of them as expected; they are listed "
           f"below by family, each read when this page was built. The {missed} others are the grammar's open "
           f"cases (`python {path.parent.name}/deadlines.py` lists them).\n"
           if path.parent.name == "benchmarks" else
           f"\n## The example corpus\n\n`{path.relative_to(ROOT)}` holds {len(rows)} phrases; the grammar reads "
           f"{total} of them as expected, listed below by family ({missed} others are open cases).\n"]
    for family in sorted(agreed):
        out.append(f"\n### {family.replace('_', ' ')} ({len(agreed[family])})\n")
        out.append(_table(("phrase", "lang", "said", "read as"), agreed[family]))
    return "\n".join(out)


def _agrees(phrase: str, said: str, expected: str) -> bool:
    """Whether the grammar reads the phrase as the corpus expects: a last day, ``error``, ``vague`` (no
    horizon) or ``vague:N`` (a soft horizon N months after the day said)."""
    import llmtimeline as lt
    from llmtimeline.dates import add_months

    try:
        window = lt.parse_deadline(phrase, said=said)
    except lt.DeadlineError:
        return expected == "error"
    if expected == "error":
        return False
    if expected.startswith("vague"):
        months = expected.partition(":")[2]
        if not window.vague or window.latest is not None:
            return False
        if not months:
            return window.horizon is None
        return window.horizon == add_months(dt.date.fromisoformat(said), int(months))
    return not window.vague and window.latest == dt.date.fromisoformat(expected)


def _corpus_rows(path: Path) -> list[tuple[str, str, str, str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(line for line in f if not line.startswith("#"))
        fields = {name.strip().casefold(): name for name in reader.fieldnames or ()}
        columns = [fields.get(c) for c in ("phrase", "lang", "said", "expected", "family")]
        if columns[0] is None or columns[2] is None or columns[3] is None:
            return []
        rows = []
        for row in reader:
            phrase, lang, said, expected, family = ((row.get(c) or "").strip() if c else "" for c in columns)
            if phrase and _is_day(said) and expected:
                rows.append((phrase, lang, said, expected, family))
        return rows


def _is_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def lint_page(markdown: str) -> str:
    """The lint page: ``llmtimeline.lint.rules_markdown()`` (the whole page, made from ``RULES``) when the
    code has it, else the page as written with a table made from ``RULES`` at the marker, when there is one."""
    from llmtimeline import lint

    page = getattr(lint, "rules_markdown", None)
    if callable(page):
        return str(page())
    rules = getattr(lint, "RULES", None)
    table = "" if not rules else _table(
        ("code", "name", "column", "why it matters"),
        ((f"`{r.code}`", f"`{r.name}`", f"`{r.column}`", getattr(r, "why", r.message)) for r in rules))
    return markdown.replace(LINT_MARKER, table)


DEADLINES_MARKER = "<!-- deadline-examples -->"
LINT_MARKER = "<!-- lint-codes -->"


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """Replace each marker of a page with its generated part."""
    if DEADLINES_MARKER in markdown:
        markdown = markdown.replace(DEADLINES_MARKER, deadline_examples())
    if LINT_MARKER in markdown:
        markdown = lint_page(markdown)
    return markdown
