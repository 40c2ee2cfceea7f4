"""Real GCP configurations (fixtures/plans/gcp-configs, shaped like `terraform show -json` output with
"known after apply" values): provider defaults, sizes from referenced images, predefined Cloud SQL tiers,
Memorystore M3-M5, inline GKE node pools, static addresses in use, accelerator and spot machine types.
Prices are us-central1 list prices from the embedded catalog."""

import json
from decimal import Decimal

import pytest

from tests.helpers import FIXTURES, change, component_costs, plan_document, run_estimate

PLANS = FIXTURES / "plans" / "gcp-configs"


def resources(name):
    estimate = run_estimate(json.loads((PLANS / f"{name}.json").read_text()))
    return {r.address: r for r in estimate.resources}


@pytest.fixture(scope="module")
def platform():
    return resources("platform")


@pytest.fixture(scope="module")
def accelerators():
    return resources("accelerators")


# -- disks: the API default for blank disks, the image's size when the plan holds the image --------------


def test_blank_disks_get_the_api_default_size(platform):
    # pd-balanced with no size: 100 GB (default) x $0.10 = $10.00
    assert component_costs(platform["google_compute_disk.blank_balanced"]) == {
        "Storage (balanced, pd-balanced) (default)": Decimal("10.0")
    }
    # no type and no size: pd-standard, 500 GB (default) x $0.04 = $20.00
    assert component_costs(platform["google_compute_disk.blank_standard"]) == {
        "Storage (standard, pd-standard) (default)": Decimal("20.00")
    }


def test_a_disk_made_from_an_image_in_the_plan_has_the_image_size(platform):
    # google_compute_image.base has disk_size_gb = 20: 20 GB pd-ssd x $0.17 = $3.40
    disk = platform["google_compute_disk.from_image"]
    assert (disk.status, disk.monthly_after) == ("priced", Decimal("3.40"))
    assert disk.components[0].name == "Storage (SSD, pd-ssd) (size of its image)"


def test_a_disk_from_a_public_image_is_known_after_apply(platform):
    disk = platform["google_compute_disk.from_public_image"]
    assert disk.status == "not_priced"
    assert disk.reason == (
        "Storage (SSD, pd-ssd): the disk has the size of its image, known only after apply (size)"
    )


def test_a_boot_disk_from_an_image_in_the_plan_has_the_image_size(platform):
    vm = platform["google_compute_instance.web"]
    # e2-standard-2: (2 x $0.02181159 + 8 x $0.00292353) x 730 = $48.9183366; boot disk 20 GB x $0.04 = $0.80
    assert component_costs(vm)["Boot disk (standard, pd-standard) (size of its image)"] == Decimal("0.80")
    assert vm.monthly_after == Decimal("49.7183366")


def test_a_configured_but_unknown_size_stays_unknown():
    document = plan_document(
        change(
            "google_compute_disk", {"type": "pd-ssd", "zone": "us-central1-a"}, after_unknown={"size": True}
        ),
        region="us-central1",
        provider="google",
        configuration={
            "root_module": {
                "resources": [
                    {
                        "address": "google_compute_disk.this",
                        "expressions": {"size": {"references": ["var.size"]}},
                    }
                ]
            }
        },
    )
    (disk,) = run_estimate(document).resources
    assert disk.status == "not_priced"
    assert disk.reason == "Storage (SSD, pd-ssd): depends on a value known only after apply (size)"


def test_a_disk_type_without_a_default_size_says_so():
    document = plan_document(
        change(
            "google_compute_disk",
            {"type": "pd-extreme", "zone": "us-central1-a"},
            after_unknown={"size": True},
        ),
        region="us-central1",
        provider="google",
    )
    (disk,) = run_estimate(document).resources
    assert disk.reason.startswith("Storage (extreme, pd-extreme): pd-extreme disks have no default size")


# -- Cloud SQL predefined tiers --------------------------------------------------------------------------


