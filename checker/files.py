"""Reading a file the user named: a regular file, read up to a limit, decoded as UTF-8.

Every file checker reads on a user's behalf — documents, settings, rules files,
fact sheets, baselines, import files — comes through here, so none of them can
hang the run or exhaust memory. A FIFO would block the open until some writer
came (forever, in CI), and `/dev/zero` or a sparse terabyte never ends, so
anything but a regular file is refused after a `stat`, before it is opened
(opening some devices has effects of its own), and checked again on the open
descriptor in case it was swapped in between. The read stops one byte past the
limit, so an oversized file costs no more than the limit to refuse.

Text is decoded with `utf-8-sig`: a leading byte-order mark is dropped, and
every offset checker reports points into the text after it.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from .errors import CheckerError

MB = 1_000_000
_KINDS = (
    (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
)


def _refuse_irregular(mode: int, shown: str, error: type[CheckerError]) -> None:
    """Raise `error` unless `mode` is a regular file's, naming what the path is instead."""
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise error(f"is {kind}, not a regular file; refusing to read it", path=shown)


def read_limited(path: Path, limit_mb: float, error: type[CheckerError], what: str = "file", hint: str = "") -> bytes:
    """The bytes of the regular file at `path`, at most `limit_mb` megabytes, else `error` in one line.

    `what` names the file in a read error ("cannot read baseline: ..."); `hint` follows the size
    message (how to raise the limit, where there is a way)."""
    shown, limit = str(path), int(limit_mb * MB)
    try:
        _refuse_irregular(os.stat(path).st_mode, shown, error)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        raise error(f"cannot read {what}: {exc.strerror or exc}", path=shown) from None
    except ValueError:  # a NUL byte in the name, which no file can have
        raise error(f"cannot read {what}: its name holds a NUL byte", path=shown) from None
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        _refuse_irregular(status.st_mode, shown, error)
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise error(f"cannot read {what}: {exc.strerror or exc}", path=shown) from None
    if len(data) > limit:
        size = max(status.st_size, len(data)) / MB
        raise error(f"file is {size:.1f} MB, over the {limit_mb:g} MB limit{hint}", path=shown)
    return data


def decode(data: bytes, shown: str, error: type[CheckerError]) -> str:
    """UTF-8 text without a leading byte-order mark, or `error` naming the byte and its line."""
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = bom + exc.start
        raise error(f"not UTF-8 (byte {at})", path=shown, line=data[:at].count(b"\n") + 1) from None


def read_limited_text(path: Path, limit_mb: float, error: type[CheckerError], what: str = "file") -> str:
    """`read_limited`, then `decode`: a settings, rules, fact-sheet, baseline or import file's text."""
    return decode(read_limited(Path(path), limit_mb, error, what), str(path), error)
