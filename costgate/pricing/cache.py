"""A SQLite cache of live price answers (including "no such price") and the live sources' indexes.

Lives in $COSTGATE_CACHE_DIR, else $XDG_CACHE_HOME/costgate, else ~/.cache/costgate.
Concurrent costgate processes may share it: WAL journal, a busy timeout, and single-statement
upserts, so a writer never sees a half-written row and never fails on a locked file; and a
lock file per index key (`locks/`, an flock while the index is fetched), so a second process
waits for the first one's read and uses it instead of reading the same prices again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from costgate.model import Price, PriceQuery
from costgate.pricing.source import Budget, Index, Prefetching, PriceSource

DEFAULT_TTL_DAYS = 7
FILE_NAME = "prices.sqlite3"
_BUSY_TIMEOUT_MS = 30_000
_LOCK_POLL_SECONDS = 0.05


def cache_dir() -> Path:
    explicit = os.environ.get("COSTGATE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "costgate"


class PriceCache:
    def __init__(
        self,
        directory: Path | None = None,
        ttl_days: float = DEFAULT_TTL_DAYS,
        clock: Callable[[], float] = time.time,
    ):
        self.path = (directory or cache_dir()) / FILE_NAME
        self._ttl = ttl_days * 86400
        self._clock = clock
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.RLock()  # live sources read concurrently; one connection serves them in turn

    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(
                self.path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
            connection.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS prices (key TEXT PRIMARY KEY, value TEXT, stored_at REAL NOT NULL)"
            )
            connection.execute(
                "CREATE TABLE IF NOT EXISTS sku_indexes (service TEXT PRIMARY KEY, value TEXT NOT NULL, stored_at REAL NOT NULL)"
            )
            self._connection = connection
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    # Price answers. A miss is None; a cached "no price" is (True, None).
    def get(self, source: str, query: PriceQuery) -> tuple[bool, Price | None]:
        with self._lock:
            row = (
                self._db()
                .execute("SELECT value, stored_at FROM prices WHERE key = ?", (_key(source, query),))
                .fetchone()
            )
        if row is None or self._expired(row[1]):
            return False, None
        return True, None if row[0] is None else _price_from_json(row[0])

    def put(self, source: str, query: PriceQuery, price: Price | None) -> None:
        value = None if price is None else _price_to_json(price)
        with self._lock:
            self._db().execute(
                "INSERT INTO prices (key, value, stored_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value, stored_at = excluded.stored_at",
                (_key(source, query), value, self._clock()),
            )

    # The live sources' indexes: a GCP service's SKU list, an AWS batch read. The table keeps its first name.
    def get_index(self, key: str) -> Index | None:
        """The index stored under `key`, None when there is none, it expired or the cache cannot be read."""
        try:
            with self._lock:
                row = (
                    self._db()
                    .execute("SELECT value, stored_at FROM sku_indexes WHERE service = ?", (key,))
                    .fetchone()
                )
        except sqlite3.Error:
            return None
        if row is None or self._expired(row[1]):
            return None
        return {tuple(entry[0]): entry[1] for entry in json.loads(row[0])}

    def put_index(self, key: str, index: Index) -> None:
        value = json.dumps([[list(index_key), entry] for index_key, entry in index.items()])
        try:
            with self._lock:
                self._db().execute(
                    "INSERT INTO sku_indexes (service, value, stored_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(service) DO UPDATE SET value = excluded.value, stored_at = excluded.stored_at",
                    (key, value, self._clock()),
                )
        except sqlite3.Error:
            pass  # the index is still right for this run; it just is not kept

    @contextmanager
    def fetching(self, key: str, budget: Budget) -> Iterator[None]:
        """An exclusive lock on `key` across processes while it is fetched; waiting counts against the budget.

        Where the platform has no file lock costgate knows, each process fetches for itself.
        """
        locks = self.path.parent / "locks"
        name = hashlib.sha256(key.encode()).hexdigest()[:32] + ".lock"
        try:
            locks.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(locks / name, os.O_CREAT | os.O_RDWR, 0o600)
        except OSError:  # a cache directory we cannot write: fetch without the lock (and without keeping it)
            yield
            return
        try:
            while not _try_lock(descriptor):
                budget.spend()  # another process is reading these prices: wait, within the budget
                time.sleep(_LOCK_POLL_SECONDS)
            yield
        finally:
            os.close(descriptor)  # closing the file releases the lock

    def clear(self) -> int:
        """Remove every cached answer; returns how many rows went."""
        if not self.path.exists():
            return 0
        with self._lock:
            database = self._db()
            return (
                database.execute("DELETE FROM prices").rowcount
                + database.execute("DELETE FROM sku_indexes").rowcount
            )

    def _expired(self, stored_at: float) -> bool:
        return self._clock() - stored_at > self._ttl


class CachedSource:
    """A live source behind the cache: answers (and "no price") are kept for the TTL; failures are not."""

    def __init__(self, source: PriceSource, cache: PriceCache):
        self.source = source
        self.cache = cache
        self.name = source.name

    def prefetch(self, queries: list[PriceQuery]) -> None:
        """Hand the source the queries the cache cannot answer: a warm cache makes no request."""
        if isinstance(self.source, Prefetching):
            misses = [query for query in queries if not self._cached(query)[0]]
            if misses:
                self.source.prefetch(misses)

    def _cached(self, query: PriceQuery) -> tuple[bool, Price | None]:
        try:
            return self.cache.get(self.name, query)
        except sqlite3.Error:  # an unreadable cache must not stop the run; ask the source
            return False, None

    def lookup(self, query: PriceQuery) -> Price | None:
        hit, price = self._cached(query)
        if hit:
            return price
        price = self.source.lookup(query)  # PricingUnavailable passes through uncached
        try:
            self.cache.put(self.name, query, price)
        except sqlite3.Error:
            pass  # the answer is still right; it just is not kept
        return price


def _key(source: str, query: PriceQuery) -> str:
    return json.dumps(
        [source, query.provider, query.service, query.region, query.product_family, query.attributes]
    )


def _price_to_json(price: Price) -> str:
    return json.dumps(
        {
            "amount": str(price.amount),
            "unit": price.unit,
            "source": price.source,
            "as_of": price.as_of,
            "currency": price.currency,
            "tiers": [[str(start), str(amount)] for start, amount in price.tiers],
        }
    )


def _price_from_json(text: str) -> Price:
    data = json.loads(text)
    tiers = tuple((Decimal(start), Decimal(amount)) for start, amount in data["tiers"])
    return Price(
        Decimal(data["amount"]), data["unit"], data["source"], data["as_of"], data["currency"], tiers
    )


def _try_lock(descriptor: int) -> bool:
    """Take the exclusive lock on the open lock file, or say that another process holds it.

    flock on POSIX, msvcrt.locking (one byte) on Windows; closing the file releases either. On a
    platform with neither, True: the run fetches without a lock, as with an unwritable cache.
    """
    try:
        import fcntl
    except ImportError:
        try:
            import msvcrt
        except ImportError:
            return True
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
