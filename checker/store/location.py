"""Which backend a store location names, and how it is shown: a `postgresql://` (or
`postgres://`) URL is a PostgreSQL store, anything else an SQLite file. Nothing here needs the
PostgreSQL driver, so an SQLite user need not install it."""

from __future__ import annotations

from urllib.parse import urlsplit

SCHEMES = ("postgresql://", "postgres://")
HIDDEN = "***"


def is_store_url(location: str) -> bool:
    """Whether a location names a PostgreSQL store rather than an SQLite file."""
    return location.startswith(SCHEMES)


def shown_location(location: str) -> str:
    """The location as messages show it: a URL's password (in its user part or its query)
    replaced by ***, so it never reaches a terminal or a CI log."""
    if not is_store_url(location):
        return location
    try:
        parts = urlsplit(location)
    except ValueError:  # not even a URL's shape: shown without anything after the scheme
        return location.split("://", 1)[0] + "://" + HIDDEN
    user, at, hosts = parts.netloc.rpartition("@")
    if ":" in user:
        user = f"{user.split(':', 1)[0]}:{HIDDEN}"
    pairs = [f"password={HIDDEN}" if pair.split("=", 1)[0] == "password" else pair
             for pair in parts.query.split("&")] if parts.query else []
    query = "&".join(pairs)  # urlunsplit would drop the empty host of "postgresql:///db?host=/tmp"
    return f"{parts.scheme}://{user}{at}{hosts}{parts.path}" + (f"?{query}" if query else "")
