"""Epoch AI's table of notable AI models, read as release events.

Epoch AI publishes "Data on Notable AI Models" (epoch.ai/data/notable-ai-models)
under CC BY 4.0: one row per model, with its name, the organisations that made
it, its publication date, its parameter count and a link.  :func:`from_epoch`
reads the CSV as downloaded (columns found by name, in any order; the dozens of
other columns are ignored) into a :class:`~llmtimeline.Timeline` of ``release``
events, which :func:`llmtimeline.merge` can put beside one's own claims:

>>> import io
>>> import llmtimeline as lt
>>> table = io.StringIO(
...     "Model,Domain,Organization,Publication date,Link,Parameters\\n"
...     "Llama 3-70B,Language,Meta AI,2024-04-18,https://ai.meta.com/blog/meta-llama-3/,70000000000\\n"
...     "ESM3 (98B),Biology,\\"EvolutionaryScale,University of California (UC) Berkeley\\",2024-06-25,,98500000000\\n")
>>> epoch = lt.from_epoch(table)
>>> [(e.id, e.subject, e.actor, str(e.date)) for e in epoch.events]
[('epoch-llama-3-70b', 'llama-3-70b', 'Meta AI', '2024-04-18'), ('epoch-esm3-(98b)', 'esm3-(98b)', 'EvolutionaryScale', '2024-06-25')]
>>> epoch.cells.loc[1, "facts"]
'params=98500000000; organizations=EvolutionaryScale,University of California (UC) Berkeley'
>>> merged = lt.merge(lt.load(), epoch)     # the bundled claims, settled by these releases too
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..dates import parse_date
from ..exceptions import DateError, LoadError, Problem
from ..names import normalise
from ..schema import COLUMNS

if TYPE_CHECKING:
    from ..timeline import Timeline

__all__ = ["LICENCE", "SOURCE", "from_epoch"]

#: The ``source`` of every event read from the table.
SOURCE = "Epoch AI, Notable AI Models"
#: What the ``notes`` of every event say about the data's licence.
LICENCE = ("Epoch AI, 'Data on Notable AI Models', epoch.ai/data/notable-ai-models; "
           "licensed CC BY 4.0 (creativecommons.org/licenses/by/4.0/)")

_MODEL, _ORGANIZATION, _DATE = "Model", "Organization", "Publication date"
_PARAMETERS, _LINK, _BASE = "Parameters", "Link", "Base model"
_REQUIRED = (_MODEL, _ORGANIZATION, _DATE)
_OPTIONAL = (_PARAMETERS, _LINK, _BASE)
_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
#: Characters that cannot sit in a fact's value (facts are ``key=v1,v2; key=...``).
_NOT_IN_FACT = re.compile(r"[;=]")
#: Which table column each events.csv column is made from (to name the right one in a problem).
_MADE_FROM = {"id": _MODEL, "subject": _MODEL, "title": _MODEL, "date": _DATE, "actor": _ORGANIZATION,
              "facts": _PARAMETERS, "url": _LINK, "notes": _LINK}


def from_epoch(source: Any) -> Timeline:
    """Read Epoch AI's notable models table into a Timeline of release events.

    Parameters
    ----------
    source:
        The table as downloaded: a path to its CSV, a text or binary file object,
        or a pandas DataFrame of its cells.  Columns are found by name (case and
        spacing aside) in any order: ``Model``, ``Organization`` and
        ``Publication date`` are required; ``Parameters``, ``Link`` and
        ``Base model`` are read when present; every other column is ignored.

    Returns
    -------
    Timeline
        One ``release`` event per row, in the table's order:

        - ``id`` is ``epoch-`` and the model's name as subjects are compared
          (:func:`llmtimeline.normalise`: ``Llama 3-70B`` → ``epoch-llama-3-70b``;
          a name met again gets ``-2``, ``-3``...), so the ids never collide with
          hand-made ones; ``subject`` is the normalised name (subject records with
          ``part_of=`` then tie it to its family: ``llama-3-70b`` settles a
          prediction about ``llama-3``); ``title`` is the name as written;
        - ``actor`` is the first organisation listed; when several are listed
          (``"Stanford University,Google DeepMind"``) all of them go into the fact
          ``organizations``;
        - ``Parameters`` goes into the fact ``params`` (a number, as written) and
          ``Base model`` into ``base_model`` (normalised names);
        - ``url`` is the first http(s) address of ``Link``; any other links are
          kept in ``notes``, which also carry the licence (CC BY 4.0);
        - ``source`` is ``"Epoch AI, Notable AI Models"``.

    Raises
    ------
    LoadError
        listing every problem of the table at once (line, column, value and
        reason, lines counted as in the file): a missing required column, a row
        without a name, an organisation or a publication date, a date that is
        not a date, a parameter count that is not a number, bytes that are not
        UTF-8.

    Examples
    --------
    >>> import io
    >>> import llmtimeline as lt
    >>> lt.from_epoch(io.StringIO("Model,Organization,Publication date\\nGPT-4o,OpenAI,2024-05-13\\n"))["epoch-gpt-4o"].subject
    'gpt-4o'
    >>> lt.from_epoch(io.StringIO("Model,Organization,Publication date\\nGPT-4o,OpenAI,May 2024\\n"))
    Traceback (most recent call last):
    ...
    llmtimeline.exceptions.LoadError: <stream>: 1 problem:
      line 2, column 'Publication date': 'May 2024': not a date: expected YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY, optionally followed by '~'
    """
    from .. import store
    from ..timeline import load

    name, header, rows = _read_table(source, store.open_source)
    columns = _find_columns(name, header)
    problems: list[Problem] = []
    records: list[dict[str, str]] = []
    lines: list[int] = []
    seen: dict[str, int] = {}
    for line, cells in rows:
        record = _record(line, dict(_cells(cells, columns)), problems, seen)
        if record is not None:
            records.append(record)
            lines.append(line)
    if problems:
        raise LoadError(name, problems)
    if not records:
        raise LoadError(name, [Problem(None, None, None, "the table has no models: expected one row per model")])
    try:
        return load(_as_csv(records, name, store.spreadsheet_safe))
    except LoadError as exc:  # a rule of the events.csv contract the checks above do not know: name the table's place
        raise LoadError(name, [_in_table(p, lines) for p in exc.problems]) from None


def _as_csv(records: list[dict[str, str]], name: str, escape: Callable[[str], str]) -> io.BytesIO:
    """The records as an events.csv file named after the table, one line each (no cell holds a line break),
    cells escaped as ``save`` escapes them so that loading gives them back as they are."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([escape(record[c]) for c in COLUMNS] for record in records)
    stream = io.BytesIO(out.getvalue().encode("utf-8"))
    stream.name = name
    return stream


