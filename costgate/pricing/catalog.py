"""The embedded price catalog: public on-demand list prices shipped inside the package.

One JSON file per provider and service (catalog/aws/AmazonEC2.json). Files are read
lazily, the first time a query names their service, and indexed by
(product family, attributes) so a look-up is one dict access. A file is a list of
groups; a group fixes a product family, a unit and attributes, and lists prices by the
value of one varying attribute (`key`) and region:

    {"product_family": "Compute Instance", "unit": "Hrs",
     "attributes": {"operatingSystem": "Linux", "tenancy": "Shared", ...},
     "key": "instanceType",
     "prices": {"m5.large": {"us-east-1": "0.096", "eu-west-1": "0.107"}}}

A group without `key` has prices by region directly. Only prices we are sure of are
listed; anything else is not priced, never guessed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

from costgate.model import CostgateError, Price, PriceQuery

CATALOG_SOURCE = "embedded catalog"

IndexKey = tuple[str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class CatalogFile:
    provider: str
    service: str
    source: str
    as_of: str
    index: dict[IndexKey, dict[str, tuple[str, str]]]  # -> region -> (amount, unit)


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
        amount, unit = by_region[query.region]
        return Price(Decimal(amount), unit, CATALOG_SOURCE, catalog.as_of)

    def files(self) -> Iterator[CatalogFile]:
        for provider_dir in sorted(self._root.iterdir(), key=lambda p: p.name):
            if not provider_dir.is_dir():
                continue
            for entry in sorted(provider_dir.iterdir(), key=lambda p: p.name):
                if entry.name.endswith(".json"):
                    catalog = self._file(provider_dir.name, entry.name[: -len(".json")])
                    if catalog is not None:
                        yield catalog

    def _file(self, provider: str, service: str) -> CatalogFile | None:
        key = (provider, service)
        if key not in self._files:
            self._files[key] = self._load(provider, service)
        return self._files[key]

    def _load(self, provider: str, service: str) -> CatalogFile | None:
        path = self._root / provider / f"{service}.json"
        if not path.is_file():
            return None
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CostgateError(f"the embedded price catalog file {provider}/{service}.json is damaged: {error}") from None
        return CatalogFile(provider, service, document["source"], document["as_of"], index_groups(document["groups"]))


def index_groups(groups: list[dict[str, Any]]) -> dict[IndexKey, dict[str, tuple[str, str]]]:
    index: dict[IndexKey, dict[str, tuple[str, str]]] = {}
    for group in groups:
        family, unit, fixed = group["product_family"], group["unit"], group.get("attributes", {})
        key_name = group.get("key")
        if key_name is None:
            entries = [(fixed, group["prices"])]
        else:
            entries = [({**fixed, key_name: value}, by_region) for value, by_region in group["prices"].items()]
        for attributes, by_region in entries:
            slot = index.setdefault((family, tuple(sorted((k, str(v)) for k, v in attributes.items()))), {})
            for region, amount in by_region.items():
                slot[region] = (str(amount), unit)
    return index
