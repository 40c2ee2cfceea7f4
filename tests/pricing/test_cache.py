"""The SQLite price cache: hits, "no price" answers, expiry, GCP indexes, two processes at once."""

from __future__ import annotations

import multiprocessing
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from costgate.model import Price, PriceQuery
from costgate.pricing.cache import CachedSource, PriceCache, cache_dir
from costgate.pricing.source import PricingUnavailable

M5 = PriceQuery.of("aws", "AmazonEC2", "us-east-1", "Compute Instance", instanceType="m5.large")
PRICE = Price(Decimal("0.096"), "Hrs", "aws price list api", "2026-03-20")


class Counting:
    name = "aws price list api"

    def __init__(self, answer=PRICE, error=None):
        self.calls = 0
        self.answer, self.error = answer, error

    def lookup(self, query):
        self.calls += 1
        if self.error:
            raise self.error
        return self.answer


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


def test_hit_is_served_from_the_cache(tmp_path):
    live = Counting()
    cached = CachedSource(live, PriceCache(tmp_path))
    assert cached.lookup(M5) == PRICE
    # a second process (a new cache object on the same file) does not ask again
    again = CachedSource(live, PriceCache(tmp_path))
    assert again.lookup(M5) == PRICE
    assert live.calls == 1


def test_no_price_is_cached_too(tmp_path):
    live = Counting(answer=None)
    cache = PriceCache(tmp_path)
    assert CachedSource(live, cache).lookup(M5) is None
    assert CachedSource(live, cache).lookup(M5) is None
    assert live.calls == 1


def test_failures_are_not_cached(tmp_path):
    cache = PriceCache(tmp_path)
    with pytest.raises(PricingUnavailable):
        CachedSource(Counting(error=PricingUnavailable("throttled")), cache).lookup(M5)
    assert cache.get("aws price list api", M5) == (False, None)


def test_entries_expire_after_the_ttl(tmp_path):
    clock = Clock()
    live = Counting()
    cached = CachedSource(live, PriceCache(tmp_path, ttl_days=7, clock=clock))
    cached.lookup(M5)
    clock.now += 7 * 86400  # exactly 7 days: still fresh
    cached.lookup(M5)
    clock.now += 1
    cached.lookup(M5)
    assert live.calls == 2


def test_tiered_prices_round_trip(tmp_path):
    tiered = Price(
        Decimal("0.023"),
        "GB-Mo",
        "aws price list api",
        "2026-03-20",
        tiers=((Decimal(0), Decimal("0.023")), (Decimal(51200), Decimal("0.022"))),
    )
    cache = PriceCache(tmp_path)
    cache.put("aws price list api", M5, tiered)
    assert cache.get("aws price list api", M5) == (True, tiered)


def test_gcp_index_round_trip_and_clear(tmp_path):
    cache = PriceCache(tmp_path)
    index = {
        ("Compute", "N2 Instance Core", "OnDemand", "us-central1"): ["h", [["0", "0.031611"]], "2026-10-01"]
    }
    cache.put_index("6F81-5844-456A", index)
    assert PriceCache(tmp_path).get_index("6F81-5844-456A") == index
    cache.put("aws price list api", M5, PRICE)
    assert cache.clear() == 2
    assert cache.get_index("6F81-5844-456A") is None


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("COSTGATE_CACHE_DIR", str(tmp_path / "explicit"))
    assert cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("COSTGATE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "costgate"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "costgate"


def _writer(directory: str, worker: int, count: int) -> None:
    cache = PriceCache(Path(directory))
    for n in range(count):
        query = PriceQuery.of("aws", "AmazonEC2", "us-east-1", "Storage", volumeApiName=f"v{n}")
        cache.put(
            "aws price list api",
            query,
            Price(Decimal(n), "GB-Mo", "aws price list api", f"2026-01-{worker:02d}"),
        )
        cache.put_index(
            f"service-{n % 5}",
            {("Compute", f"d{worker}", "OnDemand", "us-central1"): ["h", [["0", str(n)]], ""]},
        )


def test_two_processes_writing_at_once(tmp_path):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(tmp_path), worker, 200)) for worker in (1, 2)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(120)
    assert [process.exitcode for process in workers] == [0, 0]
    cache = PriceCache(tmp_path)
    for n in range(200):
        hit, price = cache.get(
            "aws price list api",
            PriceQuery.of("aws", "AmazonEC2", "us-east-1", "Storage", volumeApiName=f"v{n}"),
        )
        assert hit and price.amount == n and price.as_of in ("2026-01-01", "2026-01-02")


def test_a_key_being_fetched_by_another_process_is_waited_for_within_the_budget(tmp_path):
    from costgate.pricing.source import Budget

    holder, waiter = PriceCache(tmp_path), PriceCache(tmp_path)
    with holder.fetching("aws batch", Budget("aws price list api", 60)):
        # the lock is an flock on a file: a second open of it (another process, or this one) must wait
        with pytest.raises(PricingUnavailable, match="aws price list api used up its 0.2 s time budget"):
            with waiter.fetching("aws batch", Budget("aws price list api", 0.2)):
                pytest.fail("the lock was taken twice")
        with waiter.fetching("another batch", Budget("aws price list api", 0.2)):
            pass  # other keys are not held up
    with waiter.fetching("aws batch", Budget("aws price list api", 0.2)):
        pass  # released when the holder is done


def test_without_a_file_lock_each_process_fetches_for_itself(tmp_path, monkeypatch):
    # A platform with neither fcntl nor msvcrt: the fetch goes ahead unlocked instead of failing.
    from costgate.pricing.source import Budget

    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl now raises ImportError
    monkeypatch.setitem(sys.modules, "msvcrt", None)
    holder, other = PriceCache(tmp_path), PriceCache(tmp_path)
    with holder.fetching("aws batch", Budget("aws price list api", 60)):
        with other.fetching("aws batch", Budget("aws price list api", 0.2)):
            pass  # not waited for: there is no lock to wait on


def test_an_index_is_shared_through_the_cache(tmp_path):
    one, two = PriceCache(tmp_path), PriceCache(tmp_path)
    index = {("m5.large",): [["0.096", "Hrs", "2026-03-20", "USD", []]]}
    one.put_index('["aws", "AmazonEC2"]', index)
    assert two.get_index('["aws", "AmazonEC2"]') == index
    assert two.get_index("other") is None
