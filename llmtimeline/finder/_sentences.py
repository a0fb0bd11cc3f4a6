"""Sentence splitting for English and French news text, in one linear pass.

A sentence ends at ``.``, ``!``, ``?`` or an ellipsis followed by space and a
capital (or an opening quote, a digit, the end of the text), and at every line
break that does not merely wrap a sentence.  It does not end:

* after an abbreviation ("M.", "Mme", "Dr.", "etc." before a lower-case word,
  "p. ex.", "U.S.", "No. 3"), an initial ("J. Smith") or inside a number ("3.5");
* inside a quotation (« », “ ”, " "): a quoted passage with inner full stops stays
  in one sentence, up to the end of its paragraph.

Each sentence is returned as a ``(start, end)`` span of the input, leading
bullets and spaces left out, so ``text[start:end]`` is the sentence as written.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

# Lower-cased, without the final dot.  Titles and abbreviations that are almost never
# the last word of a sentence: a capital after them does not start a new one.
_TITLES = frozenset(
    """m mm mme mmes mlle mlles me mgr dr drs pr prof mr mrs ms messrs st ste sts sen rep gov gen lt col sgt capt
    cmdr adm rev hon pres supt det insp fr sr jr no nos nº art fig figs vol vols ch chap sect sec p pp cf ex
    vs v env approx dept est inc corp ltd co bros av ave blvd mt ft éd ed eds réf tél tel
    janv févr févr avr juil sept déc jan feb apr jun jul aug sep oct nov dec""".split()
)
# Abbreviations that often end a sentence: they end one only before a word that usually starts one.
_SOFT = frozenset("etc cie al inc corp ltd co jr sr".split())
_STARTERS = frozenset(
    """the a an he she it we they i this that these those there his her its our their but and so yet
    in on at for if when while after before as however meanwhile still also then now today
    le la les l un une des il elle ils elles on nous vous je ce cet cette ces mais et donc or pourtant
    en au aux dans pour selon d de du si quand lorsque alors après avant aujourd""".split()
)
_TERMINAL = ".!?…"
_OPENERS = {"«": "»", "“": "”", "„": "“", "‹": "›"}
_CLOSERS = frozenset("»”›")
_TRAILING = frozenset("»”›\"')]’")
_BULLETS = frozenset("•·‣◦▪–—-*")
_SPACE = frozenset(" \t\u00a0\u202f\u2009")
_SPECIAL = re.compile("[\n«“„‹»”›\".!?…]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` span of every sentence of ``text``, in order.

    >>> text = "M. Dupont a parlé. Il a dit : « Ce sera prêt. Bientôt. » Le U.S. Army aussi."
    >>> [text[a:b] for a, b in split_sentences(text)]
    ['M. Dupont a parlé.', 'Il a dit : « Ce sera prêt. Bientôt. »', 'Le U.S. Army aussi.']
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    depth = 0  # open typographic quotes
    straight = False  # inside a "straight" quotation
    i = 0
    while i < n:
        jump = _SPECIAL.search(text, i)  # only line breaks, quotes and terminal marks matter: skip the rest
        if jump is None:
            break
        i = jump.start()
        ch = text[i]
        if ch == "\n":
            if not _wraps(text, i):
                _add(spans, text, start, i)
                start, depth, straight = i + 1, 0, False
            i += 1
            continue
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            if depth:
                depth -= 1
                if depth == 0 and not straight and _ended_before(text, i, start):
                    end = _after_trailing(text, i)
                    if _next_starts(text, end):
                        _add(spans, text, start, end)
                        start = i = end
                        continue
        elif ch == '"':
            straight = not straight
            if not straight and depth == 0 and _ended_before(text, i, start):
                end = _after_trailing(text, i)
                if _next_starts(text, end):
                    _add(spans, text, start, end)
                    start = i = end
                    continue
        elif ch in _TERMINAL and depth == 0 and not straight:
            j = i + 1
            while j < n and text[j] in _TERMINAL:
                j += 1
            end = _after_trailing(text, j)
            if end > j or end == n or text[end] in _SPACE or text[end] == "\n":
                if _is_boundary(text, i, j, end, start):
                    _add(spans, text, start, end)
                    start = i = end
                    continue
            i = j
            continue
        i += 1
    _add(spans, text, start, n)
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Add ``text[start:end]`` without surrounding space and leading bullets, if anything is left."""
    while start < end and (text[start].isspace() or (text[start] in _BULLETS and start + 1 < end and text[start + 1] in _SPACE)):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _wraps(text: str, i: int) -> bool:
    """True when the line break at ``i`` only wraps a sentence: a lower-case letter or comma
    before it and a lower-case letter after it."""
    before = i - 1
    while before >= 0 and text[before] in _SPACE:
        before -= 1
    after = i + 1
    while after < len(text) and text[after] in _SPACE:
        after += 1
    if before < 0 or after >= len(text):
        return False
    prev, nxt = text[before], text[after]
    return (prev.islower() or prev in ",;") and nxt.islower()


def _after_trailing(text: str, j: int) -> int:
    """Index after the closing quotes and brackets (and the spaces before a »/”) that follow ``j``."""
    n = len(text)
    while j < n:
        if text[j] in _TRAILING:
            j += 1
        elif text[j] in _SPACE and j + 1 < n and text[j + 1] in _CLOSERS:
            j += 2
        else:
            break
    return j


def _ended_before(text: str, i: int, start: int) -> bool:
    """True when the last non-space character before the quote at ``i`` ends a sentence."""
    k = i - 1
    while k >= start and text[k] in _SPACE:
        k -= 1
    return k >= start and text[k] in _TERMINAL


def _next_starts(text: str, end: int) -> bool:
    """True when what follows ``end`` (after spaces) can start a sentence."""
    k = end
    n = len(text)
    if k < n and text[k] not in _SPACE and text[k] != "\n":
        return False
    while k < n and text[k] in _SPACE:
        k += 1
    if k >= n or text[k] == "\n":
        return True
    ch = text[k]
    return ch.isupper() or ch.isdigit() or ch in _OPENERS or ch in "\"'(¿¡" or ch in _BULLETS


def _word_before(text: str, i: int, start: int) -> str:
    """The word (letters, digits and inner dots) that ends just before ``i``."""
    k = i
    while k > start and (text[k - 1].isalnum() or text[k - 1] == "."):
        k -= 1
    return text[k:i]


def _next_word(text: str, end: int) -> str:
    k = end
    n = len(text)
    while k < n and text[k] in _SPACE:
        k += 1
    m = k
    while m < n and text[m].isalpha():
        m += 1
    return text[k:m]


def _is_boundary(text: str, i: int, j: int, end: int, start: int) -> bool:
    """Does the punctuation ``text[i:j]`` (closing quotes to ``end``) end the sentence?"""
    if not _next_starts(text, end):
        return False
    k = end
    while k < len(text) and text[k] in _SPACE:
        k += 1
    if k >= len(text) or text[k] == "\n":
        return True
    mark = text[i:j]
    if "?" in mark or "!" in mark:
        return True
    nxt = _next_word(text, end)
    starter = nxt.casefold() in _STARTERS
    if "…" in mark or ".." in mark:  # an ellipsis ends a sentence only before a usual first word
        return starter
    if end > j:  # a full stop inside closing quotes or brackets ends the sentence
        return True
    word = _word_before(text, i, start)
    if not word:
        return True
    low = word.casefold()
    if "." in word:  # "U.S.", "e.g.", "p. ex." parts
        return starter
    if low in _TITLES and low not in _SOFT:
        return False
    if low in _SOFT:
        return starter
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return word.islower() and starter
    return True
