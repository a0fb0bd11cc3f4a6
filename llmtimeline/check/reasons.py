"""The ``reason`` of each report row: one English sentence a reader can check.

It names the event and its date, the deadline and how it was said, the margin,
or what is missing; a ruling's reason gives who ruled, when and why, and the
automatic verdict it replaced.  Sentences are built per case over whole
columns (one pass of string joins per case), so a million rows take a second.

>>> when_text("2024-04-18"), when_text("2024-Q2"), when_text("2024-04~")
('on 2024-04-18', 'in 2024-Q2', 'around 2024-04')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs
import numpy as np
import pandas as pd

from ..dates import NO_DAY
from ..facts import parse_facts
from ..status import CODE, STATUSES

__all__ = ["ReasonRows", "happened", "quoted", "reasons", "when_text"]

#: How an event of each kind reads: "{} was released".
_VERBS: Mapping[str, str] = {
    "release": "{} was released", "announcement": "{} was announced", "availability": "{} became available",
    "integration": "{} was integrated", "license": "{} was licensed", "deployment": "{} was deployed",
    "partnership": "a partnership on {} was made", "parity": "parity with {} was reached",
    "adoption": "{} was adopted", "disruption": "a disruption of {} was recorded",
}

@attrs.frozen
class ReasonRows:
    """What the reasons are made of, one array per field, one row per report row.

    Texts as written unless said: ``type``, ``kind`` (expected), ``subject`` (display title),
    ``conditions`` (the claim's facts), ``phrase``, ``lang``, ``date`` (said), ``deadline``
    (ISO or ""), ``soft`` (the deadline is a soft horizon), ``vague``, ``negated``; the
    settling event's ``event_id``, ``event_subject`` (display), ``event_date``,
    ``event_facts``; a statement's disagreeing key ``bad_key``; ``margin`` (days, or
    NO_DAY); the ruling's ``ruling_id``, ``verdict``, ``ruling_date``, ``ruling_by``,
    ``ruling_title``.
    """

    type: np.ndarray
    kind: np.ndarray
    subject: np.ndarray
    conditions: np.ndarray
    phrase: np.ndarray
    lang: np.ndarray
    date: np.ndarray
    deadline: np.ndarray
    soft: np.ndarray
    vague: np.ndarray
    negated: np.ndarray
    event_id: np.ndarray
    event_subject: np.ndarray
    event_date: np.ndarray
    event_facts: np.ndarray
    ruling_id: np.ndarray
    verdict: np.ndarray
    ruling_date: np.ndarray
    ruling_by: np.ndarray
    ruling_title: np.ndarray
    margin: np.ndarray
    bad_key: np.ndarray

    def take(self, rows: np.ndarray) -> ReasonRows:
        """The same fields for ``rows`` only."""
        return ReasonRows(**{f.name: getattr(self, f.name)[rows] for f in attrs.fields(ReasonRows)})


def happened(kind: str, subject: str) -> str:
    """'Llama 3 was released' for ``release``; other kinds: 'a KIND event about SUBJECT was recorded'."""
    verb = _VERBS.get(kind)
    return verb.format(subject) if verb else f"a {kind} event about {subject} was recorded"


def when_text(date: str) -> str:
    """'on DAY' for a day, 'in PERIOD' for a month, quarter or year, 'around ...' when approximate."""
    if date.endswith("~"):
        return f"around {date[:-1]}"
    return f"on {date}" if len(date) == 10 else f"in {date}"


def quoted(phrase: str, lang: str) -> str:
    """The phrase in the quotation marks of its language: « d'ici un mois » in French, “soon” otherwise."""
    return f"« {phrase} »" if lang == "fr" else f"“{phrase}”"


def _days(n: int) -> str:
    return "1 day" if abs(n) == 1 else f"{abs(n)} days"


def _mapped(values: np.ndarray, make: Callable[[Any], str]) -> np.ndarray:
    """``make(value)`` for each value, computed once per distinct value (an object array)."""
    if values.size == 0:
        return values.astype(object)
    codes, uniques = pd.factorize(values)
    done = np.asarray([make(u) for u in uniques] + [""], dtype=object)[:-1]
    return np.asarray(done[codes])


