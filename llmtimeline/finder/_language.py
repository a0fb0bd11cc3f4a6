"""The language of a text (English or French) by its common words, and its words case-folded."""

from __future__ import annotations

import re

__all__ = ["detect_lang", "words"]

_WORD = re.compile(r"[^\W\d_]+'?")

_EN_STOP = frozenset(
    "the an and of to in is within are was were will would be been has have had it this that with for on by at from "
    "its their they he she we not but or as which who said says".split()
)
_FR_STOP = frozenset(
    "le la les l' un une des du de d' et est sont à au aux en dans pour par sur avec qui que qu' ne pas il elle "
    "ils nous vous ce cette ces son sa ses leur se s' ont été sera plus d'ici".split()
)


_FR_LETTERS = re.compile("[éèêàùçœâîôû]")


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded; a French elision keeps its apostrophe ("l'", "qu'").

    >>> words("Qu’il l'a dit : GPT-5 arrive.")
    ["qu'", 'il', "l'", 'a', 'dit', 'gpt', 'arrive']
    """
    return _WORD.findall(text.replace("’", "'").casefold())


def detect_lang(text: str, default: str = "en") -> str:
    """``"fr"`` or ``"en"``, whichever language's common words are more frequent in ``text``
    (``default`` on a tie).

    >>> detect_lang("Meta a présenté Llama 2 mardi.")
    'fr'
    >>> detect_lang("Meta said it will ship Llama 3 within a month.")
    'en'
    """
    found = words(text)
    en = sum(map(_EN_STOP.__contains__, found))
    fr = sum(1 for word in found if word in _FR_STOP or (not word.isascii() and _FR_LETTERS.search(word)))
    return "fr" if fr > en else "en" if en > fr else default
