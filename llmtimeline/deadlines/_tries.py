"""The vocabulary of :mod:`._phrases` as tries: one per table, under the table's name, built once.

A rule module imports the tries it reads by name::

    from ._tries import MONTHS as _MONTHS, SEASONS as _SEASONS

The first import of a name builds the trie of the table of that name in
:mod:`._phrases` (a mapping to values, or phrases mapped to themselves, as
:func:`~llmtimeline.deadlines._text.build_trie` takes them); every later import,
from any module, gets the same trie.  A new table needs no line here.

>>> from llmtimeline.deadlines import _tries
>>> _tries.MONTHS is _tries.MONTHS and "june" in _tries.MONTHS
True
"""

from __future__ import annotations

import importlib

from ._text import Trie, build_trie

__all__: list[str] = []  # every table of _phrases, on first use (see __getattr__)


def __getattr__(name: str) -> Trie:
    """The trie of ``_phrases.<name>``, built on first use and kept in this module.

    ``_phrases`` is found by name, as its tables are: a ``from . import _phrases`` here would
    put this module in the package's import cycle (through ``deadlines/__init__``), where mypy
    cannot type the names a module's ``__getattr__`` gives.
    """
    if name.startswith("_") or not name.isupper():
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        table = getattr(importlib.import_module(f"{__package__}._phrases"), name)
    except AttributeError:
        raise AttributeError(f"{__name__}: _phrases has no table {name!r}") from None
    built = globals()[name] = build_trie(table)
    return built
