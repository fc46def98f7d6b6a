"""Where claims live between runs: an interface and its SQLite implementation."""

from .base import ClaimStore, StoredState, Versions, matches
from .sqlite import SQLiteStore, is_sqlite_file

__all__ = ["ClaimStore", "SQLiteStore", "StoredState", "Versions", "is_sqlite_file", "matches", "open_store"]


def open_store(path: str, *, readonly: bool = False) -> ClaimStore:
    """Open (creating it unless `readonly`) the claim store at `path`."""
    return SQLiteStore(path, readonly=readonly)
