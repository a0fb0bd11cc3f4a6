"""The pieces the deadline rules are built from: parsed values, the parser, memoised rules.

A rule is a function ``(parser, i) -> [(value, j), ...]``: every way the tokens
from ``i`` (up to ``j``) read as that rule's kind of value.  Rules compose other
rules (Duckling style): "by <time>", "<time> or <time>", "early <time>" are each
one rule over any time the other rules produce.  Results are memoised per
parser and position, so a text is read in time linear in its length (every rule
looks a bounded number of tokens ahead).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from ._text import Trie, build_trie, digits, match

__all__ = ["DIGITS", "NeedsSaid", "Parser", "Reading", "Refusal", "Rule", "Time", "dispatch", "first_words", "fixed",
           "install", "no_day", "relative", "rule", "trie"]

T = TypeVar("T")
Results = list[tuple[T, int]]


class NeedsSaid(Exception):
    """A relative phrase was read without the day said."""


class Refusal(Exception):
    """A phrase that has a known shape but names no day the conventions allow ("Q5", "June 31")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


#: Bounds of a time given the day said: (first day or None when it has none, last day).
Bounds = Callable[[dt.date | None], tuple[dt.date | None, dt.date]]


class Time:
    """A time a phrase names: its bounds from the day said, and what the rules need to know of it.

    ``grain`` is its unit (year, half, quarter, month, week, weekend, day, decade,
    season, date); ``absolute`` is True when it needs no day said; ``loose`` says
    how much context it needs to be a deadline in running text (0: none, 1: any
    connector such as "in", 2: a deadline connector such as "by", 3: only as a
    whole phrase); ``end`` is True for "the end of X" (so "before the end of X"
    ends on X's last day); ``recur`` gives, for a period named without its year
    ("June"), its bounds in any year, so a part of it ("mid-June") is the first
    such part that ends on or after the day said; ``step`` marks a period named from the day
    said ("next year": 1), which "until" reads as ending the day before it starts.
    """

    __slots__ = ("absolute", "end", "fn", "grain", "loose", "recur", "step")

    def __init__(self, fn: Bounds, grain: str, *, absolute: bool = False, loose: int = 0, end: bool = False,
                 recur: Callable[[int], tuple[dt.date, dt.date]] | None = None, step: int | None = None) -> None:
        self.fn, self.grain, self.absolute, self.loose, self.end, self.recur = fn, grain, absolute, loose, end, recur
        self.step = step  # for "this X" (0) and "next X" (1, 2): a period named from the day said

    def bounds(self, said: dt.date | None) -> tuple[dt.date | None, dt.date]:
        return self.fn(said)


def relative(fn: Callable[[dt.date], tuple[dt.date | None, dt.date]]) -> Bounds:
    """Bounds that need the day said."""

    def bounds(said: dt.date | None) -> tuple[dt.date | None, dt.date]:
        if said is None:
            raise NeedsSaid
        return fn(said)

    return bounds


class Reading:
    """What a whole phrase says: a kind of window and how to find its last day from the day said."""

    __slots__ = ("horizon", "kind", "latest", "loose", "lower", "span", "vague")

    def __init__(self, kind: str, latest: Callable[[dt.date | None], dt.date | None], *, vague: bool = False,
                 horizon: int | None = None, loose: int = 0, lower: bool = False,
                 span: tuple[tuple[int, int, int], ...] | None = None) -> None:
        self.kind, self.latest, self.vague, self.horizon, self.loose = kind, latest, vague, horizon, loose
        self.lower = lower  # a lower bound ("after 2026"): never a deadline, and no time inside it is one
        #: For a span alone ("within 3 months"), its (months, days, minutes) parts: ``latest`` is the day said
        #: plus the longest part, so the store adds it to many days at once (deadlines.read_days).
        self.span = span


def fixed(start: dt.date, end: dt.date, grain: str, loose: int = 0) -> Time:
    """A time that needs no day said."""
    return Time(lambda said: (start, end), grain, absolute=True, loose=loose)


def no_day(said: dt.date | None) -> None:
    return None


