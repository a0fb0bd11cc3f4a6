"""events.csv ⇄ tables: read and validate a whole file at once, save atomically.

The rooms of the store, in the order data flows through them:

- :mod:`._csv`: bytes → cells, with each record's physical line;
- :mod:`._validate`: the rules of :mod:`llmtimeline.schema` over whole columns;
- :mod:`._columns`: the typed columns made from what was parsed;
- :mod:`._read`: the entry points that put these together;
- :mod:`._write`: spreadsheet-safe escaping and the atomic write.

>>> from llmtimeline import store
>>> cells, typed = store.read(store.bundled_path())
>>> len(cells) == len(typed), list(typed.columns[:2])
(True, ['earliest', 'latest'])
"""

from ._csv import printable
from ._read import bundled_path, collector_paused, read, read_bytes
from ._validate import typed_columns, validate_columns
from ._write import spreadsheet_safe, unescape_cell, write_table

__all__ = [
    "bundled_path",
    "collector_paused",
    "printable",
    "read",
    "read_bytes",
    "spreadsheet_safe",
    "typed_columns",
    "unescape_cell",
    "validate_columns",
    "write_table",
]
