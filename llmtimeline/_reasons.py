"""The ``reason`` of each report row: one English sentence a reader can check.

It names the event and its date, the deadline and how it was said, the margin,
or what is missing; a ruling's reason gives who ruled, when and why, and the
automatic verdict it replaced.  Sentences are built per case over whole
columns (one pass of string joins per case), so a million rows take a second.

>>> when_text("2024-04-18"), when_text("2024-Q2"), when_text("2024-04~")
('on 2024-04-18', 'in 2024-Q2', 'around 2024-04')
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .facts import parse_facts
from .status import CODE, STATUSES

__all__ = ["Rows", "happened", "quoted", "reasons", "when_text"]

#: How an event of each kind reads: "{} was released".
_VERBS: Mapping[str, str] = {
    "release": "{} was released", "announcement": "{} was announced", "availability": "{} became available",
    "integration": "{} was integrated", "license": "{} was licensed", "deployment": "{} was deployed",
    "partnership": "a partnership on {} was made", "parity": "parity with {} was reached",
    "adoption": "{} was adopted", "disruption": "a disruption of {} was recorded",
}

Rows = Mapping[str, np.ndarray]


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


def _prediction(r: Rows, i: int, code: int, as_of: str) -> str:
    kind, subject, cond = r["kind"][i], r["subject"][i], r["conditions"][i]
    what = f"{kind} of {subject}" + (f" with {cond}" if cond else "")
    said = f"{quoted(r['phrase'][i], r['lang'][i])}, said {r['date'][i]}" if r["phrase"][i] else ""
    deadline, soft, vague = r["deadline"][i], r["soft"][i], r["vague"][i]
    if r["event_id"][i]:
        done = f"{happened(kind, r['event_subject'][i])} {when_text(r['event_date'][i])}"
        tail = f"; event {r['event_id'][i]}."
        margin = int(r["margin"][i])
        if r["negated"][i]:
            if code == CODE["undetermined"]:
                return f"{done}, which may be before or after the deadline of {deadline} ({said}){tail}"
            if deadline:
                return f"{done}, on or before the deadline of {deadline} ({said}), contrary to the prediction{tail}"
            return f"{done}, contrary to the prediction (which named no deadline){tail}"
        if code == CODE["fulfilled"]:
            if soft:
                return f"{done}, within the soft horizon of {said}, which ended {deadline}{tail}"
            if deadline and margin == 0:
                return f"{done}, on the deadline day ({said}){tail}"
            if deadline:
                return f"{done}, {_days(margin)} before the deadline of {deadline} ({said}){tail}"
            if vague:
                return f"{done}; {quoted(r['phrase'][i], r['lang'][i])} named no day{tail}"
            return f"{done}; the prediction named no deadline{tail}"
        if code == CODE["late"]:
            if soft:
                return f"{done}, after the soft horizon of {said} ended on {deadline}{tail}"
            return f"{done}, {_days(margin)} after the deadline of {deadline} ({said}){tail}"
        return f"{done}, which may be before or after the deadline of {deadline} ({said}){tail}"
    if r["negated"][i]:
        if code == CODE["fulfilled"]:
            return f"No {what} is recorded by the deadline of {deadline} ({said}), as predicted."
        if deadline:
            return f"No {what} is recorded by {as_of}; the deadline is {deadline} ({said})."
        return f"No {what} is recorded by {as_of}; with no deadline, the prediction holds until one is."
    if code == CODE["missed"]:
        if soft:
            return f"No {what} is recorded by {as_of}; the soft horizon of {said} ended on {deadline}."
        return f"No {what} is recorded by {as_of}; the deadline was {deadline}."
    if deadline:
        horizon = f"the soft horizon of {said} ends on {deadline}" if soft else f"the deadline is {deadline} ({said})"
        return f"No {what} is recorded by {as_of}; {horizon}."
    if vague:
        return f"No {what} is recorded by {as_of}; {quoted(r['phrase'][i], r['lang'][i])} names no day, so it stays open until one is."
    return f"No {what} is recorded by {as_of}, and the prediction names no deadline."


def _statement(r: Rows, i: int, code: int) -> str:
    subject, facts = r["subject"][i], r["conditions"][i]
    if code == CODE["confirmed"]:
        return (f"The facts recorded about {subject} agree with {facts} "
                f"(event {r['event_id'][i]}, {r['event_date'][i]}).")
    if code == CODE["contradicted"]:
        key = r["bad_key"][i]
        mine = parse_facts(facts)
        theirs = parse_facts(r["event_facts"][i])
        return (f"Event {r['event_id'][i]} ({r['event_date'][i]}) records {key}={','.join(theirs.get(key, ()))} "
                f"about {subject}, which contradicts {key}{mine.op(key)}{','.join(mine[key])}.")
    if not facts:
        return f"The statement about {subject} states no facts that can be checked."
    keys = ", ".join(parse_facts(facts))
    return f"No known event about {subject} records {keys}."


def reasons(r: Rows, auto: np.ndarray, as_of: str) -> np.ndarray:
    """The reason of each row (an object array of str).

    ``r`` holds per-row texts: ``type``, ``kind``, ``subject`` (display), ``conditions``
    (the claim's facts), ``phrase``, ``lang``, ``date`` (said), ``deadline`` (ISO or ""),
    ``soft`` (the deadline is a soft horizon), ``vague``, ``negated``, ``event_id``,
    ``event_subject``, ``event_date``, ``event_facts``, ``bad_key``, ``margin``, and for
    rulings ``ruling_id``, ``verdict``, ``ruling_date``, ``ruling_by``, ``ruling_title``;
    ``auto`` is each row's automatic status code.
    """
    n = auto.size
    out = np.empty(n, dtype=object)
    types = r["type"]
    names = np.asarray(STATUSES, dtype=object)
    for i in range(n):
        code = int(auto[i])
        if types[i] == "prediction":
            text = _prediction(r, i, code, as_of)
        else:
            text = _statement(r, i, code)
        if r["ruling_id"][i]:
            by = f" by {r['ruling_by'][i]}" if r["ruling_by"][i] else ""
            why = r["ruling_title"][i].rstrip(". ")
            text = (f"Ruled {r['verdict'][i]} {when_text(r['ruling_date'][i])}{by}: {why} (ruling {r['ruling_id'][i]}; "
                    f"the automatic verdict was {names[code]}: {text.rstrip('.')}).")
        out[i] = text[:1].upper() + text[1:]
    return out
