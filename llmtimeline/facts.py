"""Facts: ``key=value`` pairs about a subject, several values per key, and comparisons.

The text form is ``key=value`` pairs split by ``;``, several values by ``,``.
Values stay as written; :func:`as_number` reads numbers when comparing.  A fact
may compare instead of state: ``gpus>=350e3`` (operators ``=``, ``>=``, ``<=``,
``>``, ``<``; an operator other than ``=`` takes one number).  On a prediction,
facts are the conditions its settling event must meet; a statement may use the
operators too; events and subject records state plain ``key=value`` facts.
:func:`satisfies` is the one comparison every checker uses.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Mapping

import attrs

__all__ = ["OPERATORS", "Facts", "as_number", "parse_facts", "satisfies", "split_fact"]

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
#: The comparisons a fact may make, "=" (within 1 % for numbers, text ignoring case) first.
OPERATORS: tuple[str, ...] = ("=", ">=", "<=", ">", "<")
_TOLERANCE = 0.01


def split_fact(part: str) -> tuple[str, str, str]:
    """``(key, operator, values)`` of one ``key OP values`` part, as written around the operator.

    The operator is the first ``=``, ``<`` or ``>`` (with a following ``=``);
    ``("", "", part)`` when there is none.

    >>> split_fact("gpus>=350e3"), split_fact("params=8e9,70e9")
    (('gpus', '>=', '350e3'), ('params', '=', '8e9,70e9'))
    """
    at = len(part)
    for mark in "=<>":
        i = part.find(mark)
        if 0 <= i < at:
            at = i
    if at == len(part):
        return "", "", part
    op = part[at]
    if op != "=" and part[at + 1:at + 2] == "=":
        op += "="
    return part[:at], op, part[at + len(op):]


def satisfies(value: str, op: str, wanted: str) -> bool:
    """Whether a recorded ``value`` meets ``OP wanted``: ``=`` is within 1 % for numbers and
    ignores case for text; the others compare numbers (a text value meets none of them).

    >>> satisfies("25000", ">=", "2e4"), satisfies("8.03e9", "=", "8e9"), satisfies("Open", "=", "open")
    (True, True, True)
    """
    a, b = as_number(value), as_number(wanted)
    if op == "=":
        if a is not None and b is not None:
            return abs(a - b) <= _TOLERANCE * max(abs(a), abs(b))
        return value.casefold() == wanted.casefold()
    if a is None or b is None:
        return False
    return {">=": a >= b, "<=": a <= b, ">": a > b, "<": a < b}[op]


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
    #: The operator of each pair ("=" for all when empty).
    ops: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Facts:
        """Read the text form; raise ValueError naming the bad part."""
        return parse_facts(text)

    @classmethod
    def of(cls, value: Facts | str | Mapping[str, object] | None) -> Facts:
        """Facts from their text form, a mapping (a value may be a list) or None."""
        if value is None:
            return cls()
        if isinstance(value, Facts):
            return value
        if isinstance(value, str):
            return parse_facts(value)
        pairs = []
        for key, vals in value.items():
            seq = vals if isinstance(vals, (list, tuple)) else (vals,)
            pairs.append((str(key), tuple(_format_value(v) for v in seq)))
        return parse_facts(_join(pairs))

    def op(self, key: str) -> str:
        """The operator of ``key`` ("=" unless the fact compares: ``gpus>=350e3``)."""
        for i, (k, _) in enumerate(self.pairs):
            if k == key:
                return self.ops[i] if self.ops else "="
        raise KeyError(key)

    @property
    def conditions(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """``(key, operator, values)`` of each fact."""
        ops = self.ops or ("=",) * len(self.pairs)
        return tuple((k, op, v) for (k, v), op in zip(self.pairs, ops, strict=True))

    @property
    def compares(self) -> bool:
        """True when some fact uses an operator other than ``=``."""
        return any(op != "=" for op in self.ops)

    def met_by(self, facts: Facts) -> bool:
        """Whether ``facts`` (an event's) meet every fact here as a condition: each key present,
        each value here met by one of theirs (an event lacking a key does not meet it).

        >>> Facts.parse("gpus>=350e3").met_by(Facts.parse("gpus=3.5e5")), Facts.parse("gpus>=350e3").met_by(Facts())
        (True, False)
        """
        for key, op, values in self.conditions:
            theirs = facts.get(key)
            if not theirs or not all(any(satisfies(t, op, v) for t in theirs) for v in values):
                return False
        return True

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
        return _join(self.pairs, self.ops)

    def __repr__(self) -> str:
        return f"Facts({str(self)!r})"


def _format_value(value: object) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def _join(pairs: tuple[tuple[str, tuple[str, ...]], ...] | list[tuple[str, tuple[str, ...]]],
          ops: tuple[str, ...] = ()) -> str:
    signs = ops or ("=",) * len(pairs)
    return "; ".join(f"{k}{op}{','.join(v)}" for (k, v), op in zip(pairs, signs, strict=True))


@functools.lru_cache(maxsize=4096)
def _cached_parse(text: str) -> Facts:
    return _parse(text)


def parse_facts(text: str) -> Facts:
    """Read the text form of facts; raise ValueError naming the bad part."""
    return _cached_parse(text) if len(text) <= 256 else _parse(text)


def _parse(text: str) -> Facts:
    pairs: list[tuple[str, tuple[str, ...]]] = []
    ops: list[str] = []
    seen: set[str] = set()
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        key, op, rest = split_fact(part)
        key = key.strip()
        if not op:
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
        if op != "=" and (len(values) != 1 or as_number(values[0]) is None):
            raise ValueError(f"fact {key!r}: {op} compares with one number, e.g. {key}{op}350e3 (got {rest.strip()!r})")
        seen.add(key)
        pairs.append((key, values))
        ops.append(op)
    if not pairs and text.strip():
        raise ValueError(f"{text.strip()!r} holds no fact: expected 'key=value' pairs split by ';'")
    return Facts(tuple(pairs), tuple(ops) if any(op != "=" for op in ops) else ())

