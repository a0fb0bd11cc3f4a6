"""Files as spreadsheets save them in some locales: told apart from broken files, in one problem.

Excel saves "CSV" with the locale's list separator (``;`` in French, German,
Spanish... locales) and, unless told "CSV UTF-8", in the system's code page
(Windows-1252, which agrees with Latin-1 on letters). Read as UTF-8 comma CSV,
such a file gives a problem per line; these functions recognise it instead and
say, in one problem, what the file looks like and how to save it. The file is
refused, never guessed at: its records are not read with a guessed separator or
encoding (``errors="keep"`` too refuses it, as it refuses any problem of the
whole file).

>>> print(delimiter_problem(["id;type;date;title;source"]).reason)  # doctest: +ELLIPSIS
the file looks semicolon-separated (;), as Excel saves CSV in some locales: ...
>>> delimiter_problem(["id", "type", "date"]) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..exceptions import Problem
from ..schema import COLUMNS

__all__ = ["SAVE_AS", "delimiter_problem", "encoding_problem"]

#: What to choose in a spreadsheet's "Save As" to write a file llmtimeline reads.
SAVE_AS = "'CSV UTF-8 (comma delimited)' (Excel: File > Save As; LibreOffice: Text CSV, UTF-8, comma)"

# a character of more than one byte in UTF-8: one such sequence anywhere and the file is UTF-8 (with bad bytes)
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                         rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                         rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_NOT_UTF8 = "not UTF-8: byte 0x"  # in the reason of a cell (or column name) holding such a byte
_SEPARATORS = ((";", "semicolon-separated (;)"), ("\t", "tab-separated"), ("|", "separated by '|'"))


def delimiter_problem(header: Sequence[str]) -> Problem | None:
    """One problem when the header holds fewer than two of the contract's columns as comma-separated
    names but two or more once split on ``;``, a tab or ``|``: the file uses another separator."""
    known = set(COLUMNS)
    if sum(h.strip() in known for h in header) >= 2:
        return None
    for separator, label in _SEPARATORS:
        names = [n.strip().strip('"') for h in header for n in h.split(separator)]
        if sum(n in known for n in names) >= 2:
            reason = (f"the file looks {label}, as Excel saves CSV in some locales: llmtimeline reads "
                      f"comma-separated UTF-8 files. Save it as {SAVE_AS}, or read it with "
                      f"pandas.read_csv(path, sep={separator!r}, dtype=str, keep_default_na=False) and pass the "
                      "DataFrame to lt.load")
            return Problem(1, None, None, reason)
    return None


def encoding_problem(problems: Sequence[Problem], raw: Callable[[], bytes]) -> Problem | None:
    """One problem when the bytes that are not UTF-8 look like Windows-1252 or Latin-1 text: they are on
    the header or on two lines or more, and no character anywhere in the file is UTF-8 of more than one
    byte. (A UTF-8 file with a few damaged bytes keeps its problems per cell.)"""
    bad = [p for p in problems if p.reason is not None and _NOT_UTF8 in p.reason]
    lines = sorted({p.line for p in bad if p.line is not None})
    if not lines or (len(lines) < 2 and lines[0] != 1):
        return None
    data = raw()
    if _UTF8_MULTI.search(data):
        return None
    sample = ""
    high = re.search(rb"[^,;\t\r\n]*[\x80-\xff][^,;\t\r\n]*", data)
    if high is not None:
        word = high.group()[:60]
        sample = f", such as {word.decode('cp1252', 'replace')!r} (line {lines[0]})"
    reason = (f"the file looks Windows-1252 or Latin-1 encoded, as Excel saves 'CSV (comma delimited)', not UTF-8: "
              f"{len(lines):,} line{'s' if len(lines) != 1 else ''} hold letters in that encoding{sample}. "
              f"Save it as {SAVE_AS}")
    return Problem(1, None, None, reason)
