"""The generated catalog as a user meets it: a plan outside the US is priced offline, each price naming its table."""

import json

from tests.e2e.expect import expect
from tests.helpers import FIXTURES, change, plan_document

EU_WEST_1 = str(FIXTURES / "e2e" / "eu-west-1.json")  # terraform plan of fixtures/e2e/eu-west-1.tf


def test_a_plan_in_ireland_is_priced_from_the_tables(costgate):
    report = json.loads(expect(costgate("breakdown", EU_WEST_1, "--format", "json"), 0).stdout)
    by_address = {r["address"]: r for r in report["resources"]}
    instance = by_address["aws_instance.web"]["components"][0]
    # c6i.large: 730 h x $0.0912 = $66.576 (Spare Cores, 2024-02-21)
    assert (
        instance["unit_price"],
        instance["monthly_cost"],
        instance["price_source"],
        instance["price_as_of"],
    ) == (
        "0.0912",
        "66.58",
        "embedded catalog (sc-data@ce414d8e)",
        "2024-02-21",
    )
    database = by_address["aws_db_instance.orders"]
    # MySQL Multi-AZ db.m5.large 730 h x $0.378 = $275.94; 100 GB gp2 Multi-AZ x $0.253 = $25.30
    assert database["monthly_after"] == "301.24"
    assert report["summary"]["not_priced"] == 0
    assert {"name": "embedded catalog (terracost@23cf94d2)", "as_of": "2023-02-23"} in report["pricing"][
        "sources"
    ]


def test_a_gcp_plan_in_london_is_priced_from_the_tables(costgate, workdir):
    document = plan_document(
        change("google_compute_instance", {"machine_type": "n2-standard-2", "zone": "europe-west2-a"}),
        change("google_compute_disk", {"type": "pd-balanced", "size": 100, "zone": "europe-west2-a"}),
        region="europe-west2",
        provider="google",
    )
    (workdir / "plan.json").write_text(json.dumps(document))
    report = json.loads(expect(costgate("breakdown", "plan.json", "--format", "json"), 0).stdout)
    # n2-standard-2: (2 x $0.04073 + 8 x $0.005458) x 730 = $91.34052, less 20 % = $73.072416; boot 10 GB x $0.048
    # disk: 100 GB x $0.12 = $12.00; total $85.552416
    assert report["totals"]["monthly_after"] == "85.55"
    assert report["summary"]["not_priced"] == 0


def test_pricing_info_lists_regions_counts_and_dates_per_service(costgate):
    info = json.loads(expect(costgate("pricing", "info", "--json"), 0).stdout)
    by_service = {(s["provider"], s["service"]): s for s in info["services"]}
    ec2 = by_service[("aws", "AmazonEC2")]
    assert (
        len(ec2["regions"]) == 31
        and "ap-southeast-4" in ec2["regions"]
        and "cn-north-1" not in ec2["regions"]
    )
    assert (ec2["oldest_as_of"], ec2["newest_as_of"]) == ("2023-02-23", "2026-11-01")
    assert "embedded catalog (karpenter-provider-aws@1d927085)" in ec2["sources"]
    gce = by_service[("google", "Compute Engine")]
    assert len(gce["regions"]) == 43 and gce["newest_as_of"] == "2026-07-30"
    text = expect(costgate("pricing", "info"), 0).stdout
    assert "as of 2023-02-23 to 2026-11-01  31 regions: af-south-1," in text
