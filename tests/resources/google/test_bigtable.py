"""Exact figures for google_bigtable_instance."""

from decimal import Decimal

from tests.helpers import change, component_costs, plan_document, price_one, run_estimate


def bigtable(*clusters):
    return price_one(
        "google_bigtable_instance", {"name": "bt", "cluster": list(clusters)}, region="us-central1"
    )


def test_one_ssd_cluster():
    instance = bigtable({"cluster_id": "c1", "zone": "us-central1-b", "num_nodes": 3, "storage_type": "SSD"})
    # 3 nodes x 730 h x $0.65 = $1,423.50; SSD storage depends on usage ($0.17 per GB-month)
    assert component_costs(instance) == {"nodes": Decimal("1423.50"), "storage (SSD)": None}
    assert instance.components[1].unit_price == Decimal("0.17")


def test_two_clusters_each_pay_for_their_nodes():
    instance = bigtable(
        {"cluster_id": "a", "zone": "us-central1-a", "num_nodes": 1, "storage_type": "HDD"},
        {"cluster_id": "b", "zone": "us-central1-c", "num_nodes": 2, "storage_type": "HDD"},
    )
    # (1 + 2) nodes x 730 h x $0.65 = $1,423.50; HDD storage at $0.026 per GB-month
    assert instance.monthly_after == Decimal("1423.50")
    assert component_costs(instance)["Cluster 2 nodes"] == Decimal("949.00")
    assert instance.components[1].unit_price == Decimal("0.026")


def test_autoscaled_cluster_gives_a_range():
    instance = bigtable(
        {
            "cluster_id": "a",
            "zone": "us-central1-a",
            "autoscaling_config": [{"min_nodes": 1, "max_nodes": 5, "cpu_target": 60}],
        }
    )
    # at the minimum 1 node x 730 h x $0.65 = $474.50; at the maximum 5 x $474.50 = $2,372.50
    assert (instance.monthly_after, instance.monthly_at_minimum, instance.monthly_at_maximum) == (
        Decimal("474.50"),
        Decimal("474.50"),
        Decimal("2372.50"),
    )


def test_cluster_in_a_region_without_catalog_prices_is_not_priced():
    instance = bigtable({"cluster_id": "a", "zone": "europe-west1-b", "num_nodes": 1})
    assert "no price in the embedded catalog" in instance.components[0].not_priced_reason


def test_region_comes_from_the_first_cluster_zone():
    cluster = {"cluster_id": "a", "zone": "us-central1-f", "num_nodes": 1}
    document = plan_document(
        change("google_bigtable_instance", {"cluster": [cluster]}), region=None, provider="google"
    )
    (instance,) = run_estimate(document).resources
    # 1 node x 730 h x $0.65 = $474.50
    assert (instance.region, instance.monthly_after) == ("us-central1", Decimal("474.50"))
