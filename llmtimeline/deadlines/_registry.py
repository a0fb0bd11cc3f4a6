"""The registry: every rule of the deadline grammar, in one list (Duckling's ``rules``).

A rule declares its name, its kind and the words it may start on (taken from its own
pattern: the first tokens of the vocabulary tables it begins with), and its production.
Adding a rule means writing its production and adding one line here: the parser finds
it by its kind and first word, and ``find_deadlines`` scans running text for the words
that the rules hold (:data:`ANCHORS`).

Kinds:

* ``plain``: a time named directly ("June", "Q3 2026", "next year", "the second Monday of March");
* ``part``: a part of a time ("early June", "the end of the year", "later this year", "by the start of X");
* ``phrase``: a whole deadline phrase ("by June", "within 3 months", "soon", "starting in June",
  "until next year", "not before 2026").
"""

from __future__ import annotations

import re

from . import _phrases as V
from ._context import day_in_clause, future_subject, respective
from ._days import date_time, day_time, nth_weekday_time, weekday_time
from ._grammar import connected, open_ended, refused, starts, until, vague
from ._periods import end_time, period_time, third_time, within_time
from ._rules import DIGITS, Rule, first_words, install
from ._text import tokenize
from ._times import decade_time, half_time, holiday_time, month_time, quarter_time, season_time, year_time

__all__ = ["ANCHORS", "BEFORE_WORDS", "FIRST_WORDS", "RULES", "VOCABULARY"]

_D = frozenset({DIGITS})
_PLAIN = [
    Rule("year", "plain", _D | first_words(V.YEAR_WORDS) | {"'"}, year_time),
    Rule("quarter", "plain", _D | first_words(V.QUARTER_LETTERS, V.ORDINAL_WORDS, V.QUARTER_BEFORE, V.NEXT_QUARTER,
                                              V.ARTICLES, V.LAST_WORDS, V.YEAR_WORDS), quarter_time),
    Rule("half", "plain", _D | first_words(V.HALF_LETTERS, V.HALF_WORDS, V.QUARTER_BEFORE, V.YEAR_WORDS), half_time),
    Rule("season", "plain", first_words(V.SEASON_BEFORE, V.SEASONS), season_time),
    Rule("month", "plain", first_words(V.MONTH_BEFORE, V.MONTHS), month_time),
    Rule("holiday", "plain", first_words(V.HOLIDAYS, V.HOLIDAY_BEFORE), holiday_time),
    Rule("decade", "plain", _D | first_words(V.DECADE_WORDS), decade_time),
    Rule("date", "plain", _D | first_words(V.WEEKDAYS, V.DAY_ARTICLES, V.MONTHS, V.ORDINAL_WORDS, V.UNITS_WORDS,
                                           V.TENS_WORDS, V.THIS_BEFORE), date_time),
    Rule("day by position", "plain", _D | first_words(V.POSITIONS, V.POSITION_ARTICLES), nth_weekday_time),
    Rule("weekday", "plain", first_words(V.WEEKDAY_BEFORE, V.WEEKDAYS), weekday_time),
    Rule("day", "plain", first_words(V.DAYS), day_time),
    Rule("period", "plain", first_words(V.THIS_BEFORE, V.GRAINS, V.NEXT_BEFORE), period_time),
]
_PART = [
    Rule("third", "part", first_words(V.THIRDS), third_time),
    Rule("end abbreviation", "part", first_words(V.END_ABBREVIATIONS, V.ARTICLES), end_time),
    Rule("later, rest of", "part", first_words(V.LATER, V.REST_OF), within_time),
]
_TIME_STARTS = frozenset().union(*(r.starts for r in _PLAIN + _PART)) | first_words(V.RANGE_STARTS)
_PHRASE = [
    Rule("connected", "phrase", _TIME_STARTS | _D | first_words(V.CONNECTORS, V.BEFORE, V.BEFORE_END, V.SPAN_BEFORE,
                                                                V.AMOUNT_WORDS, V.UNITS_WORDS, V.TENS_WORDS,
                                                                V.SAME_DAY, V.HALF_A, V.HUNDREDS, V.THOUSANDS,
                                                                V.FRACTIONS), connected),
    Rule("vague", "phrase", first_words(V.VAGUE, V.VAGUE_BEFORE, V.VAGUE_DETS, V.VAGUE_QUANTITIES, V.TERM_BEFORE,
                                        V.TERM_WORDS, V.VAGUE_UNITS), vague),
    Rule("condition, lower bound", "phrase", _TIME_STARTS | _D | first_words(V.CONDITIONS, V.CONDITION_WORDS,
                                                                             V.LOWER_BEFORE), open_ended),
    Rule("start stated as a date", "phrase", first_words(V.STARTS), starts),
    Rule("until", "phrase", first_words(V.UNTIL), until),
    Rule("two readings", "phrase", _TIME_STARTS | _D | first_words(V.AMBIGUOUS_WORDS, V.AMBIGUOUS_BEFORE), refused),
    Rule("subject of a future clause", "phrase", _TIME_STARTS | _D, future_subject),
    Rule("listed, respectively", "phrase", _TIME_STARTS | _D, respective),
    Rule("day in its clause", "phrase", first_words(V.DAYS_IN_CLAUSE), day_in_clause),
]