class Parser:
    """Tokens being read, the memo of rule results, and the refusals met on the way."""

    __slots__ = ("joined", "memo", "n", "nums", "refusals", "refused_until", "w")

    def __init__(self, words: list[str], joined: frozenset[int] = frozenset()) -> None:
        self.w = words
        self.n = len(words)
        #: The value of each token of at most six ASCII digits (the numbers the rules read), else None; made on
        #: the first number read.
        self.nums: list[int | None] | None = None
        self.joined = joined  # the positions whose word touches the one before it in the text ("3Q26")
        self.memo: dict[tuple[str, int], Any] = {}
        self.refusals: list[str] = []
        self.refused_until = 0

    def refuse(self, reason: str, until: int) -> None:
        """Note a shape that was recognised up to ``until`` but names no day the conventions allow."""
        if len(self.refusals) < 8:
            self.refusals.append(reason)
        self.refused_until = max(self.refused_until, until)

    def at(self, i: int) -> str:
        return self.w[i] if i < self.n else ""

    def glued(self, i: int) -> bool:
        """True when the word at ``i`` is written against the one before it, with no space ("Q3" + "26")."""
        return i in self.joined

    def phrase(self, table: Trie, i: int) -> list[tuple[Any, int]]:
        """Entries of a phrase table starting at ``i``."""
        if i >= self.n:
            return []
        if self.w[i] not in table:  # most tries: no entry starts with this word
            return [(table[""], i)] if "" in table else []
        return match(table, self.w, i)

    def opt(self, table: Trie, i: int) -> list[tuple[Any, int]]:
        """Like :meth:`phrase`, and also nothing (``(None, i)``)."""
        return [(None, i), *self.phrase(table, i)]

    def ends(self, table: Trie, i: int) -> list[int]:
        return [j for _, j in self.phrase(table, i)]

    def number(self, i: int, lo: int, hi: int, width: int | None = None) -> int | None:
        """The digits at ``i`` as a number in [lo, hi] (of exactly ``width`` digits if given), or None."""
        if i >= self.n:
            return None
        nums = self.nums
        if nums is None:
            nums = self.nums = [int(x) if len(x) <= 6 and x.isdigit() and x.isascii() else None for x in self.w]
        value = nums[i]
        if value is None or (width is not None and len(self.w[i]) != width):
            return None
        return value if lo <= value <= hi else None


def rule(fn: Callable[[Parser, int], list[tuple[T, int]]]) -> Callable[[Parser, int], list[tuple[T, int]]]:
    """Memoise a rule per parser and position (and give it nothing past the last token)."""
    name = fn.__qualname__

    def memoised(p: Parser, i: int) -> list[tuple[T, int]]:
        key = (name, i)
        found = p.memo.get(key)
        if found is None:
            found = p.memo[key] = fn(p, i) if i < p.n else []
        return found

    memoised.__name__ = fn.__name__
    memoised.__doc__ = fn.__doc__
    return memoised


def first_words(*tables: Any) -> frozenset[str]:
    """The first token of every entry of some phrase tables: where a rule over them may start."""
    from ._text import tokenize

    firsts = {w[0] for table in tables for w in (tokenize(e).words for e in table) if w}
    return frozenset(DIGITS if digits(w) else w for w in firsts)  # "1st", "2e": a rule that starts on a number


def trie(entries: Any) -> Trie:
    """A phrase table as a trie (see :func:`llmtimeline.deadlines._text.build_trie`)."""
    return build_trie(entries)


#: The key of a rule that may start on a number ("2025", "15 May", "3Q26").
DIGITS = "#"
#: The kinds of rules: a time named directly ("June", "next year"), a part of one ("early June", "the end
#: of the year"), and a whole deadline phrase ("by June", "within 3 months", "soon", "not before 2026").
KINDS = ("plain", "part", "phrase")


class Rule:
    """One rule of the grammar: its name, its kind, the words it may start on, and its production.

    ``starts`` holds first tokens as folded by the tokenizer (``DIGITS`` for a number);
    ``produce(parser, i)`` returns every reading of the tokens from ``i`` as ``(value, index after it)``.
    """

    __slots__ = ("kind", "name", "produce", "starts")

    def __init__(self, name: str, kind: str, starts: frozenset[str],
                 produce: Callable[[Parser, int], list[tuple[Any, int]]]) -> None:
        if kind not in KINDS:
            raise ValueError(f"rule {name!r}: kind {kind!r} is not one of {KINDS}")
        self.name, self.kind, self.starts, self.produce = name, kind, starts, produce

    def __repr__(self) -> str:
        return f"Rule({self.name!r}, {self.kind!r}, {len(self.starts)} first words)"


_INDEX: dict[str, dict[str, tuple[Rule, ...]]] = {kind: {} for kind in KINDS}
_DISPATCH_KEYS = {kind: "@" + kind for kind in KINDS}  # the memo's key of each kind (no rule is named so)


def install(rules: list[Rule]) -> None:
    """Index the registry's rules by kind and first word (called once, by ``_registry``)."""
    index: dict[str, dict[str, list[Rule]]] = {kind: {} for kind in KINDS}
    names = set()
    for r in rules:
        if r.name in names:
            raise ValueError(f"two rules are named {r.name!r}")
        names.add(r.name)
        for word in r.starts:
            index[r.kind].setdefault(word, []).append(r)
    for kind in KINDS:
        _INDEX[kind] = {w: tuple(rs) for w, rs in index[kind].items()}


def starts_of(kind: str) -> frozenset[str]:
    """Every word a rule of ``kind`` may start on."""
    return frozenset(_INDEX[kind])


def dispatch(kind: str, p: Parser, i: int) -> list[tuple[Any, int]]:
    """Every reading at ``i`` of the rules of ``kind`` that may start on the word there (memoised)."""
    if i >= p.n:
        return []
    key = (_DISPATCH_KEYS[kind], i)
    found = p.memo.get(key)
    if found is None:
        w = p.w[i]
        found = []
        for r in _INDEX[kind].get(DIGITS if w.isdigit() and w.isascii() else w, ()):
            found += r.produce(p, i)
        p.memo[key] = found
    return found
