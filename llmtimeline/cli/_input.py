"""What the command line reads: a file given by its path, or standard input (``-``), refused early
when it cannot end well.

- A path must name a regular file: a FIFO would block the read forever and a
  device such as ``/dev/zero`` never ends, so both are refused by their type
  (read with :func:`os.stat`, which opens nothing) before anything is opened.
- Standard input is read in chunks up to :func:`stdin_limit` bytes
  (:data:`STDIN_LIMIT_MB` MB, or ``LLMTIMELINE_STDIN_MB``); a longer stream is
  refused, so an endless one (``yes | llmtimeline validate -``) ends with one
  line in bounded memory.  A larger input can always be given by its path.
- Standard input that is not UTF-8 is refused in one line that names the
  first bad byte and its line (a Parquet file is read from its path only).
"""

from __future__ import annotations

import io
import os
import stat
import sys
from typing import BinaryIO

from ..exceptions import Error, LoadError, Problem

__all__ = ["STDIN_LIMIT_MB", "Input", "read_input", "stdin_limit"]

#: The most standard input may hold, in MB (1 MB = 2**20 bytes); ``LLMTIMELINE_STDIN_MB`` overrides it.
STDIN_LIMIT_MB = 256
_CHUNK = 1 << 20
_STDIN = "<stdin>"


class Input:
    """A source for :func:`llmtimeline.load` and its size in bytes (None: the bundled file)."""

    def __init__(self, source: str | BinaryIO | None, size: int | None) -> None:
        self.source = source
        self.size = size


def stdin_limit() -> int:
    """The most bytes standard input may hold."""
    text = os.environ.get("LLMTIMELINE_STDIN_MB", "")
    try:
        mb = float(text) if text else STDIN_LIMIT_MB
    except ValueError:
        raise Error(f"LLMTIMELINE_STDIN_MB={text!r}: expected a number of MB") from None
    return max(int(mb * (1 << 20)), 0)


def read_input(path: str | None, stdin: BinaryIO | None = None) -> Input:
    """The source to load for a file argument: None for the bundled file, ``-`` standard input
    (read whole, within the limit, as bytes), else a path that names a regular file."""
    if path is None:
        return Input(None, None)
    if path == "-":
        data = _read_stdin(stdin if stdin is not None else sys.stdin.buffer)
        named = io.BytesIO(data)
        named.name = _STDIN  # what messages call it
        return Input(named, len(data))
    return Input(path, regular_file(path))


def regular_file(path: str) -> int:
    """The size of the file ``path``; an :class:`~llmtimeline.Error` unless it is a regular file."""
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:  # missing, unreadable, a NUL in the name
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise _refused(path, f"cannot read the file: {reason}") from None
    if stat.S_ISREG(info.st_mode):
        return info.st_size
    what = ("a directory" if stat.S_ISDIR(info.st_mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode)
            else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file")
    raise _refused(path, f"cannot read the file: it is {what}, not a regular file (to read a stream, pipe it to '-')")


def _refused(name: str, reason: str) -> LoadError:
    """A file refused as a whole: one problem, which the command line prints on one line (exit 1)."""
    return LoadError(name, [Problem(None, None, None, reason)])


def _read_stdin(stream: BinaryIO) -> bytes:
    limit = stdin_limit()
    chunks: list[bytes] = []
    held = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - held))
        if not chunk:
            break
        chunks.append(chunk)
        held += len(chunk)
        if held > limit:
            raise _refused(_STDIN, f"longer than {limit / (1 << 20):.3g} MB, the most '-' reads "
                           "(LLMTIMELINE_STDIN_MB sets it): save it to a file and give its path")
    data = b"".join(chunks)
    _check_utf8(data)
    return data


def _check_utf8(data: bytes) -> None:
    if data.startswith(b"PAR1"):
        raise _refused(_STDIN, "a Parquet file, which is read from its path only: give the file's path")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _refused(_STDIN, f"not UTF-8: byte 0x{data[exc.start]:02X} on line {line:,} "
                       "(save it as UTF-8; in a spreadsheet, as 'CSV UTF-8 (comma delimited)')") from None
