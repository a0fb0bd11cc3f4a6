"""A proposed claim as a row of the CSV contract: id, title, notes, cells that load.

Cells are one line of printable text: control characters (NUL, ESC, DEL, C1),
bidirectional overrides, line separators and lone surrogates that an article may
carry become spaces, so every proposed row loads with :func:`llmtimeline.load`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..schema import COLUMNS

__all__ = ["PRESS", "Rows", "clean_cell"]

PRESS = "Press"
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


def clean_cell(text: str) -> str:
    """``text`` on one line, without control characters, spaces collapsed.

    >>> clean_cell("Acme\\x1b[31m will\\x00 ship\\x7f\\n by June")
    'Acme [31m will ship by June'
    """
    return " ".join(_UNPRINTABLE.sub(" ", text).split())


@functools.lru_cache(maxsize=4096)
def _ascii_slug(text: str, limit: int = 40) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:limit].strip("-") or "claim"


class Rows:
    """The rows proposed for one article, with ids unique within it."""

    def __init__(self, source: str, url: str | None, published: str) -> None:
        self.source = clean_cell(source)
        self.url = clean_cell(url or "")
        self.published = published
        self._stem = _ascii_slug(self.source.rsplit("/", 1)[-1].rsplit(".", 1)[0], 16)
        self._seen: dict[str, int] = {}
        self.rows: list[dict[str, str]] = []

    def add(self, *, quote: str, phrase: str, said: str, speaker: str, actor: str, lang: str, expects: str,
            read_from: str = "") -> None:
        """Add one proposed prediction; ``read_from``: the words of the text that ``phrase`` reads, when they are
        not a deadline phrase themselves ("the same year" read as "in 2026")."""
        phrase, quote, speaker, actor = clean_cell(phrase), clean_cell(quote), clean_cell(speaker), clean_cell(actor)
        if not speaker and not actor:
            actor = PRESS
        who = speaker or actor
        ident = f"{self._stem}-{_ascii_slug(who.split()[-1], 20)}-{_ascii_slug(phrase, 30)}"
        self._seen[ident] = self._seen.get(ident, 0) + 1
        if self._seen[ident] > 1:
            ident = f"{ident}-{self._seen[ident]}"
        title = f"Proposed: {who} on '{phrase}'" + (f" ({expects})" if expects else "")
        notes = f"proposed by llmtimeline.find_claims from {self.source}; check before use"
        if read_from:
            notes += f"; the deadline is read from '{clean_cell(read_from)}'"
        if actor == PRESS and not speaker:
            notes += "; unattributed: the article's own claim (actor 'Press')"
        if not expects:
            notes += "; fill 'expects' (KIND SUBJECT)"
        row = dict.fromkeys(COLUMNS, "")
        row.update(id=ident, type="prediction", date=said, actor=actor, speaker=speaker, title=title, expects=expects,
                   deadline=phrase, quote=quote, lang=lang, source=self.source, url=self.url,
                   published=self.published, notes=notes)
        self.rows.append(row)
