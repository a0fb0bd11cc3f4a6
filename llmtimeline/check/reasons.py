"""The ``reason`` of each report row: one English sentence a reader can check.

It names the event and its date, the deadline and how it was said, the margin,
or what is missing; a ruling's reason gives who ruled, when and why, and the
automatic verdict it replaced.

Each case has one template (:data:`_TEMPLATES`): literal text and the names of
pieces (``done``: what happened and when, ``said``: the phrase and its day...).
A block of rows at a time, the rows are grouped by case; each case takes the
fields its template names for its own rows, makes its pieces with Arrow's string
kernels and joins them, and the cases are put back in row order.  No Python
string is made per row (a million rows take about a second), and what a case or
block makes is freed before the next.  Only what depends on a few distinct
values (a kind's verb, a statement's fact keys) is worked out in Python, once
per distinct value.

>>> when_text("2024-04-18"), when_text("2024-Q2"), when_text("2024-04~")
('on 2024-04-18', 'in 2024-Q2', 'around 2024-04')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeAlias

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..dates import NO_DAY
from ..facts import parse_facts
from ..status import CODE, STATUSES
from .cells import POOL, in_threads

__all__ = ["POOL", "ReasonRows", "happened", "quoted", "reasons", "when_text"]

#: How an event of each kind reads: "{} was released".
_VERBS: Mapping[str, str] = {
    "release": "{} was released", "announcement": "{} was announced", "availability": "{} became available",
    "integration": "{} was integrated", "license": "{} was licensed", "deployment": "{} was deployed",
    "partnership": "a partnership on {} was made", "parity": "parity with {} was reached",
    "adoption": "{} was adopted", "disruption": "a disruption of {} was recorded",
}

_TEXT = pa.large_string()



@attrs.frozen
class ReasonRows:
    """What the reasons are made of, one array per field, one row per report row.

    Texts are Arrow ``large_string`` arrays (or dictionary arrays of them) without
    nulls ("" when missing), as written unless said: ``kind`` (expected), ``subject``
    (display title), ``conditions`` (the claim's facts), ``phrase``, ``lang``, ``date``
    (said), ``deadline`` (ISO or ""); the settling event's ``event_id``,
    ``event_subject`` (display), ``event_date``, ``event_facts``; a statement's
    disagreeing key ``bad_key``; the ruling's ``ruling_id``, ``verdict``,
    ``ruling_date``, ``ruling_by``, ``ruling_title``.  Numpy arrays: ``prediction``
    (the row is a prediction, else a statement), ``has_deadline``, ``soft`` (the
    deadline is a soft horizon), ``vague``, ``negated``, ``has_event`` (a settling
    event), ``has_ruling`` (bool) and ``margin`` (days, or NO_DAY).
    """

    prediction: np.ndarray
    kind: pa.Array
    subject: pa.Array
    conditions: pa.Array
    phrase: pa.Array
    lang: pa.Array
    date: pa.Array
    deadline: pa.Array
    has_deadline: np.ndarray
    soft: np.ndarray
    vague: np.ndarray
    negated: np.ndarray
    has_event: np.ndarray
    has_ruling: np.ndarray
    event_id: pa.Array
    event_subject: pa.Array
    event_date: pa.Array
    event_facts: pa.Array
    ruling_id: pa.Array
    verdict: pa.Array
    ruling_date: pa.Array
    ruling_by: pa.Array
    ruling_title: pa.Array
    margin: np.ndarray
    bad_key: pa.Array
    #: :func:`when_text` of ``event_date`` ("on 2024-04-18"): made by :func:`reasons`, once per distinct date.
    event_when: pa.Array | None = None


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


# -- string columns: Arrow kernels ---------------------------------------------------------------

_Part: TypeAlias = pa.Array | str


def _join(*parts: _Part) -> pa.Array:
    """The parts joined row by row (a str is the same text on every row)."""
    return pc.binary_join_element_wise(*(pa.scalar(p, _TEXT) if isinstance(p, str) else p for p in parts),
                                       pa.scalar("", _TEXT), memory_pool=POOL)


def _choose(mask: np.ndarray, yes: _Part, no: _Part) -> pa.Array:
    """``yes`` where ``mask`` holds, else ``no``."""
    return pc.if_else(pa.array(mask, pa.bool_()), *(pa.scalar(p, _TEXT) if isinstance(p, str) else p for p in (yes, no)),
                      memory_pool=POOL)


def _per_value(values: pa.Array, make: Callable[[str], str]) -> pa.Array:
    """``make(value)`` for each row, computed once per distinct value."""
    if len(values) == 0:
        return pa.array([], _TEXT)
    encoded = pc.dictionary_encode(values, memory_pool=POOL)
    done = pa.array([make(v) for v in encoded.dictionary.to_pylist()], _TEXT, memory_pool=POOL)
    return pc.take(done, encoded.indices, memory_pool=POOL)


def _happened(kind: pa.Array, subject: pa.Array) -> list[_Part]:
    """:func:`happened` of each (kind, subject) at the start of a sentence, as parts to join: its own
    first word a capital ("A partnership on ..."), a name first kept as written ("o1 was released")."""
    if len(kind) == 0:
        return [pa.array([], _TEXT)]
    encoded = pc.dictionary_encode(kind, memory_pool=POOL)
    around = [_sentence_start(k, "\x00").partition("\x00") for k in encoded.dictionary.to_pylist()]
    before = pc.take(pa.array([b for b, _, _ in around], _TEXT), encoded.indices, memory_pool=POOL)
    after = pc.take(pa.array([a for _, _, a in around], _TEXT), encoded.indices, memory_pool=POOL)
    return [before, subject, after]


def _sentence_start(kind: str, subject: str) -> str:
    """:func:`happened` at the start of a sentence: its own first word a capital, a name as written."""
    text = happened(kind, subject)
    if (_VERBS.get(kind) or "").startswith("{}"):
        return text
    return text[:1].upper() + text[1:]


def _days(margin: np.ndarray) -> list[_Part]:
    """'1 day', '21 days' of each margin (its absolute value; NO_DAY reads 0), as parts to join."""
    n = np.abs(np.where(margin == NO_DAY, 0, margin))
    return [pc.cast(pa.array(n), _TEXT, memory_pool=POOL), _choose(n == 1, " day", " days")]


def _quote(lang: pa.Array, phrase: pa.Array, after: str = "") -> list[_Part]:
    """:func:`quoted` of each (phrase, lang), then ``after``, as parts to join."""
    fr = _equal(lang, "fr")
    return [_choose(fr, "« ", "“"), phrase, _choose(fr, " »" + after, "”" + after)]


def _said(lang: pa.Array, phrase: pa.Array, date: pa.Array) -> list[_Part]:
    """'« PHRASE », said DATE' (the phrase quoted as :func:`quoted` does), "" where there is no phrase."""
    none, fr = _equal(phrase, ""), _equal(lang, "fr")
    which = np.where(none, 0, np.where(fr, 1, 2))
    opening = pc.take(pa.array(["", "« ", "“"], _TEXT), pa.array(which), memory_pool=POOL)
    closing = pc.take(pa.array(["", " », said ", "”, said "], _TEXT), pa.array(which), memory_pool=POOL)
    return [opening, phrase, closing, _choose(none, "", date)]


def _equal(values: pa.Array, text: str) -> np.ndarray:
    return np.asarray(pc.equal(values, pa.scalar(text, _TEXT)).to_numpy(zero_copy_only=False), dtype=bool)


def _fact_keys(facts: str) -> str:
    return ", ".join(parse_facts(facts))


def _stated(facts: str, key: str) -> str:
    """The operator and values ``facts`` states for ``key``: ``>=350e3``."""
    mine = parse_facts(facts)
    return f"{mine.op(key)}{','.join(mine[key])}"


def _recorded(facts: str, key: str) -> str:
    """The values ``facts`` records for ``key``: ``8e9,70e9``."""
    return ",".join(parse_facts(facts).get(key, ()))


def _per_pair(first: pa.Array, second: pa.Array, make: Callable[[str, str], str]) -> pa.Array:
    """``make(a, b)`` for each row's pair, computed once per distinct pair (cells hold no control
    characters, so a unit separator keeps the two apart)."""
    return _per_value(_join(first, "\x1f", second), lambda pair: make(*pair.split("\x1f", 1)))


# -- the cases ---------------------------------------------------------------------------------------

#: The template of each case: literal text, and ``{name}`` for a piece (see :func:`_pieces`).
_TEMPLATES: tuple[tuple[str, str], ...] = (
    # predictions with a settling (or contradicting) event
    ("undetermined", "{done}, which may be before or after the deadline of {deadline} ({said}){tail}"),
    ("contradicted", "{done}, on or before the deadline of {deadline} ({said}), contrary to the prediction{tail}"),
    ("contradicted, no deadline", "{done}, contrary to the prediction (which named no deadline){tail}"),
    ("fulfilled, soft", "{done}, within the soft horizon of {said}, which ended {deadline}{tail}"),
    ("fulfilled on the day", "{done}, on the deadline day ({said}){tail}"),
    ("fulfilled early", "{done}, {days} before the deadline of {deadline} ({said}){tail}"),
    ("fulfilled, vague", "{done}; {quote} named no day{tail}"),
    ("fulfilled, no deadline", "{done}; the prediction named no deadline{tail}"),
    ("late, soft", "{done}, after the soft horizon of {said} ended on {deadline}{tail}"),
    ("late", "{done}, {days} after the deadline of {deadline} ({said}){tail}"),
    # predictions without one
    ("not, as predicted", "No {what} is recorded by the deadline of {deadline} ({said}), as predicted."),
    ("not yet", "No {what} is recorded by {as_of}; the deadline is {deadline} ({said})."),
    ("not yet, no deadline", "No {what} is recorded by {as_of}; with no deadline, the prediction holds until one is."),
    ("missed, soft", "No {what} is recorded by {as_of}; the soft horizon of {said} ended on {deadline}."),
    ("missed", "No {what} is recorded by {as_of}; the deadline was {deadline}."),
    ("pending, soft", "No {what} is recorded by {as_of}; the soft horizon of {said} ends on {deadline}."),
    ("pending", "No {what} is recorded by {as_of}; the deadline is {deadline} ({said})."),
    ("pending, vague", "No {what} is recorded by {as_of}; {quote} names no day, so it stays open until one is."),
    ("pending, no deadline", "No {what} is recorded by {as_of}, and the prediction names no deadline."),
    # statements
    ("confirmed", "The facts recorded about {subject} agree with {conditions} (event {event_id}, {event_date})."),
    ("disagreeing", "Event {event_id} ({event_date}) records {bad_key}={recorded} about {subject}, "
                    "which contradicts {bad_key}{stated}."),
    ("no facts", "The statement about {subject} states no facts that can be checked."),
    ("no such facts", "No known event about {subject} records {keys}."),
)
_CASE = {name: i for i, (name, _) in enumerate(_TEMPLATES)}


def _parsed(template: str) -> list[tuple[bool, str]]:
    """A template as (is a piece, text) parts: ``"No {what}."`` -> ``[(False, "No "), (True, "what"), (False, ".")]``."""
    parts = []
    for i, chunk in enumerate(template.replace("}", "{").split("{")):
        if chunk:
            parts.append((i % 2 == 1, chunk))
    return parts


_PARTS = tuple(_parsed(template) for _, template in _TEMPLATES)


def _cases(r: ReasonRows, auto: np.ndarray) -> np.ndarray:
    """The case of each row (its index in :data:`_TEMPLATES`), -1 for none."""
    p, negated, soft, vague = r.prediction, r.negated, r.soft, r.vague
    has_event, has_deadline = r.has_event, r.has_deadline
    f, late, und = auto == CODE["fulfilled"], auto == CODE["late"], auto == CODE["undetermined"]
    missed = auto == CODE["missed"]
    ev, no = p & has_event, p & ~has_event
    pos = ev & ~negated
    open_ = no & ~negated & ~missed
    cases = {  # a row meeting several takes the last (none does: each row has one case)
        "undetermined": ev & und,
        "contradicted": ev & negated & ~und & has_deadline,
        "contradicted, no deadline": ev & negated & ~und & ~has_deadline,
        "fulfilled, soft": pos & f & soft,
        "fulfilled on the day": pos & f & ~soft & has_deadline & (r.margin == 0),
        "fulfilled early": pos & f & ~soft & has_deadline & (r.margin != 0),
        "fulfilled, vague": pos & f & ~has_deadline & vague,
        "fulfilled, no deadline": pos & f & ~has_deadline & ~vague,
        "late, soft": pos & late & soft,
        "late": pos & late & ~soft,
        "not, as predicted": no & negated & f,
        "not yet": no & negated & ~f & has_deadline,
        "not yet, no deadline": no & negated & ~f & ~has_deadline,
        "missed, soft": no & ~negated & missed & soft,
        "missed": no & ~negated & missed & ~soft,
        "pending, soft": open_ & has_deadline & soft,
        "pending": open_ & has_deadline & ~soft,
        "pending, vague": open_ & ~has_deadline & vague,
        "pending, no deadline": open_ & ~has_deadline & ~vague,
    }
    s = ~p
    confirmed, contradicted = s & (auto == CODE["confirmed"]), s & (auto == CODE["contradicted"])
    rest = s & ~confirmed & ~contradicted
    no_facts = _equal(r.conditions, "")
    cases |= {"confirmed": confirmed, "disagreeing": contradicted, "no facts": rest & no_facts,
              "no such facts": rest & ~no_facts}
    names = list(cases)[::-1]
    return np.select([cases[n] for n in names], [_CASE[n] for n in names], -1).astype(np.int64)


def _piece(name: str, r: Any) -> list[_Part]:
    """The piece ``name`` of the templates, over the rows of ``r`` (a :class:`ReasonRows` or :class:`_Rows`),
    as parts: the template joins every part of its pieces at once, no piece is joined on its own."""
    if name in ("deadline", "subject", "conditions", "event_id", "event_date", "bad_key"):
        return [getattr(r, name)]
    if name == "quote":
        return _quote(r.lang, r.phrase)
    if name == "said":
        return _said(r.lang, r.phrase, r.date)
    if name == "done":
        return [*_happened(r.kind, r.event_subject), " ", r.event_when]
    if name == "tail":
        return ["; event ", r.event_id, "."]
    if name == "days":
        return _days(r.margin)
    if name == "what":
        return [r.kind, " of ", r.subject, _choose(_equal(r.conditions, ""), "", " with "), r.conditions]
    if name == "recorded":
        return [_per_pair(r.event_facts, r.bad_key, _recorded)]
    if name == "stated":
        return [_per_pair(r.conditions, r.bad_key, _stated)]
    if name == "keys":
        return [_per_value(r.conditions, _fact_keys)]
    raise ValueError(f"no piece {name!r}")


class _Rows:
    """The fields of :class:`ReasonRows` for some rows, each taken on first use."""

    def __init__(self, r: ReasonRows, rows: np.ndarray) -> None:
        self._r, self._rows, self._index = r, rows, pa.array(rows, pa.int64())
        self._taken: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._taken:
            value = getattr(self._r, name)
            if isinstance(value, pa.DictionaryArray):  # decoded for these rows only
                value = pc.take(value.dictionary, pc.take(value.indices, self._index), memory_pool=POOL)
            elif isinstance(value, pa.Array):
                value = pc.take(value, self._index, memory_pool=POOL)
            else:
                value = value[self._rows]
            self._taken[name] = value
        return self._taken[name]


#: Rows made at a time: what one block makes is freed before the next (a million rows at once
#: would hold several hundred megabytes of pieces); the reasons come as one chunk per block.
_BLOCK = 1 << 17


def reasons(r: ReasonRows, auto: np.ndarray, as_of: str) -> pa.ChunkedArray:
    """The reason of each row (Arrow ``large_string``, a chunk per block of rows; null for a row of no case).

    ``r`` holds the per-row texts (:class:`ReasonRows`); ``auto`` is each row's
    automatic status code; ``as_of`` the checking day (ISO).
    """
    n = auto.size
    dates = r.event_date if isinstance(r.event_date, pa.DictionaryArray) else pc.dictionary_encode(r.event_date)
    when = _per_value(dates.dictionary, when_text)  # each distinct date text once
    r = attrs.evolve(r, event_when=pa.DictionaryArray.from_arrays(dates.indices, when))
    blocks = in_threads(lambda lo: _reasons(_slice(r, lo, min(lo + _BLOCK, n)), auto[lo:lo + _BLOCK], as_of),
                        range(0, n, _BLOCK))
    return pa.chunked_array(blocks, _TEXT)


def _slice(r: ReasonRows, lo: int, hi: int) -> ReasonRows:
    """The fields of the rows ``lo`` to ``hi`` (views: nothing is copied)."""
    fields: dict[str, Any] = {f.name: None if (v := getattr(r, f.name)) is None else v[lo:hi]
                              for f in attrs.fields(ReasonRows)}
    return ReasonRows(**fields)


def _reasons(r: ReasonRows, auto: np.ndarray, as_of: str) -> pa.Array:
    """The reasons of a block of rows.  Each case is filled over its own rows (the fields and pieces
    it names, taken for those rows only), then the cases are put back in row order."""
    n = auto.size
    case = _cases(r, auto)
    order = np.argsort(case, kind="stable")  # the rows of each case together, cases in template order
    bounds = np.searchsorted(case[order], np.arange(len(_TEMPLATES) + 1), side="left").tolist()
    filled: list[pa.Array] = [pa.nulls(bounds[0], _TEXT, memory_pool=POOL)]  # the rows of no case (-1) come first: null
    for c in range(len(_TEMPLATES)):
        if bounds[c + 1] == bounds[c]:
            continue
        rows = _Rows(r, order[bounds[c]:bounds[c + 1]])
        pieces: dict[str, list[_Part]] = {}
        parts: list[_Part] = []
        for is_piece, text in _PARTS[c]:
            if not is_piece:
                parts.append(text)
            elif text == "as_of":
                parts.append(as_of)
            else:
                if text not in pieces:
                    pieces[text] = _piece(text, rows)
                parts.extend(pieces[text])
        filled.append(_join(*parts))
        del rows, pieces, parts
    back = np.empty(n, dtype=np.int64)
    back[order] = np.arange(n)
    out = pc.take(pa.chunked_array(filled, _TEXT), pa.array(back), memory_pool=POOL)
    return _ruled(r, auto, out.combine_chunks(memory_pool=POOL))


def _ruled(r: ReasonRows, auto: np.ndarray, out: pa.Array) -> pa.Array:
    """The reasons with a ruling's in place of the automatic one, where a ruling is known (few rows)."""
    ruled = np.flatnonzero(r.has_ruling)
    if ruled.size == 0:
        return out
    at = pa.array(ruled, pa.int64())
    rows: Any = zip(*(getattr(r, name).take(at).to_pylist() for name in
                      ("verdict", "ruling_date", "ruling_by", "ruling_title", "ruling_id")),
                    auto[ruled].tolist(), out.take(at).to_pylist(), strict=True)
    texts = []
    for verdict, day, by, title, ruling_id, code, automatic in rows:
        who = f" by {by}" if by else ""
        why = title.rstrip(". ")
        texts.append(f"Ruled {verdict} {when_text(day)}{who}: {why} (ruling {ruling_id}; "
                     f"the automatic verdict was {STATUSES[int(code)]}: {automatic.rstrip('.')}).")
    index = np.arange(len(out), dtype=np.int64)
    index[ruled] = len(out) + np.arange(ruled.size)
    return pc.take(pa.concat_arrays([out, pa.array(texts, _TEXT)], memory_pool=POOL), pa.array(index), memory_pool=POOL)
