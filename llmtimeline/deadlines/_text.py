"""Tokens of deadline phrases: folding, splitting with offsets, phrase tables as tries.

Folding lowers case, drops accents, reads every apostrophe, hyphen and space
variant as the plain one; a hyphen after a letter joins nothing ("mi-2025",
"year-end", "après-demain" read as words).  One accent is kept: "dès" ("from",
"as early as") is not the article "des" (``ACCENTED``).  Every step is one pass over the
text: no pattern here can backtrack.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

__all__ = ["Tokens", "Trie", "build_trie", "match", "tokenize"]

_APOSTROPHES = frozenset("'’‘`´ʼ′ʹ")
_HYPHENS = frozenset("-‐‑‒–—―−﹣－")
_QUOTES = frozenset('«»“”„‟"‹›')
_ASCII_QUOTES = str.maketrans({'"': " "})
#: An editor's words inside a quotation, in square brackets ("the latter part [of 2026]", "by [the end of]
#: June"): read as written without the brackets (a footnote mark, "[3]", starts with no letter and stays).
_EDITORIAL = re.compile(r"\[([a-z][^\[\]\n]{0,60})\]")
_LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"}
_TOKEN = re.compile(r"[a-z]+|[0-9]+|[^\sa-z0-9]")
#: Words whose accent tells them from another word once folded: written with it, they keep it.
ACCENTED = {"des": "dès"}
_FOLDED: dict[str, str] = {}


def digits(word: str) -> bool:
    """True for a token of ASCII digits. ``str.isdigit`` is True for other digits too (U+10E60,
    RUMI DIGIT ONE, and superscripts), which ``int`` refuses; the tokens of numbers are [0-9]+."""
    return word.isascii() and word.isdigit()


def _fold_char(c: str) -> str:
    folded = _FOLDED.get(c)
    if folded is None:
        if c in _APOSTROPHES:
            folded = "'"
        elif c in _HYPHENS:
            folded = "-"
        elif c in _QUOTES or c.isspace():
            folded = " "
        elif unicodedata.digit(c, None) is not None and not c.isdecimal():
            folded = c  # a superscript, circled or Rumi digit: a sign, not a digit ("²3 weeks" is no 23)
        else:
            text = _LIGATURES.get(c) or unicodedata.normalize("NFKD", c)
            folded = "".join(x for x in text if not unicodedata.combining(x)).lower()
            if any(x.isspace() for x in folded):
                folded = " "
        if len(_FOLDED) < 4096:  # bounded: the characters of a few alphabets
            _FOLDED[c] = folded
    return folded


def _one_to_one(text: str) -> dict[int, str] | None:
    """A translation table folding each character of ``text`` to one character, or None when one of them folds
    to none or to two ("œ" to "oe")."""
    table = {}
    for c in set(text):
        f = (" " if c == '"' else c.lower()) if c.isascii() else _fold_char(c)
        if len(f) != 1:
            return None
        if f != c:
            table[ord(c)] = f
    return table


class Tokens:
    """The tokens of a text (folded words, digit runs, single signs) and where each was written."""

    __slots__ = ("ends", "starts", "words")

    def __init__(self, words: list[str], starts: list[int], ends: list[int]) -> None:
        self.words, self.starts, self.ends = words, starts, ends

    def __len__(self) -> int:
        return len(self.words)


def tokenize(text: str) -> Tokens:
    """Split ``text`` into folded tokens with their offsets in ``text``.

    >>> tokenize("D’ici mi-2025").words
    ['d', 'ici', 'mi', '2025']
    """
    plain = text.isascii()
    if plain:
        folded, origin = text.lower().translate(_ASCII_QUOTES), None  # '"' is a space, as « » and “ ” are
    elif (table := _one_to_one(text)) is not None:  # accents: one character for one, in one pass
        folded, origin = text.translate(table), None
    else:
        parts, where = [], []
        for k, c in enumerate(text):
            f = (" " if c == '"' else c.lower()) if c.isascii() else _fold_char(c)
            parts.append(f)
            where.extend([k] * len(f))
        folded, origin = "".join(parts), where
    if "[" in folded:  # one character for one: the offsets stay
        folded = _EDITORIAL.sub(lambda m: f" {m.group(1)} ", folded)
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    add_word, add_start, add_end = words.append, starts.append, ends.append
    hyphen_after_word = False  # the last token is a hyphen written against a word ("mi-", "year-")
    for m in _TOKEN.finditer(folded):
        word = m.group()
        start, end = m.span()
        if word == "'" and not digits(folded[end:end + 1]):
            continue  # an apostrophe joins words ("d'ici"); before digits it abbreviates a year ("Q3 '25")
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
        if plain is False and word in ACCENTED:  # accents were folded: "dès" is not "des"
            accented = ACCENTED[word]
            if unicodedata.normalize("NFC", text[start:end]).lower() == accented:
                word = accented
        if hyphen_after_word:
            # a hyphen written against a word joins nothing: "mi-2025", "year-end" (not "27th - 29th")
            words.pop(), starts.pop(), ends.pop()
        hyphen_after_word = (word == "-" and len(words) > 0 and words[-1][0].isalpha() and ends[-1] == start)
        add_word(word)
        add_start(start)
        add_end(end)
    return Tokens(words, starts, ends)


#: A phrase table as a trie over tokens: each node maps a token to the next node;
#: the key ``""`` holds the value of the phrase that ends there.
Trie = dict[str, "Trie | object"]


def build_trie(entries: Mapping[str, object] | Iterable[str]) -> Trie:
    """A trie of the phrases of a table (a mapping to values, or phrases mapped to themselves)."""
    items = entries.items() if isinstance(entries, Mapping) else ((e, e) for e in entries)
    root: Trie = {}
    for phrase, value in items:
        node = root
        for word in tokenize(phrase).words:
            node = node.setdefault(word, {})  # type: ignore[assignment]
        node[""] = value
    return root


def match(trie: Trie, words: list[str], i: int) -> list[tuple[object, int]]:
    """Every phrase of ``trie`` that starts at ``words[i]``: (its value, the index after it), shortest first."""
    found = []
    node = trie
    n = len(words)
    while True:
        if "" in node:
            found.append((node[""], i))
        if i >= n:
            return found
        nxt = node.get(words[i])
        if nxt is None:
            return found
        node, i = nxt, i + 1  # type: ignore[assignment]
