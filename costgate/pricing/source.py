"""The interface every price source satisfies, and the chain that tries them in order."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from costgate.model import Price, PriceQuery


class PricingUnavailable(Exception):
    """A live source could not answer (network, credentials, throttling): the chain falls back to the next source."""


CONCURRENT_READS = 4  # a live source's reads at once (regions, services), small enough to stay polite


def read_concurrently(read: Callable[[Any], object], keys: Sequence[Any], name: str) -> None:
    """Run `read` for every key, CONCURRENT_READS at a time (a live source's prefetch).

    A key whose read finds the source unavailable is left alone: the lookups that need it say why.
    """
    if not keys:
        return
    with ThreadPoolExecutor(CONCURRENT_READS, thread_name_prefix=name) as pool:
        for done in [pool.submit(read, key) for key in keys]:
            try:
                done.result()
            except PricingUnavailable:
                pass


class AmbiguousQuery(Exception):
    """A query matched several different prices: a bug in the cost model's query, never averaged or guessed."""


class PriceSource(Protocol):
    name: str

    def lookup(self, query: PriceQuery) -> Price | None:
        """The on-demand price for the query, None when this source has no such price; may raise PricingUnavailable."""
        ...


Index = dict[tuple[str, ...], list[Any]]  # a live source's prices of one read, JSON-friendly for the cache


class IndexCache(Protocol):
    """Where live sources keep the indexes they read, shared by processes: one fetch per key at a time."""

    def get_index(self, key: str) -> Index | None: ...

    def put_index(self, key: str, index: Index) -> None: ...

    def fetching(self, key: str, budget: Budget) -> AbstractContextManager[None]:
        """Held while `key` is fetched, so that another process waits for it instead of fetching it too."""
        ...


@runtime_checkable
class Prefetching(Protocol):
    """A live source that can fetch many prices at once (batched, concurrently) before they are looked up."""

    def prefetch(self, queries: list[PriceQuery]) -> None:
        """Fetch what the queries need; never raises: a failure makes the later lookups raise PricingUnavailable."""
        ...


DEFAULT_LIVE_SECONDS = 60.0
MAX_LIVE_SECONDS = 3600.0


class Budget:
    """One live source's total time for a run: every request, retry and wait of the source counts against it.

    The clock starts at the source's first request. `left()` is what remains (never negative);
    `spend()` raises PricingUnavailable once it is gone, naming the source.
    """

    def __init__(self, source: str, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.source = source
        self.seconds = seconds
        self._clock = clock
        self._started: float | None = None
        self._lock = threading.Lock()

    def left(self) -> float:
        with self._lock:
            if self._started is None:
                self._started = self._clock()
            return max(self.seconds - (self._clock() - self._started), 0.0)

    def spend(self) -> float:
        """The seconds left; PricingUnavailable when none are."""
        left = self.left()
        if left <= 0:
            raise PricingUnavailable(f"{self.source} used up its {self.seconds:g} s time budget for this run")
        return left


def live_seconds(value: object, where: str) -> float:
    """A live time budget from the config or the environment: a finite number of seconds, above 0, at most an hour."""
    from costgate.errors import CostgateError

    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        seconds = math.nan
    if not 0 < seconds <= MAX_LIVE_SECONDS:  # NaN fails both comparisons
        raise CostgateError(
            f"{where}: the live pricing time budget must be a number of seconds above 0 and at most "
            f"{MAX_LIVE_SECONDS:g}, not {value!r}"
        )
    return seconds


@dataclass(frozen=True)
class Lookup:
    price: Price | None
    missing_reason: str  # why price is None


@dataclass
class _GivenUp:
    """A live source that failed: why, for which provider's prices, and which prices others answered since."""

    reason: str
    provider: str  # of the query it failed on: the prices it would have answered
    fell_back: list[str] = field(default_factory=list)  # those prices, since answered by another source
    answered_by: set[str] = field(default_factory=set)  # that other source's name


class PriceChain:
    """Tries sources in order; the first answer wins. Each distinct query is looked up once per run.

    A source that raises PricingUnavailable is not asked again for the rest of the run: a
    throttled or unreachable API costs one query's retries, not every price's. One warning
    per such source names it and counts the prices that fell back to a later source.
    """

    def __init__(self, sources: list[PriceSource]):
        self.sources = sources
        self._answers: dict[PriceQuery, Lookup] = {}
        self._given_up: dict[str, _GivenUp] = {}  # source name -> why and what it cost
        self._query_bugs: dict[str, list[str]] = {}  # an ambiguous query's message -> the prices concerned

    @property
    def warnings(self) -> list[str]:
        """One line per given-up source and per query bug (an estimate is never silently degraded)."""
        lines = []
        for name, given_up in self._given_up.items():
            line = f"{name} failed ({given_up.reason}) and was not asked again this run: "
            if given_up.fell_back:
                line += (
                    f"{_count(given_up.fell_back)} fell back to the {' and '.join(sorted(given_up.answered_by))}"
                    f" ({_shown(given_up.fell_back)})"
                )
            else:
                line += "no price fell back to another source"
            lines.append(line)
        lines += [
            f"query bug: {bug} ({_count(prices)}: {_shown(prices)})"
            for bug, prices in self._query_bugs.items()
        ]
        return lines

    @property
    def prefetches(self) -> bool:
        """Whether a source fetches in batches: then the Pricer hands over every query before pricing."""
        return any(isinstance(source, Prefetching) for source in self.sources)

    def prefetch(self, queries: Iterable[PriceQuery]) -> None:
        """Let batching sources fetch, at once, the prices of the queries not answered yet this run."""
        wanted = [query for query in dict.fromkeys(queries) if query not in self._answers]
        for source in self.sources:
            if isinstance(source, Prefetching) and source.name not in self._given_up and wanted:
                source.prefetch(wanted)

    def lookup(self, query: PriceQuery) -> Lookup:
        answer = self._answers.get(query)
        if answer is None:
            answer = self._answers[query] = self._ask(query)
        return answer

    def _ask(self, query: PriceQuery) -> Lookup:
        missed = {name: g for name, g in self._given_up.items() if g.provider == query.provider}
        for source in self.sources:
            if source.name in self._given_up:
                continue
            try:
                price = source.lookup(query)
            except PricingUnavailable as error:
                missed[source.name] = self._given_up[source.name] = _GivenUp(str(error), query.provider)
                continue
            except AmbiguousQuery as error:
                # Loud: the component is not priced, and the report's warnings name the query bug.
                self._query_bugs.setdefault(str(error), []).append(describe(query))
                return Lookup(None, f"{source.name}: {error}")
            if price is not None:
                for given_up in missed.values():
                    given_up.fell_back.append(describe(query))
                    given_up.answered_by.add(source.name)
                return Lookup(price, "")
        names = " or ".join(source.name for source in self.sources)
        reason = f"no price in the {names} for {describe(query)}"
        if missed:
            reason += " (" + "; ".join(f"{name}: {g.reason}" for name, g in missed.items()) + ")"
        elif all(source.name == "embedded catalog" for source in self.sources):
            reason += "; try --pricing live"
        return Lookup(None, reason)


def _count(prices: list[str]) -> str:
    return f"{len(prices)} price{'s' if len(prices) != 1 else ''}"


def _shown(prices: list[str]) -> str:
    more = f" and {len(prices) - _SHOWN_FALLBACKS} more" if len(prices) > _SHOWN_FALLBACKS else ""
    return ", ".join(prices[:_SHOWN_FALLBACKS]) + more


def describe(query: PriceQuery) -> str:
    """A short human description of a query: `m5.large (Linux, Shared) in us-east-1`."""
    interesting = [value for key, value in query.attributes if key not in _BORING_ATTRIBUTES]
    what = ", ".join(interesting) if interesting else query.product_family
    return f"{query.service} {what} in {query.region}"


_SHOWN_FALLBACKS = 5
_BORING_ATTRIBUTES = {"preInstalledSw", "capacitystatus", "licenseModel", "usageType"}