def test_cloud_sql_db_standard_2(platform):
    # 2 vCPU x 730 h x $0.0413 = $60.298; 2 x 3.75 = 7.5 GB x 730 h x $0.007 = $38.325; 20 GB x $0.17 = $3.40
    orders = platform["google_sql_database_instance.orders"]
    assert component_costs(orders) == {
        "vCPUs (zonal, db-standard-2)": Decimal("60.2980"),
        "Memory (zonal, db-standard-2)": Decimal("38.32500"),
        "Storage (SSD, zonal)": Decimal("3.40"),
        "Backups": None,
    }
    assert (orders.monthly_after, orders.incomplete) == (Decimal("102.02300"), False)


def test_cloud_sql_db_highmem_4_regional(platform):
    # 4 vCPU x 730 x $0.0826 = $241.192; 4 x 6.5 = 26 GB x 730 x $0.014 = $265.72; 100 GB x $0.34 = $34.00
    assert platform["google_sql_database_instance.reports"].monthly_after == Decimal("540.9120")


def test_cloud_sql_db_lightweight_2_with_the_default_disk(platform):
    # 2 vCPU x 730 x $0.0413 = $60.298; 3.75 GB x 730 x $0.007 = $19.1625; 10 GB (default) x $0.17 = $1.70
    staging = platform["google_sql_database_instance.staging"]
    assert component_costs(staging)["Storage (SSD, zonal) (default)"] == Decimal("1.70")
    assert staging.monthly_after == Decimal("81.16050")


def test_cloud_sql_tiers_outside_the_known_shapes_are_not_priced():
    from costgate.resources.google.sql import machine

    assert machine("db-standard-16") == (Decimal(16), Decimal(60))
    assert machine("db-highmem-2") == (Decimal(2), Decimal(13))
    assert machine("db-lightweight-4") == (Decimal(4), Decimal("3.75"))
    assert machine("db-lightweight-8") is None  # 0.47 GB per vCPU is below Cloud SQL's 0.9 GB minimum


# -- Memorystore M3-M5 -----------------------------------------------------------------------------------


MEMORYSTORE_NO_PRICE = (
    "Redis capacity ({}): no price in the embedded catalog for Cloud Memorystore for Redis "
    "Redis Capacity {} in us-central1; try --pricing live"
)


# The M3-M5 capacity prices were removed from the catalog (no Google page confirmed them):
# these sizes show as not priced, with the reason.
def test_memorystore_basic_m3_with_the_default_tier(platform):
    # tier computed: BASIC; 30 GB is M3
    redis = platform["google_redis_instance.sessions"]
    assert (redis.status, redis.reason) == (
        "not_priced",
        MEMORYSTORE_NO_PRICE.format("basic, M3", "Basic M3"),
    )


def test_memorystore_standard_m5(platform):
    # 150 GB is M5
    redis = platform["google_redis_instance.catalog"]
    assert (redis.status, redis.reason) == (
        "not_priced",
        MEMORYSTORE_NO_PRICE.format("standard, M5", "Standard M5"),
    )


@pytest.mark.parametrize(
    ("tier", "size", "band"),
    [
        ("BASIC", 100, ("basic, M4", "Basic M4")),
        ("BASIC", 101, ("basic, M5", "Basic M5")),
        ("STANDARD_HA", 11, ("standard, M3", "Standard M3")),
        ("STANDARD_HA", 36, ("standard, M4", "Standard M4")),
    ],
)
def test_memorystore_band_edges(tier, size, band):
    after = {"memory_size_gb": size, "tier": tier, "region": "us-central1"}
    document = plan_document(change("google_redis_instance", after), region="us-central1", provider="google")
    (redis,) = run_estimate(document).resources
    assert (redis.status, redis.reason) == ("not_priced", MEMORYSTORE_NO_PRICE.format(*band))


# -- GKE -------------------------------------------------------------------------------------------------


