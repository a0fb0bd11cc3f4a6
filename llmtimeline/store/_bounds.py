"""The bounds on what a Parquet file may decode to, against decompression bombs.

See the Bounds in :mod:`.parquet`: :func:`_bounded` checks the footer's rows and
page sizes before a column is decoded; :class:`_Budget` holds the cells' text to
the same bound as each column is read.
"""

from __future__ import annotations

from typing import Any

from ..exceptions import LoadError, Problem

__all__ = ["BYTES_PER_ROW", "MAX_DECODED_FLOOR", "MAX_RATIO", "MAX_ROWS_FLOOR"]

#: Rows a Parquet file may declare whatever its size; past it, one row per :data:`BYTES_PER_ROW` bytes.
MAX_ROWS_FLOOR = 50_000
#: Bytes of file per row beyond :data:`MAX_ROWS_FLOOR` (a saved file takes 80 per generated record, 4.3 when
#: every cell but the id is one shared value).
BYTES_PER_ROW = 4
#: Bytes a file may decode to whatever its size (pages as the footer declares them; cells' text).
MAX_DECODED_FLOOR = 64 << 20
#: Bytes decoded per byte of file beyond :data:`MAX_DECODED_FLOOR`.
MAX_RATIO = 64


def _refuse(name: str, reason: str) -> LoadError:
    return LoadError(name, [Problem(None, None, None, reason)])


class _Budget:
    """The bytes of text a file may decode to (see the Bounds in :mod:`.parquet`), spent column by column."""

    def __init__(self, name: str, size: int) -> None:
        self.name, self.left = name, _decoded_limit(size)
        self.size = size

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise _refuse(self.name, f"the file's cells decode to more than {_decoded_limit(self.size):,} bytes of "
                                     f"text from {self.size:,} bytes of Parquet: refused as a decompression bomb "
                                     f"(at most {MAX_RATIO} bytes of text per byte of file, beyond "
                                     f"{MAX_DECODED_FLOOR >> 20} MiB)")


def _decoded_limit(size: int) -> int:
    return MAX_DECODED_FLOOR + MAX_RATIO * size


def _bounded(file: Any, name: str, size: int) -> None:
    """Refuse a file whose footer declares more rows, or larger pages, than its size allows (see Bounds)."""
    metadata = file.metadata
    rows = int(metadata.num_rows)
    most = MAX_ROWS_FLOOR + size // BYTES_PER_ROW
    if rows < 0 or rows > most:
        raise _refuse(name, f"the file declares {rows:,} rows in {size:,} bytes: at most {most:,} are read from a "
                            f"file of this size ({MAX_ROWS_FLOOR:,} and one per {BYTES_PER_ROW} bytes; refused as a "
                            "decompression bomb)")
    declared = 0
    for g in range(metadata.num_row_groups):
        # the row group's own figures only: pyarrow 26 aborts the process (an uncaught C++ exception) on
        # some damaged column-chunk statistics as soon as a column chunk's metadata is looked at
        group = metadata.row_group(g)
        if group.num_rows < 0 or group.num_rows > most:
            raise _refuse(name, f"row group {g} declares {group.num_rows:,} rows")
        declared += max(int(group.total_byte_size), 0)
    if declared > _decoded_limit(size):
        raise _refuse(name, f"the file's pages declare {declared:,} bytes once decompressed, from {size:,} bytes: at "
                            f"most {_decoded_limit(size):,} are read (refused as a decompression bomb)")
