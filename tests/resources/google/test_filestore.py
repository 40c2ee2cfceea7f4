"""google_filestore_instance: tier and capacity; no Filestore prices in the embedded catalog yet."""

from tests.helpers import price_one


def filestore(tier: str, capacity_gb: int = 1024):
    return price_one(
        "google_filestore_instance",
        {
            "tier": tier,
            "location": "us-central1-b",
            "file_shares": [{"name": "share", "capacity_gb": capacity_gb}],
        },
        region="us-central1",
    )


def test_basic_tiers_map_to_their_capacity_skus():
    hdd = filestore("BASIC_HDD", 2048)
    (capacity,) = hdd.components
    assert capacity.name == "Capacity (basic HDD)" and capacity.unit == "GB-months"
    # not priced offline with the catalog's reason, never $0
    assert capacity.monthly_cost is None and "no price in the embedded catalog" in capacity.not_priced_reason
    assert filestore("PREMIUM", 2560).components[0].name == "Capacity (basic SSD)"
    assert filestore("ENTERPRISE").components[0].name == "Capacity (enterprise)"


def test_unknown_tier_is_not_priced_with_a_reason():
    assert filestore("ZONAL").reason.endswith("Filestore tier 'ZONAL' is not priced yet")
