"""`costgate pricing`: info, cache clear, and build from small fixtures in the providers' official formats."""

from __future__ import annotations

import json
from decimal import Decimal

from click.testing import CliRunner

from costgate.cli import cli
from costgate.model import Price, PriceQuery
from costgate.pricing.cache import PriceCache
from costgate.pricing.catalog import EmbeddedCatalog
from tests.helpers import FIXTURES

OFFER = str(FIXTURES / "pricing" / "aws-AmazonEC2-us-east-1-offer.json")
GCP_SKUS = str(FIXTURES / "pricing" / "gcp-Compute_Engine-skus.json")


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_info_lists_services_dates_regions_and_counts():
    summary = json.loads(run("pricing", "info", "--json"))
    ec2 = next(s for s in summary["services"] if s["service"] == "AmazonEC2")
    assert ec2["provider"] == "aws" and ec2["as_of"] and "eu-central-1" in ec2["regions"]
    # the oldest and newest as-of dates bound the list of dates; each table is named once
    assert (ec2["oldest_as_of"], ec2["newest_as_of"]) == (ec2["as_of"][0], ec2["as_of"][-1])
    assert "embedded catalog (sc-data@ce414d8e)" in ec2["sources"] and len(set(ec2["sources"])) == len(
        ec2["sources"]
    )
    assert summary["prices"] == sum(s["prices"] for s in summary["services"]) > 0
    text = run("pricing", "info")
    assert "AmazonEC2" in text and f"{summary['prices']} prices in" in text


def test_cache_clear(monkeypatch, tmp_path):
    monkeypatch.setenv("COSTGATE_CACHE_DIR", str(tmp_path))
    query = PriceQuery.of("aws", "AmazonEC2", "us-east-1", "Storage", volumeApiName="gp3")
    PriceCache().put(
        "aws price list api", query, Price(Decimal("0.08"), "GB-Mo", "aws price list api", "2026-11-01")
    )
    assert "removed 1 cached entry" in run("pricing", "cache", "clear")
    assert PriceCache().get("aws price list api", query) == (False, None)
    assert "removed 0 cached entries" in run("pricing", "cache", "clear")


def test_build_from_an_aws_bulk_offer_file(tmp_path):
    output = run("pricing", "build", "--aws-offer", OFFER, "--as-of", "2026-11-01", "--out", str(tmp_path))
    assert "4 prices written" in output
    rebuilt = EmbeddedCatalog(tmp_path)
    m5 = PriceQuery.of(
        "aws", "AmazonEC2", "us-east-1", "Compute Instance",
        instanceType="m5.large", operatingSystem="Linux", tenancy="Shared",
        preInstalledSw="NA", capacitystatus="Used", licenseModel="No License required",
    )  # fmt: skip
    # the SQL Web and unused-reservation SKUs in the offer are not picked: the query pins them out
    assert rebuilt.lookup(m5).amount == Decimal("0.096")
    gp3 = PriceQuery.of("aws", "AmazonEC2", "us-east-1", "Storage", volumeApiName="gp3")
    assert rebuilt.lookup(gp3).amount == Decimal("0.08")
    assert (
        rebuilt.lookup(PriceQuery.of("aws", "AmazonEC2", "us-east-2", "Storage", volumeApiName="gp3")) is None
    )
    assert not (tmp_path / "aws" / "AmazonRDS.json").exists()  # no RDS data given: its file is left alone


def test_build_from_gcp_sku_pages(tmp_path):
    catalog = tmp_path / "catalog" / "google"
    catalog.mkdir(parents=True)
    part = {
        "provider": "google",
        "service": "Compute Engine",
        "source": "test",
        "as_of": "2025-01-01",
        "groups": [
            {"product_family": "Compute", "unit": "h", "attributes": {"usageType": "OnDemand"}, "key": "description",
             "prices": {"N2 Instance Core": {"us-central1": "0.03"}, "N2 Instance Ram": {"us-central1": "0.004"}}},
            {"product_family": "Storage", "unit": "GiBy.mo", "attributes": {"usageType": "OnDemand", "description": "Storage PD Capacity"},
             "prices": {"us-central1": "0.04", "europe-west1": "0.04"}},
        ],
    }  # fmt: skip
    (catalog / "Compute_Engine.machines.json").write_text(json.dumps(part))
    output = run(
        "pricing", "build", "--gcp-skus", f"Compute Engine={GCP_SKUS}", "--catalog", str(tmp_path / "catalog"),
        "--as-of", "2026-11-01", "--out", str(tmp_path / "out"),
    )  # fmt: skip
    assert "3 prices written" in output and "1 not found" in output
    rebuilt = json.loads((tmp_path / "out" / "google" / "Compute_Engine.machines.json").read_text())
    assert rebuilt["as_of"] == "2026-11-01"
    assert rebuilt["groups"][0]["prices"] == {
        "N2 Instance Core": {"us-central1": "0.031611"},
        "N2 Instance Ram": {"us-central1": "0.004237"},
    }
    assert rebuilt["groups"][1]["prices"] == {"us-central1": "0.04"}


def test_build_needs_some_data(tmp_path):
    result = CliRunner().invoke(cli, ["pricing", "build", "--as-of", "2026-11-01", "--out", str(tmp_path)])
    assert result.exit_code != 0
