"""The records: events, and claims (predictions and statements), with their sources.

Objects are frozen and validated when built, by the same rules the loader applies
to a file (:mod:`llmtimeline.schema`): an invalid record cannot exist.

>>> import llmtimeline as lt
>>> e = lt.Event(id="llama-3-release", date="2024-04-18", actor="Meta", kind="release",
...              subject="llama-3", title="Meta releases Llama 3", source="Meta AI blog",
...              facts="params=8e9,70e9")
>>> e.date.precision, e.facts["params"]
(<Precision.DAY: 'day'>, ('8e9', '70e9'))
>>> lt.Claim(id="x", type="prediction", date="2024-04-09", actor="Meta", title="t",
...          source="s", expects=None)
Traceback (most recent call last):
...
llmtimeline.exceptions.RecordError: prediction 'x': expects: a prediction needs 'expects': 'KIND SUBJECT' or 'not KIND SUBJECT', e.g. 'release llama-3'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import attrs
import numpy as np

from .dates import When, parse_date
from .deadlines import Window, parse_deadline
from .exceptions import Problem, RecordError
from .expects import Expectation
from .facts import Facts
from .safe_text import surrogate_problem, terminal_safe
from .schema import COLUMNS
from .validation import validate_columns

__all__ = ["CLASSES", "Claim", "Event", "Expectation", "Facts", "Record", "Ruling", "Source", "Subject", "record_problems"]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _optional_when(value: object) -> When | None:
    if value is None or value == "":
        return None
    return parse_date(value)  # type: ignore[arg-type]


def _frozen_extra(value: Mapping[str, object] | None) -> tuple[tuple[str, str], ...]:
    if not value:
        return ()
    items = value.items() if isinstance(value, Mapping) else value
    # an empty cell of an extra column is no value: records read from a file and built in code agree
    # and extras compare as a mapping, whatever order they came in
    return tuple(sorted((str(k), _text(v)) for k, v in items if _text(v) != ""))


@attrs.frozen
class Source:
    """Where a record comes from: the outlet and title, its address and publication date."""

    name: str = attrs.field(converter=_text)
    url: str = attrs.field(default="", converter=_text)
    published: When | None = attrs.field(default=None, converter=_optional_when)

    @classmethod
    def of(cls, value: Source | str) -> Source:
        """A Source, or one named by a text."""
        return value if isinstance(value, Source) else cls(value)


def record_problems(row: Mapping[str, str]) -> list[Problem]:
    """Every problem of one record given as text cells, by the very rules a file is held to.

    The record is checked as the one-row table of a file (line 1), by
    :func:`llmtimeline.validation.validate_columns`; problems come in column order.
    """
    columns = {c: np.array([row.get(c, "")], dtype=object) for c in row}
    problems: list[Problem] = []
    validate_columns(columns, np.ones(1, dtype=np.int64), np.ones(1, dtype=bool), problems, alone=True)
    order = {c: i for i, c in enumerate(row)}
    return sorted(problems, key=lambda p: order.get(p.column or "", -1))


def _validate(record: _Record) -> None:
    row = record.to_row()
    _refuse_surrogates(row)
    problems = record_problems(row)
    if problems:
        label = f"{row['type'] or 'record'} {row['id']!r}"
        detail = "; ".join(f"{p.column}: {p.reason}" if p.column else p.reason for p in problems)
        raise RecordError(f"{label}: {detail}")


def _refuse_surrogates(row: Mapping[str, object]) -> None:
    """A RecordError for a lone surrogate in any cell or column name: no file could hold it."""
    for column, value in row.items():
        for text in (column, value):
            reason = surrogate_problem(text) if isinstance(text, str) else None
            if reason:
                raise RecordError(f"{row.get('type') or 'record'} {row.get('id')!r}: "
                                  f"{terminal_safe(column)}: {reason}")


def _expectation(value: Expectation | str | None) -> Expectation | None:
    if value is None or value == "":
        return None
    if isinstance(value, Expectation):
        return value
    try:
        return Expectation.parse(str(value))
    except ValueError as exc:
        raise RecordError(f"expects {value!r}: {exc}") from None


def _facts(value: object) -> Facts:
    try:
        return Facts.of(value)  # type: ignore[arg-type]
    except ValueError as exc:
        raise RecordError(f"facts {value!r}: {exc}") from None


def _source(value: Source | str) -> Source:
    return Source.of(value)


def _when(value: object) -> When:
    return parse_date(value)  # type: ignore[arg-type]


def _cell(value: object) -> str:
    """A field's value as its cell: "" for None, else its text (a When, Facts or Expectation prints as written)."""
    return "" if value is None else str(value)


