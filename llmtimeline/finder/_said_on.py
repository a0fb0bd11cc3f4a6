"""The day a statement was made, when the text gives it: "said on Tuesday", "a déclaré mardi",
"le 9 avril", "on April 9", "last month", an embedded post's signature "– Name (@x) Le 1er janvier 2024".

A day is resolved to the latest such day on or before the publication day; a weekday needs
a publication known to the day (a refusal is better than a wrong date).  The result is a
date text for the ``date`` column: ``2024-04-09``, ``2024-03`` (a month), with ``~`` when
the publication day itself was approximate.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re

from ..dates import Precision, When, last_day_of_month
from ._cues import cues

__all__ = ["MONTH_NAMES", "any_date", "earlier_month", "event_dates", "header_date", "reported_earlier", "signature_date",
           "statement_date", "top_date"]

_WEEKDAYS = {d: i for i, names in enumerate((
    ("monday", "lundi"), ("tuesday", "mardi"), ("wednesday", "mercredi"), ("thursday", "jeudi"),
    ("friday", "vendredi"), ("saturday", "samedi"), ("sunday", "dimanche"))) for d in names}
_MONTHS = {m: i + 1 for i, names in enumerate((
    ("january", "jan", "janvier", "janv"), ("february", "feb", "février", "févr", "fevrier"), ("march", "mar", "mars"),
    ("april", "apr", "avril"), ("may", "mai"), ("june", "jun", "juin"), ("july", "jul", "juillet", "juil"),
    ("august", "aug", "août", "aout"), ("september", "sep", "sept", "septembre"), ("october", "oct", "octobre"),
    ("november", "nov", "novembre"), ("december", "dec", "décembre", "déc", "decembre"))) for m in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
#: Month names and abbreviations, English and French, as a regex alternation.
MONTH_NAMES = _MONTH
_WEEKDAY = "|".join(_WEEKDAYS)
_DAY_MONTH = re.compile(rf"\b(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?[ \u00a0](?P<m>{_MONTH})\.?(?:[ \u00a0,]+(?P<y>\d{{4}}))?\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b(?=[adfjmnos])(?P<m>{_MONTH})\.?[ \u00a0](?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?[ \u00a0](?P<y>\d{{4}})\b)?", re.IGNORECASE)
_WEEKDAY_RE = re.compile(rf"\b(?=[dfjlmstvw])(?P<w>{_WEEKDAY})\b(?![ \u00a0](?:prochain|next))", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?=[ahlty])(?P<r>hier|yesterday|aujourd['’]hui|today|le mois dernier|last month)\b", re.IGNORECASE)
_SIGNATURE = re.compile(r"^[–—-]?\s*[^()\n]{2,80}\(@\w{1,30}\)\s*(?P<rest>.{0,40})$")
_NEAR = 40  # characters between a reporting verb and the date that belongs to it
# The event where a statement was made, right before its date: "une réunion stratégique du 18 décembre",
# "at a meeting on Dec. 18", "in an interview on Tuesday", "lors de la conférence de mardi".
_EVENT_BEFORE = re.compile(
    r"\b(?:meeting|réunion|call|conference|conférence|interview|entretien|keynote|event|événement|summit|sommet|"
    r"hearing|audition|podcast|briefing|presentation|présentation|assemblée|forum|panel|webinar|town hall|all-hands)"
    r"(?:[ \u00a0]+[\w'’-]+){0,2}?[ \u00a0,]+(?:du|de|on|of|le|held on|on the|this|ce|last|lundi|mardi)?[ \u00a0]*$",
    re.IGNORECASE)
# After the verb and in its clause, the date may follow the speaker's name and title
# ("said Amazon.com CEO Andy Jassy on a conference call Thursday").
_CLAUSE_NEAR = 90
_CLAUSE_MARK = re.compile(r"[,;:!?«»“”\"()]|\.(?=\s)")


def _on_or_before(day: int, month: int, year: int | None, limit: dt.date) -> dt.date | None:
    years = [year] if year else [limit.year, limit.year - 1]
    for y in years:
        try:
            found = dt.date(y, month, day)
        except ValueError:
            return None
        if found <= limit or year:
            return found if found <= limit else None
    return None


def _read(match: re.Match[str], published: When) -> tuple[dt.date, Precision] | None:
    limit = published.latest
    groups = match.groupdict()
    if groups.get("w"):
        if published.precision != Precision.DAY:
            return None
        back = (limit.weekday() - _WEEKDAYS[groups["w"].casefold()]) % 7
        return limit - dt.timedelta(days=back), Precision.DAY
    if groups.get("r"):
        word = groups["r"].casefold().replace("’", "'")
        if word in ("le mois dernier", "last month"):
            first = limit.replace(day=1) - dt.timedelta(days=1)
            return last_day_of_month(first.year, first.month), Precision.MONTH
        if published.precision != Precision.DAY:
            return None
        return (limit - dt.timedelta(days=1) if word in ("hier", "yesterday") else limit), Precision.DAY
    if groups.get("o"):  # "on the 22nd": the latest 22nd on or before publication
        if published.precision != Precision.DAY:
            return None
        before = limit.replace(day=1) - dt.timedelta(days=1)
        for candidate in ((limit.year, limit.month), (before.year, before.month)):
            try:
                ordinal = dt.date(candidate[0], candidate[1], int(groups["o"]))
            except ValueError:
                continue
            if ordinal <= limit:
                return ordinal, Precision.DAY
        return None
    if groups.get("bm"):  # "said in April": the latest April on or before publication
        named = _MONTHS[groups["bm"].casefold().rstrip(".")]
        return last_day_of_month(limit.year if named <= limit.month else limit.year - 1, named), Precision.MONTH
    if groups.get("by"):  # "In 2015, he said"
        said_year = int(groups["by"])
        return (dt.date(said_year, 12, 31), Precision.YEAR) if said_year <= limit.year else None
    month = _MONTHS[groups["m"].casefold().rstrip(".")]
    year = int(groups["y"]) if groups.get("y") else None
    day = _on_or_before(int(groups["d"]), month, year, limit)
    return (day, Precision.DAY) if day else None


def _text(day: dt.date, precision: Precision, published: When) -> str:
    text = (f"{day:%Y-%m}" if precision == Precision.MONTH else f"{day:%Y}" if precision == Precision.YEAR
            else day.isoformat())
    return text + ("~" if published.approximate else "")


_MONTH_WORDS = frozenset(_MONTHS)
_WEEKDAY_WORDS = frozenset(_WEEKDAYS)
_RELATIVE_WORDS = frozenset("hier yesterday aujourd today dernier last".split())
_LETTERS = re.compile(r"[^\W\d_]+")


# Datings that hold only right next to a reporting verb ("said in April", "In 2015, he said", "wrote on X on
# the 22nd"): read by statement_date alone, never as a lead's or a header's day.
_ORDINAL_DAY = re.compile(r"\bthe[ \u00a0](?P<o>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?![ \u00a0]+(?:of|century))", re.IGNORECASE)
_NEAR_MONTH = re.compile(rf"\b(?=[ie])(?:in|en)[ \u00a0](?P<bm>{_MONTH})\b(?![ \u00a0]*(?:\d|prochain|next|dernier|last))", re.IGNORECASE)
_NEAR_YEAR = re.compile(r"\b(?=[ie])(?:in|en)[ \u00a0](?P<by>(?:19|20)\d\d)\b(?![ \u00a0]*[-–/]|[ \u00a0]+(?:and|et)\b)", re.IGNORECASE)
_NEAR_PATTERNS = (_ORDINAL_DAY, _NEAR_MONTH, _NEAR_YEAR)
_AFTER_VERB = re.compile(r"^[ \u00a0]*$")  # the dating follows the verb directly
# "In 2015, he said", "In September, Nvidia (NVDA.O), opens new tab said": a ticker and a link's residue may follow the name
_BEFORE_VERB = re.compile(r"^[ \u00a0]*,[ \u00a0]*(?:[\w'’-]+[ \u00a0]+){0,3}"
                          r"(?:\([A-Z0-9]{1,6}(?:\.[A-Z]{1,3})?\),?[ \u00a0]+)?(?:opens[ \u00a0]+new[ \u00a0]+tab,?[ \u00a0]+)?$")


def _near_datings(sentence: str, verbs: list[tuple[int, int]]) -> list[re.Match[str]]:
    """Month, year and day-of-month datings written right next to a verb of speech: after it ("said in
    April", "wrote on X on the 22nd"), or opening the sentence before it ("In 2015, he said")."""
    found: list[re.Match[str]] = []
    speech = [(vs, ve) for vs, ve in verbs if sentence[vs:ve].rsplit(None, 1)[-1].casefold() in _SPEECH]
    if not speech:
        return found
    for pattern in (_ORDINAL_DAY, _NEAR_MONTH, _NEAR_YEAR):
        for match in pattern.finditer(sentence):
            a, b = match.span()
            for vs, ve in speech:
                if (ve <= a and (_AFTER_VERB.match(sentence[ve:a]) or (pattern is _ORDINAL_DAY and a - ve <= _NEAR))) \
                        or (b <= vs and _OPENING.match(sentence[:a]) and _BEFORE_VERB.match(sentence[b:vs])):
                    found.append(match)
                    break
    return found


# Verbs of speech proper (a dating next to "reported" or "forecast" may date what was reported).
_SPEECH = frozenset("said says told wrote writes stated predicted promised claimed declared tweeted posted vowed pledged "
                    "added explained insisted argued warned déclaré dit affirmé écrit promis prédit assuré estimé "
                    "expliqué ajouté indiqué précisé confié tweeté".split())
_OPENING = re.compile(r"^[ \u00a0]*(?:(?:for example|for instance|par exemple|back|already|déjà|but|mais|and|et)[ \u00a0,]*)?$",
                      re.IGNORECASE)  # the dating opens the sentence


@functools.lru_cache(maxsize=8)
def _dates(text: str) -> tuple[re.Match[str], ...]:
    """The day, weekday and relative-day mentions of ``text``, in order (each pattern run only when
    ``text`` holds one of its words; the last few texts are remembered: a sentence is read again as
    the one before the next)."""
    present = set(_LETTERS.findall(text.lower()))
    patterns = []
    if not present.isdisjoint(_MONTH_WORDS):
        patterns += [_DAY_MONTH, _MONTH_DAY]
    if not present.isdisjoint(_WEEKDAY_WORDS):
        patterns.append(_WEEKDAY_RE)
    if not present.isdisjoint(_RELATIVE_WORDS):
        patterns.append(_RELATIVE)
    if not patterns:
        return ()
    found = [m for p in patterns for m in p.finditer(text)]
    return tuple(sorted(found, key=lambda m: m.start()))


def statement_date(sentence: str, published: When, skip: list[tuple[int, int]] = ()) -> tuple[str, tuple[int, int]] | None:  # type: ignore[assignment]
    """The date text of a date next to a reporting verb in ``sentence`` and its span, or None.

    ``skip`` lists spans (deadline phrases) that are not statement dates.

    >>> from llmtimeline.dates import parse_date
    >>> statement_date("Meta said on Tuesday it will ship Llama 3 within a month.", parse_date("2024-04-10"))
    ('2024-04-09', (13, 20))
    >>> statement_date("« Ce sera prêt », a déclaré le 9 avril Nick Clegg.", parse_date("2024-04-10~"))
    ('2024-04-09~', (31, 38))
    """
    verbs = [(start, end) for _, start, end, _ in cues(sentence)]
    if not verbs:
        return _opening_dating(sentence, published, skip)
    starts = [vs for vs, _ in verbs]
    skip = sorted(skip)
    near = _near_datings(sentence, verbs) if ("in" in sentence or "In" in sentence or "en" in sentence
                                               or "the" in sentence) else []
    for match in sorted([*_dates(sentence), *near], key=lambda m: m.start()):
        a, b = match.span()
        k = bisect.bisect_left(skip, (a, b))
        if any(s < b and a < e and not (s <= a and b <= e and len(sentence[s:a].strip()) <= 4 and e - b <= 2)
               for s, e in skip[max(0, k - 2):k + 2]):
            continue  # a date inside a deadline phrase ("by March 3") dates nothing; "du 18 décembre" may
        m = bisect.bisect_left(starts, a)
        if match.re not in _NEAR_PATTERNS and _EVENT_BEFORE.search(sentence, max(0, a - 45), a) is None and not any(-_NEAR <= a - ve <= _NEAR or -_NEAR <= vs - b <= _NEAR
                   or (0 <= a - ve <= _CLAUSE_NEAR and _CLAUSE_MARK.search(sentence, ve, a) is None)
                   for vs, ve in verbs[max(0, m - 2):m + 2]):
            continue
        read = _read(match, published)
        if read:
            return _text(read[0], read[1], published), (a, b)
    return _opening_dating(sentence, published, skip)


# A day opening a sentence whose verb announces ("On Monday, Qualcomm unveiled ...", "Lundi, Mistral a
# présenté ...", "Mardi, dans un communiqué, Acme a annoncé ..."): the day of what the sentence and the
# next one report, though no verb of speech is there.
_OPENING_DAY = re.compile(r"[ \u00a0]*(?:on|le|ce|this)?[ \u00a0]*", re.IGNORECASE)
_ANNOUNCING = frozenset(
    "unveiled unveils announced announces launched launches introduced introduces presented presents revealed "
    "reveals released releases dévoilé dévoile annoncé annonce présenté présente lancé lance".split())
_ANNOUNCING_SPAN = 120  # characters after the day that hold the announcing verb of its clause


def _opening_dating(sentence: str, published: When, skip: list[tuple[int, int]]) -> tuple[str, tuple[int, int]] | None:
    """The day or weekday that opens ``sentence`` before a comma, when a verb that announces follows it
    (and no deadline phrase holds it), with its span; else None.

    >>> from llmtimeline.dates import parse_date
    >>> _opening_dating("On Monday, Qualcomm unveiled two chips.", parse_date("2025-10-29"), [])
    ('2025-10-27', (3, 9))
    >>> _opening_dating("On Monday, Qualcomm shares rose 11%.", parse_date("2025-10-29"), []) is None
    True
    """
    found = _dates(sentence[:40])
    if not found:
        return None
    match = found[0]
    a, b = match.span()
    if match.groupdict().get("r") or not _OPENING_DAY.fullmatch(sentence, 0, a) or sentence[b:b + 1] != ",":
        return None
    if any(s < b and a < e for s, e in skip):
        return None
    clause = sentence[b + 1:b + 1 + _ANNOUNCING_SPAN]
    cut = _CLAUSE_END.search(clause)
    if _ANNOUNCING.isdisjoint(_LETTERS.findall(clause[:cut.start()].lower() if cut else clause.lower())):
        return None
    read = _read(match, published)
    return (_text(read[0], read[1], published), (a, b)) if read else None


_CLAUSE_END = re.compile(r"[;:!?«»“”\"]|\.(?=\s|$)|,[ \u00a0]+(?:which|who|that|qui|que|dont)\b")


_EVENT_NOUN = re.compile(  # matched on the lower-cased text
    r"\b(?=[abcdefhiklmrst])(?:meeting|réunion|conference call|earnings call|conference|conférence|interview|entretien|keynote|summit|sommet|"
    r"hearing|audition|briefing|town hall|all-hands|assemblée générale|shareholder meeting|dinner|dîner|luncheon|déjeuner|"
    r"roundtable|table ronde|fireside chat)\b")
_EVENT_NOUN_ANY_CASE = re.compile(_EVENT_NOUN.pattern, re.IGNORECASE)  # for a text whose lower case is longer ("İ")
_EVENT_HINT = ("meeting", "réunion", "call", "confér", "conference", "interview", "entretien", "keynote", "summit", "sommet",
               "hearing", "audition", "briefing", "town hall", "all-hands", "assemblée", "dinner", "dîner", "luncheon",
               "déjeuner", "roundtable", "table ronde", "fireside")
_EVENT_GAP = re.compile(r"^[ \u00a0]*(?:[\w'’-]+[ \u00a0]+){0,2}$")  # "December 18 strategy meeting"
_EVENT_LINK = re.compile(r"^(?:[ \u00a0]+[\w'’-]+){0,2}?[ \u00a0,]+(?:on|du|of|le|held on|on the|de)[ \u00a0]+$", re.IGNORECASE)


def event_dates(text: str, published: When) -> list[tuple[int, str]]:
    """The dated events of ``text`` where statements are made, as (position, date text): "a December 18
    strategy meeting", "une réunion stratégique du 18 décembre", "at a meeting on Dec 18".

    >>> from llmtimeline.dates import parse_date
    >>> event_dates("It obtained audio from a December 18 strategy meeting where Roe spoke.", parse_date("2024-12-29"))
    [(25, '2024-12-18')]
    """
    found: list[tuple[int, str]] = []
    low = text.lower()
    if not any(hint in low for hint in _EVENT_HINT):
        return found
    nouns = _EVENT_NOUN.finditer(low) if len(low) == len(text) else _EVENT_NOUN_ANY_CASE.finditer(text)
    for noun in nouns:
        a, b = noun.span()
        before = text[max(0, a - 40):a]
        after = text[b:b + 40]
        for match in reversed(_dates(before)):
            if match.groupdict().get("r") or not _EVENT_GAP.match(before[match.end():]):
                continue
            read = _read(match, published)
            if read:
                found.append((a - len(before) + match.start(), _text(read[0], read[1], published)))
            break
        else:
            for match in _dates(after):
                if match.groupdict().get("r") or not _EVENT_LINK.match(" " + after[:match.start()]):
                    continue
                read = _read(match, published)
                if read:
                    found.append((b + match.start(), _text(read[0], read[1], published)))
                break
    return found


def signature_date(sentence: str, published: When) -> str | None:
    """The date of an embedded post's signature line ("– Ryan Casey (@ryansweb) Le 1er janvier 2024").

    >>> from llmtimeline.dates import parse_date
    >>> signature_date("– Ryan Casey (@ryansweb) Le 1er janvier 2024", parse_date("2024-04-10~"))
    '2024-01-01'
    """
    match = _SIGNATURE.match(sentence)
    if not match:
        return None
    for found in _dates(match.group("rest")):
        read = _read(found, published)
        if read and found.group().strip()[-4:].isdigit():  # a signature carries its year: the day is exact
            return _text(read[0], read[1], When(published.earliest, published.latest, published.precision, False))
    return None


def any_date(sentence: str, published: When) -> str | None:
    """The first weekday or day of a month in ``sentence``, resolved on or before publication
    (for a news lead: "les dirigeants de Meta ont fourni mardi la première confirmation").

    >>> from llmtimeline.dates import parse_date
    >>> any_date("Meta executives on Tuesday gave the first details.", parse_date("2024-04-10"))
    '2024-04-09'
    """
    return _first_date(sentence, published, skip="r")


_PLUPERFECT = re.compile(r"\b(?:avait|avaient|had)[ \u00a0](?:\w+[ \u00a0])?(?:déclaré|dit|annoncé|affirmé|écrit|expliqué|said|told|"
                         r"announced|written|explained|stated)\b", re.IGNORECASE)
_HAD_BEFORE = re.compile(r"\bhad(?:[ \u00a0]+(?:already|previously|earlier|once|long|also|\w+ly))?[ \u00a0]*$", re.IGNORECASE)


def reported_earlier(sentence: str) -> bool:
    """True when every reporting cue of ``sentence`` is in the pluperfect ("avait déclaré", "had said",
    "avait-il laissé entendre"): the statement was made before, on a day the sentence does not give.

    >>> reported_earlier("Elle avait déjà laissé entendre qu'elle partagerait son travail l'année suivante.")
    True
    >>> reported_earlier("Apple had previously indicated that the features would debut in 2025.")
    True
    >>> reported_earlier("Apple said the features, which had been expected in 2025, will debut in 2026.")
    False
    """
    found = cues(sentence)
    if not found:
        return False
    for _, start, end, _ in found:
        head = sentence[start:end].casefold()
        if not (head.startswith(("avait", "avaient")) or _HAD_BEFORE.search(sentence, max(0, start - 30), start)):
            return False
    return True


_BARE_MONTH = re.compile(rf"\b(?:en|in)[ \u00a0](?P<m>{_MONTH})\b(?![ \u00a0]+(?:\d|prochain|next))", re.IGNORECASE)


def earlier_month(sentence: str, previous: str, published: When) -> str | None:
    """For a statement reported in the pluperfect ("avait déclaré X à l'époque"), the month the
    previous sentence names ("en janvier"), the latest on or before publication.

    >>> from llmtimeline.dates import parse_date
    >>> earlier_month("« ... », avait déclaré Zuckerberg à l'époque.", "Il avait donné des détails en janvier.",
    ...               parse_date("2024-04-10~"))
    '2024-01~'
    """
    if not _PLUPERFECT.search(sentence):
        return None
    months = list(_BARE_MONTH.finditer(previous))
    if not months:
        return None
    month = _MONTHS[months[-1].group("m").casefold()]
    limit = published.latest
    year = limit.year if month <= limit.month else limit.year - 1
    return _text(last_day_of_month(year, month), Precision.MONTH, published)


_TOP_ISO = re.compile(r"(?<![\d-])(?P<iso>\d{4}-\d{2}(?:-\d{2})?~?)(?![\d-])")


def top_date(text: str) -> str | None:
    """A publication date written at the top of an article (its first 200 characters, first line
    first): ``date 2023-07``, ``2024-04-10``, ``Publié le 10 avril 2024``, ``April 10, 2024``.

    >>> top_date(" date 2023-07 Retournement de situation...")
    '2023-07'
    >>> top_date("Published April 10, 2024\\nMeta said...")
    '2024-04-10'
    >>> top_date("Meta a présenté Llama 2.") is None
    True
    """
    head = text[:200]
    first_line = head.split("\n", 1)[0]
    for part in (first_line, head):
        iso = _TOP_ISO.search(part)
        if iso:
            return iso.group("iso")
        for pattern in (_DAY_MONTH, _MONTH_DAY):
            match = pattern.search(part)
            if match and match.group("y"):
                try:
                    day = dt.date(int(match.group("y")), _MONTHS[match.group("m").casefold().rstrip(".")], int(match.group("d")))
                except ValueError:
                    continue
                return day.isoformat()
    return None


# A label line counts as a header too: "EU AI Office Published 02 August 2025", "Publié le 13 février 2026".
_HEADER = re.compile(rf"^(?:(?:[\w'’.&-]+[ \u00a0]+){{0,4}}?(?-i:Published|Posted|Publié|Publiée|Mis en ligne|PUBLISHED|POSTED)(?:[ \u00a0]+(?:on|le))?"
                     rf"[ \u00a0:,-]*)?(?:(?:{_WEEKDAY}),?[ \u00a0]+)?(?:(?:update|mise à jour|updated)[ \u00a0:,-]*)?"
                     rf"(?:\d{{1,2}}(?:er|st|nd|rd|th)?[ \u00a0]+(?:{_MONTH})\.?|(?:{_MONTH})\.?[ \u00a0]+\d{{1,2}}(?:st|nd|rd|th)?)"
                     rf"(?:,?[ \u00a0]+\d{{4}})?[ \u00a0]*[:.]?$", re.IGNORECASE)


def header_date(line: str, published: When) -> str | None:
    """The day of a dated section header, a line that is only a date ("March 3, 2025",
    "Mardi 4 mars", "Update, 3 mars 2025:"), or a label line that dates what follows ("EU AI Office
    Published 01 August 2024"), resolved on or before publication; else None.

    >>> from llmtimeline.dates import parse_date
    >>> header_date("March 3, 2025", parse_date("2025-03-10")), header_date("Mardi 4 mars :", parse_date("2025-03-10"))
    ('2025-03-03', '2025-03-04')
    >>> header_date("EU AI Office Published 01 August 2024", parse_date("2025-08-02"))
    '2024-08-01'
    >>> header_date("Acme will ship on March 3.", parse_date("2025-03-10")) is None
    True
    """
    if len(line) > 60 or not _HEADER.match(line.strip()):
        return None
    return _first_date(line, published, skip="w")


def _first_date(text: str, published: When, *, skip: str) -> str | None:
    """The first day ``text`` names that can be read against ``published``, leaving out the matches of the
    pattern's group ``skip``."""
    for match in _dates(text):
        if match.groupdict().get(skip):
            continue
        read = _read(match, published)
        if read:
            return _text(read[0], read[1], published)
    return None
