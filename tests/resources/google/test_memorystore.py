"""Exact figures for google_redis_instance and google_memcache_instance."""

from decimal import Decimal

from costgate.resources.google.memorystore import capacity_band
from tests.helpers import cents, component_costs, price_one


def redis(tier: str | None, size, region: str = "us-central1"):
    after = {"memory_size_gb": size, "region": region}
    if tier:
        after["tier"] = tier
    return price_one("google_redis_instance", after, region=region)


def test_redis_basic_m1_default_tier():
    instance = redis(None, 1)
    # 1 GB x 730 h x $0.049 = $35.77
    assert component_costs(instance) == {"Redis capacity (basic, M1)": Decimal("35.770")}


def test_redis_standard_ha_m2():
    instance = redis("STANDARD_HA", 5)
    # 5 GB x 730 h x $0.054 = $197.10
    assert cents(instance.monthly_after) == Decimal("197.10")
    basic = redis("BASIC", 10)
    # 10 GB x 730 h x $0.027 = $197.10 (M2 band ends at 10 GB)
    assert component_costs(basic) == {"Redis capacity (basic, M2)": Decimal("197.100")}


def test_redis_capacity_bands():
    assert [capacity_band(Decimal(n)) for n in (1, 4, 5, 10, 11, 35, 36, 100, 101, 300)] == [
        "M1",
        "M1",
        "M2",
        "M2",
        "M3",
        "M3",
        "M4",
        "M4",
        "M5",
        "M5",
    ]


def test_redis_bands_and_regions_without_catalog_prices_are_not_priced():
    large = redis("STANDARD_HA", 50, region="europe-west1")
    assert large.components[0].name == "Redis capacity (standard, M4)"
    assert "no price in the embedded catalog" in large.components[0].not_priced_reason
    assert redis("BASIC", 1, region="europe-west1").status == "not_priced"
    assert redis("ENTERPRISE", 1).reason.endswith("Memorystore Redis tier 'ENTERPRISE' is not priced yet")


def test_memcache_quantities_are_node_count_times_node_size():
    instance = price_one(
        "google_memcache_instance",
        {"region": "us-central1", "node_count": 3, "node_config": [{"cpu_count": 2, "memory_size_mb": 4096}]},
        region="us-central1",
    )
    vcpus, memory = instance.components
    # no Memcached prices in the embedded catalog: not priced (never $0), named with the node count
    assert (vcpus.name, memory.name) == ("Memcached vCPUs (3 nodes)", "Memcached memory (3 nodes)")
    assert vcpus.monthly_cost is None and "no price in the embedded catalog" in vcpus.not_priced_reason
    assert instance.status == "not_priced"


def test_memcache_without_node_config_is_not_priced_with_a_reason():
    instance = price_one(
        "google_memcache_instance", {"region": "us-central1", "node_count": 1}, region="us-central1"
    )
    assert instance.reason.endswith("node_count and node_config must be set")
