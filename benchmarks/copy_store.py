"""Copy an SQLite claim store into a new PostgreSQL one, row for row, to benchmark the same
archive on both backends.

    python benchmarks/copy_store.py STORE.db postgresql://USER@/DATABASE?host=SOCKET_FOLDER

Ingesting 100,000 articles again would take hours on 2 cores; the rows an ingest writes
(documents, claims, and the lookups kept beside them) are the same on both backends, so
they are copied with PostgreSQL's COPY into a store whose schema checker made (opening it runs
the migrations), then vacuumed and the planner's statistics gathered (VACUUM ANALYZE), as a
server's autovacuum does after a bulk load. The target database must hold no checker store yet.
Prints rows copied per table and the time taken.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time

TABLES = ("documents", "claims", "document_lookups", "document_words", "document_names")  # parents first


def copy(source: str, url: str) -> None:
    """Every row of the checker tables of `source` into the (new) store at `url`."""
    import psycopg

    from checker.store import open_store

    with open_store(url) as made:  # the schema, by checker's own migrations
        if made.counts() != (0, 0):
            raise SystemExit(f"{url} already holds documents: copy into an empty database")
    lite = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    with psycopg.connect(url, autocommit=True) as pg:
        for table in TABLES:
            started = time.perf_counter()
            columns = [row[1] for row in lite.execute(f"PRAGMA table_info({table})")]
            quoted = ", ".join(f'"{c}"' for c in columns)
            with pg.cursor() as cursor, cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as rows:
                count = 0
                for row in lite.execute(f"SELECT {quoted} FROM {table}"):
                    rows.write_row(row)
                    count += 1
            print(f"{table}: {count:,} rows in {time.perf_counter() - started:.0f} s", flush=True)
        pg.execute("VACUUM ANALYZE")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("url")
    args = parser.parse_args(argv)
    copy(args.source, args.url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
