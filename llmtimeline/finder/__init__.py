"""The claim finder: an article's text → proposed prediction rows, for a person to check.

One row per forward-looking claim that holds a deadline phrase (vague ones included),
in the events.csv columns.  The rules, in order:

1. the text is split into sentences (English and French; abbreviations, initials,
   decimals and quotations survive) and each sentence is attributed (speaker,
   organisation) with what the article named before;
2. :func:`llmtimeline.find_deadlines` finds the deadline phrases; a phrase followed by
   "dernier"/"last"/"ago" or preceded by "il y a" is a past reference and dropped;
3. a sentence that asks ("?"), or whose clause holding the phrase states a condition
   ("if", "si", "unless", "à condition que"), is not proposed; nor one in the past tense
   (reported speech about the future, "a déclaré que ... sera", is proposed);
4. the day said is the publication day unless the text dates the statement ("said on
   Tuesday", "a déclaré le 9 avril", an embedded post's signature); a phrase whose
   window ended before that day is a date of the past and dropped;
5. phrases of one clause make one claim (the most precise phrase is kept); clauses
   joined by "and"/"et"/"," with their own phrase are separate claims.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pandas as pd

from .. import deadlines
from ..dates import DateLike, parse_date
from ..exceptions import DeadlineError
from ..schema import COLUMNS
from ._attribution import Context, attribute, quoted_spans
from ._expects import propose_expects, segment
from ._said_on import any_date, earlier_month, signature_date, statement_date, top_date
from ._sentences import split_sentences
from ._tense import detect_lang, is_condition, is_past, is_question

__all__ = ["article_date", "find_claims", "split_sentences"]

_PAST_AFTER = re.compile(r"^[ \u00a0]*(?:dernier|dernière|derniers|dernières|passé|passée|précédent|précédente|ago|earlier|before)\b",
                         re.IGNORECASE)
_PAST_BEFORE = re.compile(r"(?:\bil y a|\bdepuis|\bsince|\blast|\bago)[ \u00a0]*$", re.IGNORECASE)
_SEGMENT = re.compile(r"[;:–—]| - ")
_CONJUNCTION = re.compile(r",? (?:and|et|while|whereas|alors que|tandis que|but|mais) |; ", re.IGNORECASE)
_PRESS = "Press"


def _ascii_slug(text: str, limit: int = 40) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:limit].strip("-") or "claim"


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans replaced by spaces (a hedge inside a phrase is no condition)."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


# "la version lancée en février", "released in January": a past participle just before the phrase,
# unless a future auxiliary comes before it ("sera lancé en juin", "will be released in June").
_PARTICIPLE_BEFORE = re.compile(r"(?P<aux>\b\w+['’]?[ \u00a0]+(?:\w+[ \u00a0]+)?)?\b(?:\w{2,}(?:é|ée|és|ées|is|ie|ies|u|ue|us|ues)|\w{3,}ed)[ \u00a0]+$",
                                re.IGNORECASE)
_FUTURE_AUX = re.compile(r"\b(?:sera|seront|serait|seraient|être|will|would|be|to|va|vont|devrait|devraient|doit|doivent)\b",
                         re.IGNORECASE)


def _past_reference(sentence: str, start: int, end: int) -> bool:
    if _PAST_AFTER.match(sentence[end:end + 20]) or _PAST_BEFORE.search(sentence[max(0, start - 12):start]):
        return True
    before = _PARTICIPLE_BEFORE.search(sentence[max(0, start - 60):start])
    if before is None:
        return False
    aux = before.group("aux")
    return not (aux and _FUTURE_AUX.search(aux))


def _claims_of(sentence: str, found: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """One deadline per clause: clauses split at "and"/"et"/";"; the most precise phrase of each."""
    groups: dict[tuple[int, int], list[tuple[int, int, Any]]] = {}
    for item in found:
        groups.setdefault(segment(sentence, item[0], item[1], _CONJUNCTION), []).append(item)
    chosen = []
    for items in groups.values():
        precise = [i for i in items if not i[2].vague]
        horizon = [i for i in items if i[2].vague and getattr(i[2], "horizon", None) is not None]
        chosen.append((precise or horizon or items)[0])
    return sorted(chosen, key=lambda i: i[0])


def _quote(sentence: str, start: int, end: int) -> tuple[str, int, int]:
    """The quoted words holding the phrase (and the phrase's span in them), else the sentence."""
    for a, b in quoted_spans(sentence):
        if a <= start and end <= b:
            return sentence[a:b], start - a, end - a
    return sentence, start, end


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
    found = deadlines.find_deadlines(text, said=when.latest)
    spans = split_sentences(text)
    ctx = Context()
    rows: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    article_lang = lang or detect_lang(text[:5000])
    source_text = source or url or "text given to find_claims"
    k_found = 0
    lead = None  # the day a news lead gives its story ("ont fourni mardi"): the day of its statements
    if spans:
        lead = any_date(text[spans[0][0]:spans[0][1]], when)
    for k, (a, b) in enumerate(spans):
        sentence = text[a:b]
        following = text[spans[k + 1][0]:spans[k + 1][1]] if k + 1 < len(spans) else ""
        who = attribute(sentence, ctx, following)
        while k_found < len(found) and found[k_found].start < a:
            k_found += 1
        mine = []
        while k_found < len(found) and found[k_found].end <= b:
            mine.append(found[k_found])
            k_found += 1
        if not mine or is_question(sentence):
            continue
        sentence_lang = lang or detect_lang(sentence, article_lang)
        local = [(f.start - a, f.end - a) for f in mine]
        dated = statement_date(sentence, when, skip=local)
        previous = text[spans[k - 1][0]:spans[k - 1][1]] if k else ""
        said = (dated[0] if dated else signature_date(following, when) or earlier_month(sentence, previous, when)
                or (lead if lead and who.speaker else None) or published_text)
        candidates = []
        for f, (s, e) in zip(mine, local, strict=True):
            if dated and (s, e) == dated[1]:
                continue  # the phrase dates the statement ("said on Tuesday"), it is no deadline
            if _past_reference(sentence, s, e):
                continue
            try:
                window = deadlines.parse_deadline(f.text, said=said)
            except DeadlineError:
                continue
            said_day = parse_date(said).latest
            if window.latest is not None and window.latest < said_day:
                continue  # a date of the past
            candidates.append((s, e, window))
        for s, e, _window in _claims_of(sentence, candidates):
            seg = segment(sentence, s, e, _SEGMENT)
            part = _blank(sentence, [(x, y) for x, y, _ in candidates])[seg[0]:seg[1]]
            if is_condition(part):
                continue
            quote, qs, qe = _quote(sentence, s, e)
            if is_past(quote, sentence_lang):
                continue
            rows.append(_row(sentence, quote, s, e, qs, qe, said, who.speaker, who.actor, sentence_lang,
                             source_text, url, published_text, seen))
    return pd.DataFrame(rows, columns=list(COLUMNS), dtype=str) if rows else pd.DataFrame(columns=list(COLUMNS), dtype=str)


def _row(sentence: str, quote: str, s: int, e: int, qs: int, qe: int, said: str, speaker: str, actor: str,
         lang: str, source: str, url: str | None, published: str, seen: dict[str, int]) -> dict[str, str]:
    phrase = sentence[s:e]
    expects = propose_expects(quote, qs, qe) or propose_expects(sentence, s, e)
    if not speaker and not actor:
        actor = _PRESS
    who = speaker or actor
    stem = _ascii_slug(source.rsplit("/", 1)[-1].rsplit(".", 1)[0], 16)
    ident = f"{stem}-{_ascii_slug(who.split()[-1], 20)}-{_ascii_slug(phrase, 30)}"
    seen[ident] = seen.get(ident, 0) + 1
    if seen[ident] > 1:
        ident = f"{ident}-{seen[ident]}"
    title = f"Proposed: {who} on '{' '.join(phrase.split())}'" + (f" ({expects})" if expects else "")
    notes = f"proposed by llmtimeline.find_claims from {source}; check before use"
    if actor == _PRESS and not speaker:
        notes += "; unattributed: the article's own claim (actor 'Press')"
    if not expects:
        notes += "; fill 'expects' (KIND SUBJECT)"
    row = dict.fromkeys(COLUMNS, "")
    row.update(id=ident, type="prediction", date=said, actor=actor, speaker=speaker, title=title, expects=expects,
               deadline=" ".join(phrase.split()), quote=" ".join(quote.split()), lang=lang, source=source,
               url=url or "", published=published, notes=notes)
    return row
