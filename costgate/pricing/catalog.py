"""The embedded price catalog: public on-demand list prices shipped inside the package.

One or more JSON files per provider and service: catalog/aws/AmazonEC2.json and
optional parts catalog/aws/AmazonEC2.<part>.json (one per group of components, each with
its own source and as-of date). A service's files are read lazily, the first time a
query names the service, and indexed by
(product family, attributes) so a look-up is one dict access. A file is a list of
groups; a group fixes a product family, a unit and attributes, and lists prices by the
value of one varying attribute (`key`) and region:

    {"product_family": "Compute Instance", "unit": "Hrs",
     "attributes": {"operatingSystem": "Linux", "tenancy": "Shared", ...},
     "key": "instanceType",
     "prices": {"m5.large": {"us-east-1": "0.096", "eu-west-1": "0.107"}}}

A group without `key` has prices by region directly. A tiered price (S3 storage, data
transfer) is a list of [from_quantity, unit_price] pairs instead of one amount:
`"us-east-1": [["0", "0.023"], ["51200", "0.022"], ["512000", "0.021"]]`.

GCP services are named by their Cloud Billing display name ("Compute Engine"); the file
name replaces spaces with underscores (catalog/google/Compute_Engine.json).

Only prices we are sure of are listed; anything else is not priced, never guessed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

from costgate.errors import CostgateError
from costgate.model import Price, PriceQuery

CATALOG_SOURCE = "embedded catalog"

IndexKey = tuple[str, tuple[tuple[str, str], ...]]
Amount = str | tuple[tuple[str, str], ...]  # one unit price, or tiers of (from_quantity, unit_price)
Entry = tuple[Amount, str, str, str]  # (amount, unit, as_of, price source)


@dataclass(frozen=True)
class CatalogFile:
    """One service's prices, merged from its part files."""

    provider: str
    service: str
    as_of: str  # the oldest as-of date among its parts
    index: dict[IndexKey, dict[str, Entry]]  # -> region -> entry
    parts: tuple[str, ...]  # file names


class EmbeddedCatalog:
    name = CATALOG_SOURCE

    def __init__(self, root: Any = None):
        self._root = root if root is not None else resources.files("costgate.pricing") / "catalog"
        self._files: dict[tuple[str, str], CatalogFile | None] = {}

    def lookup(self, query: PriceQuery) -> Price | None:
        catalog = self._file(query.provider, query.service)
        if catalog is None:
            return None
        by_region = catalog.index.get((query.product_family, query.attributes))
        if not by_region or query.region not in by_region:
            return None
        amount, unit, as_of, source = by_region[query.region]
        if isinstance(amount, tuple):
            tiers = tuple((Decimal(start), Decimal(price)) for start, price in amount)
            return Price(tiers[0][1], unit, source, as_of, tiers=tiers)
        return Price(Decimal(amount), unit, source, as_of)

    def files(self) -> Iterator[CatalogFile]:
        for provider_dir in sorted(self._root.iterdir(), key=lambda p: p.name):
            if not provider_dir.is_dir():
                continue
            stems = {
                entry.name.split(".")[0] for entry in provider_dir.iterdir() if entry.name.endswith(".json")
            }
            for service in sorted(stem.replace("_", " ") for stem in stems):
                catalog = self._file(provider_dir.name, service)
                if catalog is not None:
                    yield catalog

    def _file(self, provider: str, service: str) -> CatalogFile | None:
        key = (provider, service)
        if key not in self._files:
            self._files[key] = self._load(provider, service)
        return self._files[key]

    def _load(self, provider: str, service: str) -> CatalogFile | None:
        directory = self._root / provider
        if not directory.is_dir():
            return None
        stem = service.replace(" ", "_")
        parts = sorted(
            entry
            for entry in directory.iterdir()
            if entry.name == f"{stem}.json"
            or (entry.name.startswith(f"{stem}.") and entry.name.endswith(".json"))
        )
        if not parts:
            return None
        index: dict[IndexKey, dict[str, Entry]] = {}
        dates = []
        for part in parts:
            try:
                document = json.loads(part.read_text(encoding="utf-8"))
                index_groups(document["groups"], document["as_of"], index, price_source(document))
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise CostgateError(
                    f"the embedded price catalog file {provider}/{part.name} is damaged: {error}"
                ) from None
            dates.append(document["as_of"])
        return CatalogFile(provider, service, min(dates), index, tuple(part.name for part in parts))


def price_source(document: dict[str, Any]) -> str:
    """What a part file's prices name as their source: `embedded catalog (<table>@<commit>)` for a
    generated file (its `label`), plain `embedded catalog` for a hand-entered one."""
    label = document.get("label")
    return f"{CATALOG_SOURCE} ({label})" if label else CATALOG_SOURCE


def index_groups(
    groups: list[dict[str, Any]],
    as_of: str,
    index: dict[IndexKey, dict[str, Entry]],
    source: str = CATALOG_SOURCE,
) -> None:
    """Add a catalog file's groups to `index` (a later part may not silently change an earlier price)."""
    for group in groups:
        family, unit, fixed = group["product_family"], group["unit"], group.get("attributes", {})
        key_name = group.get("key")
        if key_name is None:
            entries = [(fixed, group["prices"])]
        else:
            entries = [
                ({**fixed, key_name: value}, by_region) for value, by_region in group["prices"].items()
            ]
        for attributes, by_region in entries:
            slot = index.setdefault((family, tuple(sorted((k, str(v)) for k, v in attributes.items()))), {})
            for region, given in by_region.items():
                amount: Amount = (
                    tuple((str(start), str(price)) for start, price in given)
                    if isinstance(given, list)
                    else str(given)
                )
                previous = slot.get(region)
                if previous is not None and (_numeric(previous[0]), previous[1]) != (_numeric(amount), unit):
                    raise ValueError(f"two prices for {family} {attributes} in {region}")
                slot[region] = (amount, unit, as_of, source)


def _numeric(amount: Amount) -> Decimal | tuple[tuple[Decimal, Decimal], ...]:
    """An amount as numbers, so "0.13" and "0.130" in two part files are the same price."""
    if isinstance(amount, tuple):
        return tuple((Decimal(start), Decimal(price)) for start, price in amount)
    return Decimal(amount)
