"""Exact figures for Compute Engine instances, disks and instance groups (us-central1 list prices)."""

from decimal import Decimal

from costgate.resources.registry import is_free
from tests.helpers import cents, change, component_costs, plan_document, price_one, run_estimate


def config(*resources: tuple[str, dict]) -> dict:
    """A plan configuration whose resources have the given reference expressions."""
    root = [{"address": address, "expressions": expressions} for address, expressions in resources]
    return {
        "provider_config": {
            "google": {"name": "google", "expressions": {"region": {"constant_value": "us-central1"}}}
        },
        "root_module": {"resources": root},
    }


def ref(*addresses: str) -> dict:
    return {"references": list(addresses)}


def test_n2_standard_8_with_20_percent_sustained_use_and_default_boot_disk():
    vm = price_one(
        "google_compute_instance",
        {"machine_type": "n2-standard-8", "zone": "us-central1-a"},
        region="us-east1",
    )
    costs = component_costs(vm)
    # the zone wins over the provider region: us-central1
    # vCPUs: 8 x 730 h x $0.031611 = $184.60824, less 20 % = $147.686592
    # memory: 32 GiB x 730 h x $0.004237 = $98.97632, less 20 % = $79.181056  (together $226.87)
    # boot disk: default 10 GB pd-standard x $0.04 = $0.40
    assert cents(costs["Instance usage (on-demand, n2-standard-8): vCPUs"]) == Decimal("147.69")
    assert cents(costs["Instance usage (on-demand, n2-standard-8): memory"]) == Decimal("79.18")
    assert costs["Boot disk (standard, pd-standard) (default)"] == Decimal("0.40")
    assert cents(vm.monthly_after) == Decimal("227.27")
    cpu = vm.components[0]
    assert cpu.discount_percent == Decimal(20) and "sustained use" in cpu.discount_reason


def test_n1_standard_16_with_30_percent_sustained_use_and_ssd_boot_disk():
    vm = price_one(
        "google_compute_instance",
        {
            "machine_type": "n1-standard-16",
            "boot_disk": [{"initialize_params": [{"type": "pd-ssd", "size": 50}]}],
        },
        region="us-central1",
    )
    # (16 x $0.031611 + 60 GiB x $0.004237) = $0.759996/h x 730 h = $554.79708, less 30 % = $388.357956
    # boot disk 50 GB pd-ssd x $0.17 = $8.50
    assert cents(vm.monthly_after) == Decimal("396.86")


def test_e2_shared_core_types_have_no_sustained_use_discount():
    micro = price_one("google_compute_instance", {"machine_type": "e2-micro"}, region="us-central1")
    # 0.25 vCPU x 730 x $0.021811 = $3.98050750; 1 GiB x 730 x $0.002923 = $2.13379; + 10 GB x $0.04 = $0.40
    assert cents(micro.monthly_after) == Decimal("6.51")
    assert all(c.discount_percent == 0 for c in micro.components)
    medium = price_one("google_compute_instance", {"machine_type": "e2-medium"}, region="us-east1")
    # (1 x $0.021811 + 4 x $0.002923) x 730 = $24.45719; + $0.40
    assert cents(medium.monthly_after) == Decimal("24.86")


def test_custom_and_extended_memory_and_f1_micro():
    custom = price_one("google_compute_instance", {"machine_type": "custom-4-16384"}, region="us-central1")
    # (4 x $0.033174 + 16 GiB x $0.004446) x 730 = $148.79736, less 30 % = $104.158152; + $0.40
    assert cents(custom.monthly_after) == Decimal("104.56")
    extended = price_one(
        "google_compute_instance", {"machine_type": "custom-2-20480-ext"}, region="us-central1"
    )
    # 2 vCPUs include 13 GiB (6.5/vCPU); 7 GiB extended:
    # (2 x $0.033174 + 13 x $0.004446 + 7 x $0.00955) x 730 = (0.066348 + 0.057798 + 0.06685) x 730 = $139.42708
    # less 30 % = $97.598956; + $0.40
    assert cents(extended.monthly_after) == Decimal("98.00")
    micro = price_one("google_compute_instance", {"machine_type": "f1-micro"}, region="us-central1")
    # 730 x $0.0076 = $5.548, less 30 % = $3.8836; + $0.40
    assert cents(micro.monthly_after) == Decimal("4.28")


def test_spot_instance_has_no_sustained_use():
    vm = price_one(
        "google_compute_instance",
        {"machine_type": "n2-standard-2", "scheduling": [{"provisioning_model": "SPOT"}]},
        region="us-central1",
    )
    cpu = vm.components[0]
    assert cpu.name == "Instance usage (preemptible, n2-standard-2): vCPUs"
    # the Spot Preemptible N2 core rate solved from the Cyclenerd spot prices: 2 x 730 h x $0.01499 = $21.8854
    assert (cpu.unit_price, cpu.monthly_cost) == (Decimal("0.01499"), Decimal("21.88540"))
    assert cpu.discount_percent == 0


