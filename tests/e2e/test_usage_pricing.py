"""`costgate usage keys|template` and `costgate pricing info|cache clear|build` as a user runs them."""

import json
from decimal import Decimal

from costgate.model import Price, PriceQuery
from costgate.pricing.cache import PriceCache
from tests.e2e.expect import expect
from tests.helpers import FIXTURES, change, plan_document

OFFER = str(FIXTURES / "pricing" / "aws-AmazonEC2-us-east-1-offer.json")


def test_usage_keys_of_one_type(costgate):
    run = expect(costgate("usage", "keys", "aws_lambda_function"), 0)
    assert [line.split()[:3] for line in run.stdout.splitlines()] == [
        ["TYPE", "KEY", "UNIT"],
        ["aws_lambda_function", "monthly_requests", "requests"],
        ["aws_lambda_function", "request_duration_ms", "ms"],
    ]
    every = expect(costgate("usage", "keys"), 0)
    assert "aws_nat_gateway" in every.stdout and "google_storage_bucket" in every.stdout


def test_usage_keys_of_a_type_without_keys_is_exit_2(costgate):
    run = expect(costgate("usage", "keys", "aws_vpc"), 2)
    assert "aws_vpc has no usage keys (types with usage keys: aws_alb," in run.stderr


def test_the_usage_template_is_a_usage_file_the_next_run_accepts(costgate, workdir):
    (workdir / "plan.json").write_text(json.dumps(plan_document(change("aws_nat_gateway", {}, name="main"))))
    expect(costgate("usage", "template", "plan.json", "--out", "usage.yml"), 0)
    template = (workdir / "usage.yml").read_text()
    assert "  aws_nat_gateway.main:\n    # monthly_data_processed_gb: 0  # GB:" in template
    assert "Data processed: $0.045 per GB" in template

    as_written = expect(
        costgate("breakdown", "plan.json", "--usage-file", "usage.yml", "--format", "json"), 0
    )
    # every key commented out: only the hours, 730 h x $0.045 = $32.85
    assert json.loads(as_written.stdout)["totals"]["monthly_after"] == "32.85"

    (workdir / "usage.yml").write_text(
        template.replace("# monthly_data_processed_gb: 0", "monthly_data_processed_gb: 100")
    )
    filled = expect(costgate("breakdown", "plan.json", "--usage-file", "usage.yml", "--format", "json"), 0)
    # 730 h x $0.045 = $32.85 + 100 GB x $0.045 = $4.50 -> $37.35
    assert json.loads(filled.stdout)["totals"]["monthly_after"] == "37.35"
    # and the template filled from it keeps the figure
    refilled = expect(costgate("usage", "template", "plan.json", "--usage-file", "usage.yml"), 0)
    assert "    monthly_data_processed_gb: 100  # GB:" in refilled.stdout


def test_a_broken_usage_file_is_exit_2(costgate, workdir):
    (workdir / "plan.json").write_text(json.dumps(plan_document(change("aws_nat_gateway", {}, name="main"))))
    (workdir / "usage.yml").write_text("version: 0.1\nresource_usage:\n  aws_nat_gateway.main: [\n")
    run = expect(costgate("breakdown", "plan.json", "--usage-file", "usage.yml"), 2)
    assert "usage.yml" in run.stderr


def test_pricing_info_counts_agree(costgate):
    summary = json.loads(expect(costgate("pricing", "info", "--json"), 0).stdout)
    ec2 = next(s for s in summary["services"] if (s["provider"], s["service"]) == ("aws", "AmazonEC2"))
    assert "us-east-1" in ec2["regions"] and ec2["prices"] > 0
    text = expect(costgate("pricing", "info"), 0).stdout
    total = sum(s["prices"] for s in summary["services"])
    assert total == summary["prices"]
    assert text.splitlines()[-1] == (
        f"{total} prices in {len(summary['services'])} services (embedded catalog; public on-demand list prices)"
    )


def test_pricing_cache_clear_empties_the_cache_it_names(costgate, tmp_path, monkeypatch):
    cache_dir = tmp_path / "home" / "costgate-cache"  # the COSTGATE_CACHE_DIR the subprocess gets
    monkeypatch.setenv("COSTGATE_CACHE_DIR", str(cache_dir))
    query = PriceQuery.of("aws", "AmazonEC2", "us-east-1", "Storage", volumeApiName="gp3")
    PriceCache().put(
        "aws price list api", query, Price(Decimal("0.08"), "GB-Mo", "aws price list api", "2026-11-01")
    )
    run = expect(costgate("pricing", "cache", "clear"), 0)
    assert run.stdout == f"removed 1 cached entry from {cache_dir / 'prices.sqlite3'}\n"
    assert expect(costgate("pricing", "cache", "clear"), 0).stdout.startswith(
        "removed 0 cached entries from "
    )


def test_pricing_build_from_an_offer_file(costgate, workdir):
    run = expect(
        costgate("pricing", "build", "--aws-offer", OFFER, "--as-of", "2026-12-01", "--out", "catalog"), 0
    )
    assert "4 prices written to catalog;" in run.stdout
    # each rebuilt part keeps its file name: instances from the generated Karpenter part, EBS from a hand-entered one
    parts = sorted((workdir / "catalog").rglob("*.json"))
    assert [path.name for path in parts] == ["AmazonEC2.hand-ebs-nat.json", "AmazonEC2.karpenter.json"]
    prices = {}
    for path in parts:
        rebuilt = json.loads(path.read_text())
        assert rebuilt["as_of"] == "2026-12-01" and "label" not in rebuilt
        for group in rebuilt["groups"]:
            for name, by_region in group["prices"].items():
                prices[(group["product_family"], name)] = by_region
    # the offer's m5.large Linux on-demand price, the one the embedded catalog holds: $0.096 per hour
    assert prices[("Compute Instance", "m5.large")] == {"us-east-1": "0.096"}
    assert prices[("Storage", "gp3")] == {"us-east-1": "0.08"}


def test_pricing_build_without_a_source_is_exit_2(costgate, workdir):
    run = expect(costgate("pricing", "build", "--as-of", "2026-12-01", "--out", "catalog"), 2)
    assert "pricing build needs --aws-offer, --gcp-skus or --live" in run.stderr
    assert not (workdir / "catalog").exists()
