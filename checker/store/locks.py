"""Who holds a lock on a store, so "the store is locked" can say by whom.

SQLite locks with POSIX advisory locks: on the database file in rollback and
exclusive modes, on its `-shm` file in WAL mode. Linux lists every such lock
in /proc/locks with the holder's pid and the file's inode; elsewhere, or when
that cannot be read, the holder is simply not named.
"""

from __future__ import annotations

import os
from pathlib import Path

_PROC_LOCKS = Path("/proc/locks")


def _inodes(path: Path) -> set[int]:
    found = set()
    for candidate in (path, Path(f"{path}-shm")):
        try:
            found.add(candidate.stat().st_ino)
        except OSError:
            continue
    return found


def _lock_pids(inodes: set[int]) -> set[int]:
    try:
        lines = _PROC_LOCKS.read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        return set()
    pids = set()
    for line in lines:
        fields = line.split()  # "1: POSIX ADVISORY WRITE <pid> <major>:<minor>:<inode> <start> <end>"
        if "->" in line or len(fields) < 6 or not fields[4].isdigit():  # "->": a waiter, not a holder
            continue
        inode = fields[5].rsplit(":", 1)[-1]
        if inode.isdigit() and int(inode) in inodes:
            pids.add(int(fields[4]))
    pids.discard(os.getpid())
    return pids


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def lock_holders(path: Path) -> str:
    """The processes holding locks on the store at `path`, as "pid 42 (sqlite3)", or ""."""
    return ", ".join(f"pid {pid}" + (f" ({name})" if (name := _name(pid)) else "")
                     for pid in sorted(_lock_pids(_inodes(path))))
