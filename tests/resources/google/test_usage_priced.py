"""Exact figures for Google Cloud components priced from usage estimates."""

from decimal import Decimal

from tests.helpers import cents, component_costs, price_with_usage


def test_storage_bucket_standard_regional():
    bucket = price_with_usage(
        "google_storage_bucket",
        {"location": "US-CENTRAL1", "storage_class": "STANDARD"},
        {
            "storage_gb": 1000,
            "monthly_class_a_operations": 1_000_000,
            "monthly_class_b_operations": 10_000_000,
        },
        region="us-central1",
    )
    # 1,000 GB x $0.020 = $20.00; 1M class A x $0.000005 = $5.00; 10M class B x $0.0000004 = $4.00
    assert [cents(c.monthly_cost) for c in bucket.components] == [
        Decimal("20.00"),
        Decimal("5.00"),
        Decimal("4.00"),
    ]
    assert bucket.components[0].name == "Storage (Standard, US-CENTRAL1)"


def test_storage_bucket_class_and_multi_region_location():
    nearline = price_with_usage(
        "google_storage_bucket",
        {"location": "EUROPE-WEST1", "storage_class": "NEARLINE"},
        {"storage_gb": 1000},
        region="europe-west1",
    )
    # 1,000 GB x $0.010 = $10.00; operations for Nearline are not in the catalog: not priced, never $0
    assert cents(nearline.components[0].monthly_cost) == Decimal("10.00")
    assert "no price" in nearline.components[1].not_priced_reason
    multi = price_with_usage(
        "google_storage_bucket", {"location": "US"}, {"storage_gb": 100}, region="us-central1"
    )
    # US multi-region Standard: 100 GB x $0.026 = $2.60
    assert cents(multi.components[0].monthly_cost) == Decimal("2.60")


def test_cloud_run_v2_instance_time_and_requests():
    service = price_with_usage(
        "google_cloud_run_v2_service",
        {"template": [{"containers": [{"resources": [{"limits": {"cpu": "2", "memory": "1Gi"}}]}]}]},
        {"monthly_requests": 5_000_000, "monthly_instance_seconds": 1_000_000},
        region="us-central1",
    )
    # 5M x $0.0000004 = $2.00; 1M s x 2 vCPU x $0.000024 = $48.00; 1M s x 1 GiB x $0.0000025 = $2.50
    assert {k: cents(v) for k, v in component_costs(service).items()} == {
        "Requests": Decimal("2.00"),
        "CPU (2 vCPU)": Decimal("48.00"),
        "Memory (1 GiB)": Decimal("2.50"),
    }


def test_cloud_run_v1_default_limits():
    service = price_with_usage(
        "google_cloud_run_service",
        {"template": [{"spec": [{"containers": [{}]}]}]},
        {"monthly_instance_seconds": 100_000},
        region="us-central1",
    )
    # defaults 1 vCPU, 512Mi: 100,000 vCPU-s x $0.000024 = $2.40; 50,000 GiB-s x $0.0000025 = $0.125
    assert cents(service.monthly_after) == Decimal("2.52")
