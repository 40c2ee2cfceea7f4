"""Live AWS prices from the Price List Query API (boto3's `pricing` client).

Only loaded when a live pricing mode is chosen: boto3 is slow to import. The client is
built the ordinary way, so boto3's own settings (AWS_ENDPOINT_URL_PRICING, profiles,
proxies) keep working. The Price List endpoint region has nothing to do with the region
being priced; the priced region is the `regionCode` filter.
(https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html)

Prices are read in batches: a query of a family in `BATCHED_BY` drops that one attribute
from its filters, so every Linux shared-tenancy instance type of a region comes in one
paginated read, indexed locally by instance type (as GCP's SKU list is). Batches of
different regions and services are read concurrently, a few at a time, and kept in the
cache, under a per-batch lock, so concurrent costgate processes read each batch once.

The source is bounded: one time budget for the run, every request, retry and wait
included; the first connect failure, read timeout or rejected credential, a run of
throttled answers, or an answer of the wrong shape opens a circuit breaker, and every
later query fails at once with the same reason (the chain then falls back to the catalog).
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    PartialCredentialsError,
    ReadTimeoutError,
)

from costgate.model import Price, PriceQuery
from costgate.pricing.source import (
    CONCURRENT_READS,
    DEFAULT_LIVE_SECONDS,
    AmbiguousQuery,
    Budget,
    Index,
    IndexCache,
    PricingUnavailable,
    read_concurrently,
)

AWS_SOURCE = "aws price list api"
DEFAULT_ENDPOINT_REGION = "us-east-1"
MAX_ATTEMPTS = 3  # per request, first try included, for throttling, 5xx and connection resets
BACKOFF_SECONDS = 1.0  # the wait before retry n is up to BACKOFF_SECONDS x 2^(n - 1), with full jitter
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 15.0  # a 100-product page answers in well under a second
PAGE_SIZE = 100  # the API's maximum

# Families whose products differ in one attribute once the others are pinned: the family's
# products of a region come in one read and are indexed by that attribute.
BATCHED_BY = {
    ("AmazonEC2", "Compute Instance"): "instanceType",
    ("AmazonEC2", "Compute Instance (bare metal)"): "instanceType",
    ("AmazonRDS", "Database Instance"): "instanceType",
    ("AmazonElastiCache", "Cache Instance"): "instanceType",
    ("AmazonEC2", "Storage"): "volumeApiName",
}

# Price List units the models count in another unit: (their unit, the factor to it). gp3 throughput is
# listed per GiB/s-month (45.056 in eu-west-1, 2023-02-23 offer rows); the models count MiB/s, as
# https://aws.amazon.com/ebs/pricing/ prices it ($0.044 per MiB/s-month there).
UNITS = {"GiBps-mo": ("MiBps-Mo", Decimal(1) / Decimal(1024))}

_THROTTLING_CODES = {
    "ThrottlingException",
    "Throttling",
    "TooManyRequestsException",
    "ServiceUnavailableException",
}
_CREDENTIAL_CODES = {
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "ExpiredTokenException",
    "InvalidClientTokenId",
    "AccessDeniedException",
    "SignatureDoesNotMatch",
}


class AmbiguousPrice(AmbiguousQuery):
    """The filters matched more than one distinct price: the query is wrong, not something to average."""


def make_client(read_timeout: float = READ_TIMEOUT, endpoint_region: str = DEFAULT_ENDPOINT_REGION) -> Any:
    # costgate retries itself (within the run's budget), so botocore makes one attempt per call.
    config = Config(
        retries={"mode": "standard", "total_max_attempts": 1},
        connect_timeout=min(CONNECT_TIMEOUT, read_timeout),
        read_timeout=read_timeout,
        max_pool_connections=CONCURRENT_READS,
    )
    return boto3.client("pricing", region_name=endpoint_region, config=config)


@dataclass(frozen=True)
class Batch:
    """One paginated read: a service's product family in a region with some attributes pinned."""

    service: str
    region: str
    product_family: str
    pinned: tuple[tuple[str, str], ...]
    by: str  # the attribute the read is indexed by; "" when the query pins everything

    @property
    def cache_key(self) -> str:
        return json.dumps(["aws", self.service, self.region, self.product_family, self.pinned, self.by])

    def filters(self) -> list[dict[str, str]]:
        filters = [{"Type": "TERM_MATCH", "Field": "productFamily", "Value": self.product_family}]
        filters += [{"Type": "TERM_MATCH", "Field": name, "Value": value} for name, value in self.pinned]
        filters.append({"Type": "TERM_MATCH", "Field": "regionCode", "Value": self.region})
        return filters


def batch_of(query: PriceQuery) -> tuple[Batch, tuple[str, ...]]:
    """The read that answers the query, and the query's key in that read's index."""
    by = BATCHED_BY.get((query.service, query.product_family), "")
    value = query.attribute(by) if by else None
    if value is None:
        return Batch(query.service, query.region, query.product_family, query.attributes, ""), ()
    pinned = tuple(item for item in query.attributes if item[0] != by)
    return Batch(query.service, query.region, query.product_family, pinned, by), (value,)