def test_inline_node_pools_replace_the_default_pool(platform):
    cluster = platform["google_container_cluster.regional"]
    costs = component_costs(cluster)
    assert costs["Cluster management fee (regional)"] == Decimal("73.0")  # 730 h x $0.10
    # general: node_count 2 per zone x 3 zones = 6 e2-standard-4 nodes:
    # 6 x 4 vCPU x 730 h x $0.02181159 = $382.1390568; 6 x 16 GiB x 730 h x $0.00292353 = $204.8809824;
    # 6 x 100 GB (default) pd-standard x $0.04 = $24.00
    assert costs["Node pool general (6 nodes): node usage (on-demand, e2-standard-4): vCPUs"] == Decimal(
        "382.1390568"
    )
    assert costs["Node pool general (6 nodes): node boot disk (standard, pd-standard) (default)"] == Decimal(
        "24.00"
    )
    # batch: node_count known after apply, initial_node_count 1 in its one zone: one n2-standard-2 node,
    # (2 x $0.031611 + 8 x $0.004237) x 730 = $70.896140, less 20 % sustained use = $56.716912; 50 GB x $0.17
    assert costs["Node pool batch (1 node): node boot disk (SSD, pd-ssd)"] == Decimal("8.50")
    # $73 + $382.1390568 + $204.8809824 + $24 + $36.921648 + $19.795264 + $8.50 = $749.2369512
    assert cluster.monthly_after == Decimal("749.2369512")
    assert not any(c.name.startswith("Node usage") for c in cluster.components)  # no default pool


def test_initial_node_count_is_per_zone(platform):
    cluster = platform["google_container_cluster.zonal"]
    # location us-central1-a plus node_locations us-central1-b: 2 zones x initial_node_count 2 = 4 e2-medium
    # 4 x (1 x $0.02181159 + 4 x $0.00292353) x 730 = $97.8366732; 4 x 100 GB x $0.04 = $16.00; + $73.00 fee
    assert cluster.capacity.current == 4
    assert cluster.monthly_after == Decimal("186.8366732")


# -- static addresses ------------------------------------------------------------------------------------


def test_an_address_nothing_uses_is_priced_at_the_unused_rate(platform):
    # 730 h x $0.01 = $7.30
    assert component_costs(platform["google_compute_address.spare"]) == {
        "IP address (static, unused)": Decimal("7.30")
    }


def test_an_address_a_forwarding_rule_uses_is_not_priced_with_its_reason():
    document = plan_document(
        change("google_compute_address", {"region": "us-central1"}, name="lb"),
        change("google_compute_forwarding_rule", {"region": "us-central1"}, name="lb"),
        region="us-central1",
        provider="google",
        configuration={
            "root_module": {
                "resources": [
                    {
                        "address": "google_compute_forwarding_rule.lb",
                        "expressions": {"ip_address": {"references": ["google_compute_address.lb.address"]}},
                    }
                ]
            }
        },
    )
    address = next(r for r in run_estimate(document).resources if r.type == "google_compute_address")
    assert address.status == "not_priced"
    assert address.reason.endswith(
        "the rate of an address in use by a google_compute_forwarding_rule is not priced yet"
    )


def test_an_address_a_vm_uses_is_priced_at_the_in_use_rate(platform):
    # Cyclenerd network.ip.vm in us-central1: 730 h x $0.005 = $3.65
    assert platform["google_compute_address.web"].monthly_after == Decimal("3.65")


# -- accelerator-optimized machine types and spot --------------------------------------------------------


def test_accelerator_machine_types_are_priced_whole(accelerators):
    component = accelerators["google_compute_instance.inference"].components[0]
    assert component.name == "Instance usage (on-demand, g2-standard-4)"
    # Cyclenerd g2-standard-4 us-central1: $0.706832255/h, the whole machine with its L4 GPU
    assert component.unit_price == Decimal("0.706832255")


def test_g2_standard_4_on_demand(accelerators):
    # Cyclenerd g2-standard-4 us-central1: 730 h x $0.706832255 = $515.98754615; + 50 GB pd-balanced x $0.10
    assert accelerators["google_compute_instance.inference"].monthly_after == Decimal("520.98754615")


def test_a2_highgpu_1g_spot(accelerators):
    # Cyclenerd a2-highgpu-1g (1 x A100) us-central1 spot: 730 h x $1.92802 = $1,407.4546; + 100 GB x $0.10
    assert accelerators["google_compute_instance.trainer"].monthly_after == Decimal("1417.4546")


