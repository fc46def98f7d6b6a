"""Where claims live between runs: an interface, and its SQLite (the embedded default) and
PostgreSQL implementations, chosen by the store's location."""

from pathlib import Path

from ..errors import StoreDriverError
from .base import ClaimStore, StoredState, Versions, matches
from .location import is_store_url, shown_location
from .sqlite import SQLiteStore, is_sqlite_file

__all__ = ["ClaimStore", "SQLiteStore", "StoredState", "Versions", "is_sqlite_file", "is_store",
           "is_store_url", "matches", "open_store", "shown_location"]


def open_store(location: str, *, readonly: bool = False) -> ClaimStore:
    """Open (creating it unless `readonly`) the claim store at `location`: a `postgresql://`
    URL, or the path of an SQLite file."""
    if is_store_url(location):
        return _postgres_store(location, readonly)
    return SQLiteStore(location, readonly=readonly)


def is_store(location: str) -> bool:
    """Whether a location names a claim store (a URL, or an SQLite file) rather than documents."""
    return is_store_url(location) or is_sqlite_file(Path(location))


def _postgres_store(url: str, readonly: bool) -> ClaimStore:
    """The PostgreSQL driver is imported only here, so SQLite users need not install it."""
    try:
        from .postgres import PostgresStore
    except ImportError as exc:
        raise StoreDriverError(f"a PostgreSQL store needs the psycopg driver ({exc}); "
                               "install it with: pip install 'checker[postgres]'", path=shown_location(url)) from None
    return PostgresStore(url, readonly=readonly)