def _read_table(source: Any, open_source: Callable[[Any], Any]) -> tuple[str, list[str], Iterator[tuple[int, list[str]]]]:
    """The table's name, header and rows (each with the physical line where it starts)."""
    if isinstance(source, pd.DataFrame):
        header = [str(c) for c in source.columns]
        values = source.to_numpy(dtype=object)
        return "<DataFrame>", header, ((i + 2, [_text(v) for v in row]) for i, row in enumerate(values))
    opened = open_source(source)
    if opened.kind != "csv":
        raise LoadError(opened.name, [Problem(None, None, None, "expected Epoch AI's table as CSV (as downloaded)")])
    if opened.handle is not None:
        with opened.handle as handle:
            data = handle.read()
    else:
        data = opened.raw
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        reason = f"not UTF-8 ({exc.reason} at byte {exc.start}): download the table again, or save it as CSV UTF-8"
        raise LoadError(opened.name, [Problem(line, None, None, reason)]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise LoadError(opened.name, [Problem(1, None, None, "the file is empty: expected Epoch AI's table")]) from None
    except csv.Error as exc:
        raise LoadError(opened.name, [Problem(1, None, None, f"not a CSV header: {exc}")]) from None
    return opened.name, header, _rows(reader, opened.name)


def _rows(reader: Any, name: str) -> Iterator[tuple[int, list[str]]]:
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise LoadError(name, [Problem(start, None, None, f"not CSV: {exc}")]) from None
        if any(cell.strip() for cell in cells):
            yield start, cells
        start = reader.line_num + 1


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    return str(value)


def _key(column: str) -> str:
    return " ".join(column.replace("\ufeff", "").split()).casefold()


def _find_columns(name: str, header: Sequence[str]) -> dict[str, int]:
    """Where each column the import reads stands in the header (the first of a name given twice)."""
    where: dict[str, int] = {}
    for i, column in enumerate(header):
        where.setdefault(_key(column), i)
    found = {column: where[_key(column)] for column in (*_REQUIRED, *_OPTIONAL) if _key(column) in where}
    missing = [column for column in _REQUIRED if column not in found]
    if missing:
        shown = ", ".join(repr(c) for c in missing)
        reason = (f"missing column{'s' if len(missing) > 1 else ''} {shown}: expected Epoch AI's table of notable "
                  f"models, with the columns {', '.join(repr(c) for c in _REQUIRED)}")
        raise LoadError(name, [Problem(1, None, ",".join(header)[:200], reason)])
    return found


def _cells(cells: Sequence[str], columns: dict[str, int]) -> Iterator[tuple[str, str]]:
    """The cells the import reads, by column name (stripped; a short row's missing cells are empty)."""
    for column in (*_REQUIRED, *_OPTIONAL):
        index = columns.get(column)
        yield column, cells[index].strip() if index is not None and index < len(cells) else ""


def _record(line: int, row: dict[str, str], problems: list[Problem], seen: dict[str, int]) -> dict[str, str] | None:
    """The events.csv cells of one model, or None (its problems added) when the row cannot be one."""
    cell = row.__getitem__
    found = len(problems)
    model = " ".join(cell(_MODEL).split())
    if not model:
        problems.append(Problem(line, _MODEL, "", "a model needs a name"))
    organizations = [" ".join(o.split()) for o in cell(_ORGANIZATION).split(",") if o.strip()]
    if not organizations:
        problems.append(Problem(line, _ORGANIZATION, cell(_ORGANIZATION), "a release needs the organisation that made it"))
    for organization in organizations if len(organizations) > 1 else ():
        if _NOT_IN_FACT.search(organization):
            problems.append(Problem(line, _ORGANIZATION, organization, "an organisation's name may not hold ';' or '='"))
    date = cell(_DATE)
    if not date:
        problems.append(Problem(line, _DATE, "", "a release needs its publication date"))
    else:
        try:
            parse_date(date)
        except DateError as exc:
            problems.append(Problem(line, _DATE, date, f"not a date: {exc.reason}"))
    facts = []
    params = cell(_PARAMETERS)
    if params:
        if _number(params) is None:
            problems.append(Problem(line, _PARAMETERS, params, "expected a number of parameters, such as 7e10 or 70000000000"))
        elif "_" in params:  # float() reads 7_000 but a fact's number may not
            facts.append(f"params={_number(params):g}")
        else:
            facts.append(f"params={params}")
    if len(organizations) > 1:
        facts.append("organizations=" + ",".join(organizations))
    bases = [normalise(" ".join(b.split())) for b in cell(_BASE).split(",") if b.strip()]
    if bases:
        if any(_NOT_IN_FACT.search(b) for b in bases):
            problems.append(Problem(line, _BASE, cell(_BASE), "a base model's name may not hold ';' or '='"))
        facts.append("base_model=" + ",".join(bases))
    if len(problems) > found:
        return None
    subject = normalise(model)
    seen[subject] = seen.get(subject, 0) + 1
    rid = f"epoch-{subject}" if seen[subject] == 1 else f"epoch-{subject}-{seen[subject]}"
    links = _URL.findall(cell(_LINK))
    others = " ".join(part for part in cell(_LINK).split() if part not in links[:1])
    notes = LICENCE + (f"; other links: {others}" if others else "")
    return dict.fromkeys(COLUMNS, "") | {
        "id": rid, "type": "event", "date": date, "actor": organizations[0], "kind": "release", "subject": subject,
        "title": model, "facts": "; ".join(facts), "source": SOURCE, "url": links[0] if links else "", "notes": notes,
    }


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def _in_table(problem: Problem, lines: Sequence[int]) -> Problem:
    """A problem of the made events, placed at the table's line and column."""
    row = (problem.line or 0) - 2
    line = lines[row] if 0 <= row < len(lines) else None
    column = _MADE_FROM.get(problem.column or "", problem.column)
    return Problem(line, column, problem.value, problem.reason)