def _happened(kind: np.ndarray, subject: np.ndarray) -> np.ndarray:
    """:func:`happened` of each (kind, subject), once per distinct pair, its first letter a capital
    (it starts a sentence; a name that starts with a small letter, "o1" or "iPhone", keeps it)."""
    if kind.size == 0:
        return kind.astype(object)
    kinds, kind_names = pd.factorize(kind)
    subjects, subject_names = pd.factorize(subject)
    m = max(len(subject_names), 1)
    codes, pairs = pd.factorize(kinds.astype(np.int64) * m + subjects)
    done = np.array([_sentence_start(str(kind_names[p // m]), str(subject_names[p % m])) for p in pairs.tolist()],
                    dtype=object)
    return np.asarray(done[codes])


def _sentence_start(kind: str, subject: str) -> str:
    """:func:`happened` at the start of a sentence: its own first word a capital, a name as written."""
    text = happened(kind, subject)
    if (_VERBS.get(kind) or "").startswith("{}"):
        return text
    return text[:1].upper() + text[1:]


def _codes(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One code per row for the tuple of ``columns``, and a row holding each distinct tuple."""
    codes = np.zeros(columns[0].size, dtype=np.int64)
    for column in columns:
        own, uniques = pd.factorize(column)
        codes, _ = pd.factorize(codes * max(len(uniques), 1) + own)
    first = np.full(int(codes.max(initial=-1)) + 1, -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(codes.size - 1, -1, -1)
    return codes, first


def _joined(make: Callable[..., np.ndarray], *columns: np.ndarray) -> np.ndarray:
    """``make(*columns)`` (string joins over object arrays), computed once per distinct tuple of values."""
    if columns[0].size == 0:
        return make(*columns)
    codes, first = _codes(*columns)
    return np.asarray(make(*(c[first] for c in columns))[codes])


def _quote(lang: np.ndarray, phrase: np.ndarray) -> np.ndarray:
    return np.where(lang == "fr", "« " + phrase + " »", "“" + phrase + "”")


def _predictions(r: ReasonRows, rows: np.ndarray, code: np.ndarray, as_of: str) -> np.ndarray:
    """The reasons of the prediction ``rows``: a few string joins over the columns per case."""
    g = r.take(rows)
    code = code[rows]
    kind, cond, phrase, deadline = g.kind, g.conditions, g.phrase, g.deadline
    soft, vague, negated = g.soft.astype(bool), g.vague.astype(bool), g.negated.astype(bool)
    what = kind + " of " + g.subject + np.where(cond != "", " with " + cond, "")
    q = _joined(_quote, g.lang, phrase)  # a few thousand phrases
    said = np.where(phrase != "", q + ", said " + g.date, "")
    has_event = g.event_id != ""
    done = _happened(kind, g.event_subject) + " " + _mapped(g.event_date, when_text)
    tail = "; event " + g.event_id + "."
    margin = g.margin
    days = _mapped(np.where(margin == NO_DAY, 0, margin), _days)
    has_deadline = deadline != ""
    out = np.empty(rows.size, dtype=object)

    def put(mask: np.ndarray, make: Any) -> None:
        if mask.any():
            out[mask] = make(mask)

    f, late, und = code == CODE["fulfilled"], code == CODE["late"], code == CODE["undetermined"]
    ev, no = has_event, ~has_event
    # a settling (or contradicting) event
    put(ev & negated & und | ev & ~negated & und,
        lambda m: done[m] + ", which may be before or after the deadline of " + deadline[m] + " (" + said[m] + ")" + tail[m])
    put(ev & negated & ~und & has_deadline,
        lambda m: done[m] + ", on or before the deadline of " + deadline[m] + " (" + said[m] + "), contrary to the prediction" + tail[m])
    put(ev & negated & ~und & ~has_deadline,
        lambda m: done[m] + ", contrary to the prediction (which named no deadline)" + tail[m])
    pos = ev & ~negated
    put(pos & f & soft, lambda m: done[m] + ", within the soft horizon of " + said[m] + ", which ended " + deadline[m] + tail[m])
    put(pos & f & ~soft & has_deadline & (margin == 0),
        lambda m: done[m] + ", on the deadline day (" + said[m] + ")" + tail[m])
    put(pos & f & ~soft & has_deadline & (margin != 0),
        lambda m: done[m] + ", " + days[m] + " before the deadline of " + deadline[m] + " (" + said[m] + ")" + tail[m])
    put(pos & f & ~has_deadline & vague, lambda m: done[m] + "; " + q[m] + " named no day" + tail[m])
    put(pos & f & ~has_deadline & ~vague, lambda m: done[m] + "; the prediction named no deadline" + tail[m])
    put(pos & late & soft, lambda m: done[m] + ", after the soft horizon of " + said[m] + " ended on " + deadline[m] + tail[m])
    put(pos & late & ~soft,
        lambda m: done[m] + ", " + days[m] + " after the deadline of " + deadline[m] + " (" + said[m] + ")" + tail[m])
    # no event
    put(no & negated & f,
        lambda m: "No " + what[m] + " is recorded by the deadline of " + deadline[m] + " (" + said[m] + "), as predicted.")
    put(no & negated & ~f & has_deadline,
        lambda m: "No " + what[m] + f" is recorded by {as_of}; the deadline is " + deadline[m] + " (" + said[m] + ").")
    put(no & negated & ~f & ~has_deadline,
        lambda m: "No " + what[m] + f" is recorded by {as_of}; with no deadline, the prediction holds until one is.")
    missed = code == CODE["missed"]
    put(no & ~negated & missed & soft,
        lambda m: "No " + what[m] + f" is recorded by {as_of}; the soft horizon of " + said[m] + " ended on " + deadline[m] + ".")
    put(no & ~negated & missed & ~soft, lambda m: "No " + what[m] + f" is recorded by {as_of}; the deadline was " + deadline[m] + ".")
    open_ = no & ~negated & ~missed
    put(open_ & has_deadline & soft,
        lambda m: "No " + what[m] + f" is recorded by {as_of}; the soft horizon of " + said[m] + " ends on " + deadline[m] + ".")
    put(open_ & has_deadline & ~soft,
        lambda m: "No " + what[m] + f" is recorded by {as_of}; the deadline is " + deadline[m] + " (" + said[m] + ").")
    put(open_ & ~has_deadline & vague,
        lambda m: "No " + what[m] + f" is recorded by {as_of}; " + q[m] + " names no day, so it stays open until one is.")
    put(open_ & ~has_deadline & ~vague,
        lambda m: "No " + what[m] + f" is recorded by {as_of}, and the prediction names no deadline.")
    return out


def _statement(r: ReasonRows, i: int, code: int) -> str:
    subject, facts = r.subject[i], r.conditions[i]
    if code == CODE["confirmed"]:
        return (f"The facts recorded about {subject} agree with {facts} "
                f"(event {r.event_id[i]}, {r.event_date[i]}).")
    if code == CODE["contradicted"]:
        key = r.bad_key[i]
        mine = parse_facts(facts)
        theirs = parse_facts(r.event_facts[i])
        return (f"Event {r.event_id[i]} ({r.event_date[i]}) records {key}={','.join(theirs.get(key, ()))} "
                f"about {subject}, which contradicts {key}{mine.op(key)}{','.join(mine[key])}.")
    if not facts:
        return f"The statement about {subject} states no facts that can be checked."
    keys = ", ".join(parse_facts(facts))
    return f"No known event about {subject} records {keys}."


def _fact_keys(facts: str) -> str:
    return ", ".join(parse_facts(facts))


def _stated(facts: str, key: str) -> str:
    """The operator and values ``facts`` states for ``key``: ``>=350e3``."""
    mine = parse_facts(facts)
    return f"{mine.op(key)}{','.join(mine[key])}"


def _statements(r: ReasonRows, rows: np.ndarray, code: np.ndarray) -> np.ndarray:
    """The reasons of the statement ``rows``: one template per case, filled column-wise (a contradiction,
    which parses both sides' facts, one row at a time: they are few)."""
    g = r.take(rows)
    code = code[rows]
    out = np.empty(rows.size, dtype=object)
    confirmed, contradicted = code == CODE["confirmed"], code == CODE["contradicted"]
    m = confirmed
    if m.any():
        out[m] = ("The facts recorded about " + g.subject[m] + " agree with " + g.conditions[m] + " (event "
                  + g.event_id[m] + ", " + g.event_date[m] + ").")
    m = contradicted
    if m.any():  # each side's values of the disagreeing key, once per distinct (facts, key)
        key, mine, theirs = g.bad_key[m], g.conditions[m], g.event_facts[m]
        stated = _joined(lambda f, k: np.array([_stated(a, b) for a, b in zip(f, k, strict=True)], dtype=object),
                         mine, key)
        recorded = _joined(lambda f, k: np.array([",".join(parse_facts(a).get(b, ())) for a, b in zip(f, k, strict=True)],
                                                 dtype=object), theirs, key)
        out[m] = ("Event " + g.event_id[m] + " (" + g.event_date[m] + ") records " + key + "=" + recorded + " about "
                  + g.subject[m] + ", which contradicts " + key + stated + ".")
    rest = ~confirmed & ~contradicted
    m = rest & (g.conditions == "")
    if m.any():
        out[m] = "The statement about " + g.subject[m] + " states no facts that can be checked."
    m = rest & (g.conditions != "")
    if m.any():
        out[m] = "No known event about " + g.subject[m] + " records " + _mapped(g.conditions[m], _fact_keys) + "."
    return out


def reasons(r: ReasonRows, auto: np.ndarray, as_of: str) -> np.ndarray:
    """The reason of each row (an object array of str).

    ``r`` holds the per-row texts (:class:`ReasonRows`);
    ``auto`` is each row's automatic status code.
    """
    n = auto.size
    out = np.empty(n, dtype=object)
    is_p = r.type == "prediction"
    out[is_p] = _predictions(r, np.flatnonzero(is_p), auto, as_of)
    out[~is_p] = _statements(r, np.flatnonzero(~is_p), auto)
    ruled = np.flatnonzero(r.ruling_id != "")
    if ruled.size:
        names = np.asarray(STATUSES, dtype=object)
        for i in ruled.tolist():
            by = f" by {r.ruling_by[i]}" if r.ruling_by[i] else ""
            why = r.ruling_title[i].rstrip(". ")
            out[i] = (f"Ruled {r.verdict[i]} {when_text(r.ruling_date[i])}{by}: {why} (ruling {r.ruling_id[i]}; "
                      f"the automatic verdict was {names[int(auto[i])]}: {out[i].rstrip('.')}).")
    return out
