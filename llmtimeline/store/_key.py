"""This installation's secret key: what lets a Parquet file's typed columns be trusted.

:mod:`.parquet` signs every file it writes with an HMAC-SHA256 under this key, so
that only files written here are read without parsing their cells again; a file
whose signature does not check out (written elsewhere, edited, forged with a
recomputed SHA-256) is validated from its cells like a CSV.

The key is 32 random bytes in ``parquet.key`` in the user's configuration folder
(``$XDG_CONFIG_HOME/llmtimeline``, else ``~/.config/llmtimeline``; the file named
by ``$LLMTIMELINE_KEY_FILE`` instead, when that is set). It is created on first
use, atomically and readable by its owner only (mode 0600): written whole into
a temporary file opened with ``O_EXCL``, then linked to its name, so two
processes creating it at once agree on one key. When no key can be read or made
(a read-only home folder, a key file of the wrong size or kind), :func:`secret`
is None: files are then written unsigned and every Parquet load validates the
cells.
"""

from __future__ import annotations

import functools
import os
import secrets
import stat
from pathlib import Path

__all__ = ["KEY_BYTES", "key_path", "secret"]

KEY_BYTES = 32


def key_path() -> Path:
    """Where this installation's key lives (see the module's notes)."""
    named = os.environ.get("LLMTIMELINE_KEY_FILE")
    if named:
        return Path(named)
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(config) / "llmtimeline" / "parquet.key"


def secret() -> bytes | None:
    """This installation's key, made on first use; None when it can be neither read nor made."""
    return _secret(str(key_path()))


@functools.lru_cache(maxsize=8)  # one key per key file asked for
def _secret(path: str) -> bytes | None:
    found = _read(path)
    if found is not None:
        return found
    try:
        return _create(path)
    except OSError:
        return _read(path)


def _read(path: str) -> bytes | None:
    """The key in ``path`` when it is a regular file of :data:`KEY_BYTES` bytes that only its owner may write."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != KEY_BYTES or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None
        data = os.read(fd, KEY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if len(data) == KEY_BYTES else None


def _create(path: str) -> bytes | None:
    """Make the key file atomically (mode 0600); the key that is then in place (ours or a racer's)."""
    target = Path(path)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    tmp = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        try:
            os.write(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, target)  # fails when the key exists: whoever linked first wins
        except FileExistsError:
            pass
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    return _read(path)
