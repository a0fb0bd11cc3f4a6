"""The file system's side of reading and saving: regular files only, atomic saves.

Reading refuses anything but a regular file before reading a byte (a FIFO would
block, ``/dev/zero`` never ends, a folder is no file).

A save (:func:`atomic_write`):

- follows symbolic links to the real file: the file the link points to is
  updated and the link kept.  A dangling link is followed too: the file it names
  is created (as ``echo > link`` would), when its folder exists;
- refuses a target that is read-only (no write permission bit, or not writable by
  this user), a folder, a FIFO or a device, and a folder that is read-only or
  missing, each with a :class:`~llmtimeline.SaveError` that names the target;
- writes a temporary file beside the real file, syncs it, renames it over the
  target and syncs the folder: a crash at any moment leaves the old file or the
  new one, whole;
- removes its temporary file when the process is asked to stop while it writes
  (SIGTERM, SIGHUP, SIGINT, when they would otherwise end it at once): the
  signal is held until the file is gone, then delivered as it would have been;
- names the temporary file predictably, ``.<name>.llmtimeline-tmp`` (the name cut
  and tagged with a hash when it would pass the file system's 255-byte limit), so
  the leftover of a killed save is reused and removed by the next save of the same
  file, and locks it while writing, so two processes saving the same file at once
  take turns instead of mixing their bytes.
"""

from __future__ import annotations

import contextlib
import errno as errnos
import hashlib
import os
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..exceptions import LoadError, Problem, SaveError

try:  # POSIX: saves of one file by several processes take turns
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["atomic_write", "atomic_write_bytes", "open_regular", "read_regular", "temp_name"]

