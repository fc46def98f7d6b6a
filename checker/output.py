"""Writing reports, exports and baselines: whole or not at all, and only where named.

The text goes to a temporary file in the target's folder, is flushed to disk
and then renamed over the target (`os.replace`, atomic on POSIX), so a run
that fails part-way — an error, a full disk, Ctrl-C — never leaves a
half-written file, and a reader never sees one. A file that was there keeps
its permission bits and (where the system lets us) its owner and group: a
`0600` report stays private.

The path is used as named: a symbolic link at the output path, or as its
folder, is refused rather than followed, so a link planted in a shared folder
cannot redirect a report over some other file (and the rename would replace a
link, never write through it, even if one appeared after the check). The
folder must exist: a typo in it is an error, not a new directory tree. A path
that is one of the run's inputs (the store, a document, the fact sheet) is
refused, since writing it would destroy what was just read.

A character device or a named pipe at the path (`-o /dev/null`, a FIFO a
script reads) is written into directly: renaming over it would replace the
device with a regular file. Other special files are refused.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import OutputError

_EXISTS = "already exists; pass --force to replace it"


def write_output(path: Path, text: str | Iterable[str], inputs: Iterable[str | Path] = (), *, replace: bool = True) -> None:
    """Write `text` (UTF-8; a string, or pieces written as they come, so that a report of a whole
    archive is never all in memory) to `path` atomically, or raise a one-line `OutputError` with
    nothing written.

    `inputs` are the files the run read; writing over one of them is refused. Without `replace`,
    a file already at `path` is left alone, even one that appears while the text is written
    (a file an editor has worked on is not replaced by a fresh draft)."""
    shown = str(path)
    existing = _target(path, shown)
    if existing is not None and not replace:
        raise OutputError(_EXISTS, path=shown)
    if existing is not None:
        if any(_same_file(path, source) for source in inputs):
            raise OutputError("is one of this run's inputs; refusing to write over it", path=shown)
        if not stat.S_ISREG(existing.st_mode):
            _write_through(path, text, existing, shown)
            return
    _replace(path, text, existing, shown, replace)


def _target(path: Path, shown: str) -> os.stat_result | None:
    """What is at `path` now (None: nothing), refusing links, folders and a missing or linked folder."""
    try:
        if path.parent.is_symlink():
            raise OutputError("its folder is a symbolic link; refusing to write through it", path=shown)
        if not path.parent.is_dir():
            raise OutputError("cannot write: its folder does not exist", path=shown)
        existing = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:  # a name too long, a folder we may not search
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=shown) from None
    if stat.S_ISLNK(existing.st_mode):
        raise OutputError("is a symbolic link; refusing to write through it (name the file it points to)", path=shown)
    if stat.S_ISDIR(existing.st_mode):
        raise OutputError("is a folder, not a file", path=shown)
    return existing


def _same_file(path: Path, source: str | Path) -> bool:
    """Whether `source` is the file at `path`, however either is spelled (hard links too)."""
    try:
        return os.path.samefile(path, source)
    except (OSError, ValueError):
        return False


def _reason(exc: OSError) -> str:
    return "disk full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else exc.strerror or str(exc)


def _replace(path: Path, text: str | Iterable[str], existing: os.stat_result | None, shown: str, replace: bool = True) -> None:
    """Write a temporary file beside `path`, give it the old file's owner and mode, rename it over
    (or, not to replace a file, link it in: a link fails where a file has appeared meanwhile)."""
    temp = path.parent / f".checker-{secrets.token_hex(6)}.tmp"  # short: the target's name may be the longest allowed
    try:
        # O_EXCL and O_NOFOLLOW: never open a file (or a link) someone else put at the temporary name
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if existing is not None:
                _keep_owner_and_mode(fd, existing)
            handle.writelines(_pieces(text))
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(temp, path)
        else:
            _link(temp, path, shown)
    except OSError as exc:
        _discard(temp)
        raise OutputError(f"cannot write: {_reason(exc)}; nothing written", path=shown) from None
    except BaseException:
        _discard(temp)
        raise


def _link(temp: Path, path: Path, shown: str) -> None:
    """Put the written file at `path` unless a file is there; on a filesystem without hard
    links, rename it there after a last look."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise OutputError(_EXISTS, path=shown) from None
    except OSError:
        if os.path.lexists(path):
            raise OutputError(_EXISTS, path=shown) from None
        os.replace(temp, path)
    _discard(temp)


def _keep_owner_and_mode(fd: int, existing: os.stat_result) -> None:
    """Owner first (a change of owner clears set-id bits), then the permission bits."""
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != (existing.st_uid, existing.st_gid):
        try:
            os.fchown(fd, existing.st_uid, existing.st_gid)
        except PermissionError:  # only root gives a file away: the runner owns the new file
            pass
    os.fchmod(fd, stat.S_IMODE(existing.st_mode))


def _pieces(text: str | Iterable[str]) -> Iterable[str]:
    return [text] if isinstance(text, str) else text


def _discard(temp: Path) -> None:
    try:
        temp.unlink(missing_ok=True)
    except OSError:
        pass


def _write_through(path: Path, text: str | Iterable[str], existing: os.stat_result, shown: str) -> None:
    """Write into a character device or a named pipe (waiting for a reader, as a shell redirect does)."""
    if not (stat.S_ISCHR(existing.st_mode) or stat.S_ISFIFO(existing.st_mode)):
        raise OutputError("is a special file, not a regular file, a device or a pipe; refusing to write to it",
                          path=shown)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_NOCTTY)
        with os.fdopen(fd, "wb") as handle:
            now = os.fstat(fd)
            if (now.st_dev, now.st_ino) != (existing.st_dev, existing.st_ino):
                raise OutputError("changed while being opened; nothing written", path=shown)
            handle.writelines(piece.encode("utf-8") for piece in _pieces(text))
    except OSError as exc:
        raise OutputError(f"cannot write: {_reason(exc)}", path=shown) from None
