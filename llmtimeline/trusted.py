"""Records built from validated columns, at column speed: the trusted constructor.

The cells of a loaded file were checked as columns by the store, so building
their records runs no rule again: dates, facts, expectations and sources are
built once per distinct text and shared, and each field is set through its
slot's descriptor, with the cycle collector paused (a million records make no
cycles).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .dates import When, parse_date
from .expects import Expectation
from .facts import parse_facts
from .model import Claim, Event, Record, Ruling, Source, Subject
from .schema import COLUMNS
from .store import collector_paused

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


def _setters(cls: type, names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(cls.__dict__[name].__set__ for name in names)


_COMMON = ("id", "date", "actor", "subject", "title", "source", "facts", "speaker", "quote", "lang", "notes", "extra")


def _build(col: dict[str, list[Any]], extras: list[str], dates: list[Any], facts: list[Any], expects: list[Any],
           published: list[Any]) -> list[Record]:
    sources: dict[tuple[str, str, When | None], Source] = {}
    out: list[Record] = []
    new_event, new_claim, new_source = Event.__new__, Claim.__new__, Source.__new__
    new_subject, new_ruling = Subject.__new__, Ruling.__new__
    sub_set = _setters(Subject, _COMMON)
    r_set = _setters(Ruling, ("id", "date", "actor", "speaker", "title", "source", "quote", "lang", "notes", "extra",
                              "claim", "verdict"))
    s_name, s_url, s_published = _setters(Source, ("name", "url", "published"))
    e_set = _setters(Event, _COMMON)
    c_set = _setters(Claim, _COMMON)
    e_kind, = _setters(Event, ("kind",))
    c_type, c_expects, c_deadline = _setters(Claim, ("type", "expects", "deadline"))
    extra_values = [col[c] for c in extras]
    no_extra: tuple[tuple[str, str], ...] = ()
    for i, (rid, kind, date, actor, speaker, what, subject, title, deadline, quote, lang, name, url, notes) in enumerate(
        zip(col["id"], col["type"], dates, col["actor"], col["speaker"], col["kind"], col["subject"], col["title"],
            col["deadline"], col["quote"], col["lang"], col["source"], col["url"], col["notes"], strict=True)
    ):
        when = published[i]
        key = (name, url, when)
        source = sources.get(key)
        if source is None:
            source = sources[key] = new_source(Source)
            s_name(source, name)
            s_url(source, url)
            s_published(source, when)
        extra = no_extra
        if extras:
            extra = tuple(sorted((c, v[i]) for c, v in zip(extras, extra_values, strict=True) if v[i] != ""))
        record: Record
        if kind == "ruling":
            record = new_ruling(Ruling)
            for set_field, value in zip(r_set, (rid, date, actor, speaker, title, source, quote, lang, notes, extra,
                                                col["claim"][i], col["verdict"][i]), strict=True):
                set_field(record, value)
            out.append(record)
            continue
        if kind == "event":
            record = new_event(Event)
            e_kind(record, what)
            setters = e_set
        elif kind == "subject":
            record = new_subject(Subject)
            setters = sub_set
        else:
            record = new_claim(Claim)
            c_type(record, kind)
            c_expects(record, expects[i])
            c_deadline(record, deadline)
            setters = c_set
        set_id, set_date, set_actor, set_subject, set_title, set_source, set_facts, set_speaker, set_quote, \
            set_lang, set_notes, set_extra = setters
        set_id(record, rid)
        set_date(record, date)
        set_actor(record, actor)
        set_subject(record, subject)
        set_title(record, title)
        set_source(record, source)
        set_facts(record, facts[i])
        set_speaker(record, speaker)
        set_quote(record, quote)
        set_lang(record, lang)
        set_notes(record, notes)
        set_extra(record, extra)
        out.append(record)
    return out
