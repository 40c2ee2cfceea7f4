"""The GCP data-services fixture plan and the corpus plans with these types, end to end."""

import json
from decimal import Decimal

import pytest

from tests.helpers import CORPUS, FIXTURES, run_estimate

SPANNER_PLAN = CORPUS / "GoogleCloudPlatform__terraform-validator__example-spanner-database.json"
ALLCOVERAGE_PLAN = CORPUS / "GoogleCloudPlatform__terraform-validator__tf0_12plan-allcoverage.json"


def test_fixture_plan_totals():
    result = run_estimate(json.loads((FIXTURES / "plans" / "google" / "data.json").read_text()))
    after = {r.address: r.monthly_after for r in result.resources}
    # Bigtable: 2 clusters x 1 node x 730 h x $0.65 = $949.00
    assert after["google_bigtable_instance.events"] == Decimal("949.00")
    # Spanner: 500 processing units = 0.5 node x 730 h x $0.90 = $328.50
    assert after["google_spanner_instance.ledger"] == Decimal("328.5000")
    # Cloud SQL regional db-custom-2-7680: 2 x 730 x $0.0826 + 7.5 x 730 x $0.014 + 100 x $0.34 = $231.25
    assert after["google_sql_database_instance.main"] == Decimal("231.2460")
    # Redis STANDARD_HA 5 GB (M2): 5 x 730 x $0.054 = $197.10
    assert after["google_redis_instance.cache"] == Decimal("197.100")
    legacy = next(r for r in result.resources if r.address == "google_sql_database_instance.legacy")
    # before db-f1-micro: 730 x $0.0105 + 20 x $0.17 = $11.065;
    # after db-n1-standard-1: 730 x $0.0413 + 3.75 x 730 x $0.007 + 20 x $0.17 = $52.7115
    assert (legacy.monthly_before, legacy.monthly_after) == (Decimal("11.0650"), Decimal("52.711500"))
    statuses = {r.address: r.status for r in result.resources}
    assert statuses["google_sql_user.app"] == statuses["google_bigtable_table.events"] == "free"
    assert (
        statuses["google_filestore_instance.share"]
        == statuses["google_memcache_instance.sessions"]
        == "not_priced"
    )


@pytest.mark.skipif(not SPANNER_PLAN.exists(), reason="the shared corpus is not present")
def test_corpus_spanner_plan_is_priced_in_the_configs_region_or_says_why():
    result = run_estimate(json.loads(SPANNER_PLAN.read_text()))
    instance = next(r for r in result.resources if r.type == "google_spanner_instance")
    # regional-europe-west1 has no embedded price: not priced with the catalog's reason, never $0
    assert instance.region == "europe-west1"
    assert instance.status == "not_priced" and "no price in the embedded catalog" in instance.reason


@pytest.mark.skipif(not ALLCOVERAGE_PLAN.exists(), reason="the shared corpus is not present")
def test_corpus_allcoverage_sql_instance():
    result = run_estimate(json.loads(ALLCOVERAGE_PLAN.read_text()))
    instance = next(r for r in result.resources if r.type == "google_sql_database_instance")
    # db-f1-micro (POSTGRES_9_6) in us-central1, disk size/type computed: 730 x $0.0105 + 10 GB x $0.17 = $9.365
    assert instance.monthly_after == Decimal("9.3650")