#: Every rule of the grammar.
RULES: list[Rule] = [*_PLAIN, *_PART, *_PHRASE]
install(RULES)

#: The words a deadline phrase may start with (``"#"``: a number).
FIRST_WORDS = frozenset().union(*(r.starts for r in _PHRASE))


_VARIANTS = {"a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç", " ": "\\s'’‘`\\-"}


def _trie_pattern(phrases: set[str]) -> str:
    """One regex for many phrases, shared prefixes merged (a trie): the scan tries each letter once, not each
    phrase.  Letters match their accented forms; a space matches spaces, apostrophes and hyphens."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        node = root
        for c in phrase:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = []
        for c, child in sorted(node.items()):
            if c == "":
                continue
            head = f"[{_VARIANTS[c]}]" + ("+" if c == " " else "") if c in _VARIANTS else re.escape(c)
            branches.append(head + emit(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


#: Numbers that may be part of a deadline on their own (a number of units is found by its unit, a day of the
#: month by its month): years, numeric dates, quarters and halves, ordinals, hours, two-digit years, "le 15".
_NUMBER_ANCHORS = (r"(?=[0-9'０-９])(?:\b(?:1[89]|2[0-9])[0-9]{2}(?:s|[\-–/](?:[0-9]|q))?\b|[0-9]{1,2} ?[/.\-] ?[0-9]"
                   r"|[0-9] ?h\b|\b[1-4][qh]|'[0-9]{2}\b|\b[0-9]{1,2}(?:st|nd|rd|th|er|re|e|eme|ème)\b"
                   r"|(?:(?<=\ble )|(?<=\bthe )|(?<=\bby )|(?<=\bon )|(?<=\bau )|(?<=\bdu )|(?<=\buntil )"
                   r"|(?<=\bavant ))[0-9]{1,2}\b|[０-９]|[0-9]{1,2}(?:st|nd|rd|th)? (?:of )?may\b)|\b[qtsh][1-4]\b"
                   r"|\bmay (?=[0-9])")


def _anchor_pattern() -> re.Pattern[str]:
    """One compiled pattern, over the lowered text, for the words every deadline phrase holds at least one of:
    a number of a form in ``_NUMBER_ANCHORS``, or a word of the tables that name times, units and vague horizons
    (``V.ANCHOR_TABLES``), less the words too common in prose to be worth a look (``V.NOT_ANCHORS``), and a few
    short or common ones only in their phrases (``V.ANCHOR_PHRASES``: "un an", "l'an", "by may")."""
    words: set[str] = set()
    for name in V.ANCHOR_TABLES:
        for entry in getattr(V, name):
            words.update(w for w in tokenize(entry).words if w.isalpha() and len(w) > 2)
    words -= V.NOT_ANCHORS
    words |= {" ".join(tokenize(p).words) for p in V.ANCHOR_PHRASES}
    for name in V.ANCHOR_TABLES:  # an entry with no anchor word is an anchor itself ("in short order")
        for entry in getattr(V, name):
            tokens = tokenize(entry).words
            if tokens and not any(w in words or w.isdigit() for w in tokens) and not (
                    len(tokens) == 1 and tokens[0] in V.NOT_ANCHORS):
                words.add(" ".join(tokens))
    return re.compile(_NUMBER_ANCHORS + r"|\b" + _trie_pattern(words) + r"\b")


#: The one compiled scan of running text (lowered): where a deadline phrase may be.
ANCHORS = _anchor_pattern()


def _vocabulary() -> frozenset[str]:
    """Every token of every table of ``_phrases`` (and the signs phrases are written with): a phrase is made of
    these and numbers only, so the scan looks back from an anchor over them alone.  (The words only read before
    a phrase, ``V.BEFORE_TABLES``, are not in it.)"""
    words: set[str] = set(",-/'.:()~")
    for name, table in vars(V).items():
        if name.startswith("_") or name in V.BEFORE_TABLES or not isinstance(table, dict | tuple | frozenset | list):
            continue
        for entry in table:
            if isinstance(entry, tuple):  # AMBIGUOUS: (phrase, reason)
                entry = entry[0]
            if isinstance(entry, str):
                words.update(tokenize(entry).words)
    return frozenset(words)


#: The words of the grammar.
VOCABULARY = _vocabulary()

#: The words before a phrase that the rules or the scan look at ("since", "up from", "the class of"): the
#: reading at a number depends on the word before it only through these.
BEFORE_WORDS = (frozenset(V.PAST_BEFORE) | V.FUTURE_NOT_AFTER | V.STARTS_NOT_AFTER | V.DAY_NOT_AFTER
                | frozenset("/-.:"))