NAME_MAX = 255  # bytes in one file name on every common file system
_SUFFIX = ".llmtimeline-tmp"


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: str | os.PathLike[str], name: str) -> BinaryIO:
    """The regular file ``path`` opened for reading; a LoadError naming ``name`` for anything else.

    The file is opened without blocking and checked before a byte is read: a FIFO,
    a device (``/dev/zero``) or a folder is refused at once.  The caller closes it.
    """
    def fail(reason: str) -> LoadError:
        return LoadError(name, [Problem(None, None, None, reason)])

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise fail(f"cannot read the file: {exc.strerror or exc}") from None
    except (ValueError, TypeError) as exc:  # a NUL byte in the name, a path that is no path
        raise fail(f"cannot read the file: {exc}") from None
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise fail(f"cannot read the file: it is {kind}, not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike[str], name: str) -> bytes:
    """The bytes of the regular file ``path`` (see :func:`open_regular`)."""
    with open_regular(path, name) as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise LoadError(name, [Problem(None, None, None, f"cannot read the file: {exc.strerror or exc}")]) from None


def temp_name(name: str) -> str:
    """The temporary file a save of the file ``name`` writes first: at most 255 bytes.

    >>> temp_name("events.csv")
    '.events.csv.llmtimeline-tmp'
    >>> long = temp_name("é" * 127 + ".csv")
    >>> len(os.fsencode(long)) <= 255, long.endswith(".llmtimeline-tmp"), long == temp_name("é" * 127 + ".csv")
    (True, True, True)
    """
    plain = f".{name}{_SUFFIX}"
    if len(os.fsencode(plain)) <= NAME_MAX:
        return plain
    raw = os.fsencode(name)
    tag = "~" + hashlib.sha256(raw).hexdigest()[:12]
    room = NAME_MAX - len(os.fsencode(f".{tag}{_SUFFIX}"))
    cut = raw[:room]
    while True:  # never cut a character in two
        try:
            head = os.fsdecode(cut)
            os.fsencode(head)
            cut.decode("utf-8")
            break
        except UnicodeError:
            cut = cut[:-1]
    return f".{head}{tag}{_SUFFIX}"


def _resolve(target: Path) -> Path:
    """The real file a save of ``target`` writes: symbolic links followed, dangling ones too."""
    try:
        return Path(os.path.realpath(target))
    except (OSError, ValueError):
        return target


def _read_only(info: os.stat_result) -> bool:
    return not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def _check_target(asked: str, real: Path) -> os.stat_result | None:
    """The real target's status when it exists; a SaveError when it may not be replaced."""
    folder = real.parent
    try:
        info = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise SaveError(asked, f"cannot reach the file: {exc.strerror}", exc.errno) from None
    if info is not None:
        kind = _kind(info.st_mode)
        if kind is not None:
            raise SaveError(asked, f"it is {kind}: only a regular file can be saved over", errnos.EINVAL)
        if _read_only(info) or not os.access(real, os.W_OK):
            raise SaveError(asked, "the file is read-only (make it writable to save over it)", errnos.EACCES)
    try:
        folder_info = os.stat(folder)
    except FileNotFoundError:
        raise SaveError(asked, f"the folder {str(folder)!r} does not exist", errnos.ENOENT) from None
    except OSError as exc:
        raise SaveError(asked, f"cannot reach the folder {str(folder)!r}: {exc.strerror}", exc.errno) from None
    if not stat.S_ISDIR(folder_info.st_mode):
        raise SaveError(asked, f"{str(folder)!r} is not a folder", errnos.ENOTDIR)
    if _read_only(folder_info) or not os.access(folder, os.W_OK | os.X_OK):
        raise SaveError(asked, f"the folder {str(folder)!r} is read-only", errnos.EACCES)
    return info


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system lets a folder be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _open_locked(tmp: Path) -> int:
    """Open (creating) the temporary file and hold its lock; it is ours alone until closed.

    A leftover of a killed save is reused.  When another process holds the lock we
    wait for it; it then renames or removes the file, so we open the new one.
    """
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(1000):
        try:
            fd = os.open(tmp, flags, 0o600)
        except OSError as exc:
            if exc.errno == errnos.ELOOP or (exc.errno in (errnos.EISDIR, errnos.ENXIO) and tmp.is_symlink()):
                tmp.unlink()  # a link where our temporary file goes: never write through it
                continue
            raise
        if fcntl is None:
            return fd
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # a file system without locks: one writer at a time is then the user's care
            return fd
        try:
            same = os.path.samestat(os.fstat(fd), os.lstat(tmp))
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # the file we waited on was renamed or removed: open the next one
    raise OSError(errnos.EAGAIN, "could not get the temporary file")  # pragma: no cover


_STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _remove_leftover(tmp: Path) -> None:
    """Remove the temporary file of a save that was stopped, unless another save holds its lock (it is
    then that save's file, which it renames or removes itself)."""
    try:
        fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return  # renamed into place already, or never made
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return  # another save is writing it
        with contextlib.suppress(OSError):
            if os.path.samestat(os.fstat(fd), os.lstat(tmp)):
                os.unlink(tmp)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _stop_cleanly(tmp: Path) -> Iterator[None]:
    """While a save writes, hold a stopping signal whose action is the default one (end the process)
    until the file is in place or removed, then end the process as the signal would have.

    The handler only notes the signal: raising from it could land inside a C library's call back
    into Python (pyarrow writing a Parquet file), which may never return.  A stopped save thus
    ends within the time of one write, leaving the old file or the new one and no temporary file.
    SIGINT already raises KeyboardInterrupt, which the writer cleans up after; other threads than
    the main one cannot handle signals and leave them alone."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    held: list[int] = []

    def hold(signum: int, frame: object) -> None:
        held.append(signum)

    for signum in _STOPPING:
        try:
            if signal.getsignal(signum) == signal.SIG_DFL:
                previous[signum] = signal.signal(signum, hold)
        except (OSError, ValueError):  # pragma: no cover - not settable here
            continue
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if held:
            _remove_leftover(tmp)  # a write that failed on the way may have left it
            os.kill(os.getpid(), held[0])  # the default action again: the process ends here


def atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> None:
    """Write ``path`` atomically with ``write(handle)``; any failure is a SaveError naming ``path``.

    See the module's notes: links followed, read-only and special files refused, a
    predictable temporary file removed on failure or reused by the next save.
    ``KeyboardInterrupt`` and other non-errors pass through, after the clean-up.
    """
    try:
        asked = os.fspath(path)
        target = Path(asked)
    except TypeError as exc:
        raise SaveError(repr(path), f"expected a path: {exc}") from None
    if isinstance(asked, bytes):
        asked = os.fsdecode(asked)
    if "\x00" in asked or not target.name:
        raise SaveError(asked, "not a file name", errnos.EINVAL)
    real = _resolve(target)
    info = _check_target(asked, real)
    tmp = real.parent / temp_name(real.name)
    with _stop_cleanly(tmp):
        _write_replace(asked, real, tmp, info, write)
    _sync_folder(real.parent)


def _write_replace(asked: str, real: Path, tmp: Path, info: os.stat_result | None,
                   write: Callable[[BinaryIO], None]) -> None:
    """Write ``tmp`` with ``write``, then rename it over ``real``; remove it on any failure."""
    try:
        fd = _open_locked(tmp)
    except OSError as exc:
        raise SaveError(asked, f"cannot write in {str(real.parent)!r}: {exc.strerror or exc}", exc.errno) from None
    try:
        try:
            os.ftruncate(fd, 0)
            with os.fdopen(fd, "wb", closefd=False) as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.fchmod(fd, stat.S_IMODE(info.st_mode) if info is not None else 0o644)
            os.replace(tmp, real)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        finally:
            os.close(fd)  # after the rename: the lock is released once the file is in place
    except OSError as exc:
        if isinstance(exc, SaveError):
            raise
        raise SaveError(asked, exc.strerror or str(exc), exc.errno) from None
    except (UnicodeError, ValueError) as exc:
        raise SaveError(asked, str(exc)) from None


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` as :func:`atomic_write` does (a chart, a page, an export)."""
    def write(handle: BinaryIO) -> None:
        handle.write(data)

    atomic_write(path, write)
