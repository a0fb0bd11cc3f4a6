"""The claim finder: an article's text → proposed prediction rows, for a person to check.

One row per forward-looking claim that holds a deadline phrase (vague ones included),
in the events.csv columns.  The pipeline, one room each:

1. :mod:`._sentences` splits the text into sentences (English and French;
   abbreviations, initials, decimals and quotations survive), a line break ending a
   paragraph;
2. :mod:`._attribution` gives each sentence its speaker and organisation, as a
   quotation-attribution system does (reporting cues in every word order, pronouns
   and role nouns resolved, the paragraph's speaker carried), the mentions read by
   :mod:`._mentions` (names stripped of titles, roles and organisations);
3. :func:`llmtimeline.find_deadlines` finds the deadline phrases (a year that is the subject of a
   future verb, "2027 will be the year of agents", included), :mod:`._year_complement` the years a
   future "be" names ("the launch will be 2026"), and :mod:`._same_year` the years named by
   reference ("the same year");
4. :mod:`._clauses` decides per clause: the tense of the clause holding the phrase
   (future and reported-future markers, past markers), a condition of its own
   coordinated part, a question, a past reference of the phrase itself;
5. :mod:`._said_on` gives the day said: a dating of the statement in its sentence or
   the one before, a dated section header, an embedded post's date, else the
   publication day; a phrase whose window ended before it is a date of the past;
6. bylines, datelines and photo captions are no claims; phrases of one clause make
   one claim (the most precise kept);
7. :mod:`._expects` proposes ``KIND SUBJECT`` and :mod:`._rows` writes rows that load.

Every step looks at a bounded window around a phrase, so the cost is linear in the
text's length whatever its shape.  :func:`read_article` (:mod:`._article`) reads HTML.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import attrs
import pandas as pd

from .. import deadlines
from ..dates import DateLike, parse_date
from ..exceptions import DeadlineError
from ..schema import COLUMNS
from ._article import Article, read_article
from ._attribution import Context
from ._clauses import Clauses, is_question, past_reference
from ._expects import propose_expects
from ._language import detect_lang
from ._rows import Rows
from ._said_on import (
    MONTH_NAMES,
    any_date,
    earlier_month,
    event_dates,
    header_date,
    reported_earlier,
    signature_date,
    statement_date,
    top_date,
)
from ._same_year import same_year_references
from ._sentences import split_sentences
from ._year_complement import merge, year_complements

__all__ = ["Article", "article_date", "find_claims", "read_article", "split_sentences"]

# "By Jane Doe, December 1, 2026", "Les Echos - 3 mars 2025", "Published 10:00 ET", "Photo: Reuters".
_BYLINE = re.compile(
    r"(?:by|par|from|de)[ \u00a0]+[A-ZÀ-ÖØ-Þ][\w.'’-]*(?:[ \u00a0]+[A-ZÀ-ÖØ-Þ][\w.'’-]*){0,3}[ \u00a0]*(?:,|[-–—|]|$)"
    r"|(?:published|updated|posted|publié|mis à jour|modifié)\b"
    r"|[A-ZÀ-ÖØ-Þ][\w'’-]*(?:[ \u00a0]+[A-ZÀ-ÖØ-Þ][\w'’-]*){0,3}[ \u00a0]+[-–—|][ \u00a0]+\d{1,2}(?:er)?[ \u00a0]+\w+[ \u00a0]+\d{4}\b",
    re.IGNORECASE)  # matched at the start of a line
_READ_TIME = re.compile(r"\b\d{1,2}[ \u00a0]*min(?:utes?)?\.?[ \u00a0]+(?:de[ \u00a0]+lecture|read)\b", re.IGNORECASE)
_CAPTION = re.compile(r"(?=[acdeigprs(])(?:\b(?:photo|image|crédit|credit|illustration|source)[ \u00a0]*(?:credit)?[ \u00a0]*:|"
                      r"\((?:photo|image|crédits?|credit)\b|\bgetty images\b|\b(?:REUTERS|AFP|AP|EPA|dpa)[ \u00a0]*/[ \u00a0]*[A-Z])",
                      re.IGNORECASE)
# A date followed by a time of day is a timestamp ("22/09/2025 à 19:00", "March 3, 2025 at 10:30 a.m."), no deadline.
_CLOCK_IN = re.compile(r"\d[:h]\d\d\b")
_CLOCK = re.compile(r"[ \u00a0,]*(?:à|at|a|-|–|—|\|)?[ \u00a0]*\d{1,2}(?:[:h]\d{2}|[ \u00a0]?[ap]\.?m\b)", re.IGNORECASE)
_WORDS = re.compile(r"\w+")
# "as soon as", "dès que": a conjunction, no deadline
_CONJUNCTION_SOON = re.compile(r"(?:as|aussi)[ \u00a0]+soon[ \u00a0]+as\b|\bdès[ \u00a0]+(?:que|qu['’])", re.IGNORECASE)
_RECENT = 270  # a bare day or month whose next occurrence is further than this was most likely the last one
_DAY_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche "
    "yesterday today hier january february march april may june july august september october november december "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split())
_MONTH_NAME = re.compile(rf"\b(?:{MONTH_NAMES})\b", re.IGNORECASE)
_YEAR_OR_NEXT = re.compile(r"\d{4}|\b(?:next|coming|following|prochain|prochaine|suivant|suivante)\b", re.IGNORECASE)
# A dateline: a place, a comma, the date, an agency and a dash ("WASHINGTON, 3rd January, 2026 (WAM) --",
# "New Delhi, 19 février 2026."): the day the story was filed, no deadline.
_DATELINE_BEFORE = re.compile(r"[ \u00a0]*(?:[A-ZÀ-ÖØ-Þ][\w.'’-]*[ \u00a0]+){0,3}[A-ZÀ-ÖØ-Þ][\w.'’-]*[ \u00a0]*,[ \u00a0]*")
_DATELINE_AFTER = re.compile(r"[ \u00a0]*(?:\([^()\n]{1,30}\)[ \u00a0]*)?(?:--|[-–—.:](?:[ \u00a0]|$))")
# A period in progress measured by a present perfect ("shares have fallen 7.4% this year", "sales have risen
# this quarter", "le titre a chuté de 7 % cette année"): a figure of the past, no deadline.
_PERIOD_IN_PROGRESS = re.compile(r"(?:so[ \u00a0]+far[ \u00a0]+)?(?:this|cette|ce)[ \u00a0]+(?:year|quarter|month|week|année|trimestre|"
                                 r"mois(?:-ci)?|semaine)$", re.IGNORECASE)
_PRESENT_PERFECT = re.compile(
    r"\b(?:has|have|hasn't|haven't)[ \u00a0]+(?:\w+ly[ \u00a0]+)?(?:fallen|risen|grown|climbed|dropped|jumped|gained|lost|"
    r"slipped|slid|surged|soared|tumbled|declined|increased|decreased|doubled|tripled|rallied|sunk|sank|added|shed)\b"
    r"|\b(?:a|ont)[ \u00a0]+(?:déjà[ \u00a0]+)?(?:chuté|baissé|augmenté|progressé|reculé|bondi|grimpé|doublé|triplé|perdu|gagné|"
    r"diminué|plongé|dégringolé)\b", re.IGNORECASE)
# A written statement named with its day ("Lundi, dans un communiqué, ...", "in a statement on Tuesday"), and a
# quotation of it further on ("..., est-il écrit", "the statement said"): the quotation was said on that day.
_WRITTEN = ("communiqué", "statement", "press release", "news release", "blog post", "billet de blog", "lettre", "letter")


def _written(sentence: str) -> bool:
    """The sentence names a written statement (a communiqué, a press release, a letter...)."""
    low = sentence[:2000].lower()
    return any(word in low for word in _WRITTEN)

_FROM_WRITTEN = re.compile(
    r"\best-il[ \u00a0]+écrit|\bpeut-on[ \u00a0]+lire|\bselon[ \u00a0]+(?:le|ce)[ \u00a0]+communiqué|\ble[ \u00a0]+communiqué[ \u00a0]+"
    r"(?:précise|indique|ajoute|souligne)|\b(?:the|this)[ \u00a0]+(?:statement|press[ \u00a0]+release|release|blog[ \u00a0]+post|letter)"
    r"[ \u00a0]+(?:said|says|reads|added|adds|stated)|\baccording[ \u00a0]+to[ \u00a0]+the[ \u00a0]+(?:statement|release|letter)",
    re.IGNORECASE)
_BULLET = re.compile(r"[ \t\u00a0]*(?:[•·‣◦▪–—*-]|\d{1,2}[.)])[ \t\u00a0]")


_CREDIT_HINT = re.compile(r"photo|image|cr[ée]dit|illustration|source|getty|/")


def _not_a_statement(sentence: str) -> bool:
    """Bylines, datelines and photo captions: a line that credits, not a sentence that claims."""
    head = sentence[:300]
    low = head.lower()
    if (_BYLINE.match(head) or ("min" in low and _READ_TIME.search(head))) and len(_WORDS.findall(head)) <= 16:
        return True
    return _CREDIT_HINT.search(low) is not None and _CAPTION.search(head) is not None


def _claims_of(clauses: Clauses, found: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """One deadline per coordinated part: the most precise phrase of each."""
    groups: dict[tuple[int, int], list[tuple[int, int, Any]]] = {}
    for item in found:
        groups.setdefault(clauses.part(item[0], item[1]), []).append(item)
    chosen = []
    for items in groups.values():
        precise = [i for i in items if not i[2].vague]
        horizon = [i for i in items if i[2].vague and i[2].horizon is not None]
        chosen.append((precise or horizon or items)[0])
    return sorted(chosen, key=lambda i: i[0])


_LONG = 1000  # a sentence longer than this is quoted by the part holding the phrase


def _quote(sentence: str, quotes: list[tuple[int, int]], clauses: Clauses, start: int, end: int) -> tuple[str, int, int]:
    """The quoted words holding the phrase (and the phrase's span in them), else the sentence
    (the coordinated part of a very long one, so that no quote grows with the text)."""
    k = bisect.bisect_right(quotes, (start, len(sentence) + 1))
    if k:
        a, b = quotes[k - 1]
        if a <= start and end <= b and b - a <= _LONG:
            return sentence[a:b], start - a, end - a
    if len(sentence) > _LONG:
        a, b = clauses.part(start, end)
        return sentence[a:b], start - a, end - a
    return sentence, start, end


_SENTENCE_END = frozenset(".!?»”\"…")  # a line ending otherwise is a heading (a title, a subhead)


@attrs.frozen
class _Claim:
    """A claim found, before it becomes a row: its cells, its window, and whether the headline holds it."""

    cells: dict[str, str]
    window: deadlines.Window
    headline: bool


def _headlines_attributed(claims: list[_Claim]) -> list[_Claim]:
    """``claims``, those of an unattributed heading (a title or a subhead: a line of its own that no
    punctuation ends) given the speaker of the first attributed claim after it with the same window: a
    heading restates a claim the article attributes ("Acme
    robots expected in 2027" over "Acme CEO Jane Roe said production is expected to begin in 2027")."""
    if not any(c.headline for c in claims):
        return claims
    attributed: dict[tuple[Any, ...], list[int]] = {}  # a window's key -> the attributed claims with it, in order
    for k, claim in enumerate(claims):
        if not claim.headline and claim.cells["speaker"]:
            attributed.setdefault(_window_key(claim.window), []).append(k)
    out = []
    for k, claim in enumerate(claims):
        if claim.headline:
            later = attributed.get(_window_key(claim.window), [])
            m = bisect.bisect_right(later, k)
            same = claims[later[m]] if m < len(later) else None
            if same is not None:
                claim = _Claim({**claim.cells, "speaker": same.cells["speaker"], "actor": same.cells["actor"]},
                               claim.window, False)
        out.append(claim)
    return out


def _window_key(window: deadlines.Window) -> tuple[Any, ...]:
    """What two windows that promise the same share: the last day, or for a vague one its horizon (a vague window
    without a horizon promises nothing to compare: its key is its own)."""
    if window.latest is not None:
        return ("day", window.latest)
    return ("horizon", window.horizon) if window.horizon is not None else ("none", id(window))


def _dated_next(text: str, spans: list[tuple[int, int]], k: int, speaker: str, opens: bool,
                stated: Callable[[int, int], tuple[str, tuple[int, int]] | None]) -> str | None:
    """The day the next sentence dates a statement on, when it reports this one: it names this sentence's speaker
    ("Acme CEO Jane Roe has said ... next year. / “...,” Roe wrote Monday"), or this sentence opens its paragraph
    with no speaker and the next one reports the news ("Mistral plans ... by year-end. Its cofounder announced
    Thursday ..."); else None."""
    if k + 1 >= len(spans) or not (speaker or opens):
        return None
    a, b = spans[k + 1]
    if speaker and speaker.split()[-1] not in text[a:min(b, a + 2000)]:
        return None
    dated = stated(a, b)
    return dated[0] if dated else None


def _event_of(speaker: str, events: list[tuple[str, str]]) -> str | None:
    """The day of the one dated event of the article whose sentence names ``speaker``, else None
    (two such days: no choice is made)."""
    if not speaker or not events:
        return None
    surname = speaker.split()[-1]
    days = {day for day, sentence in events if surname in sentence}
    return days.pop() if len(days) == 1 else None


def article_date(text: str) -> str | None:
    """The publication date written at the top of an article, as a date text, or None.

    >>> article_date(" date 2023-07 Retournement de situation dans la course à l'IA.")
    '2023-07'
    """
    found = top_date(text)
    if found is None:
        return None
    try:
        return str(parse_date(found))
    except ValueError:
        return None


def find_claims(
    text: str,
    *,
    published: DateLike,
    source: str | None = None,
    url: str | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Proposed predictions found in an article's ``text``, one row per claim, in the CSV columns.

    ``published`` is the day the article appeared (a date text such as ``2024-04-10`` or
    ``2024-04-10~``, a :class:`~llmtimeline.When` or a ``datetime.date``); relative
    deadlines are read from the day each statement was made.  ``lang`` (``"en"`` or
    ``"fr"``) is detected per sentence when not given.  ``expects`` is proposed where an
    action and a product are clear, else left empty for a person to fill; ``notes`` says
    the row was proposed.  Every cell is text ("" for empty).

    >>> import llmtimeline as lt
    >>> text = ("Meta released Llama 2 in July. "
    ...         "« D'ici un mois, nous espérons commencer à déployer Llama 3 », a déclaré Nick Clegg, "
    ...         "président des affaires internationales de Meta.")
    >>> rows = lt.find_claims(text, published="2024-04-09", source="example")
    >>> rows[["speaker", "actor", "deadline", "expects", "date"]].to_dict("records")
    [{'speaker': 'Nick Clegg', 'actor': 'Meta', 'deadline': "D'ici un mois", 'expects': 'release llama-3', 'date': '2024-04-09'}]
    >>> rows.loc[0, "quote"]
    "D'ici un mois, nous espérons commencer à déployer Llama 3"
    """
    if not isinstance(text, str):
        raise TypeError(f"find_claims needs the article as a str, got {type(text).__name__}")
    if lang is not None and lang not in ("en", "fr"):
        raise ValueError(f"lang={lang!r}: expected 'en' or 'fr' (or None to detect it)")
    when = parse_date(published)
    published_text = str(when)
    # the scan reads a typographic apostrophe as a straight one (same length: the spans hold): "in ’26"
    scanned = text.replace("’", "'") if "’" in text else text
    found = merge(deadlines.find_deadlines(scanned, said=when.latest), year_complements(text, when.latest))
    references, readings = same_year_references(text, found, when.latest)
    if references:  # a reference holds the phrase the grammar read in it ("le 2 mai" of "le 2 mai de la même année")
        found = merge(references, [f for f in found if not any(r.start <= f.start and f.end <= r.end for r in references)])
    spans = split_sentences(text)
    ctx = Context()
    rows = Rows(source or url or "text given to find_claims", url, published_text)
    article_lang = lang or detect_lang(text[:5000])
    lead = any_date(text[spans[0][0]:spans[0][1]][:500], when) if spans else None
    section_day: str | None = None  # the day of a dated section header ("March 3, 2025" alone on its line)
    previous: tuple[int, int] | None = None  # the previous sentence of the paragraph: its dating carries
    spoken_on: dict[str, str] = {}  # the day each speaker was last dated speaking ("Roe said on Monday")
    written_on: str | None = None  # the day of the last dated written statement ("Lundi, dans un communiqué")
    # dated events where statements were made ("a December 18 strategy meeting"), with their sentence
    events = [(day, text[spans[i][0]:spans[i][1]]) for pos, day in event_dates(text, when)
              for i in [bisect.bisect_right(spans, (pos, len(text) + 1)) - 1] if i >= 0]
    days: dict[str, dt.date] = {}  # date texts read once
    datings: dict[tuple[int, int], tuple[str, tuple[int, int]] | None] = {}

    def stated(start: int, end: int) -> tuple[str, tuple[int, int]] | None:
        """The dating of the statement ``text[start:end]`` (a sentence is read as itself, as the one before the
        next and as the one after the previous: once)."""
        if (start, end) not in datings:
            datings[start, end] = statement_date(text[start:end], when)
            if len(datings) > 8:
                del datings[next(iter(datings))]
        return datings[start, end]

    claims: list[_Claim] = []
    k_found = 0
    previous_end = 0
    for k, (a, b) in enumerate(spans):
        sentence = text[a:b]
        new_paragraph = k == 0 or "\n" in text[previous_end:a]
        previous_end = b
        if new_paragraph:
            previous = None
        header = header_date(sentence, when)
        if header is not None:
            section_day = header
            continue
        following = text[spans[k + 1][0]:min(spans[k + 1][1], spans[k + 1][0] + 300)] if k + 1 < len(spans) else ""
        bullet = new_paragraph and _BULLET.match(text, text.rfind("\n", 0, a) + 1) is not None
        credit = _not_a_statement(sentence)
        if credit:  # a byline or a caption names no speaker of what follows
            if new_paragraph:
                ctx.new_paragraph()
            previous = (a, b)
            continue
        who = ctx.attribute(sentence, new_paragraph=new_paragraph, bullet=bullet, following=following)
        while k_found < len(found) and found[k_found].start < a:
            k_found += 1
        mine = []
        while k_found < len(found) and found[k_found].end <= b:
            mine.append(found[k_found])
            k_found += 1
        if not mine or is_question(sentence):
            written = _written(sentence)
            if (who.speaker or written) and not _DAY_WORDS.isdisjoint(_WORDS.findall(sentence[:2000].casefold())):
                dated = stated(a, b)
                if dated and who.speaker:
                    spoken_on[who.speaker] = dated[0]
                if dated and written:
                    written_on = dated[0]
            previous = (a, b)
            continue
        local = [(f.start - a, f.end - a) for f in mine]
        dated = statement_date(sentence, when, skip=local)
        if dated and who.speaker:
            spoken_on[who.speaker] = dated[0]
        if dated and _written(sentence):
            written_on = dated[0]
        before = stated(max(previous[0], previous[1] - 2000), previous[1]) if previous and not dated else None
        previous = (a, b)
        sentence_lang = lang or detect_lang(sentence[:600], article_lang)
        # a heading: a title or a subhead, a line of its own that no punctuation ends
        heading = (new_paragraph and k + 1 < len(spans) and "\n" in text[b:spans[k + 1][0]]
                   and sentence.rstrip()[-1:] not in _SENTENCE_END)
        earlier = None if dated else earlier_month(sentence, text[spans[k - 1][0]:spans[k - 1][1]][-500:] if k else "", when)
        if earlier is None and not dated and reported_earlier(sentence):
            continue  # "elle avait laissé entendre que ...": said on a day the text does not give
        said = (dated[0] if dated else before[0] if before else earlier or spoken_on.get(who.speaker)
                or signature_date(following, when) or _event_of(who.speaker, events)
                or _dated_next(text, spans, k, who.speaker, new_paragraph, stated)
                or (written_on if written_on and _FROM_WRITTEN.search(sentence) else None) or section_day
                or (lead if lead and who.speaker else None) or published_text)
        said_day = days.get(said) or days.setdefault(said, parse_date(said).latest)
        clauses = Clauses(sentence)
        candidates = []
        for f, (s, e) in zip(mine, local, strict=True):
            if dated and s <= dated[1][0] and dated[1][1] <= e:
                continue  # the phrase dates the statement ("said on Tuesday"), it is no deadline
            if (past_reference(sentence, s, e) or _CONJUNCTION_SOON.match(sentence, max(0, s - 3)) is not None
                    or _CLOCK.match(sentence, e) is not None or _CLOCK_IN.search(f.text) is not None):
                continue
            tense = clauses.tense(s, e, sentence_lang, local)
            if tense == "past":
                continue
            if _DATELINE_BEFORE.fullmatch(sentence, 0, s) and _DATELINE_AFTER.match(sentence, e):
                continue  # the dateline's day
            if tense != "future" and _PERIOD_IN_PROGRESS.search(f.text):
                if _PRESENT_PERFECT.search(sentence, clauses.clause(s, e)[0], e):
                    continue  # "shares have fallen 7.4% this year": a measure of the past
            try:
                window = deadlines.parse_deadline(readings.get(f.start, f.text) if readings else f.text, said=said_day)
            except DeadlineError:
                continue
            if window.latest is not None and (window.latest < said_day or window.latest < when.earliest):
                continue  # a date of the past (or a deadline that passed before the article: history it reports)
            if (tense != "future" and window.latest is not None and (window.latest - said_day).days > _RECENT
                    and _MONTH_NAME.search(f.text) and not _YEAR_OR_NEXT.search(f.text)):
                continue  # "Le 10 avril, il présente...": a day of the year without a year, in a clause that does not look forward
            candidates.append((s, e, window))
        quotes = clauses.quotes
        headline = not who.speaker and heading
        for s, e, window in _claims_of(clauses, candidates):
            if clauses.condition(s, e, local):
                continue
            quote, qs, qe = _quote(sentence, quotes, clauses, s, e)
            claims.append(_Claim(
                dict(quote=quote, phrase=readings.get(a + s, sentence[s:e]) if readings else sentence[s:e],
                     read_from=sentence[s:e] if readings and a + s in readings else "",
                     said=said, speaker=who.speaker, actor=who.actor, lang=sentence_lang,
                     expects=propose_expects(quote, qs, qe) or (propose_expects(sentence, s, e) if quote != sentence else "")),
                window, headline))
    for claim in _headlines_attributed(claims):
        rows.add(**claim.cells)
    frame = pd.DataFrame(rows.rows, columns=list(COLUMNS), dtype=str)
    return frame if len(frame) else pd.DataFrame(columns=list(COLUMNS), dtype=str)
