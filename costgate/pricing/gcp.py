"""Live GCP prices from the Cloud Billing Catalog API (v1).

A service's whole SKU list is fetched once per run (or read from the cache, under a
per-service lock so concurrent processes read it once) and indexed by (resourceFamily,
description without " running in <region>", usageType, region); a look-up is then a dict
access, never an HTTP request per resource. The SKU lists of different services are read
concurrently. The source is bounded: one time budget for the run, every page, retry and
wait included; the first read that fails (unreachable, rejected, still throttled, or an
answer that is not a SKU list) opens a circuit breaker, and every later query fails at once
with its reason. Requests go through the shared transport (costgate.deliver.http), one per
SKU-list read, imported when the first SKU list is read.
(https://cloud.google.com/billing/v1/how-tos/catalog-api)
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from costgate.model import Price, PriceQuery
from costgate.pricing.source import (
    DEFAULT_LIVE_SECONDS,
    Budget,
    Index,
    IndexCache,
    PricingUnavailable,
    read_concurrently,
)

if TYPE_CHECKING:
    from costgate.deliver.http import HttpError

GCP_SOURCE = "gcp cloud billing catalog"
DEFAULT_BASE_URL = "https://cloudbilling.googleapis.com/v1"
PAGE_SIZE = 5000  # the API's maximum
MAX_ATTEMPTS = 5
BACKOFF_SECONDS = 0.5  # doubled after each retry
TIMEOUT = (10.0, 60.0)  # connect, read (a 5,000-SKU page is a few MB)
SECONDS_PER_PAGE = 180.0  # retries and waits included, never more than what is left of the budget

# Cloud Billing service ids of the display names costgate's models use. Compute Engine,
# Cloud SQL, Cloud Storage, Kubernetes Engine, Memorystore and Networking from the pricing
# reference (shared/reference/pricing-apis.md, section 3.1); Cloud Run, Cloud Spanner and
# Cloud Bigtable agree across several public code bases that call the API. Filestore is
# left out: public sources disagree on its id.
SERVICE_IDS = {
    "Compute Engine": "6F81-5844-456A",
    "Kubernetes Engine": "CCD8-9BF1-090E",
    "Cloud SQL": "9662-B51E-5089",
    "Cloud Memorystore for Redis": "5AF5-2C11-D467",
    "Cloud Storage": "95FF-2EF5-5EA1",
    "Cloud Spanner": "CC63-0873-48FD",
    "Cloud Bigtable": "C3BE-24A5-0975",
    "Networking": "E505-1604-58F8",
    "Cloud Run": "152E-C115-5142",
}

# usageUnit -> (unit we report, factor from usageUnit to it): a TiB-month price is 1/1024 of it per GiB-month.
UNITS: dict[str, tuple[str, Decimal]] = {
    "h": ("h", Decimal(1)),
    "mo": ("mo", Decimal(1)),
    "GiBy.h": ("GiBy.h", Decimal(1)),
    "GiBy.mo": ("GiBy.mo", Decimal(1)),
    "TiBy.mo": ("GiBy.mo", Decimal(1) / Decimal(1024)),
    "GiBy.d": ("GiBy.mo", Decimal(730) / Decimal(24)),  # 730 h a month = 30.4167 days
    "GiBy": ("GiBy", Decimal(1)),
    "TiBy": ("GiBy", Decimal(1) / Decimal(1024)),
    "MiBy": ("GiBy", Decimal(1024)),
}

_RUNNING_IN = re.compile(r" running in .*$")

# An index maps (resourceFamily, description, usageType, region) -> [unit, [[from, price], ...], as_of].


class GcpBillingCatalog:
    """A PriceSource over the Cloud Billing Catalog API."""

    name = GCP_SOURCE

    def __init__(
        self,
        api_key: str | None,
        base_url: str | None = None,
        cache: IndexCache | None = None,
        sleep: Callable[[float], None] | None = None,
        max_attempts: int = MAX_ATTEMPTS,
        seconds: float = DEFAULT_LIVE_SECONDS,
    ):
        self._api_key = api_key
        self._base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self._cache = cache
        self._sleep = sleep
        self._max_attempts = max_attempts
        self.budget = Budget(GCP_SOURCE, seconds)
        self._indexes: dict[str, Index] = {}
        self._lock = threading.Lock()
        self._broken = ""  # the open breaker's reason: no service is read again this run
        self.requests = 0  # pages asked for (each may be retried by the transport)

    def lookup(self, query: PriceQuery) -> Price | None:
        if query.provider != "google":
            return None
        service_id = SERVICE_IDS.get(query.service)
        if service_id is None:
            return None
        key = (
            query.product_family,
            query.attribute("description") or "",
            query.attribute("usageType") or "OnDemand",
            query.region,
        )
        entry = self._index(service_id).get(key)
        if entry is None:
            return None
        unit, tiers, as_of = entry
        decimal_tiers = tuple((Decimal(start), Decimal(price)) for start, price in tiers)
        if len(decimal_tiers) == 1:
            return Price(decimal_tiers[0][1], unit, GCP_SOURCE, as_of)
        return Price(decimal_tiers[0][1], unit, GCP_SOURCE, as_of, tiers=decimal_tiers)

    def prefetch(self, queries: list[PriceQuery]) -> None:
        services = [
            service_id
            for service_id in dict.fromkeys(
                SERVICE_IDS.get(query.service) for query in queries if query.provider == "google"
            )
            if service_id is not None and service_id not in self._indexes
        ]
        read_concurrently(self._index, services, "costgate-gcp")

    def _index(self, service_id: str) -> Index:
        """The service's SKU index: read once per run, from memory, the cache or the API, in that order."""
        index = self._indexes.get(service_id)
        if index is not None:
            return index
        if self._broken:
            raise PricingUnavailable(self._broken)
        if not self._api_key:
            raise self._trip("GOOGLE_API_KEY is not set")
        if self._cache is None:
            index = self._read(service_id)
        else:
            index = self._cache.get_index(service_id)
            if index is None:
                with self._cache.fetching(service_id, self.budget):
                    index = self._cache.get_index(service_id)  # another process may have read it meanwhile
                    if index is None:
                        index = self._read(service_id)
                        self._cache.put_index(service_id, index)
        self._indexes[service_id] = index
        return index

    def _read(self, service_id: str) -> Index:
        try:
            skus = self.skus(service_id)
            index = _checked_index(skus)
        except PricingUnavailable as error:
            raise self._trip(str(error)) from None
        if not index:
            # A Cloud Billing service costgate prices always has SKUs: an empty or unreadable list is a broken answer.
            raise self._trip(f"the GCP billing catalog answered no priced SKUs for service {service_id}")
        return index

    def skus(self, service_id: str) -> list[dict[str, Any]]:
        """Every SKU of a service, page by page, through a transport of its own (reads run concurrently)."""
        transport = self._transport()
        skus: list[dict[str, Any]] = []
        token = ""
        while True:
            params: dict[str, Any] = {"key": self._api_key, "currencyCode": "USD", "pageSize": PAGE_SIZE}
            if token:
                params["pageToken"] = token
            page = self._get(transport, f"{self._base_url}/services/{service_id}/skus", params)
            page_skus = page.get("skus", [])
            token = page.get("nextPageToken", "")
            if not isinstance(page_skus, list) or not all(isinstance(sku, dict) for sku in page_skus):
                raise PricingUnavailable(
                    "the GCP billing catalog answered a page whose `skus` is not a list of SKUs"
                )
            if not isinstance(token, str):
                raise PricingUnavailable(
                    "the GCP billing catalog answered a page whose `nextPageToken` is not text"
                )
            skus.extend(page_skus)
            if not token:
                return skus

    def _transport(self) -> Any:
        from costgate.deliver.http import Transport

        return Transport(
            "the GCP billing catalog",
            attempts=self._max_attempts,
            backoff=BACKOFF_SECONDS,
            timeout=TIMEOUT,
            seconds_per_call=SECONDS_PER_PAGE,
            sleep=self._sleep,
        )

    def _get(self, transport: Any, url: str, params: dict[str, Any]) -> dict[str, Any]:
        from costgate.deliver.http import HttpError

        if self._broken:
            raise PricingUnavailable(self._broken)
        seconds = min(SECONDS_PER_PAGE, self.budget.spend())
        with self._lock:
            self.requests += 1
        try:
            response = transport.request("GET", url, params=params, seconds=seconds)
        except HttpError as error:
            raise PricingUnavailable(self._failure(error)) from None
        try:
            page = response.json()
        except ValueError:
            raise PricingUnavailable("the GCP billing catalog answered something that is not JSON") from None
        if not isinstance(page, dict):
            raise PricingUnavailable("the GCP billing catalog answered JSON that is not an object")
        return page

    def _trip(self, reason: str) -> PricingUnavailable:
        with self._lock:
            self._broken = self._broken or reason
            return PricingUnavailable(self._broken)

    def _failure(self, error: HttpError) -> str:
        """Why a read failed, without the key: it is in the URL, so neither the URL nor the body is echoed."""
        if error.kind == "refused" and error.status in (400, 401, 403):
            return (
                f"the GCP billing catalog rejected GOOGLE_API_KEY (HTTP {error.status}); "
                "check the key and that the Cloud Billing API is enabled"
            )
        if error.kind == "out-of-time":
            return (
                f"GCP billing catalog still failing ({error.status or error.cause or 'no answer'}) when its "
                f"{self.budget.seconds:g} s time budget for this run ran out"
            )
        if error.kind == "unreachable":
            return f"GCP billing catalog unreachable after {error.attempts} attempts ({error.cause})"
        if error.kind == "exhausted":
            return f"GCP billing catalog still answering HTTP {error.status} after {error.attempts} attempts"
        if error.kind == "refused":
            return f"the GCP billing catalog answered HTTP {error.status}"
        return str(error)


