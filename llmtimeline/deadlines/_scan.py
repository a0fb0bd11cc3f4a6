"""Deadline phrases in running text: :func:`find_deadlines` and the :class:`FoundDeadline` it returns.

One compiled scan finds the anchor words every phrase holds; the grammar reads only
the characters around them (one deadline phrase is read by
:func:`~llmtimeline.deadlines.parse_deadline`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
from collections.abc import Callable

import attrs

from ..dates import DateLike, parse_date
from ..exceptions import DateError, DeadlineError
from . import _PAST_WINDOW, Window, _joined, _words_read, parse_deadline
from . import _phrases as V
from ._rules import Parser, first_words
from ._text import digits, tokenize

__all__ = ["FoundDeadline", "find_deadlines"]

#: In running text, characters around an anchor word (a digit, a month, "year", "soon"...) where a phrase that
#: holds it may start or end; long runs of anchors are read in overlapping pieces of ``_PIECE`` characters.
_BEFORE_ANCHOR, _AFTER_ANCHOR, _PIECE = 70, 90, 3000
_INSIDE_NUMBERS = frozenset("/-.:")  # signs between the parts of a number or a date


@attrs.frozen
class FoundDeadline:
    """A deadline phrase found in running text by :func:`find_deadlines`.

    ``text`` is the phrase as written: ``text == source[start:end]``; ``window``
    is what :func:`parse_deadline` reads from it.
    """

    text: str
    start: int
    end: int
    window: Window


def _glued(text: str, start: int) -> bool:
    """True when the token at ``start`` is joined to a word before it ("GPT-5", "H100", "v2")."""
    if start == 0:
        return False
    before = text[start - 1]
    return before.isalpha() or (before in "-‐‑–" and start > 1 and text[start - 2].isalpha())


def _windows(text: str) -> list[tuple[int, int, list[int]]]:
    """Where phrases may be: around each anchor word (one compiled scan), merged, cut into overlapping pieces;
    each piece with the offsets of its anchors."""
    from ._registry import ANCHORS

    n = len(text)
    lowered = text.lower()
    if len(lowered) != n:  # a few letters lower to two ("İ"): keep the offsets of the text
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    runs: list[tuple[int, int, list[int]]] = []
    run_start, run_end = 0, -1  # the run being merged
    anchors: list[int] = []
    for m in ANCHORS.finditer(lowered):
        start, end = m.span()
        a = start - _BEFORE_ANCHOR
        if a > run_end:
            if run_end >= 0:
                runs.append((run_start, min(run_end, n), anchors))
            run_start, anchors = max(a, 0), []
        run_end = end + _AFTER_ANCHOR
        anchors.append(start)
        if end - start > 4:  # "42 may": a phrase may start at each word of the anchor ("May 15")
            anchors.extend(k for k in range(start + 1, end) if lowered[k].isalnum() and not lowered[k - 1].isalnum())
    if run_end >= 0:
        runs.append((run_start, min(run_end, n), anchors))
    pieces = []
    overlap = _BEFORE_ANCHOR + _AFTER_ANCHOR
    for a, b, anchors in runs:
        start = a
        while b - start > _PIECE:
            stop = start + _PIECE
            pieces.append((start, stop, anchors[bisect.bisect_left(anchors, start):bisect.bisect_left(anchors, stop)]))
            start = stop - overlap
        pieces.append((start, b, anchors[bisect.bisect_left(anchors, start):]))
    return pieces


def _snap(text: str, a: int, b: int) -> tuple[int, int]:
    """A window moved to the edges of whole words (never past 40 characters)."""
    if a > 0 and not text[a - 1].isspace():
        space = text.find(" ", a, a + 40)
        a = a if space < 0 else space + 1
    if b < len(text) and not text[b].isspace():
        space = text.find(" ", b, b + 40)
        b = len(text) if space < 0 and b + 40 >= len(text) else (b if space < 0 else space)
    return a, b


#: The rules' work allowed to :func:`find_deadlines` (a unit: a place where a rule was read, one entry of the
#: parser's memo; and each word of a phrase found that ``parse_deadline`` reads again), per character of text and
#: at the start.  Articles take about 0.002 unit a character and tables of figures 0.13 to 0.3 (the start of a
#: text costs most: the phrases read again are not yet in the cache); text made of the
#: grammar's own words takes 1.4 to 3 (a month name or a number at every word, a date at every word).  Past the
#: allowance, the pieces (``_PIECE`` characters) of such a run are skipped, read in part, until the text read
#: since catches up: the time stays linear, a few µs a unit, under 2 s a MB whatever the text, and any text
#: of ordinary density is read whole.  After a skipped piece the reading starts again after a word that no
#: phrase holds (what is found before it might be a part of a phrase that started in the words skipped, or
#: pair its words otherwise: "August 13 May 19"), so under the allowance the phrases found are some of those
#: found without it, never others.
_WORK_PER_CHAR, _WORK_AT_START = 0.2, 25_000
#: The work of reading a phrase found alone (``parse_deadline``), per word, when its cache did not hold it.
_WORK_PER_WORD_READ = 10

#: The most words the grammar reads from where a phrase starts: a deadline joins at most two phrases ("by May,
#: or by August"), a phrase holds at most three connectors and a time of at most three periods ("June, July or
#: August"), each a few words, and the rules look a few words past a phrase ("2027, respectively"): well under
#: a hundred words.  A context key (:func:`_context_keys`) holds no more.
_REACH = 128
#: The most contexts kept per text (memory stays bounded on text of no repeated context).
_CONTEXTS = 20_000


def _shape(word: str) -> str:
    """A number as the grammar can tell it from others: itself where its value or width matters (up to two
    digits, four digits, or a value of at most 9999 written wider, "007"), else its width alone ("#3": 100 to
    999 are all read alike, as counts)."""
    n = len(word)
    if n <= 2 or n == 4:
        return word
    if n > 6:
        return "#7"
    return word if int(word) <= (99 if n == 3 else 9999) else f"#{n}"


def _apart(p: Parser, k: int) -> bool:
    """True when the word at ``k`` is a number written apart from the one before it ("2024 12"), and is not
    the first of a fraction ("3 1/2")."""
    return digits(p.at(k)) and not p.glued(k) and p.at(k + 1) != "/"


def _context_keys(p: Parser, vocabulary: frozenset[str], before: frozenset[str],
                  joins: frozenset[str]) -> Callable[[int], tuple[object, ...] | None]:
    """A function giving what decides the grammar's reading at a word, as a key (or None to read it afresh).

    A phrase is made of the grammar's words and numbers only, so nothing is read past the first other word
    (nor past ``_REACH`` words); a phrase that starts at a number never takes a second number written apart
    ("2024 12", but "3 1/2"), and a number with decimals or thousands and no word after it ("12,345", "53.5")
    is no phrase, whatever its figures (both checked on every number up to 9999 and every decimal part up to
    99); the word before counts only through the tables that look back (``before``) and through being a word
    or not (a day in its clause); numbers count as :func:`_shape` gives them, and each word with whether it is
    written against the one before ("3Q26").
    """
    w, n = p.w, p.n
    classes: list[str | None] = [x if x in vocabulary else (_shape(x) if digits(x) else None) for x in w]
    for k in p.joined:
        c = classes[k]
        if c is not None:
            classes[k] = c + "+"
    others = [k for k, c in enumerate(classes) if c is None]  # where nothing of a phrase can be
    others.append(n)
    respectively = [k for k, x in enumerate(w) if x in _RESPECTIVE_WORDS]
    respectively.append(n + 2 * _REACH)

    def key(i: int) -> tuple[object, ...] | None:
        if i == 0:
            prev = "^"
        else:
            prev = w[i - 1]
            if prev in joins and respectively[bisect.bisect_left(respectively, i)] < i + 2 * _REACH:
                return None  # "and 2027, respectively": the rule looks further back
            if prev not in before:
                prev = "a" if prev.isalpha() else "o"
        run_end = others[bisect.bisect_left(others, i)]
        if digits(w[i]):
            number = "#+" if p.glued(i) else "#"
            if _apart(p, i + 1):
                return prev, number, "|#"  # "2024 12": nothing is read past the first number, whatever it is
            if p.at(i + 1) in ".," and digits(p.at(i + 2)) and p.glued(i + 1) and p.glued(i + 2) and (
                    run_end == i + 3 or _apart(p, i + 3)):
                return prev, number, w[i + 1], "#|"  # "12,345", "53.5" and no word after: no phrase
        end = min(run_end, i + _REACH)
        return prev, *classes[i:end], end - i == _REACH

    return key


def find_deadlines(text: str, said: DateLike | None = None) -> list[FoundDeadline]:
    """Every deadline phrase the grammar knows in running ``text``, with its span and window.

    Phrases do not overlap; the longest is taken, in order of ``start``.  In
    running text a bare month, year, weekday, holiday or number needs a
    connector ("in May", "by 2026", "on Monday", "within two years"); past
    references ("last year", "two years ago", "since 2023") are never found.
    Relative phrases need ``said`` (without it only dates are found).

    The text is scanned once by one compiled pattern for the words every phrase
    holds (a digit, a month, a unit, "soon"...); the rules read only the
    characters around them, so text with no such word costs one regex pass, and
    time is linear in the length of the text.  Text denser in such words than
    any article or table (the grammar's own words at every place, dates at every
    word) is read within an allowance of work per character: past it, pieces of
    such a run are skipped, so what is found there is a part of what reading it
    all would find, never another phrase, and a MB takes under 2 s whatever it holds.

    >>> [(f.text, str(f.window.latest)) for f in find_deadlines(
    ...     "Altman said last year that GPT-5 would ship by the end of next year, or even sooner.", said="2024-04-09")]
    [('by the end of next year, or even sooner', '2025-12-31')]
    >>> [f.text for f in find_deadlines("May said the model will launch in May.", said="2024-04-09")]
    ['in May']
    """
    if not isinstance(text, str):
        raise DeadlineError(text, f"expected a text, got {type(text).__name__}")
    day: DateLike | None = said
    if said is not None and type(said) is not dt.date:
        try:
            day = parse_date(said).latest  # read once, not once per phrase
        except DateError:
            pass  # each phrase is refused for it, as parse_deadline refuses it
    collecting = gc.isenabled()
    if collecting:  # the rules make many small objects, none in a cycle: a collection would only walk them
        gc.disable()
    try:
        return _find(text, day)
    finally:
        if collecting:
            gc.enable()


def _find(text: str, day: DateLike | None) -> list[FoundDeadline]:
    """:func:`find_deadlines` past its checks: the pieces of the text read in order, within the allowance.

    The pieces of a long run overlap; each reads from where the one before landed past the start of the next
    (a place no phrase, refusal, lower bound or past reference read before covers), so a piece never starts
    inside a phrase ("until August 2027" cut before "August")."""
    found: list[FoundDeadline] = []
    pieces = _windows(text)
    contexts: dict[tuple[object, ...], tuple[tuple[int, ...], int, int, int]] = {}  # what the grammar read in each
    spent = 0
    first = 0  # where the next piece of a run reads from
    skipped = False
    for k, (a, b, anchors) in enumerate(pieces):
        continued = k > 0 and a < pieces[k - 1][1]  # the run of the piece before goes on here
        if spent > _WORK_AT_START + _WORK_PER_CHAR * b:
            skipped = True  # over the allowance: this piece is not read (see _WORK_PER_CHAR)
            continue
        a, b = _snap(text, a, b)
        if not continued:
            first = a
        handoff = len(text)
        if k + 1 < len(pieces) and pieces[k + 1][0] < pieces[k][1]:
            handoff = _snap(text, pieces[k + 1][0], pieces[k + 1][1])[0]
        # after a piece skipped, the reading starts again after a word no phrase holds (a phrase found nearer
        # might be a part of one that started in the words skipped: "until August 2027", "August 13 May 19")
        got, work, landed = _scan(text, a, b, anchors, day, contexts, -1 if continued and skipped else first,
                                  handoff)
        spent += work
        skipped = landed < 0  # no such word in the piece: the next one looks for it
        for f in got:
            if found and f.start < found[-1].end:
                continue
            if f.start >= landed:
                break  # the next piece reads it with the words after it
            found.append(f)
        first = landed
    return found


def _starts(words: list[str], starts: list[int], anchors: list[int], offset: int) -> list[int]:
    """Where a phrase holding one of the anchors may start: from each anchor back over the words of the grammar's
    vocabulary (a phrase is made of them only), at most ``_BACK`` words."""
    from ._registry import VOCABULARY

    allowed: list[int] = []
    covered = -1  # every word up to this one is a start already (the walks back from later anchors end there)
    k = 0
    n = len(words)
    ours: list[bool] | None = None  # per word: of the vocabulary or a number (made on first need)
    for x in anchors:
        k = bisect.bisect_left(starts, x - offset, k)
        if k >= n:
            break
        a = k
        if starts[a] > x - offset and a > 0:
            a -= 1
        if a <= covered:
            continue
        if ours is None:
            ours = [w in VOCABULARY or digits(w) for w in words]
        left = a
        stop = max(covered + 1, a - _BACK)
        while left > stop and ours[left - 1]:
            left -= 1
        allowed.extend(range(left, a + 1))
        covered = a
    return allowed


_BACK = 14
_PAST_FIRST = first_words(V.PAST)
_JOIN_WORDS = frozenset(w for entry in V.LIST_JOINS for w in entry.split())
_RESPECTIVE_WORDS = frozenset(w for entry in V.RESPECTIVELY for w in entry.split() if w.isalpha())


def _names_year(words: list[str]) -> bool:
    """True when the words name a calendar year ("in 2026", "June 2027", "H2 2026"): a time that nothing after
    it ("after the vote", "avant l'été") can count from another event."""
    return any(len(w) == 4 and w.isdigit() and w[:2] in ("19", "20") for w in words)


def _scan(text: str, offset: int, stop: int, anchors: list[int], said: DateLike | None,
          contexts: dict[tuple[object, ...], tuple[tuple[int, ...], int, int, int]], first: int, handoff: int,
          ) -> tuple[list[FoundDeadline], int, int]:
    """The deadline phrases of ``text[offset:stop]`` that hold one of the ``anchors`` and start at or after
    ``first`` (the words before are read as context; -1: after the first word that no phrase holds, a word
    of no table of the grammar), at their places in ``text``; the work it took (the places where a rule was
    read, and the words of the phrases found read again); and the first place at or after ``handoff`` where
    the reading landed (no phrase, refusal, lower bound or past reference started before covers it), or
    ``handoff`` when nothing read reaches it (-1 when ``first`` is -1 and the piece holds no such word).

    ``contexts`` maps the contexts (:func:`_context_keys`) read before to what the grammar read there (the ends
    of its phrases, how far a lower bound or a refusal reaches, how far a phrase of two readings reaches):
    text dense with numbers or lists (tables, figures) repeats them, and each is read by the grammar once."""
    from . import _phrases as V
    from ._grammar import deadline, hedge_spans, past_at  # the tables are built on first use
    from ._registry import BEFORE_WORDS, FIRST_WORDS, VOCABULARY

    piece = text[offset:stop]
    tokens = tokenize(piece)
    words = tokens.words
    if first < 0:
        other = next((k for k, w in enumerate(words) if w not in VOCABULARY and not digits(w)), None)
        if other is None:
            return [], 0, -1
        first = offset + tokens.starts[other]
    hedges = hedge_spans(words)
    hedged = {k for a, b in hedges for k in range(a, b)}
    kept = [k for k in range(len(words)) if k not in hedged]
    hedge_at = {a: b for a, b in hedges}
    hedge_before = {b: a for a, b in hedges}
    p = Parser([words[k] for k in kept], _joined(tokens, kept))
    found: list[FoundDeadline] = []
    position = {k: n for n, k in enumerate(kept)}
    tries = sorted({position[k] for k in _starts(words, tokens.starts, anchors, offset)
                    if k in position and offset + tokens.starts[k] >= first
                    and ((w := words[k]) in FIRST_WORDS or w in _PAST_FIRST or w.isdigit())})  # (else step: i + 1)
    context_key = _context_keys(p, VOCABULARY, BEFORE_WORDS, _JOIN_WORDS)
    read_before = _words_read[0]  # the words of the phrases found read again alone: the work beside the memo

    def step(i: int) -> int:
        """Read at ``i``: append the phrase found there; return where to read next."""
        w = p.w[i]
        past = past_at(p.w, i) if w in _PAST_FIRST else i
        if past > i:  # "earlier this year", "il y a deux semaines": skipped whole
            return past
        if w not in FIRST_WORDS and not (digits(w) and not _glued(piece, tokens.starts[kept[i]])):
            return i + 1  # not a first word, or the number of a name ("GPT-5", "Llama-3")
        if (i > 0 and p.w[i - 1] in _INSIDE_NUMBERS and digits(w)
                and tokens.ends[kept[i - 1]] == tokens.starts[kept[i]]):
            return i + 1  # the middle of a number, a date or a score ("1/2/3", "3.5", "7-2"): no phrase starts there
            # (glued only: "— 15 May 2025" or ": 15 May" start a date at the number)
        return read(i)

    def grammar(i: int) -> tuple[list[int], int, int]:
        """The ends of the phrases the grammar reads at ``i`` (longest first), how far a lower bound or a
        refusal reaches, how far a phrase of two readings reaches; each context is read once per text."""
        key = None
        if p.refused_until <= i:  # (a refusal read before may carry past i: then read afresh)
            key = context_key(i)
            known = None if key is None else contexts.get(key)
            if known is not None:
                ends_after, lower_after, refused_after, refusal_after = known
                p.refused_until = max(p.refused_until, i + refusal_after)  # as reading it would
                return [i + d for d in ends_after], i + lower_after, i + refused_after
        readings = deadline(p, i)
        ends = sorted({j for r, j in readings if r.loose == 0}, reverse=True)
        # "after next year", "not before 2026", "by June 31": no deadline inside
        lower = max([j for r, j in readings if r.lower] + [p.refused_until])
        # "au cours de l'année à venir", "within the month": two readings, so neither is found, nor a part
        refused = max([j for r, j in readings if r.kind == "refused"], default=i)
        if key is not None and len(contexts) < _CONTEXTS:
            contexts[key] = (tuple(j - i for j in ends), lower - i, refused - i, max(0, p.refused_until - i))
        return ends, lower, refused

    def read(i: int) -> int:
        """The phrase found at ``i``, if any; where to read next."""
        ends, lower, refused = grammar(i)
        if lower > i and (not ends or ends[0] < lower):
            return lower
        # "au cours de l'année à venir", "within the month": two readings, so neither is found, nor a part
        if refused > i and (not ends or ends[0] <= refused):
            return refused
        if not ends or (i > 0 and p.w[i - 1] in V.PAST_BEFORE):
            return i + 1
        for j in ends:
            if p.at(j) in V.PAST_AFTER and not (p.at(j) in V.EVENT_AFTER and _names_year(p.w[i:j])):
                continue  # "two weeks after the launch" counts from the launch; "in 2026 after the vote" does not
            if p.at(j) in V.PART_OF and (p.w[j - 1] in V.PART_NOUNS or (
                    j - i > 1 and digits(p.w[j - 1]) and p.w[j - 2] in V.PART_LETTERS and p.glued(j - 1))):
                return j + 1  # "the second half of the decade", "Q3 of the fiscal year": a part of something else
            first, last = kept[i], kept[j - 1] + 1
            while first in hedge_before and " ".join(words[hedge_before[first]:first]) not in V.STANCE_HEDGES:
                first = hedge_before[first]  # "probably by June", "vers la fin de l'année" (not "I think by June")
            if last in hedge_at:  # "in a year maximum"
                last = hedge_at[last]
            elif last + 1 in hedge_at and words[last] == ",":
                if " ".join(words[last + 1:hedge_at[last + 1]]) in V.TRAILING_HEDGES:  # ", voire moins"
                    last = hedge_at[last + 1]
            start, end = offset + tokens.starts[first], offset + tokens.ends[last - 1]
            if text[end:end + 1] == "]" and text.rfind("[", start, end) > text.rfind("]", start, end):
                end += 1  # an editor's words in brackets close with the phrase ("the latter part [of 2026]")
            try:
                window = parse_deadline(text[start:end], said=said)
            except DeadlineError as exc:
                if _PAST_WINDOW in exc.reason:
                    return j  # "in June 2023" said in 2024: no deadline inside it either ("in June")
                continue
            found.append(FoundDeadline(text[start:end], start, end, window))
            return j
        return i + 1

    def at(i: int) -> int:
        return offset + tokens.starts[kept[i]] if i < len(kept) else stop

    # the first word (of those kept) at or after the handoff: where the reading lands past it is the first such
    beyond = bisect.bisect_left(kept, bisect.bisect_left(tokens.starts, handoff - offset))
    i = 0
    landed = -1
    for t in tries:
        i = max(i, t)
        while i <= t:  # a past reference or a lower bound may carry the reading past the next try
            if landed < 0 and i >= beyond:
                landed = at(i)
            i = step(i)
    if landed < 0:
        landed = max(handoff, at(i))
    return found, len(p.memo) + _WORK_PER_WORD_READ * (_words_read[0] - read_before), landed
