"""Exact figures for GKE clusters and node pools (us-central1 list prices)."""

from decimal import Decimal

from tests.helpers import cents, change, component_costs, plan_document, price_one, run_estimate
from tests.resources.google.test_compute import config, ref


def test_zonal_cluster_with_default_node_pool():
    cluster = price_one(
        "google_container_cluster",
        {"location": "us-central1-a", "initial_node_count": 3},
        region="us-central1",
    )
    costs = component_costs(cluster)
    # management fee: 730 h x $0.10 = $73.00
    assert costs["Cluster management fee (zonal)"] == Decimal("73.0")
    # default pool: 3 nodes x 1 zone of e2-medium: (1 x $0.02181159 + 4 x $0.00292353) x 730 = $24.4591683 each
    # boot disks: 3 x 100 GB pd-standard x $0.04 = $12.00
    # total: $73.00 + 3 x $24.4591683 + $12.00 = $158.3775049
    assert cents(cluster.monthly_after) == Decimal("158.38")


def test_regional_cluster_default_pool_runs_in_every_zone_and_removed_pool_is_not_priced():
    cluster = price_one(
        "google_container_cluster",
        {
            "location": "us-central1",
            "node_locations": ["us-central1-a", "us-central1-b"],
            "initial_node_count": 2,
            "node_config": [{"machine_type": "n2-standard-4", "disk_size_gb": 50, "disk_type": "pd-ssd"}],
        },
        region="us-central1",
    )
    # 2 nodes x 2 zones = 4 nodes of n2-standard-4: (4 x $0.031611 + 16 x $0.004237) x 730 = $141.79228, less 20 % = $113.433824
    # disks: 4 x 50 GB pd-ssd x $0.17 = $34.00; fee $73.00; total $73 + 4 x $113.433824 + $34 = $560.735296
    assert cents(cluster.monthly_after) == Decimal("560.74")
    removed = price_one(
        "google_container_cluster",
        {"location": "us-central1", "remove_default_node_pool": True},
        region="us-central1",
    )
    assert component_costs(removed) == {"Cluster management fee (regional)": Decimal("73.0")}


def test_autopilot_cluster_pays_the_fee():
    autopilot = price_one(
        "google_container_cluster",
        {"location": "us-central1", "enable_autopilot": True},
        region="us-central1",
    )
    assert component_costs(autopilot) == {"Cluster management fee (Autopilot)": Decimal("73.0")}


def _pool_plan(pool: dict, cluster: dict) -> dict:
    return plan_document(
        change("google_container_cluster", {"remove_default_node_pool": True, **cluster}, name="c"),
        change("google_container_node_pool", pool, name="pool"),
        configuration=config(
            ("google_container_node_pool.pool", {"cluster": ref("google_container_cluster.c.id")})
        ),
    )


def test_node_pool_count_per_zone_of_the_cluster():
    result = run_estimate(
        _pool_plan(
            {"node_count": 2, "node_config": [{"machine_type": "e2-standard-4"}]}, {"location": "us-central1"}
        )
    )
    pool = next(r for r in result.resources if r.address == "google_container_node_pool.pool")
    # regional cluster: 3 zones x 2 nodes = 6 nodes
    # node: (4 x $0.02181159 + 16 x $0.00292353) x 730 = $97.8366732; disk 100 GB pd-standard x $0.04 = $4.00
    # 6 x $101.8366732 = $611.0200392
    assert cents(pool.monthly_after) == Decimal("611.02")


def test_node_pool_autoscaling_range_and_spot():
    result = run_estimate(
        _pool_plan(
            {
                "location": "us-central1-a",
                "autoscaling": [{"min_node_count": 1, "max_node_count": 5}],
                "node_config": [{"machine_type": "n1-standard-2", "disk_size_gb": 20}],
            },
            {"location": "us-central1-a"},
        )
    )
    pool = next(r for r in result.resources if r.address == "google_container_node_pool.pool")
    # node: (2 x $0.031611 + 7.5 x $0.004237) x 730 = 0.0949995 x 730 = $69.349635, less 30 % = $48.5447445
    # disk: 20 GB x $0.04 = $0.80 -> $49.3447445 per node; min 1 node, max 5 nodes = $246.7237225
    assert cents(pool.monthly_after) == Decimal("49.34")
    assert cents(pool.monthly_at_maximum) == Decimal("246.72")
    spot = run_estimate(
        _pool_plan(
            {"node_count": 1, "node_config": [{"machine_type": "n1-standard-2", "spot": True}]},
            {"location": "us-central1-a"},
        )
    )
    spot_pool = next(r for r in spot.resources if r.address == "google_container_node_pool.pool")
    assert spot_pool.components[0].name == "Node usage (preemptible, n1-standard-2): vCPUs"
    assert spot_pool.components[0].discount_percent == 0


def test_node_pool_total_limits():
    result = run_estimate(
        _pool_plan(
            {
                "autoscaling": [{"total_min_node_count": 2, "total_max_node_count": 4}],
                "node_config": [{"machine_type": "e2-medium"}],
            },
            {"location": "us-central1"},
        )
    )
    pool = next(r for r in result.resources if r.address == "google_container_node_pool.pool")
    # e2-medium $24.4591683 + 100 GB x $0.04 = $28.4591683 per node; total limits 2..4 nodes
    assert cents(pool.monthly_after) == Decimal("56.92")
    assert cents(pool.monthly_at_maximum) == Decimal("113.84")


def test_zonal_cluster_node_locations_add_to_its_own_zone():
    cluster = price_one(
        "google_container_cluster",
        {"location": "us-central1-a", "node_locations": ["us-central1-b"], "initial_node_count": 1},
        region="us-central1",
    )
    # 1 node x 2 zones (us-central1-a and -b): 2 x ($24.4591683 + 100 GB x $0.04) + $73.00 fee = $129.9183366
    assert cents(cluster.monthly_after) == Decimal("129.92")


def test_node_pool_machine_type_configured_but_unknown_is_not_defaulted():
    pool = price_one(
        "google_container_node_pool",
        {"location": "us-central1-a", "node_count": 1, "node_config": [{}]},
        region="us-central1",
        after_unknown={"node_config": [{"machine_type": True}]},
    )
    # without configuration expressions, a computed machine type reads as GKE's default e2-medium:
    # $24.4591683 + 100 GB x $0.04 = $28.4591683
    assert cents(pool.monthly_after) == Decimal("28.46")


def test_node_pool_machine_type_from_an_unknown_expression_is_not_priced():
    document = plan_document(
        change(
            "google_container_node_pool",
            {"location": "us-central1-a", "node_count": 1, "node_config": [{}]},
            name="pool",
            after_unknown={"node_config": [{"machine_type": True}]},
        ),
        configuration=config(
            (
                "google_container_node_pool.pool",
                {"node_config": [{"machine_type": ref("random_pet.type.id")}]},
            )
        ),
    )
    pool = next(r for r in run_estimate(document).resources if r.address == "google_container_node_pool.pool")
    assert pool.components[0].monthly_cost is None
    assert "node_config.0.machine_type" in pool.components[0].not_priced_reason
