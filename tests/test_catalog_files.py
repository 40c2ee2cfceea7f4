"""The embedded catalog's file layout: service part files, tiered prices, damaged files."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from costgate.errors import CostgateError
from costgate.model import Price, PriceQuery
from costgate.pricing.catalog import EmbeddedCatalog


def write(path, as_of, groups):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"provider": "aws", "service": "X", "source": "test", "as_of": as_of, "groups": groups})
    )


def test_part_files_merge_and_keep_their_own_dates(tmp_path):
    write(
        tmp_path / "aws" / "AmazonEC2.json",
        "2026-11-01",
        [
            {
                "product_family": "Compute Instance",
                "unit": "Hrs",
                "key": "instanceType",
                "prices": {"m5.large": {"us-east-1": "0.096"}},
            }
        ],
    )
    write(
        tmp_path / "aws" / "AmazonEC2.eip.json",
        "2026-10-15",
        [
            {
                "product_family": "IP Address",
                "unit": "Hrs",
                "attributes": {"group": "VPCPublicIPv4Address"},
                "prices": {"us-east-1": "0.005"},
            }
        ],
    )
    catalog = EmbeddedCatalog(tmp_path)
    instance = catalog.lookup(
        PriceQuery.of("aws", "AmazonEC2", "us-east-1", "Compute Instance", instanceType="m5.large")
    )
    address = catalog.lookup(
        PriceQuery.of("aws", "AmazonEC2", "us-east-1", "IP Address", group="VPCPublicIPv4Address")
    )
    assert instance == Price(Decimal("0.096"), "Hrs", "embedded catalog", "2026-11-01")
    assert address == Price(Decimal("0.005"), "Hrs", "embedded catalog", "2026-10-15")
    [service] = list(catalog.files())
    assert (service.service, service.as_of, service.parts) == (
        "AmazonEC2",
        "2026-10-15",
        ("AmazonEC2.eip.json", "AmazonEC2.json"),
    )


def test_gcp_service_names_map_to_file_names_with_underscores(tmp_path):
    write(
        tmp_path / "google" / "Compute_Engine.json",
        "2026-11-01",
        [
            {
                "product_family": "Compute",
                "unit": "h",
                "attributes": {"usageType": "OnDemand"},
                "key": "description",
                "prices": {"N2 Instance Core": {"us-central1": "0.031611"}},
            }
        ],
    )
    catalog = EmbeddedCatalog(tmp_path)
    query = PriceQuery.of(
        "google",
        "Compute Engine",
        "us-central1",
        "Compute",
        description="N2 Instance Core",
        usageType="OnDemand",
    )
    assert catalog.lookup(query).amount == Decimal("0.031611")
    assert [f.service for f in catalog.files()] == ["Compute Engine"]


def test_tiered_price_is_applied_tier_by_tier(tmp_path):
    write(
        tmp_path / "aws" / "AmazonS3.json",
        "2026-11-01",
        [
            {
                "product_family": "Storage",
                "unit": "GB-Mo",
                "attributes": {"volumeType": "Standard"},
                "prices": {"us-east-1": [["0", "0.023"], ["51200", "0.022"], ["512000", "0.021"]]},
            }
        ],
    )
    price = EmbeddedCatalog(tmp_path).lookup(
        PriceQuery.of("aws", "AmazonS3", "us-east-1", "Storage", volumeType="Standard")
    )
    assert price.amount == Decimal("0.023")
    # 100,000 GB: 51,200 x $0.023 + 48,800 x $0.022 = $1,177.60 + $1,073.60 = $2,251.20
    assert price.cost(Decimal(100000)) == Decimal("2251.200")
    # 600,000 GB: $1,177.60 + 460,800 x $0.022 ($10,137.60) + 88,000 x $0.021 ($1,848) = $13,163.20
    assert price.cost(Decimal(600000)) == Decimal("13163.200")
    assert price.cost(Decimal(0)) == 0


def test_two_parts_disagreeing_on_a_price_is_an_error(tmp_path):
    group = {"product_family": "NAT Gateway", "unit": "Hrs", "attributes": {"usagetype": "NatGateway-Hours"}}
    write(tmp_path / "aws" / "AmazonEC2.json", "2026-11-01", [{**group, "prices": {"us-east-1": "0.045"}}])
    write(
        tmp_path / "aws" / "AmazonEC2.nat.json", "2026-11-01", [{**group, "prices": {"us-east-1": "0.046"}}]
    )
    with pytest.raises(CostgateError, match="AmazonEC2.nat.json is damaged: two prices"):
        EmbeddedCatalog(tmp_path).lookup(
            PriceQuery.of("aws", "AmazonEC2", "us-east-1", "NAT Gateway", usagetype="NatGateway-Hours")
        )
