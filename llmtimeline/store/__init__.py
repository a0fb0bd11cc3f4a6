"""events.csv ⇄ tables: read and validate a whole file at once, save atomically.

The rooms of the store, in the order data flows through them:

- :mod:`._sources`: paths, file objects and DataFrames made ready for the reader;
- :mod:`._cell_dtype`: the cells' dtype, pandas' Arrow-backed ``str`` (the fast reader keeps
  pyarrow's strings; other cells are made so once);
- :mod:`._csv`: bytes → cells (a :class:`._structure.Structure`, Arrow text), with each
  record's physical line, the codes of the columns whose rules read each distinct value
  and the ids sorted in a thread of their own; a doubtful file goes to the
  careful reader (:mod:`._careful`), which explains every fault;
- :mod:`._contract`: the cells held to the CSV contract: the header, widths, unescaping,
  then the rules over whole columns (:mod:`llmtimeline.validation`, which also makes the
  typed columns, :mod:`llmtimeline.typed`: records built in code are held to the same
  rules without the store);
- :mod:`._keep`: loading that keeps going past bad records (``errors="keep"``);
- :mod:`._read`: the entry points that put these together;
- :mod:`._write`: spreadsheet-safe escaping and the table's write;
- :mod:`._spreadsheet`: files as spreadsheets save them (``;``, Windows-1252): one problem;
- :mod:`._files`: the file system's side: regular files only, atomic saves;
- :mod:`.parquet`: Parquet files that keep the typed columns beside the cells, signed
  with this installation's key (:mod:`._key`).

>>> from llmtimeline import store
>>> cells, typed = store.read(store.bundled_path())
>>> len(cells) == len(typed), list(typed.columns[:2])
(True, ['earliest', 'latest'])
"""

from ..collector import collector_paused
from ..safe_text import printable
from ..validation import typed_columns, validate_columns
from ._cell_dtype import TEXT, is_text, same_cells, text_frame
from ._files import atomic_write, atomic_write_bytes
from ._keep import PROBLEM_COLUMNS, Kept, Loaded, no_problems
from ._read import ERRORS, bundled_path, check_errors, read, read_bytes, read_source
from ._sources import open_source
from ._write import spreadsheet_safe, unescape_cell, write_table
from .parquet import read_parquet, write_parquet

__all__ = [
    "ERRORS",
    "PROBLEM_COLUMNS",
    "TEXT",
    "Kept",
    "Loaded",
    "atomic_write",
    "atomic_write_bytes",
    "bundled_path",
    "check_errors",
    "collector_paused",
    "is_text",
    "no_problems",
    "open_source",
    "printable",
    "read",
    "read_bytes",
    "read_parquet",
    "read_source",
    "same_cells",
    "spreadsheet_safe",
    "text_frame",
    "typed_columns",
    "unescape_cell",
    "validate_columns",
    "write_parquet",
    "write_table",
]
