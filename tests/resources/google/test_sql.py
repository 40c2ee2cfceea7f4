"""Exact figures for google_sql_database_instance, priced from the embedded catalog."""

from decimal import Decimal

from tests.helpers import cents, component_costs, price_one


def sql(tier: str, version: str = "POSTGRES_15", region: str = "us-central1", **settings):
    return price_one(
        "google_sql_database_instance",
        {"database_version": version, "region": region, "settings": [{"tier": tier, **settings}]},
        region=region,
    )


def test_custom_tier_zonal_default_disk():
    instance = sql("db-custom-2-7680")
    # 2 vCPU x 730 h x $0.0413 = $60.298; 7.5 GB x 730 h x $0.007 = $38.325; 10 GB SSD (default) x $0.17 = $1.70
    assert component_costs(instance) == {
        "vCPUs (zonal, db-custom-2-7680)": Decimal("60.2980"),
        "Memory (zonal, db-custom-2-7680)": Decimal("38.32500"),
        "Storage (SSD, zonal) (default)": Decimal("1.70"),
        "Backups": None,
    }
    assert cents(instance.monthly_after) == Decimal("100.32")
    backups = instance.components[-1]
    assert backups.usage_based and backups.unit_price == Decimal("0.08")


def test_regional_doubles_compute_and_storage():
    instance = sql(
        "db-custom-4-16384",
        version="MYSQL_8_0",
        availability_type="REGIONAL",
        disk_type="PD_SSD",
        disk_size=100,
    )
    # 4 x 730 x $0.0826 = $241.192; 16 GB x 730 x $0.014 = $163.52; 100 GB x $0.34 = $34.00
    assert cents(instance.monthly_after) == Decimal("438.71")
    assert component_costs(instance)["Storage (SSD, regional)"] == Decimal("34.00")


def test_legacy_n1_tiers_are_priced_as_their_vcpus_and_memory():
    standard = sql("db-n1-standard-2", region="us-east1", disk_type="PD_HDD", disk_size=50)
    # 2 x 730 x $0.0413 = $60.298; 7.5 GB x 730 x $0.007 = $38.325; 50 GB HDD x $0.09 = $4.50
    assert cents(standard.monthly_after) == Decimal("103.12")
    highmem = sql("db-n1-highmem-4")
    # 4 x 730 x $0.0413 = $120.596; 26 GB x 730 x $0.007 = $132.86; 10 GB x $0.17 = $1.70
    assert cents(highmem.monthly_after) == Decimal("255.16")


def test_shared_core_tiers():
    micro = sql("db-f1-micro", version="MYSQL_5_7")
    # 730 h x $0.0105 = $7.665; 10 GB x $0.17 = $1.70
    assert micro.monthly_after == Decimal("9.3650")
    small = sql("db-g1-small", disk_size=20)
    # 730 h x $0.035 = $25.55; 20 GB x $0.17 = $3.40
    assert cents(small.monthly_after) == Decimal("28.95")
    assert "Database instance (shared core, zonal, db-g1-small)" in component_costs(small)


def test_sql_server_adds_a_license_per_vcpu_that_is_not_priced_offline():
    instance = sql("db-custom-4-15360", version="SQLSERVER_2019_STANDARD")
    costs = component_costs(instance)
    # compute still priced: 4 x 730 x $0.0413 = $120.596; 15 GB x 730 x $0.007 = $76.65; 10 GB x $0.17 = $1.70
    assert cents(instance.monthly_after) == Decimal("198.95")
    license_ = next(c for c in instance.components if c.name == "SQL Server license (Standard)")
    assert costs["SQL Server license (Standard)"] is None
    assert "no price in the embedded catalog" in license_.not_priced_reason
    express = sql("db-custom-2-7680", version="SQLSERVER_2019_EXPRESS")
    assert not any("license" in c.name for c in express.components)


def test_enterprise_plus_uses_its_own_skus():
    instance = sql("db-custom-2-8192", version="MYSQL_8_0", edition="ENTERPRISE_PLUS")
    vcpu = instance.components[0]
    assert vcpu.name == "vCPUs (zonal, Enterprise Plus, db-custom-2-8192)"
    assert vcpu.monthly_cost is None and "no price in the embedded catalog" in vcpu.not_priced_reason


def test_unknown_tier_engine_and_disk_type_are_not_priced_with_a_reason():
    assert (
        sql("db-highcpu-2").components[0].not_priced_reason
        == "Cloud SQL tier 'db-highcpu-2' is not priced yet"
    )
    oracle = sql("db-custom-1-3840", version="ORACLE_19")
    assert oracle.reason.endswith("database_version 'ORACLE_19' is not priced yet")
    disk = sql("db-custom-1-3840", disk_type="PD_EXTREME")
    assert component_costs(disk)["Storage (PD_EXTREME)"] is None


def test_region_without_catalog_prices_is_not_priced():
    instance = sql("db-custom-1-3840", region="europe-west1")
    assert instance.monthly_after == 0 and instance.status == "not_priced"


def test_performance_optimized_tiers_are_enterprise_plus():
    instance = sql("db-perf-optimized-N-4", version="MYSQL_8_0", edition="ENTERPRISE_PLUS")
    vcpus, memory = instance.components[:2]
    assert (vcpus.name, memory.name) == (
        "vCPUs (zonal, Enterprise Plus, db-perf-optimized-N-4)",
        "Memory (zonal, Enterprise Plus, db-perf-optimized-N-4)",
    )
    # 4 vCPUs x 730 h and 32 GB x 730 h; no Enterprise Plus price in the embedded catalog
    assert memory.monthly_cost is None and "no price in the embedded catalog" in memory.not_priced_reason


def test_tier_known_only_after_apply_is_not_priced_with_the_reason():
    instance = price_one(
        "google_sql_database_instance",
        {"database_version": "MYSQL_8_0", "region": "us-central1", "settings": [{}]},
        region="us-central1",
        after_unknown={"settings": [{"tier": True}]},
    )
    assert instance.components[0].monthly_cost is None
    assert "after apply" in instance.components[0].not_priced_reason
