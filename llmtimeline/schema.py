"""What a valid record is: the events.csv columns and the rule for each cell.

This module only *defines* validity; :mod:`llmtimeline.store` applies the rules
to whole columns and :mod:`llmtimeline.model` to single records, so a file and an
object built in code are held to exactly the same rules.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from collections.abc import Callable, Iterator, Mapping

import attrs

from .dates import parse_date
from .exceptions import DateError, DeadlineError

__all__ = [
    "COLUMNS",
    "RECORD_TYPES",
    "REQUIRED_HEADER",
    "Expectation",
    "Facts",
]

#: The events.csv columns, in the order they are written.
COLUMNS: tuple[str, ...] = (
    "id", "type", "date", "actor", "speaker", "kind", "subject", "title", "expects",
    "deadline", "facts", "quote", "lang", "source", "url", "published", "notes",
)
#: Columns a file must have (the others may be left out and read as empty).
REQUIRED_HEADER: tuple[str, ...] = ("id", "type", "date", "title", "source")
RECORD_TYPES: tuple[str, ...] = ("event", "prediction", "statement")
#: Longest cell accepted, in characters: a long quote fits, a pasted file does not.
MAX_CELL = 100_000

# Which cells each type of record must have ("required") or must leave empty ("forbidden").
RULES: Mapping[str, Mapping[str, str]] = {
    "event": {"actor": "required", "kind": "required", "subject": "required", "expects": "forbidden", "deadline": "forbidden"},
    "prediction": {"expects": "required", "kind": "forbidden", "facts": "forbidden"},
    "statement": {"subject": "required", "kind": "forbidden", "expects": "forbidden", "deadline": "forbidden"},
}
WHY: Mapping[tuple[str, str], str] = {
    ("event", "actor"): "an event needs the organisation it is about",
    ("event", "kind"): "an event needs a kind such as 'release' or 'partnership'",
    ("event", "subject"): "an event needs the slug of what it is about, e.g. 'llama-3'",
    ("event", "expects"): "only predictions have 'expects'",
    ("event", "deadline"): "only predictions have a deadline",
    ("prediction", "expects"): "a prediction needs 'expects': 'KIND SUBJECT' or 'not KIND SUBJECT', e.g. 'release llama-3'",
    ("prediction", "kind"): "'kind' is for events; a prediction says what it expects in 'expects'",
    ("prediction", "facts"): "facts are checked on statements and events, not predictions; make it a statement",
    ("statement", "subject"): "a statement needs the slug of what it is about, e.g. 'llama-3'",
    ("statement", "kind"): "'kind' is for events",
    ("statement", "expects"): "only predictions have 'expects'; a statement states facts",
    ("statement", "deadline"): "only predictions have a deadline",
}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\udc80-\udcff]")
_SLUG_KIND = re.compile(r"[a-z][a-z0-9_.-]*")
_NAME = re.compile(r"\S(?:[^\r\n]*\S)?")
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


# -- expectation --------------------------------------------------------------------


@attrs.frozen
class Expectation:
    """What a prediction expects: an event of ``kind`` about ``subject``, or its absence.

    >>> Expectation.parse("not release llama-3")
    Expectation(kind='release', subject='llama-3', negated=True)
    >>> str(Expectation("release", "llama-3"))
    'release llama-3'
    """

    kind: str
    subject: str
    negated: bool = False

    def __attrs_post_init__(self) -> None:
        reason = kind_problem(self.kind) or name_problem(self.subject, "subject")
        if reason:
            raise ValueError(reason)

    @classmethod
    def parse(cls, text: str) -> Expectation:
        """Read ``KIND SUBJECT`` or ``not KIND SUBJECT``; raise ValueError with the reason.

        The kind is one word; the subject is the rest ("release GPT-4 Turbo" is fine).
        """
        words = text.split(None, 1)
        negated = len(words) == 2 and words[0].lower() in ("not", "no", "pas")
        if negated:
            words = words[1].split(None, 1)
        if len(words) != 2:
            raise ValueError("expected 'KIND SUBJECT' or 'not KIND SUBJECT', e.g. 'release llama-3'")
        return cls(words[0], words[1].strip(), negated)

    def __str__(self) -> str:
        return f"{'not ' if self.negated else ''}{self.kind} {self.subject}"


def read_expectations(texts: list[str]) -> list[tuple[str, str, bool]] | None:
    """Kind, subject and negation of each text as :meth:`Expectation.parse` reads it, or
    None when some text is not valid (then ask ``Expectation.parse`` why).

    The rules run once per distinct kind and over all subjects at once, so this is
    much faster than parsing each text into an Expectation.
    """
    out: list[tuple[str, str, bool]] = []
    for text in texts:
        words = text.split(None, 1)
        negated = len(words) == 2 and words[0].lower() in ("not", "no", "pas")
        if negated:
            words = words[1].split(None, 1)
        if len(words) != 2:
            return None
        out.append((words[0], words[1].strip(), negated))
    kinds = {kind for kind, _, _ in out}
    if any(kind_problem(kind) for kind in kinds) or not _all_one_line([subject for _, subject, _ in out]):
        return None
    return out


# -- facts --------------------------------------------------------------------------


def as_number(value: str) -> float | None:
    """The value as a finite number, or None when it is text."""
    try:
        number = float(value.replace("_", ""))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


@attrs.frozen
class Facts(Mapping[str, tuple[str, ...]]):
    """Facts ``key=value`` about a subject; a key may hold several values ("one of").

    The text form is ``key=value`` pairs split by ``;``, several values by ``,``.
    Values stay as written; :func:`as_number` reads numbers when comparing.

    >>> f = Facts.parse("params=8e9,70e9; context=8192")
    >>> f["params"]
    ('8e9', '70e9')
    >>> str(f)
    'params=8e9,70e9; context=8192'
    """

    pairs: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def parse(cls, text: str) -> Facts:
        """Read the text form; raise ValueError naming the bad part."""
        return _parse_facts(text)

    @classmethod
    def of(cls, value: Facts | str | Mapping[str, object] | None) -> Facts:
        """Facts from their text form, a mapping (a value may be a list) or None."""
        if value is None:
            return cls()
        if isinstance(value, Facts):
            return value
        if isinstance(value, str):
            return _parse_facts(value)
        pairs = []
        for key, vals in value.items():
            seq = vals if isinstance(vals, (list, tuple)) else (vals,)
            pairs.append((str(key), tuple(_format_value(v) for v in seq)))
        return _parse_facts(_join(pairs))

    def __getitem__(self, key: str) -> tuple[str, ...]:
        for k, values in self.pairs:
            if k == key:
                return values
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (k for k, _ in self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)

    def __str__(self) -> str:
        return _join(self.pairs)

    def __repr__(self) -> str:
        return f"Facts({str(self)!r})"


def _format_value(value: object) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def _join(pairs: tuple[tuple[str, tuple[str, ...]], ...] | list[tuple[str, tuple[str, ...]]]) -> str:
    return "; ".join(f"{k}={','.join(v)}" for k, v in pairs)


@functools.lru_cache(maxsize=65536)
def _parse_facts(text: str) -> Facts:
    pairs: list[tuple[str, tuple[str, ...]]] = []
    seen: set[str] = set()
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        key, eq, rest = part.partition("=")
        key = key.strip()
        if not eq:
            raise ValueError(f"{part!r} is not key=value (facts are 'key=value; key=v1,v2')")
        if not _KEY.fullmatch(key):
            raise ValueError(f"{key!r} is not a fact key (letters, digits, '_', '-', '.')")
        if key in seen:
            raise ValueError(f"fact {key!r} is given twice; list several values as {key}=a,b")
        values = tuple(v.strip() for v in rest.split(","))
        if any(not v for v in values):
            raise ValueError(f"fact {key!r} has an empty value")
        if any("=" in v for v in values):
            raise ValueError(f"fact {key!r} has '=' in a value; separate facts with ';'")
        seen.add(key)
        pairs.append((key, values))
    return Facts(tuple(pairs))


# -- cell rules: each returns None when the value is fine, else the reason ----------


def name_problem(value: str, what: str) -> str | None:
    """Ids and subjects: one line, no spaces at either end (a slug such as 'llama-3' is best)."""
    if not _NAME.fullmatch(value):
        if "\n" in value or "\r" in value:
            return f"{what} must fit on one line"
        return f"{what} has spaces at its start or end"
    return None


def kind_problem(value: str) -> str | None:
    if not _SLUG_KIND.fullmatch(value):
        return "kind must be a lowercase slug such as 'release', 'announcement' or 'partnership'"
    return None


def _date_problem(value: str) -> str | None:
    try:
        parse_date(value)
    except DateError as exc:
        return exc.reason
    return None


def _type_problem(value: str) -> str | None:
    if value not in RECORD_TYPES:
        return "expected one of 'event', 'prediction', 'statement'"
    return None


def _expects_problem(value: str) -> str | None:
    try:
        Expectation.parse(value)
    except ValueError as exc:
        return str(exc)
    return None


def _facts_problem(value: str) -> str | None:
    try:
        _parse_facts(value)
    except ValueError as exc:
        return str(exc)
    return None


def _one_line(what: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if "\n" in value or "\r" in value:
            return f"{what} must fit on one line"
        if value != value.strip():
            return f"{what} has spaces at its start or end"
        return None

    return check


def _lang_problem(value: str) -> str | None:
    if not _LANG.fullmatch(value):
        return "expected a lowercase ISO 639 language code such as 'fr' or 'en'"
    return None


def _url_problem(value: str) -> str | None:
    if not _URL.fullmatch(value):
        return "expected an address starting with http:// or https://, without spaces"
    return None


def _id_problem(value: str) -> str | None:
    return name_problem(value, "id")


#: Rules for single cells (empty cells are never passed; deadlines need the date too).
CELL_RULES: Mapping[str, Callable[[str], str | None]] = {
    "id": _id_problem,
    "type": _type_problem,
    "date": _date_problem,
    "published": _date_problem,
    "actor": _one_line("actor"),
    "speaker": _one_line("speaker"),
    "kind": kind_problem,
    "subject": lambda v: name_problem(v, "subject"),
    "title": _one_line("title"),
    "expects": _expects_problem,
    "facts": _facts_problem,
    "lang": _lang_problem,
    "source": _one_line("source"),
    "url": _url_problem,
}


def _all_one_line(values: list[str]) -> bool:
    """True when no value has a line break or spaces at either end (the one-line and name rules)."""
    joined = "\x00".join(values)
    return "\n" not in joined and "\r" not in joined and list(map(str.strip, values)) == values


_AFTER_SCHEME = re.compile(r"://[/?#\x00]")
_STARTS_AS_URL = operator.methodcaller("startswith", ("http://", "https://"))


def _all_urls(values: list[str]) -> bool:
    """True when every value is an address by the rule of ``url`` (no space, a host after the scheme)."""
    joined = "\x00".join(values) + "\x00"
    return all(map(_STARTS_AS_URL, values)) and len(joined.split()) == 1 and not _AFTER_SCHEME.search(joined)


#: Fast tests over a whole column (its non-empty values) that every value passes its
#: rule in CELL_RULES: True settles it; False means "look closer", value by value.
BATCH_RULES: Mapping[str, Callable[[list[str]], bool]] = {
    "id": _all_one_line,
    "subject": _all_one_line,
    "actor": _all_one_line,
    "speaker": _all_one_line,
    "title": _all_one_line,
    "source": _all_one_line,
    "url": _all_urls,
}


def deadline_problem(deadline: str, date: str) -> str | None:
    """Reason the deadline phrase cannot be read from the claim's date, or None."""
    from .deadlines import parse_deadline

    try:
        parse_deadline(deadline, said=date)
    except DeadlineError as exc:
        return exc.reason
    return None


