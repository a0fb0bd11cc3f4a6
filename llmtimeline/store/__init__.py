"""events.csv ⇄ tables: read and validate a whole file at once, save atomically.

The rooms of the store, in the order data flows through them:

- :mod:`._csv`: bytes → cells, with each record's physical line;
- :mod:`._validate`: the rules of :mod:`llmtimeline.schema` over whole columns;
- :mod:`._columns`: the typed columns made from what was parsed;
- :mod:`._read`: the entry points that put these together;
- :mod:`._write`: spreadsheet-safe escaping and the atomic write;
- :mod:`.parquet`: Parquet files that keep the typed columns beside the cells.

>>> from llmtimeline import store
>>> cells, typed = store.read(store.bundled_path())
>>> len(cells) == len(typed), list(typed.columns[:2])
(True, ['earliest', 'latest'])
"""

from ._csv import printable
from ._read import bundled_path, collector_paused, read, read_bytes
from ._validate import typed_columns, validate_columns
from ._write import atomic_write, spreadsheet_safe, unescape_cell, write_table
from .parquet import read_parquet, write_parquet

__all__ = [
    "atomic_write",
    "bundled_path",
    "collector_paused",
    "printable",
    "read",
    "read_bytes",
    "read_parquet",
    "spreadsheet_safe",
    "typed_columns",
    "unescape_cell",
    "validate_columns",
    "write_parquet",
    "write_table",
]