class AwsPriceList:
    """A PriceSource over get_products, read in batches (see the module docstring)."""

    name = AWS_SOURCE

    def __init__(
        self,
        client_factory: Callable[[float], Any] | None = None,
        cache: IndexCache | None = None,
        seconds: float = DEFAULT_LIVE_SECONDS,
        sleep: Callable[[float], None] | None = None,
    ):
        self._client_factory = client_factory or make_client
        self._cache = cache
        self.budget = Budget(AWS_SOURCE, seconds)
        self._sleep = sleep or time.sleep
        self._client: Any = None
        self._indexes: dict[Batch, Index] = {}
        self._lock = threading.Lock()
        self._broken = ""  # the open breaker's reason: every later query fails with it at once
        self._throttled_in_a_row = 0
        self.requests = 0  # get_products calls made, retries included

    def lookup(self, query: PriceQuery) -> Price | None:
        if query.provider != "aws":
            return None
        batch, key = batch_of(query)
        prices = {_price_from_entry(entry) for entry in self._index(batch).get(key, [])}
        if len(prices) > 1:
            shown = ", ".join(sorted(f"{p.amount} per {p.unit}" for p in prices))
            raise AmbiguousPrice(
                f"the AWS price list query for {query.service} {dict(query.attributes)} in {query.region} matches "
                f"{len(prices)} different prices ({shown}); the cost model must pin more attributes"
            )
        return prices.pop() if prices else None

    def prefetch(self, queries: list[PriceQuery]) -> None:
        batches = [
            batch
            for batch in dict.fromkeys(batch_of(query)[0] for query in queries if query.provider == "aws")
            if batch not in self._indexes
        ]
        read_concurrently(self._index, batches, "costgate-aws")

    def _index(self, batch: Batch) -> Index:
        """The batch's index: read once per run, from memory, the cache or the API, in that order."""
        index = self._indexes.get(batch)
        if index is not None:
            return index
        if self._broken:
            raise PricingUnavailable(self._broken)
        if self._cache is None:
            index = self._read(batch)
        else:
            index = self._cache.get_index(batch.cache_key)
            if index is None:
                with self._cache.fetching(batch.cache_key, self.budget):
                    index = self._cache.get_index(
                        batch.cache_key
                    )  # another process may have read it meanwhile
                    if index is None:
                        index = self._read(batch)
                        self._cache.put_index(batch.cache_key, index)
        self._indexes[batch] = index
        return index

    def _read(self, batch: Batch) -> Index:
        """Every product of the batch, page by page, indexed by the batch's attribute."""
        index: Index = {}
        token = ""
        while True:
            page = self._request(batch, token)
            try:
                indexed = [_indexed(item, batch.by) for item in _price_list(page)]
            except PricingUnavailable as error:
                raise self._trip(str(error)) from None
            for key, price in indexed:
                if key is None or price is None:
                    continue
                entry = _price_to_entry(price)
                known = index.setdefault(key, [])
                if _price_from_entry(entry) not in {_price_from_entry(e) for e in known}:
                    known.append(entry)
            token = page.get("NextToken") or ""
            if not isinstance(token, str):
                raise self._trip("the AWS price list answered a page whose NextToken is not text")
            if not token:
                return index

    def _request(self, batch: Batch, token: str) -> dict[str, Any]:
        params: dict[str, Any] = {
            "ServiceCode": batch.service,
            "Filters": batch.filters(),
            "FormatVersion": "aws_v1",
            "MaxResults": PAGE_SIZE,
        }
        if token:
            params["NextToken"] = token
        attempt = 0
        while True:
            attempt += 1
            if self._broken:
                raise PricingUnavailable(self._broken)
            try:
                left = self.budget.spend()
            except PricingUnavailable as error:
                raise self._trip(str(error)) from None
            answer = self._attempt(params, left)
            if isinstance(answer, dict):
                return answer
            problem = answer
            if attempt == MAX_ATTEMPTS:
                raise self._trip(f"AWS price list still {problem} after {MAX_ATTEMPTS} attempts")
            wait = random.uniform(0, BACKOFF_SECONDS * 2 ** (attempt - 1))
            if wait >= self.budget.left():
                raise self._trip(
                    f"AWS price list {problem}, and its {self.budget.seconds:g} s time budget for this run ran out"
                )
            self._sleep(wait)

    def _attempt(self, params: dict[str, Any], left: float) -> dict[str, Any] | str:
        """One call: the page, or what went wrong when it is worth another try; trips the breaker otherwise."""
        with self._lock:
            self.requests += 1
        try:
            page = self._client_within(left).get_products(**params)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
            if code in _CREDENTIAL_CODES:
                raise self._trip(
                    f"AWS rejected the credentials ({code}); check AWS_PROFILE or AWS_ACCESS_KEY_ID"
                ) from None
            if code in _THROTTLING_CODES or status == 429:
                return self._throttled(code or f"HTTP {status}")
            if status >= 500:
                return f"failing (HTTP {status})"
            raise self._trip(f"AWS price list error {code or f'HTTP {status}'}") from None
        except (NoCredentialsError, PartialCredentialsError):
            raise self._trip(
                "no AWS credentials found (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)"
            ) from None
        except (ConnectTimeoutError, EndpointConnectionError) as error:
            raise self._trip(f"AWS price list unreachable ({type(error).__name__})") from None
        except ReadTimeoutError:
            raise self._trip(
                f"AWS price list did not answer within {round(min(READ_TIMEOUT, left), 1):g} s"
            ) from None
        except ConnectionClosedError:
            return "resetting the connection"
        except BotoCoreError as error:
            # Only the class name: botocore's messages may quote the endpoint URL, credentials included.
            raise self._trip(f"AWS price list failed ({type(error).__name__})") from None
        with self._lock:
            self._throttled_in_a_row = 0
        return page

    def _throttled(self, code: str) -> str:
        with self._lock:
            self._throttled_in_a_row += 1
            run = self._throttled_in_a_row
        if run >= MAX_ATTEMPTS:
            raise self._trip(f"AWS price list still throttling ({code}) after {run} attempts in a row")
        return f"throttling ({code})"

    def _trip(self, reason: str) -> PricingUnavailable:
        with self._lock:
            self._broken = self._broken or reason
            return PricingUnavailable(self._broken)

    def _client_within(self, left: float) -> Any:
        """The client; a one-off one with a shorter read timeout when less than READ_TIMEOUT is left."""
        if left < READ_TIMEOUT:
            return self._client_factory(left)
        with self._lock:
            if self._client is None:
                self._client = self._client_factory(READ_TIMEOUT)
            return self._client


