"""A Price List Query API on 127.0.0.1: GetProducts over a product list, with TERM_MATCH filters and pages."""

from __future__ import annotations

import json
from typing import Any

from tests.pricing.aws_items import ec2_instance_item, storage_item
from tests.standin import Reply, Seen, StandIn


class PriceListStandIn(StandIn):
    """Answers get_products like the real API: every filter must match a product attribute, 100 per page."""

    def __init__(self, products: list[str]):
        self.products = [(item, json.loads(item)) for item in products]
        super().__init__()

    def answer(self, request: Seen) -> Reply:
        call = json.loads(request.body)
        matching = [item for item, product in self.products if _matches(product, call.get("Filters", []))]
        start = int(call.get("NextToken") or 0)
        size = int(call.get("MaxResults") or 100)
        page: dict[str, Any] = {"FormatVersion": "aws_v1", "PriceList": matching[start : start + size]}
        if start + size < len(matching):
            page["NextToken"] = str(start + size)
        return Reply(200, page)


def _matches(product: dict[str, Any], filters: list[dict[str, str]]) -> bool:
    attributes = {**product["product"]["attributes"], "productFamily": product["product"]["productFamily"]}
    return all(attributes.get(f["Field"]) == f["Value"] for f in filters)


def instance_products(regions: list[str], types: list[str]) -> list[str]:
    """One Linux shared-tenancy product per type and region, and gp2 storage; stand-in figures, never asserted."""
    instances = [
        ec2_instance_item(instance_type, f"0.{index + 1:04d}", region=region, sku=f"{region}-{instance_type}")
        for region in regions
        for index, instance_type in enumerate(types)
    ]
    return instances + [
        storage_item("gp2", "0.1000000000", sku=f"{region}-gp2", region=region) for region in regions
    ]
