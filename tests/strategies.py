"""Hypothesis strategies shared by the property tests: date texts, cell texts, records.

Every strategy builds only what the rules of events.csv accept, so a record it
draws can be built, saved and loaded; the texts lean on what breaks CSV files
and spreadsheets (commas, double quotes, line breaks, accents, emoji, formula
characters).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from hypothesis import strategies as st

import llmtimeline as lt

# -- dates ---------------------------------------------------------------------------

PRECISIONS = ("day", "month", "quarter", "year")


def date_text(day: dt.date, precision: str, approximate: bool = False) -> str:
    """The canonical text of ``day`` at ``precision`` (what ``str(When)`` prints)."""
    text = {
        "day": day.isoformat(),
        "month": f"{day.year:04d}-{day.month:02d}",
        "quarter": f"{day.year:04d}-Q{(day.month + 2) // 3}",
        "year": f"{day.year:04d}",
    }[precision]
    return text + ("~" if approximate else "")


@st.composite
def date_texts(draw: st.DrawFn, min_year: int = 1, max_year: int = 9999) -> str:
    """A valid date text in every form: ``2024-04-18``, ``2024-04``, ``2024-Q2``, ``2024``, ``~``."""
    day = draw(st.dates(dt.date(min_year, 1, 1), dt.date(max_year, 12, 31)))
    return date_text(day, draw(st.sampled_from(PRECISIONS)), draw(st.booleans()))


#: Dates of records: wide, but far enough from year 1 and 9999 for every deadline phrase.
record_dates = date_texts(1000, 3000)

#: Deadline phrases that every record date can read (English and French, every family).
DEADLINE_PHRASES = (
    "within a month",
    "within two weeks",
    "in 3 months",
    "by the end of the year",
    "by the end of the quarter",
    "by June",
    "by Q3",
    "next year",
    "this year",
    "by summer",
    "soon",
    "d'ici trois mois",
    "d'ici un mois, voire moins",
    "d'ici la fin de l'année",
    "avant la fin du mois",
    "l'année prochaine",
    "d'ici l'été",
    "bientôt",
)

#: Texts that are worth trying as dates or deadlines: near misses of the real forms.
NEAR_DATES = (
    "2024-13-01", "2024-02-30", "2023-02-29", "0000", "0000-01-01", "9999-12-31", "9999-Q4~", "2024-Q0",
    "2024-Q5", "2024-00", "2024-1", "24-04-18", "2024/04/18", "April", "April 2024", "2024-04-18T10:00",
    " 2024 ", "2024~~", "~2024", "", " ", "١٢٣٤", "２０２４", "2024-Ⅳ", "999999999999999999999",
)

# -- texts ---------------------------------------------------------------------------

# C0 controls (but tab, newline and carriage return) and DEL are refused in any cell.
_REFUSED = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]))
_cell_chars = st.characters(exclude_categories=("Cs",), exclude_characters=_REFUSED)
# Every line break a one-line field refuses: LF, CR, NEL, the line and paragraph separators.
_BREAKS = "\n\r\x85\u2028\u2029"
_line_chars = st.characters(exclude_categories=("Cs",), exclude_characters=_REFUSED + _BREAKS)
_word_chars = st.characters(exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp"))

#: Pieces of text that CSV writers, readers and spreadsheets get wrong.
TRICKY_LINE = (
    ",", '"', '""', "'", "é", "Ünïcødé", "日本語", "🦙", "👩‍💻", "=", "+", "-", "@", "\t", " ", ";", "~",
    '=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "'=already", "'Tis", "\\", "\ufeff",
)
TRICKY = (*TRICKY_LINE, "\n", "\r\n", "\r", "\n\n", '"\n"', "\u2028", "\u2029", "\x85")

_NAME = re.compile(r"\S(?:[^\r\n]*\S)?")


@functools.cache
def rich_texts(min_size: int = 0) -> st.SearchStrategy[str]:
    """Any text a quote or note may hold: line breaks, quotes, commas, accents, emoji."""
    piece = st.one_of(st.text(_cell_chars, max_size=8), st.sampled_from(TRICKY))
    return st.lists(piece, min_size=min_size, max_size=6).map("".join).filter(lambda s: len(s) >= min_size)


@functools.cache
def one_line_texts() -> st.SearchStrategy[str]:
    """A non-empty text on one line without spaces at its ends (titles, actors, sources)."""
    piece = st.one_of(st.text(_line_chars, max_size=8), st.sampled_from(TRICKY_LINE))
    return st.lists(piece, min_size=1, max_size=6).map("".join).map(str.strip).filter(bool)


@functools.cache
def names() -> st.SearchStrategy[str]:
    """Ids and subjects: slugs mostly, sometimes real names (one line, no spaces at the ends)."""
    return st.one_of(
        st.from_regex(r"[a-z][a-z0-9-]{0,14}", fullmatch=True),
        st.text(_word_chars, min_size=1, max_size=10),
        one_line_texts(),
        st.sampled_from(("a,b", '"quoted"', "=cmd", "-x", "@x", "+1", "'x", "'=x", "é🦙", "GPT-4 Turbo (2024)")),
    ).filter(lambda s: _NAME.fullmatch(s) is not None and not any(c in s for c in _BREAKS))


@functools.cache
def kinds() -> st.SearchStrategy[str]:
    """An event kind: a lowercase slug (never a word that negates an expectation)."""
    return st.from_regex(r"[a-z][a-z0-9_.-]{0,11}", fullmatch=True).filter(lambda s: s not in ("not", "no", "pas"))


@functools.cache
def maybe(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The strategy's text, or an empty cell."""
    return st.one_of(st.just(""), strategy)


