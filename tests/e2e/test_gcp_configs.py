"""A real GCP configuration, as a user prices it: `costgate breakdown` on fixtures/plans/gcp-configs."""

import json

from tests.e2e.expect import expect
from tests.helpers import FIXTURES

PLATFORM = str(FIXTURES / "plans" / "gcp-configs" / "platform.json")


def test_breakdown_prices_gcp_defaults_tiers_and_inline_node_pools(costgate, workdir):
    expect(costgate("breakdown", PLATFORM, "--format", "json", "--out", "report.json"), 0)
    report = json.loads((workdir / "report.json").read_text())
    after = {r["address"]: r["monthly_after"] for r in report["resources"]}
    assert after["google_compute_disk.blank_standard"] == "20.00"  # 500 GB (default) x $0.04
    assert after["google_sql_database_instance.orders"] == "102.02"  # db-standard-2 + 20 GB SSD
    # 150 GB M5 standard: its price was removed from the catalog (no Google page confirmed it)
    status = {r["address"]: r["status"] for r in report["resources"]}
    assert status["google_redis_instance.catalog"] == "not_priced"
    assert (
        after["google_container_cluster.regional"] == "749.24"
    )  # fee + two inline pools (test_gcp_configs.py has the arithmetic)
    names = [c["name"] for r in report["resources"] for c in r["components"]]
    assert "Storage (balanced, pd-balanced) (default)" in names
    assert report["summary"]["region_assumed"] == 0


def test_the_table_names_defaults_and_what_is_known_only_after_apply(costgate):
    run = expect(costgate("breakdown", PLATFORM), 0)
    assert "Storage (standard, pd-standard) (default): 500 GB-months" in run.stdout
    assert (
        "google_compute_disk.from_public_image: Storage (SSD, pd-ssd): the disk has the size of its image"
        in (run.stdout)
    )