def _price_list(page: Any) -> list[dict[str, Any]]:
    """A page's decoded products; anything else than a list of JSON products is a source failure."""
    items = page.get("PriceList") if isinstance(page, dict) else None
    if not isinstance(items, list):
        raise PricingUnavailable("the AWS price list answered a page without a PriceList")
    try:
        products = [json.loads(item) for item in items]
    except (TypeError, ValueError):
        raise PricingUnavailable("the AWS price list answered a product of an unexpected shape") from None
    if not all(
        isinstance(p, dict) and isinstance(p.get("product", {}).get("attributes"), dict) for p in products
    ):
        raise PricingUnavailable("the AWS price list answered a product of an unexpected shape")
    return products


def _indexed(item: dict[str, Any], by: str) -> tuple[tuple[str, ...] | None, Price | None]:
    attributes = item["product"]["attributes"]
    if attributes.get("locationType", "AWS Region") != "AWS Region":
        # An Outposts product carries its parent region's regionCode at another price; no plan runs there.
        return None, None
    key = (attributes[by],) if by and isinstance(attributes.get(by), str) else (None if by else ())
    try:
        return key, price_of(item)
    except (AttributeError, KeyError, TypeError, ValueError, ArithmeticError, StopIteration):
        raise PricingUnavailable("the AWS price list answered a product of an unexpected shape") from None


def price_of(item: dict[str, Any]) -> Price | None:
    """The on-demand price of one decoded PriceList item; several dimensions with ranges become tiers."""
    terms = item.get("terms", {}).get("OnDemand", {})
    dimensions = [
        dimension for term in terms.values() for dimension in term.get("priceDimensions", {}).values()
    ]
    if not dimensions:
        return None
    currency = "USD" if "USD" in dimensions[0]["pricePerUnit"] else next(iter(dimensions[0]["pricePerUnit"]))
    as_of = (item.get("publicationDate") or next(iter(terms.values())).get("effectiveDate", ""))[:10]
    unit, factor = UNITS.get(dimensions[0]["unit"], (dimensions[0]["unit"], Decimal(1)))
    if len(dimensions) == 1:
        amount = Decimal(dimensions[0]["pricePerUnit"][currency]) * factor
        if not amount.is_finite() or amount < 0:
            raise ValueError(amount)
        return Price(amount, unit, AWS_SOURCE, as_of, currency)
    ordered = sorted(dimensions, key=lambda d: Decimal(d.get("beginRange", "0")))
    tiers = tuple(
        (Decimal(d.get("beginRange", "0")) / factor, Decimal(d["pricePerUnit"][currency]) * factor)
        for d in ordered
    )
    if not all(start.is_finite() and amount.is_finite() and amount >= 0 for start, amount in tiers):
        raise ValueError(tiers)
    return Price(tiers[0][1], unit, AWS_SOURCE, as_of, currency, tiers=tiers)


def _price_to_entry(price: Price) -> list[Any]:
    return [
        str(price.amount),
        price.unit,
        price.as_of,
        price.currency,
        [[str(start), str(amount)] for start, amount in price.tiers],
    ]


def _price_from_entry(entry: list[Any]) -> Price:
    amount, unit, as_of, currency, tiers = entry
    return Price(
        Decimal(amount),
        unit,
        AWS_SOURCE,
        as_of,
        currency,
        tuple((Decimal(start), Decimal(price)) for start, price in tiers),
    )
