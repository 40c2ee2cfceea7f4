"""Live GCP prices from the Cloud Billing Catalog API (v1).

A service's whole SKU list is fetched once per run (or read from the cache) and indexed
by (resourceFamily, description without " running in <region>", usageType, region); a
look-up is then a dict access, never an HTTP request per resource. A read that fails is
not tried again in the same run. Requests go through the shared transport
(costgate.deliver.http), imported when the first SKU list is read.
(https://cloud.google.com/billing/v1/how-tos/catalog-api)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from costgate.model import Price, PriceQuery
from costgate.pricing.source import PricingUnavailable

if TYPE_CHECKING:
    from costgate.deliver.http import HttpError

GCP_SOURCE = "gcp cloud billing catalog"
DEFAULT_BASE_URL = "https://cloudbilling.googleapis.com/v1"
PAGE_SIZE = 5000  # the API's maximum
MAX_ATTEMPTS = 5
BACKOFF_SECONDS = 0.5  # doubled after each retry
TIMEOUT = (10.0, 60.0)  # connect, read (a 5,000-SKU page is a few MB)
SECONDS_PER_PAGE = 180.0  # retries and waits included

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

IndexKey = tuple[str, str, str, str]  # (resourceFamily, description, usageType, region)
Index = dict[IndexKey, list[Any]]  # -> [unit, [[from, price], ...], as_of] (JSON-friendly for the cache)


class SkuCache(Protocol):
    def get_index(self, service_id: str) -> Index | None: ...

    def put_index(self, service_id: str, index: Index) -> None: ...


class GcpBillingCatalog:
    """A PriceSource over the Cloud Billing Catalog API."""

    name = GCP_SOURCE

    def __init__(
        self,
        api_key: str | None,
        base_url: str | None = None,
        cache: SkuCache | None = None,
        sleep: Callable[[float], None] | None = None,
        max_attempts: int = MAX_ATTEMPTS,
    ):
        self._api_key = api_key
        self._base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self._cache = cache
        self._sleep = sleep
        self._max_attempts = max_attempts
        self._transport: Any = None
        self._indexes: dict[str, Index] = {}
        self._failed: dict[str, str] = {}  # service id -> why its SKU list could not be read this run
        self._broken = ""  # the key was rejected: no service can be read

    def lookup(self, query: PriceQuery) -> Price | None:
        if query.provider != "google":
            return None
        service_id = SERVICE_IDS.get(query.service)
        if service_id is None:
            return None
        if not self._api_key:
            raise PricingUnavailable("GOOGLE_API_KEY is not set")
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

    def _index(self, service_id: str) -> Index:
        """The service's SKU index: read once per run, from the cache or the API; a failed read is remembered."""
        if self._broken:
            raise PricingUnavailable(self._broken)
        if service_id in self._failed:
            raise PricingUnavailable(self._failed[service_id])
        index = self._indexes.get(service_id)
        if index is None and self._cache is not None:
            index = self._cache.get_index(service_id)
        if index is None:
            try:
                index = _checked_index(self.skus(service_id))
            except PricingUnavailable as error:
                self._failed[service_id] = str(error)
                raise
            if self._cache is not None:
                self._cache.put_index(service_id, index)
        self._indexes[service_id] = index
        return index

    def skus(self, service_id: str) -> list[dict[str, Any]]:
        """Every SKU of a service, page by page."""
        skus: list[dict[str, Any]] = []
        token = ""
        while True:
            params: dict[str, Any] = {"key": self._api_key, "currencyCode": "USD", "pageSize": PAGE_SIZE}
            if token:
                params["pageToken"] = token
            page = self._get(f"{self._base_url}/services/{service_id}/skus", params)
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

    def _get(self, url: str, params: dict[str, Any]) -> dict[str, Any]:
        from costgate.deliver.http import HttpError, Transport

        if self._transport is None:
            self._transport = Transport(
                "the GCP billing catalog",
                attempts=self._max_attempts,
                backoff=BACKOFF_SECONDS,
                timeout=TIMEOUT,
                seconds_per_call=SECONDS_PER_PAGE,
                sleep=self._sleep,
            )
        try:
            response = self._transport.request("GET", url, params=params)
        except HttpError as error:
            raise PricingUnavailable(self._failure(error)) from None
        try:
            page = response.json()
        except ValueError:
            raise PricingUnavailable("the GCP billing catalog answered something that is not JSON") from None
        if not isinstance(page, dict):
            raise PricingUnavailable("the GCP billing catalog answered JSON that is not an object")
        return page

    def _failure(self, error: HttpError) -> str:
        """Why a read failed, without the key: it is in the URL, so neither the URL nor the body is echoed."""
        if error.kind == "refused" and error.status in (400, 401, 403):
            self._broken = (
                f"the GCP billing catalog rejected GOOGLE_API_KEY (HTTP {error.status}); "
                "check the key and that the Cloud Billing API is enabled"
            )
            return self._broken
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