@attrs.frozen(kw_only=True)
class _Record:
    """The fields every record type has, declared once; each type adds its own.

    A record's cells (:meth:`to_row`) and the trusted constructor
    (:mod:`llmtimeline.trusted`) are derived from ``attrs.fields``: a field added
    to a record type is saved, loaded and shown with no other edit (its column is
    an extra column of the file unless :data:`llmtimeline.schema.COLUMNS` names it).
    """

    id: str
    date: When = attrs.field(converter=_when)
    title: str = attrs.field(converter=_text)
    source: Source = attrs.field(converter=_source)
    actor: str = attrs.field(default="", converter=_text)
    speaker: str = attrs.field(default="", converter=_text)
    quote: str = attrs.field(default="", converter=_text)
    lang: str = attrs.field(default="", converter=_text)
    notes: str = attrs.field(default="", converter=_text)
    extra: tuple[tuple[str, str], ...] = attrs.field(default=None, converter=_frozen_extra)

    type: ClassVar[str] = ""

    def __attrs_post_init__(self) -> None:
        _validate(self)

    def to_row(self) -> dict[str, str]:
        """The record as events.csv cells: the columns of the file, then any field or extra column of its own."""
        row = dict.fromkeys(COLUMNS, "")
        for field in attrs.fields(type(self)):
            value = getattr(self, field.name)
            if field.name == "source":
                row.update(source=value.name, url=value.url, published=_cell(value.published))
            elif field.name != "extra":
                row[field.name] = _cell(value)
        row["type"] = self.type
        row.update(self.extra)
        return row


@attrs.frozen(kw_only=True)
class Event(_Record):
    """Something that happened: a release, an announcement, a partnership...

    ``kind`` is a lowercase slug (``release``), ``subject`` the slug of what it is
    about (``llama-3``); ``facts`` are compared with statements about the subject.
    ``extra`` keeps the values of any extra CSV columns.
    """

    actor: str = attrs.field(converter=_text)
    kind: str = attrs.field(converter=_text)
    subject: str = attrs.field(converter=_text)
    facts: Facts = attrs.field(default=None, converter=_facts)

    type: ClassVar[str] = "event"


@attrs.frozen(kw_only=True)
class Claim(_Record):
    """Something said: a ``prediction`` (expects an event, maybe by a deadline) or a
    ``statement`` (facts about a subject), with who said it and the original quote.
    """

    type: str  # type: ignore[misc]  # a claim's type is its own field: prediction or statement
    actor: str = attrs.field(converter=_text)
    subject: str = attrs.field(default="", converter=_text)
    expects: Expectation | None = attrs.field(default=None, converter=_expectation)
    deadline: str = attrs.field(default="", converter=_text)
    facts: Facts = attrs.field(default=None, converter=_facts)

    def __attrs_post_init__(self) -> None:
        if self.type not in ("prediction", "statement"):
            raise RecordError(f"claim {self.id!r}: type must be 'prediction' or 'statement', got {self.type!r}")
        _validate(self)

    @property
    def is_prediction(self) -> bool:
        return self.type == "prediction"

    @property
    def window(self) -> Window:
        """The deadline read from the latest day the claim may have been made."""
        return parse_deadline(self.deadline or None, said=self.date)



@attrs.frozen(kw_only=True)
class Subject(_Record):
    """What a subject is called: its canonical name (``subject``), display ``title``, and in
    ``facts`` its other names (``aka=``) and its family (``part_of=``); see :mod:`llmtimeline.names`.

    >>> s = Subject(id="subject-llama-3-70b", date="2024-04-18", subject="llama-3-70b", title="Llama 3 70B",
    ...             source="Meta AI blog", facts="part_of=llama-3")
    >>> s.facts["part_of"]
    ('llama-3',)
    """

    subject: str = attrs.field(converter=_text)
    facts: Facts = attrs.field(default=None, converter=_facts)

    type: ClassVar[str] = "subject"


@attrs.frozen(kw_only=True)
class Ruling(_Record):
    """An editor's verdict on a claim, as of its ``date``: ``claim`` (the claim's id),
    ``verdict`` (a status, or ``partly``), ``title`` (the reasoning), ``speaker`` (who ruled).

    The latest ruling known on a day replaces the claim's automatic status
    (the report keeps both).  That ``claim`` names a claim is checked when the
    ruling joins a timeline.

    >>> r = Ruling(id="r1", date="2025-02-01", claim="press-open-source-match-gpt-4-soon", verdict="partly",
    ...            title="Parity came, but from Meta rather than the community", source="editor")
    >>> r.verdict
    'partly'
    """

    claim: str = attrs.field(converter=_text)
    verdict: str = attrs.field(converter=_text)

    type: ClassVar[str] = "ruling"


Record = Event | Claim | Subject | Ruling

#: The class of each type of record: what the trusted constructor (:mod:`llmtimeline.trusted`) builds.
CLASSES: dict[str, type[_Record]] = {"event": Event, "prediction": Claim, "statement": Claim, "subject": Subject,
                                     "ruling": Ruling}
