"""Regenerate the embedded catalog's part files from the providers' own price data.

Every price the catalog lists (each group's key value and region) is asked again of a
price source: an AWS bulk offer file, a saved GCP SKU list, or the live APIs. The part
file keeps its groups (so it still covers exactly what the cost models need) and gets the
new prices and as-of date; a price the source no longer has is dropped and reported,
never kept stale.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from costgate.model import Price, PriceQuery
from costgate.pricing.aws import AmbiguousPrice, price_of
from costgate.pricing.gcp import GcpBillingCatalog, index_skus
from costgate.pricing.source import AmbiguousQuery, PriceSource, PricingUnavailable, describe

BULK_SOURCE = "aws bulk offer file"


class AwsOfferFile:
    """A PriceSource over one AWS Price List bulk offer file (JSON, the per-region or all-region file)."""

    name = BULK_SOURCE

    def __init__(self, path: Path):
        offer = json.loads(Path(path).read_text(encoding="utf-8"))
        self.service = offer["offerCode"]
        self._published = offer.get("publicationDate", "")
        self._on_demand = offer.get("terms", {}).get("OnDemand", {})
        self._by_family: dict[str, list[dict[str, Any]]] = {}
        for product in offer.get("products", {}).values():
            self._by_family.setdefault(product.get("productFamily", ""), []).append(product)

    def lookup(self, query: PriceQuery) -> Price | None:
        if query.provider != "aws" or query.service != self.service:
            return None
        wanted = dict(query.attributes)
        prices = set()
        for product in self._by_family.get(query.product_family, []):
            attributes = product.get("attributes", {})
            if attributes.get("regionCode") != query.region:
                continue
            if all(attributes.get(name) == value for name, value in wanted.items()):
                item = {
                    "terms": {"OnDemand": self._on_demand.get(product["sku"], {})},
                    "publicationDate": self._published,
                }
                price = price_of(item)
                if price is not None:
                    prices.add(price)
        if len(prices) > 1:
            raise AmbiguousPrice(f"the offer file has {len(prices)} different prices for {describe(query)}")
        return prices.pop() if prices else None


class GcpSkuFile(GcpBillingCatalog):
    """The GCP source over saved `/v1/services/{id}/skus` pages instead of HTTP."""

    name = "gcp sku file"

    def __init__(self, service: str, paths: list[Path]):
        super().__init__("file")
        skus = [
            sku
            for path in paths
            for sku in json.loads(Path(path).read_text(encoding="utf-8")).get("skus", [])
        ]
        self._service = service
        self._file_index = index_skus(skus)

    def lookup(self, query: PriceQuery) -> Price | None:
        if query.provider != "google" or query.service != self._service:
            return None
        return super().lookup(query)

    def _index(self, service_id: str) -> Any:
        return self._file_index


class FirstAnswer:
    """The first of several sources that has the price (files for some services, the APIs for others)."""

    def __init__(self, sources: list[PriceSource]):
        self.sources = sources
        self.name = sources[0].name if len(sources) == 1 else "providers' price data"

    def lookup(self, query: PriceQuery) -> Price | None:
        for source in self.sources:
            price = source.lookup(query)
            if price is not None:
                return price
        return None


@dataclass
class Rebuilt:
    document: dict[str, Any]
    priced: int
    dropped: list[str]


def catalog_parts(root: Any) -> Iterator[tuple[str, Any]]:
    """(provider, part file) for every part file of the embedded catalog."""
    for provider_dir in sorted(root.iterdir(), key=lambda p: p.name):
        if provider_dir.is_dir():
            for part in sorted(provider_dir.iterdir(), key=lambda p: p.name):
                if part.name.endswith(".json"):
                    yield provider_dir.name, part


def rebuild(document: dict[str, Any], provider: str, source: PriceSource, as_of: str) -> Rebuilt:
    """The part file with every price asked again of `source`."""
    groups = []
    priced = 0
    dropped: list[str] = []
    for group in document["groups"]:
        fixed = group.get("attributes", {})
        key = group.get("key")
        entries = group["prices"].items() if key else [(None, group["prices"])]
        prices: dict[str, Any] = {}
        for value, by_region in entries:
            attributes = dict(fixed) if key is None else {**fixed, key: value}
            new_by_region = {}
            for region in by_region:
                query = PriceQuery.of(
                    provider, document["service"], region, group["product_family"], **attributes
                )
                try:
                    price = source.lookup(query)
                except (PricingUnavailable, AmbiguousQuery) as error:
                    dropped.append(f"{describe(query)}: {error}")
                    continue
                if price is None:
                    dropped.append(f"{describe(query)}: not in the given data")
                    continue
                new_by_region[region] = (
                    [[str(start), str(amount)] for start, amount in price.tiers]
                    if price.tiers
                    else _plain(price.amount)
                )
                priced += 1
            if new_by_region:
                if key is None:
                    prices = new_by_region
                else:
                    prices[value] = new_by_region
        if prices:
            groups.append({**group, "prices": prices})
    # A rebuilt file no longer holds the generator's table prices: it keeps neither its label nor its mark.
    kept = {name: value for name, value in document.items() if name not in ("label", "generator")}
    rebuilt = {
        **kept,
        "source": f"{source.name} (costgate pricing build)",
        "as_of": as_of,
        "groups": groups,
    }
    return Rebuilt(rebuilt, priced, dropped)


def _plain(amount: Any) -> str:
    """A Decimal without the price list's trailing zeros: 0.0960000000 -> 0.096."""
    return format(amount.normalize(), "f")
