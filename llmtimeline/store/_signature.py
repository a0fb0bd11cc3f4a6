"""The keyed signature that decides whether a Parquet file's typed columns are trusted.

:mod:`.parquet` writes every file through :class:`_Signing`, which feeds its
bytes to an HMAC-SHA256 under this installation's key (:mod:`._key`) and keeps
the footer so the digest can be written in place of :data:`_PLACEHOLDER`;
:func:`_signature` computes the same HMAC of a file being read. :func:`fingerprint`
names the code that made the typed columns, so columns made by other code are
not trusted.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import io
import os
from pathlib import Path
from typing import Any, BinaryIO

from ..schema import COLUMNS

__all__ = ["DIGEST", "fingerprint"]

#: The key of the file's signature in the footer's key-value metadata (pyarrow does not carry it
#: into a table read from the file, so a table written back is never trusted).
DIGEST = b"llmtimeline:digest"
_PLACEHOLDER = b"0" * 64  # the signature's bytes while the file is signed (and when checked)


@functools.cache
def fingerprint() -> str:
    """The version and a digest of the package's source: typed columns made by other code are not trusted."""
    from importlib import metadata

    try:
        version = metadata.version("llmtimeline")
    except metadata.PackageNotFoundError:
        version = "unknown"
    digest = hashlib.sha256(",".join(COLUMNS).encode())
    root = Path(__file__).resolve().parent.parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{version}:{digest.hexdigest()[:32]}"


class _Signing(io.RawIOBase):
    """A write-only file passing its bytes to ``handle`` and feeding them to ``mac``; the bytes
    written after :meth:`record` is called are kept (the footer, to be signed in place)."""

    def __init__(self, handle: BinaryIO, mac: Any) -> None:
        super().__init__()
        self._handle, self.mac, self.written = handle, mac, 0
        self.recorded: bytearray | None = None
        self.recorded_from = 0

    def writable(self) -> bool:
        return True

    def record(self) -> None:
        self.recorded, self.recorded_from = bytearray(), self.written

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self.mac.update(view)
        self._handle.write(view)
        if self.recorded is not None:
            self.recorded += view
        self.written += len(view)
        return len(view)

    def tell(self) -> int:
        return self.written

    def close(self) -> None:  # the handle is atomic_write's to close
        self._handle.flush()
        super().close()


def _footer_start(size: int, tail: bytes) -> int:
    """Where a Parquet file's footer starts, from its size and last eight bytes (-1 if they are not Parquet's)."""
    if len(tail) != 8 or tail[4:] != b"PAR1":
        return -1
    start = size - 8 - int.from_bytes(tail[:4], "little")
    return start if 4 <= start <= size - 8 else -1


def _signature(fd: int | bytes, footer_at: int, footer: bytes, stored: bytes, key: bytes) -> str:
    """The HMAC of the file at ``fd`` (or of these bytes) with the stored signature's bytes read as
    :data:`_PLACEHOLDER`."""
    mac = hmac.new(key, digestmod=hashlib.sha256)
    if isinstance(fd, bytes):
        mac.update(fd[:footer_at])
        mac.update(footer.replace(stored, _PLACEHOLDER))
        return mac.hexdigest()
    offset = 0
    while offset < footer_at:
        block = os.pread(fd, min(1 << 23, footer_at - offset), offset)
        if not block:
            break
        mac.update(block)
        offset += len(block)
    mac.update(footer.replace(stored, _PLACEHOLDER))
    return mac.hexdigest()
