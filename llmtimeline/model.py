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
from typing import Any

import attrs

from .dates import When, parse_date
from .deadlines import Window, parse_deadline
from .exceptions import RecordError
from .schema import COLUMNS, Expectation, Facts, row_problems

__all__ = ["Claim", "Event", "Expectation", "Facts", "Source"]


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


def _validate(record: Event | Claim) -> None:
    row = record.to_row()
    problems = list(row_problems(row))
    if problems:
        label = f"{row['type'] or 'record'} {row['id']!r}"
        detail = "; ".join(f"{column}: {reason}" if column else reason for column, reason in problems)
        raise RecordError(f"{label}: {detail}")


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


def _when(value: object) -> When:
    return parse_date(value)  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened: a release, an announcement, a partnership...

    ``kind`` is a lowercase slug (``release``), ``subject`` the slug of what it is
    about (``llama-3``); ``facts`` are compared with statements about the subject.
    ``extra`` keeps the values of any extra CSV columns.
    """

    id: str
    date: When = attrs.field(converter=_when)
    actor: str = attrs.field(converter=_text)
    kind: str = attrs.field(converter=_text)
    subject: str = attrs.field(converter=_text)
    title: str = attrs.field(converter=_text)
    source: Source = attrs.field(converter=Source.of)
    facts: Facts = attrs.field(default=None, converter=_facts)
    speaker: str = attrs.field(default="", converter=_text)
    quote: str = attrs.field(default="", converter=_text)
    lang: str = attrs.field(default="", converter=_text)
    notes: str = attrs.field(default="", converter=_text)
    extra: tuple[tuple[str, str], ...] = attrs.field(default=None, converter=_frozen_extra)

    type = "event"

    def __attrs_post_init__(self) -> None:
        _validate(self)

    def to_row(self) -> dict[str, str]:
        """The record as events.csv cells (extra columns included)."""
        row = dict.fromkeys(COLUMNS, "")
        row.update(
            id=self.id, type="event", date=str(self.date), actor=self.actor, speaker=self.speaker,
            kind=self.kind, subject=self.subject, title=self.title, facts=str(self.facts),
            quote=self.quote, lang=self.lang, source=self.source.name, url=self.source.url,
            published=_text(self.source.published), notes=self.notes,
        )
        row.update(self.extra)
        return row


@attrs.frozen(kw_only=True)
class Claim:
    """Something said: a ``prediction`` (expects an event, maybe by a deadline) or a
    ``statement`` (facts about a subject), with who said it and the original quote.
    """

    id: str
    type: str
    date: When = attrs.field(converter=_when)
    actor: str = attrs.field(converter=_text)
    title: str = attrs.field(converter=_text)
    source: Source = attrs.field(converter=Source.of)
    speaker: str = attrs.field(default="", converter=_text)
    subject: str = attrs.field(default="", converter=_text)
    expects: Expectation | None = attrs.field(default=None, converter=_expectation)
    deadline: str = attrs.field(default="", converter=_text)
    facts: Facts = attrs.field(default=None, converter=_facts)
    quote: str = attrs.field(default="", converter=_text)
    lang: str = attrs.field(default="", converter=_text)
    notes: str = attrs.field(default="", converter=_text)
    extra: tuple[tuple[str, str], ...] = attrs.field(default=None, converter=_frozen_extra)

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

    def to_row(self) -> dict[str, str]:
        """The record as events.csv cells (extra columns included)."""
        row = dict.fromkeys(COLUMNS, "")
        row.update(
            id=self.id, type=self.type, date=str(self.date), actor=self.actor, speaker=self.speaker,
            subject=self.subject, title=self.title, expects=_text(self.expects), deadline=self.deadline,
            facts=str(self.facts), quote=self.quote, lang=self.lang, source=self.source.name,
            url=self.source.url, published=_text(self.source.published), notes=self.notes,
        )
        row.update(self.extra)
        return row


Record = Event | Claim


def record_from_row(row: Mapping[str, str], extra_columns: tuple[str, ...] = ()) -> Record:
    """Build the record of one row of validated cells."""
    common: dict[str, Any] = dict(
        id=row["id"], date=row["date"], actor=row.get("actor", ""), title=row["title"],
        source=Source(row["source"], row.get("url", ""), row.get("published", "") or None),
        speaker=row.get("speaker", ""), facts=row.get("facts", ""), quote=row.get("quote", ""),
        lang=row.get("lang", ""), notes=row.get("notes", ""),
        extra={c: row[c] for c in extra_columns},
    )
    if row["type"] == "event":
        return Event(kind=row["kind"], subject=row["subject"], **common)
    return Claim(type=row["type"], subject=row.get("subject", ""), expects=row.get("expects", ""),
                 deadline=row.get("deadline", ""), **common)
