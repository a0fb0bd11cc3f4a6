"""Text as written, made safe to print, and text compared as a reader sees it.

- :func:`terminal_safe`: a text a terminal shows as it is written.  C0 and C1
  control characters, bidirectional overrides and isolates (which reorder what
  follows them: a file name ``"invoice\\u202ecod.exe"`` shows as ``invoiceexe.doc``),
  Unicode line and paragraph separators and lone surrogates (which no terminal can
  encode) become visible escapes such as ``\\x1b`` or ``\\u202e``.
- :func:`id_key`: what two ids are compared by: NFKC with invisible characters
  removed, so ``"llama\\u200b-3"``, ``"\\ufeffllama-3"`` and ``"ｌｌａｍａ-3"`` are all
  ``"llama-3"``.
- :func:`surrogate_problem`: why a text built in code cannot be saved as UTF-8.
- :func:`printable`: a value read from a file as a problem shows it (bytes that were
  not UTF-8 as ``\\xe9`` escapes).
- :data:`LINE_BREAKS`: every character that ends a line somewhere (a one-line cell
  holds none of them).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["LINE_BREAKS", "id_key", "printable", "surrogate_problem", "terminal_safe"]

#: Characters that break a line in some reader: LF, CR, VT, FF, the file/group/record
#: separators that ``str.splitlines`` honours, NEL (U+0085), and the Unicode line and
#: paragraph separators.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

# What a terminal must not receive raw: C0 (tab and line feed included: a table cell
# keeps to its line), DEL, C1, bidi embeddings/overrides (U+202A-U+202E) and isolates
# (U+2066-U+2069), line/paragraph separators, surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_KEEP_LF = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (read with surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str, *, newlines: bool = False) -> str:
    """``text`` with every character that could disguise or disturb a terminal shown as an escape.

    Each character is one character of the output or one visible escape, so the
    text reads as written: controls (``\\x1b``, ``\\x85``), bidi overrides and
    isolates (``\\u202e``), line separators (``\\u2028``) and lone surrogates (a byte
    that was not UTF-8 shows as ``\\xe9``).  A backslash already in the text is left
    alone (the escapes are for reading, not for parsing back).  With
    ``newlines=True`` a line feed is kept (a message of several lines).  Linear in
    the length of the text; a printable text is returned as it is.

    >>> terminal_safe("Acme\\u202e gnp.exe"), terminal_safe("\\x1b[31mred")
    ('Acme\\\\u202e gnp.exe', '\\\\x1b[31mred')
    >>> print(terminal_safe("two\\nlines\\x85", newlines=True))
    two
    lines\\x85
    >>> terminal_safe("Mistral AI, « déjà »")
    'Mistral AI, « déjà »'
    """
    if text.isprintable():  # no control, format, separator or surrogate character: the usual case
        return text
    return (_UNSAFE_KEEP_LF if newlines else _UNSAFE).sub(_escape, text)


# Characters no reader sees: format characters (category Cf: zero-width space and
# joiners, bidi marks, word joiner, BOM, soft hyphen...) and the other default-ignorable
# code points (combining grapheme joiner, Hangul fillers, variation selectors).
_IGNORABLE_OTHERS = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or char in _IGNORABLE_OTHERS


def id_key(value: str) -> str:
    """The form ids are compared in: NFKC, with invisible characters removed.

    Two ids that look the same to a reader are one id: a zero-width space, a BOM, a
    soft hyphen or a joiner changes nothing, nor does a compatibility form NFKC
    folds (fullwidth letters, ligatures).  Case is kept (``Llama`` is not ``llama``).

    >>> id_key("llama\\u200b-3") == id_key("\\ufeffllama-3") == id_key("ｌｌａｍａ-3") == "llama-3"
    True
    >>> id_key("Llama-3")
    'Llama-3'
    """
    if value.isascii():
        return value
    visible = "".join(c for c in value if not _invisible(c))
    return unicodedata.normalize("NFKC", visible)


def surrogate_problem(value: str) -> str | None:
    """Why ``value`` cannot be written as UTF-8 (a lone surrogate), or None.

    >>> surrogate_problem("fine"), surrogate_problem("bad\\ud800")
    (None, 'lone surrogate U+D800 at character 4 is not text: it cannot be saved as UTF-8')
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (f"lone surrogate U+{ord(value[exc.start]):04X} at character {exc.start + 1} is not text: "
                "it cannot be saved as UTF-8")
    return None


_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
_LONE_RE = re.compile(r"[\ud800-\udc7f\udd00-\udfff]")


def printable(value: str) -> str:
    r"""``value`` with bytes that were not UTF-8 shown as ``\xe9`` escapes (and any other lone
    surrogate, which only code can make, as ``\ud800``).

    >>> printable("caf\udce9"), printable("a\ud800b")
    ('caf\\xe9', 'a\\ud800b')
    """
    if _SURROGATE_RE.search(value):
        value = _LONE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return value