def test_e2_standard_2_spot(accelerators):
    # Cyclenerd e2-standard-2 us-central1 spot: 730 h x $0.040212 = $29.35476; + 10 GB (default) x $0.04
    assert accelerators["google_compute_instance.spot_worker"].monthly_after.quantize(
        Decimal("0.01")
    ) == Decimal("29.75")


# -- a GCP plan that names no region ----------------------------------------------------------------------


def test_a_gcp_plan_without_a_region_is_priced_at_us_central1(monkeypatch):
    for variable in ("GOOGLE_REGION", "CLOUDSDK_COMPUTE_REGION"):
        monkeypatch.delenv(variable, raising=False)
    estimate = run_estimate(json.loads((PLANS / "no-region.json").read_text()))
    disk = next(r for r in estimate.resources if r.address == "google_compute_disk.data")
    # 50 GB pd-balanced x $0.10 = $5.00 at us-central1
    assert (disk.status, disk.region, disk.region_assumed, disk.monthly_after) == (
        "priced",
        "us-central1",
        True,
        Decimal("5.0"),
    )
    assert estimate.region_assumed_count == 1  # the free network is not counted
    assert (
        "1 resource priced at an assumed region (google us-central1) because the plan names none: set `region` "
        "in the provider block, pass --region, or set AWS_REGION / GOOGLE_REGION"
    ) in estimate.warnings


def test_a_known_size_wins_over_the_image():
    # the plan knows the size (10 GB) of a disk made from a public image: 10 GB pd-ssd x $0.17 = $1.70
    after = {"type": "pd-ssd", "size": 10, "image": "debian-cloud/debian-12", "zone": "us-central1-a"}
    document = plan_document(change("google_compute_disk", after), region="us-central1", provider="google")
    (disk,) = run_estimate(document).resources
    assert component_costs(disk) == {"Storage (SSD, pd-ssd)": Decimal("1.70")}


def test_count_index_references_reach_the_instance_with_the_same_index():
    # cluster = google_container_cluster.main[count.index].id: the configuration records the reference
    # without its index, and `count.index` beside it (as terraform writes it)
    clusters = [
        change(
            "google_container_cluster",
            {"location": location, "remove_default_node_pool": True},
            name="main",
            index=i,
        )
        for i, location in enumerate(("us-central1-a", "us-central1"))
    ]
    pools = [
        change(
            "google_container_node_pool",
            {"node_count": 1, "node_config": [{"machine_type": "e2-medium"}]},
            name="main",
            index=i,
            after_unknown={"location": True, "node_locations": True},
        )
        for i in range(2)
    ]
    reference = {
        "references": ["google_container_cluster.main.id", "google_container_cluster.main", "count.index"]
    }
    document = plan_document(
        *clusters,
        *pools,
        provider="google",
        configuration={
            "provider_config": {
                "google": {"name": "google", "expressions": {"region": {"constant_value": "us-central1"}}}
            },
            "root_module": {
                "resources": [
                    {"address": "google_container_node_pool.main", "expressions": {"cluster": reference}}
                ]
            },
        },
    )
    nodes = {r.address: r.capacity.current for r in run_estimate(document).resources if r.capacity}
    # pool [0] runs in zonal cluster [0] (1 zone), pool [1] in regional cluster [1] (3 zones)
    assert nodes == {"google_container_node_pool.main[0]": 1, "google_container_node_pool.main[1]": 3}


def test_an_inline_pool_name_gke_would_refuse_is_shown_by_its_position():
    cluster = {
        "location": "us-central1-a",
        "node_pool": [
            {"name": "[pwn](https://x)", "node_count": 1, "node_config": [{"machine_type": "e2-medium"}]}
        ],
    }
    document = plan_document(
        change("google_container_cluster", cluster), region="us-central1", provider="google"
    )
    (resource,) = run_estimate(document).resources
    # 730 h x $0.10 fee + (1 x $0.02181159 + 4 x $0.00292353) x 730 = $24.4591683 + 100 GB (default) x $0.04
    assert [c.name for c in resource.components][1] == (
        "Node pool 0 (1 node): node usage (on-demand, e2-medium): vCPUs"
    )
    assert resource.monthly_after == Decimal("101.4591683")