def _checked_index(skus: list[dict[str, Any]]) -> Index:
    try:
        return index_skus(skus)
    except (AttributeError, TypeError, ValueError, ArithmeticError):
        raise PricingUnavailable("the GCP billing catalog answered SKUs of an unexpected shape") from None


def index_skus(skus: list[dict[str, Any]]) -> Index:
    """Index SKUs by (resourceFamily, description without its region suffix, usageType, region)."""
    index: Index = {}
    for sku in skus:
        category = sku.get("category", {})
        description = _RUNNING_IN.sub("", sku.get("description", ""))
        info = (sku.get("pricingInfo") or [{}])[0]
        expression = info.get("pricingExpression", {})
        unit, factor = UNITS.get(
            expression.get("usageUnit", ""), (expression.get("usageUnit", ""), Decimal(1))
        )
        rates = expression.get("tieredRates", [])
        if not rates:
            continue
        tiers = [
            [
                str(Decimal(str(rate.get("startUsageAmount", 0))) / factor),
                str(money(rate.get("unitPrice", {})) * factor),
            ]
            for rate in sorted(rates, key=lambda rate: rate.get("startUsageAmount", 0))
        ]
        as_of = str(info.get("effectiveTime", ""))[:10]
        for region in sku.get("serviceRegions", []):
            key = (category.get("resourceFamily", ""), description, category.get("usageType", ""), region)
            index[key] = [unit, tiers, as_of]
    return index


def money(amount: dict[str, Any]) -> Decimal:
    """A google.type.Money: units (an int64 as a string) + nanos / 1e9."""
    return Decimal(str(amount.get("units") or 0)) + Decimal(int(amount.get("nanos") or 0)) / Decimal(10**9)
