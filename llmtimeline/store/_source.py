"""The bytes of a file, in memory or behind an open binary file, read in bounded chunks.

The reader never decodes a whole file into one string: the fast path hands the
bytes to pyarrow, the careful path decodes them as a stream, and the structural
scan walks them a chunk at a time.  A file is read through the one handle it was
opened with (``os.pread`` for the scan), so a file replaced while it is read is
still read whole, from one version.
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Iterator
from typing import Any, BinaryIO

import numpy as np

from ..exceptions import Problem

__all__ = ["CHUNK", "Source", "sniff"]

CHUNK = 16 << 20  # bytes per chunk of a scan: bounds the temporary arrays

_CONTROL = np.zeros(256, dtype=bool)
_CONTROL[[b for b in range(256) if (b < 32 and b not in (9, 10, 13)) or b == 127]] = True


class Source:
    """A file's bytes from ``start`` (after a byte-order mark): ``bytes`` or a binary file opened for reading."""

    def __init__(self, data: bytes | bytearray | memoryview | BinaryIO) -> None:
        if isinstance(data, (bytes, bytearray, memoryview)):
            self._data: memoryview | None = memoryview(data).cast("B")
            self._handle: BinaryIO | None = None
            self.size = len(self._data)
        else:
            self._data, self._handle = None, data
            self.size = os.fstat(data.fileno()).st_size
        self.start = 0
        head = self.read_at(0, 4096)
        self.head = head
        if head.startswith(codecs.BOM_UTF8):
            self.start = len(codecs.BOM_UTF8)
            self.head = head[self.start:]

    def read_at(self, offset: int, n: int) -> bytes:
        """Up to ``n`` bytes from ``offset`` (counted from the file's first byte)."""
        if self._data is not None:
            return bytes(self._data[offset:offset + n])
        assert self._handle is not None
        out = os.pread(self._handle.fileno(), n, offset)
        while len(out) < n:  # a short read is not the end of a regular file
            more = os.pread(self._handle.fileno(), n - len(out), offset + len(out))
            if not more:
                break
            out += more
        return out

    def chunks(self, size: int = CHUNK, lookahead: int = 0) -> Iterator[tuple[np.ndarray, int, int]]:
        """``(buffer, own, offset)`` from :attr:`start` to the end: ``buffer[:own]`` are the chunk's
        bytes (at ``offset``), followed by up to ``lookahead`` bytes of the next chunk."""
        offset = self.start
        while True:
            if self._data is not None:
                buf = np.frombuffer(self._data[offset:offset + size + lookahead], dtype=np.uint8)
            else:
                buf = np.frombuffer(self.read_at(offset, size + lookahead), dtype=np.uint8)
            own = min(size, buf.size)
            if own == 0:
                return
            yield buf, own, offset
            offset += own
            if buf.size < size + lookahead and own == buf.size:
                return

    def arrow_input(self, native: bool = False) -> object:
        """What ``pyarrow.csv.read_csv`` reads: a zero-copy buffer, or the open file at :attr:`start`.

        With ``native`` (a large file, read beside the scan), an open file is read by pyarrow's own
        file reader through ``/proc/self/fd`` where there is one (the same file, even if it was
        replaced or removed since it was opened): a Python file object would take the GIL for every
        block pyarrow reads, from the scan that runs beside it.  The caller closes what it gets
        (:meth:`pyarrow.NativeFile.close`; closing a Python file object is left to its owner)."""
        import pyarrow as pa

        if native and self._data is None and self._handle is not None:
            try:
                opened = pa.OSFile(f"/proc/self/fd/{self._handle.fileno()}")
            except (OSError, ValueError, pa.ArrowException):
                pass  # no /proc: the Python file object is read
            else:
                opened.seek(self.start)
                return opened
        return self._from_start(pa.py_buffer)

    def stream(self) -> BinaryIO:
        """A binary stream of the bytes from :attr:`start` (no copy of bytes in memory)."""
        stream: BinaryIO = self._from_start(io.BytesIO)
        return stream

    def _from_start(self, wrap: Any) -> Any:
        """The bytes from :attr:`start`: those in memory given to ``wrap``, or the open file moved there."""
        if self._data is not None:
            return wrap(self._data[self.start:])
        assert self._handle is not None
        self._handle.seek(self.start)
        return self._handle

    def contains(self, needle: bytes) -> bool:
        """Whether the bytes hold ``needle`` (a single byte)."""
        return any(needle in buf[:own].tobytes() for buf, own, _ in self.chunks())

    def has_control(self) -> bool:
        """Whether any byte is a C0 control (but tab, LF, CR) or DEL."""
        return any(bool(_CONTROL[buf[:own]].any()) for buf, own, _ in self.chunks())

    def is_blank(self) -> bool:
        """Whether the file holds nothing but white space."""
        decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        for buf, own, _ in self.chunks(1 << 20):
            text = decoder.decode(buf[:own].tobytes())
            if text and not text.isspace():
                return False
        return True


def has_control(buf: np.ndarray) -> bool:
    """Whether ``buf`` (uint8) holds a C0 control (but tab, LF, CR) or DEL.

    Only the few bytes below 0x20 are looked up: comparing is cheaper than a lookup per byte.
    """
    low = buf[buf < 0x20]
    return bool((low.size and _CONTROL[low].any()) or (buf == 0x7F).any())


def sniff(head: bytes, problems: list[Problem]) -> bool:
    """False (with the reason in ``problems``) when the file is UTF-16 or UTF-32 rather than UTF-8."""
    for bom, label in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                       (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if head.startswith(bom):
            problems.append(Problem(1, None, None, f"the file is {label}, not UTF-8: save it as 'CSV UTF-8'"))
            return False
    if head.count(0) * 4 >= len(head) > 0:  # NUL bytes between the characters of a text
        label = "UTF-32" if head.count(b"\x00\x00\x00") * 8 >= len(head) else "UTF-16"
        problems.append(Problem(1, None, None, f"the file looks like {label} (NUL bytes between characters), "
                                               "not UTF-8: save it as 'CSV UTF-8'"))
        return False
    return True