def test_scratch_disks_and_gpus():
    vm = price_one(
        "google_compute_instance",
        {
            "machine_type": "n1-standard-4",
            "scratch_disk": [{"interface": "NVME"}, {"interface": "NVME"}],
            "guest_accelerator": [
                {"type": "nvidia-tesla-t4", "count": 2},
                {"type": "synthetic-gpu", "count": 1},
            ],
        },
        region="us-central1",
    )
    costs = component_costs(vm)
    # 2 x 375 GB local SSD x $0.08 = $60.00
    assert costs["Local SSD (2 x 375 GB)"] == Decimal("60.00")
    # 2 T4 x 730 h x $0.35 = $511.00, less 30 % sustained use = $357.70
    assert cents(costs["GPU (on-demand, nvidia-tesla-t4)"]) == Decimal("357.70")
    unknown = next(c for c in vm.components if c.name == "GPU (on-demand, synthetic-gpu)")
    assert unknown.not_priced_reason == "unknown GPU type 'synthetic-gpu'"


def test_unknown_machine_type_is_not_priced_with_the_reason():
    vm = price_one("google_compute_instance", {"machine_type": "z9-mega-4"}, region="us-central1")
    assert vm.components[0].not_priced_reason == "unknown machine type 'z9-mega-4'"


def test_boot_disk_from_a_disk_resource_is_priced_once_on_the_disk():
    document = plan_document(
        change(
            "google_compute_disk", {"type": "pd-balanced", "size": 200, "zone": "us-central1-a"}, name="boot"
        ),
        change(
            "google_compute_instance", {"machine_type": "e2-standard-2", "zone": "us-central1-a"}, name="vm"
        ),
        configuration=config(
            (
                "google_compute_instance.vm",
                {"boot_disk": [{"source": ref("google_compute_disk.boot.id", "google_compute_disk.boot")}]},
            ),
        ),
    )
    result = run_estimate(document)
    by_address = {r.address: r for r in result.resources}
    # disk: 200 GB pd-balanced x $0.10 = $20.00
    assert by_address["google_compute_disk.boot"].monthly_after == Decimal("20.00")
    # vm: (2 x $0.02181159 + 8 x $0.00292353) x 730 = $48.9183366, no boot disk component
    assert cents(by_address["google_compute_instance.vm"].monthly_after) == Decimal("48.92")


def test_zonal_and_regional_disks():
    # 100 GB pd-ssd x $0.17 = $17.00; regional: 100 GB x $0.34 = $34.00 (twice the zonal price)
    assert price_one(
        "google_compute_disk", {"type": "pd-ssd", "size": 100}, region="us-central1"
    ).monthly_after == Decimal("17.00")
    regional = price_one("google_compute_region_disk", {"type": "pd-ssd", "size": 100}, region="us-central1")
    assert regional.monthly_after == Decimal("34.00")
    # 500 GB pd-standard x $0.04 = $20.00; regional pd-balanced 50 GB x $0.20 = $10.00
    assert price_one(
        "google_compute_disk", {"type": "pd-standard", "size": 500}, region="us-east1"
    ).monthly_after == Decimal("20.00")
    assert price_one(
        "google_compute_region_disk", {"type": "pd-balanced", "size": 50}, region="us-east1"
    ).monthly_after == Decimal("10.00")


def test_pd_extreme_and_hyperdisk_and_unknown_sizes():
    extreme = price_one(
        "google_compute_disk",
        {"type": "pd-extreme", "size": 1000, "provisioned_iops": 10000},
        region="us-central1",
    )
    costs = component_costs(extreme)
    # 1000 GB x $0.125 = $125.00; the IOPS price is not in the embedded catalog
    assert costs["Storage (extreme, pd-extreme)"] == Decimal("125.000")
    assert costs["Storage: provisioned IOPS (pd-extreme)"] is None
    hyper = price_one(
        "google_compute_disk", {"type": "hyperdisk-balanced", "size": 100}, region="us-central1"
    )
    assert "no price in the embedded catalog" in hyper.components[0].not_priced_reason
    from_image = price_one(
        "google_compute_disk", {"type": "pd-ssd", "image": "debian-12"}, region="us-central1"
    )
    assert from_image.components[0].not_priced_reason == (
        "the disk has the size of its image, known only after apply (size)"
    )


def test_snapshot_and_image_storage():
    snapshot = price_one("google_compute_snapshot", {"source_disk": "d"}, region="us-central1")
    # usage-based: its unit price is listed ($0.05 per GB-month), its monthly cost waits for a usage figure
    assert snapshot.components[0].monthly_cost is None
    assert snapshot.components[0].unit_price == Decimal("0.05")
    image = price_one("google_compute_image", {"disk_size_gb": 20}, region="us-central1")
    assert image.components[0].monthly_cost is None and image.components[0].not_priced_reason


