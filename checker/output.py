"""Writing reports, exports and baselines: whole or not at all, and only where named.

The text goes to a temporary file in the target's folder, is flushed to disk
and then renamed over the target (`os.replace`, atomic on POSIX), so a run
that fails part-way — an error, a full disk, Ctrl-C — never leaves a
half-written file, and a reader never sees one. The path is used as named:
a symbolic link at the output path is refused rather than followed, so a
link planted in a shared folder cannot redirect a report over some other
file (and the rename would replace a link, never write through it, even if
one appeared after the check). The folder must exist: a typo in it is an
error, not a new directory tree.
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

from .errors import OutputError


def write_output(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically, or raise a one-line `OutputError` with nothing written."""
    shown = str(path)
    if path.is_symlink():
        raise OutputError("is a symbolic link; refusing to write through it (name the file it points to)", path=shown)
    if path.is_dir():
        raise OutputError("is a folder, not a file", path=shown)
    if not path.parent.is_dir():
        raise OutputError("cannot write: its folder does not exist", path=shown)
    temp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        # O_EXCL and O_NOFOLLOW: never open a file (or a link) someone else put at the temporary name
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        reason = "disk full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else exc.strerror or str(exc)
        raise OutputError(f"cannot write: {reason}; nothing written", path=shown) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
