"""What the command line reads: a file given by its path, or standard input (``-``), refused early
when it cannot end well.

- A path must name a regular file: a FIFO would block the read forever and a
  device such as ``/dev/zero`` never ends, so both are refused by their type
  (read with :func:`os.stat`, which opens nothing) before anything is opened.
- Standard input is read in chunks up to :func:`stdin_limit` bytes
  (:data:`STDIN_LIMIT_MB` MB, or ``LLMTIMELINE_STDIN_MB``); a longer stream is
  refused, so an endless one (``yes | llmtimeline validate -``) ends with one
  line in bounded memory.  A larger input can always be given by its path.
- Standard input that is not UTF-8, or holds a NUL byte (``/dev/zero``, a
  binary file), is refused in one line that names the first bad byte and its
  line, as soon as it is read (a Parquet file is read from its path only).
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
from typing import BinaryIO

from ..exceptions import Error, LoadError, Problem

__all__ = ["STDIN_LIMIT_MB", "Input", "read_input", "stdin_limit"]

#: The most standard input may hold, in MB (1 MB = 2**20 bytes); ``LLMTIMELINE_STDIN_MB`` overrides it.
STDIN_LIMIT_MB = 128
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
        if stdin is None:
            if sys.stdin is None or not hasattr(sys.stdin, "buffer"):
                raise _refused(_STDIN, "there is no standard input to read ('-')")
            stdin = sys.stdin.buffer
        data = _read_stdin(stdin)
        data.name = _STDIN  # what messages call it
        size = data.seek(0, io.SEEK_END)
        data.seek(0)
        return Input(data, size)
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


def _read_stdin(stream: BinaryIO) -> io.BytesIO:
    """Standard input, read chunk by chunk into one buffer (no copy at the end), checked as UTF-8 on the
    way (an incremental decoder: a bad byte stops the read there) and refused past the limit."""
    limit = stdin_limit()
    buffer = io.BytesIO()
    decoder = codecs.getincrementaldecoder("utf-8")()
    held = lines = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - held))
        if not chunk:
            break
        if not held and chunk.startswith(b"PAR1"):
            raise _refused(_STDIN, "a Parquet file, which is read from its path only: give the file's path")
        held += len(chunk)
        if held > limit:
            raise _refused(_STDIN, f"longer than {limit / (1 << 20):.3g} MB, the most '-' reads "
                           "(LLMTIMELINE_STDIN_MB sets it): save it to a file and give its path")
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            at = min(max(exc.start, 0), len(chunk) - 1)
            raise _not_utf8(chunk[at], lines + chunk.count(b"\n", 0, at) + 1) from None
        nul = chunk.find(0)
        if nul >= 0:  # /dev/zero, a binary file: no CSV text holds one
            line = lines + chunk.count(b"\n", 0, nul) + 1
            raise _refused(_STDIN, f"a NUL byte on line {line:,}: this is not CSV text")
        lines += chunk.count(b"\n")
        buffer.write(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:  # cut in the middle of a character
        buffer.seek(-1, io.SEEK_END)
        raise _not_utf8(buffer.read(1)[0], lines + 1) from None
    return buffer


def _not_utf8(byte: int, line: int) -> LoadError:
    return _refused(_STDIN, f"not UTF-8: byte 0x{byte:02X} on line {line:,} "
                    "(save it as UTF-8; in a spreadsheet, as 'CSV UTF-8 (comma delimited)')")
