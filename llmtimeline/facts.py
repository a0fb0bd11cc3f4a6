"""Facts: ``key=value`` pairs about a subject, several values per key.

The text form is ``key=value`` pairs split by ``;``, several values by ``,``.
Values stay as written; :func:`as_number` reads numbers when comparing.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Mapping

import attrs

__all__ = ["Facts", "as_number", "parse_facts"]

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


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


@functools.lru_cache(maxsize=4096)
def _cached_parse(text: str) -> Facts:
    return _parse(text)


def parse_facts(text: str) -> Facts:
    """Read the text form of facts; raise ValueError naming the bad part."""
    return _cached_parse(text) if len(text) <= 256 else _parse(text)


def _parse(text: str) -> Facts:
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