def test_instance_group_manager_is_target_size_times_template():
    template = {
        "machine_type": "e2-standard-4",
        "disk": [{"boot": True, "disk_type": "pd-balanced", "disk_size_gb": 20}],
    }
    document = plan_document(
        change("google_compute_instance_template", template, name="tpl"),
        change(
            "google_compute_instance_group_manager", {"zone": "us-central1-a", "target_size": 3}, name="mig"
        ),
        configuration=config(
            (
                "google_compute_instance_group_manager.mig",
                {"version": [{"instance_template": ref("google_compute_instance_template.tpl.id")}]},
            ),
        ),
    )
    result = run_estimate(document)
    by_address = {r.address: r for r in result.resources}
    mig = by_address["google_compute_instance_group_manager.mig"]
    # one instance: (4 x $0.02181159 + 16 x $0.00292353) x 730 = $97.8366732; 20 GB pd-balanced x $0.10 = $2.00
    # 3 instances: 3 x $99.8366732 = $299.5100196
    assert cents(mig.monthly_after) == Decimal("299.51")
    assert by_address["google_compute_instance_template.tpl"].status == "free"


def test_region_group_with_autoscaler_gives_a_range():
    template = {"machine_type": "n2-standard-2", "disk": [{"boot": True, "disk_size_gb": 10}]}
    document = plan_document(
        change("google_compute_instance_template", template, name="tpl"),
        change("google_compute_region_instance_group_manager", {"region": "us-central1"}, name="mig"),
        change(
            "google_compute_region_autoscaler",
            {"region": "us-central1", "autoscaling_policy": [{"min_replicas": 2, "max_replicas": 6}]},
            name="scale",
        ),
        configuration=config(
            (
                "google_compute_region_instance_group_manager.mig",
                {"version": [{"instance_template": ref("google_compute_instance_template.tpl.id")}]},
            ),
            (
                "google_compute_region_autoscaler.scale",
                {"target": ref("google_compute_region_instance_group_manager.mig.id")},
            ),
        ),
    )
    result = run_estimate(document)
    mig = next(r for r in result.resources if r.address == "google_compute_region_instance_group_manager.mig")
    # one instance: (2 x $0.031611 + 8 x $0.004237) x 730 = $70.89614, less 20 % = $56.716912; + 10 GB x $0.04 = $0.40
    # = $57.116912; at the minimum of 2: $114.233824; at the maximum of 6: $342.701472
    assert cents(mig.monthly_after) == Decimal("114.23")
    assert cents(mig.monthly_at_minimum) == Decimal("114.23")
    assert cents(mig.monthly_at_maximum) == Decimal("342.70")


def test_group_without_template_in_plan_is_not_priced_with_reason():
    mig = price_one(
        "google_compute_instance_group_manager",
        {"zone": "us-central1-a", "target_size": 2},
        region="us-central1",
    )
    assert "instance template" in mig.components[0].not_priced_reason


def test_network_and_iam_types_are_free():
    for resource_type in (
        "google_compute_network",
        "google_compute_firewall",
        "google_project_iam_member",
        "google_compute_router",
    ):
        assert is_free(resource_type)


def test_c2_and_n2d_and_families_without_an_embedded_price():
    c2 = price_one("google_compute_instance", {"machine_type": "c2-standard-4"}, region="us-central1")
    # (4 x $0.03398 + 16 x $0.00455) x 730 = $152.3656, less 20 % = $121.89248; + $0.40
    assert cents(c2.monthly_after) == Decimal("122.29")
    n2d = price_one("google_compute_instance", {"machine_type": "n2d-standard-2"}, region="us-central1")
    # (2 x $0.027502 + 8 x $0.003686) x 730 = $61.67916, less 20 % = $49.343328; + $0.40
    assert cents(n2d.monthly_after) == Decimal("49.74")
    # C3 rates are solved from its machine-type prices: 44 vCPUs x $0.03465 x 730 h = $1,112.958
    c3 = price_one("google_compute_instance", {"machine_type": "c3-standard-44"}, region="us-central1")
    cpu = c3.components[0]
    assert cpu.name == "Instance usage (on-demand, c3-standard-44): vCPUs"
    assert cpu.monthly_cost == Decimal("1112.958")
    # C2 has only standard shapes, so no table splits its price into core and RAM outside the hand-entered regions
    c2_europe = price_one("google_compute_instance", {"machine_type": "c2-standard-4"}, region="europe-west1")
    assert "Compute optimized Core in europe-west1" in c2_europe.components[0].not_priced_reason