langs = st.sampled_from(("en", "fr", "de", "pt-BR", "zh-Hant", "gsw"))


@functools.cache
def urls() -> st.SearchStrategy[str]:
    host = st.from_regex(r"[a-z0-9-]{1,10}\.(org|com|fr)", fullmatch=True)
    path = st.text(_word_chars, max_size=12)
    return st.builds(lambda scheme, h, p: f"{scheme}://{h}/{p}", st.sampled_from(("http", "https")), host, path)


def _fact_value_ok(value: str) -> bool:
    return bool(value) and value == value.strip() and not any(c in value for c in ",;=\n\r")


@functools.cache
def facts() -> st.SearchStrategy[lt.Facts]:
    """Facts: a few keys, each with one value or several (numbers or text)."""
    key = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,8}", fullmatch=True)
    value = st.one_of(
        st.sampled_from(("8e9", "70e9", "1.4e11", "8192", "-2", "+1", "apache-2.0", "Llama 2", "é🦙")),
        st.text(_line_chars, min_size=1, max_size=8).map(str.strip).filter(_fact_value_ok),
    )
    pairs = st.dictionaries(key, st.lists(value, min_size=1, max_size=3), max_size=3)
    return pairs.map(lt.Facts.of)


#: Names of extra columns (not contract columns): what a spreadsheet user adds.
EXTRA_COLUMNS = ("reviewer", "catégorie", "🔖 tag", "second, name", 'say "hi"', "x")


@functools.cache
def extras() -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(st.sampled_from(EXTRA_COLUMNS), rich_texts(), max_size=3)


@functools.cache
def sources() -> st.SearchStrategy[lt.Source]:
    return st.builds(lt.Source, one_line_texts(), maybe(urls()), st.one_of(st.none(), record_dates))


# -- records -------------------------------------------------------------------------


@st.composite
def _said(draw: st.DrawFn) -> dict[str, object]:
    """What every record has: id, date, title, source, and optionally a quote with its language."""
    quote = draw(rich_texts())
    return {
        "id": draw(names()),
        "date": draw(record_dates),
        "title": draw(one_line_texts()),
        "source": draw(sources()),
        "quote": quote,
        "lang": draw(langs) if quote else draw(maybe(langs)),
        "notes": draw(rich_texts()),
        "extra": draw(extras()),
    }


@st.composite
def events(draw: st.DrawFn) -> lt.Event:
    return lt.Event(
        **draw(_said()), actor=draw(one_line_texts()), kind=draw(kinds()), subject=draw(names()),
        facts=draw(facts()), speaker=draw(maybe(one_line_texts())),
    )


@st.composite
def _speakers(draw: st.DrawFn) -> dict[str, str]:
    """A claim's actor and speaker: at least one of them."""
    actor, speaker = draw(maybe(one_line_texts())), draw(maybe(one_line_texts()))
    if not actor and not speaker:
        actor = draw(one_line_texts())
    return {"actor": actor, "speaker": speaker}


# "2024-Q2~" as a deadline is pinned by test_properties (explicit dates); kept out of the
# records so that a failure of that rule does not hide the round trip.
_deadlines = st.one_of(
    st.just(""),
    st.sampled_from(DEADLINE_PHRASES),
    date_texts().filter(lambda s: re.search(r"Q\d~$", s) is None),
)


def _ended_before(deadline: str, said: object) -> bool:
    """True for a deadline whose window ended before the day said (refused, DESIGN.md)."""
    try:
        lt.parse_deadline(deadline, said=said)  # type: ignore[arg-type]
    except lt.DeadlineError as exc:
        return "before the day said" in exc.reason
    return False


@st.composite
def predictions(draw: st.DrawFn) -> lt.Claim:
    expects = lt.Expectation(draw(kinds()), draw(names()), draw(st.booleans()))
    said = draw(_said())
    deadline = draw(_deadlines)
    if deadline and _ended_before(deadline, said["date"]):
        deadline = ""  # "by 2020" said in 2024 is refused at load; the round trip is about the others
    return lt.Claim(
        **said, **draw(_speakers()), type="prediction", expects=expects, deadline=deadline,
        subject=expects.subject if draw(st.booleans()) else "",
    )


@st.composite
def statements(draw: st.DrawFn) -> lt.Claim:
    return lt.Claim(
        **draw(_said()), **draw(_speakers()), type="statement", subject=draw(names()), facts=draw(facts()),
    )


@functools.cache
def records() -> st.SearchStrategy[lt.Event | lt.Claim]:
    return st.one_of(events(), predictions(), statements())


@functools.cache
def timelines(max_size: int = 6) -> st.SearchStrategy[lt.Timeline]:
    """A Timeline of events, predictions and statements with distinct ids."""
    return st.lists(records(), min_size=1, max_size=max_size, unique_by=lambda r: id_key(r.id)).map(lt.Timeline)


def id_key(value: str) -> str:
    """Ids as the loader compares them: NFKC, invisible (format) characters removed."""
    visible = "".join(c for c in value if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFKC", visible)