def cell_problem(value: str) -> str | None:
    """Problems any cell may have: bytes that were not UTF-8, control characters, size."""
    bad = _SURROGATE.search(value)
    if bad:
        byte = ord(bad.group()) - 0xDC00
        return f"the file is not UTF-8: byte 0x{byte:02X} here (save the file as UTF-8)"
    bad = _CONTROL.search(value)
    if bad:
        return f"control character {bad.group()!r} (U+{ord(bad.group()):04X}) is not allowed in a cell"
    if len(value) > MAX_CELL:
        return f"cell is {len(value):,} characters long; the limit is {MAX_CELL:,}"
    return None


def row_problems(row: Mapping[str, str]) -> Iterator[tuple[str | None, str]]:
    """Every (column, reason) problem of one record given as text cells.

    This is the per-record form of the rules the store applies to whole columns.
    """
    for column, value in row.items():
        if value:
            reason = cell_problem(value)
            if reason:
                yield column, reason
                continue
            rule = CELL_RULES.get(column)
            reason = rule(value) if rule else None
            if reason:
                yield column, reason
    kind = row.get("type", "")
    for column, need in RULES.get(kind, {}).items():
        filled = bool(row.get(column, ""))
        if (need == "required") != filled:
            yield column, WHY[(kind, column)]
    yield from _row_rules(row)


