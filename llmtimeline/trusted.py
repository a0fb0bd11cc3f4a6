"""Records built from validated columns, at column speed: the trusted constructor.

The cells of a loaded file were checked as columns by the store, so building
their records runs no rule again: dates, facts, expectations and sources are
built once per distinct text and shared, and each field is set through its
slot's descriptor, with the cycle collector paused (a million records make no
cycles).  The fields come from ``attrs.fields`` of each record class: a field
added to a record type is loaded from the column of its name.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import pandas as pd

from .collector import collector_paused
from .dates import When, parse_date
from .expects import Expectation
from .facts import parse_facts
from .model import CLASSES, Record, Source
from .schema import COLUMNS

__all__ = ["records_from_columns"]


def _distinct(values: list[Any], make: Any) -> list[Any]:
    """``make(value)`` for each value, called once per distinct value."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    made = [make(u) for u in uniques]
    return [made[c] for c in codes.tolist()]


def records_from_columns(cells: pd.DataFrame, positions: Sequence[int] | np.ndarray) -> list[Record]:
    """The records of the rows at ``positions`` of a table whose every rule was checked.

    The trusted constructor: the cells were validated as columns when the table
    was read, so no rule runs again; dates, facts, expectations and sources are
    built once per distinct text and shared by the records that hold it, and the
    fields are set through the slots' own descriptors.
    """
    rows = cells.iloc[np.asarray(positions, dtype=np.int64)]
    if len(rows) == 0:
        return []
    col = {c: rows[c].to_numpy(dtype=object).tolist() for c in rows.columns}
    for c in ("claim", "verdict"):  # a table made before these columns existed
        col.setdefault(c, [""] * len(rows))
    extras = [c for c in rows.columns if c not in COLUMNS]
    with collector_paused():
        dates = _distinct(col["date"], parse_date)
        facts = _distinct(col["facts"], parse_facts)
        expects = _distinct(col["expects"], lambda t: Expectation.parse(t) if t else None)
        published = _distinct(col["published"], lambda t: parse_date(t) if t else None)
        return _build(col, extras, dates, facts, expects, published)


def _setter(cls: type, name: str) -> Any:
    """The ``__set__`` of the slot that holds field ``name`` (a frozen class's own way in)."""
    return inspect.getattr_static(cls, name).__set__


def _build(col: dict[str, list[Any]], extras: list[str], dates: list[Any], facts: list[Any], expects: list[Any],
           published: list[Any]) -> list[Record]:
    """One record per row, of the class :data:`llmtimeline.model.CLASSES` gives its type, each field set from
    the column of its name (dates, facts, expectations and sources already built)."""
    n = len(col["id"])
    sources: dict[tuple[str, str, When | None], Source] = {}
    new_source = Source.__new__
    s_name, s_url, s_published = (_setter(Source, f) for f in ("name", "url", "published"))
    source_of: list[Source] = []
    for key in zip(col["source"], col["url"], published, strict=True):
        source = sources.get(key)
        if source is None:
            source = sources[key] = new_source(Source)
            s_name(source, key[0])
            s_url(source, key[1])
            s_published(source, key[2])
        source_of.append(source)
    made = {"date": dates, "facts": facts, "expects": expects, "source": source_of}
    out: list[Any] = [None] * n
    types = np.asarray(col["type"], dtype=object)
    for kind in dict.fromkeys(col["type"]):
        cls = CLASSES[kind]
        rows = np.flatnonzero(types == kind).tolist()
        new = cls.__new__
        objects = [new(cls) for _ in rows]
        fields = [f.name for f in attrs.fields(cls)]
        own_extras = [c for c in extras if c not in fields]
        for name in fields:
            values = made.get(name)
            if name == "extra":
                values = _extras(col, own_extras, rows)
            elif values is None:
                values = col.get(name) or [""] * n  # a column the table lacks reads as empty
            set_field = _setter(cls, name)
            if len(rows) == n:
                for record, value in zip(objects, values, strict=True):
                    set_field(record, value)
            else:
                for record, i in zip(objects, rows, strict=True):
                    set_field(record, values[i])
        for record, i in zip(objects, rows, strict=True):
            out[i] = record
    return out


def _extras(col: dict[str, list[Any]], extras: list[str], rows: list[int]) -> list[tuple[tuple[str, str], ...]]:
    """The extra columns of each row, as :class:`~llmtimeline.Event`'s ``extra`` holds them (empty cells left out)."""
    if not extras:
        return [()] * len(col["id"])
    values = [col[c] for c in extras]
    out: list[tuple[tuple[str, str], ...]] = [()] * len(col["id"])
    for i in rows:
        out[i] = tuple(sorted((c, v[i]) for c, v in zip(extras, values, strict=True) if v[i] != ""))
    return out