# The record rules' reasons, shared by the per-record check below and the store's column-wise one.
NEEDS_ACTOR = "a claim needs an actor (organisation) or a speaker"
NEEDS_LANG = "a quote needs the code of its language, e.g. 'fr'"


def required(column: str) -> str:
    return f"{column} is required"


def subject_mismatch(expected: str) -> str:
    return f"differs from the subject in expects ({expected!r}); leave it empty or make them equal"


def _row_rules(row: Mapping[str, str]) -> Iterator[tuple[str | None, str]]:
    kind = row.get("type", "")
    for column in REQUIRED_CELLS:
        if not row.get(column, ""):
            yield column, required(column)
    if kind in ("prediction", "statement") and not row.get("actor") and not row.get("speaker"):
        yield "actor", NEEDS_ACTOR
    if row.get("quote") and not row.get("lang"):
        yield "lang", NEEDS_LANG
    if kind == "prediction" and row.get("deadline") and not _date_problem(row.get("date", "")):
        reason = deadline_problem(row["deadline"], row["date"])
        if reason:
            yield "deadline", reason
    if kind == "prediction" and row.get("subject") and row.get("expects") and not _expects_problem(row["expects"]):
        expected = Expectation.parse(row["expects"]).subject
        if row["subject"] != expected:
            yield "subject", subject_mismatch(expected)


#: Cells every record must fill.
REQUIRED_CELLS: tuple[str, ...] = ("id", "type", "date", "title", "source")
