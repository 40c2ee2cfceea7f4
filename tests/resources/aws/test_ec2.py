"""aws_instance: OS, tenancy, detailed monitoring, CPU credits, EBS-optimized, spot."""

from decimal import Decimal

from tests.helpers import cents, component_costs, price_one


def test_windows_instance_from_get_password_data_with_detailed_monitoring():
    instance = price_one(
        "aws_instance", {"instance_type": "m5.large", "get_password_data": True, "monitoring": True}
    )
    # 730 h x $0.188 = $137.24; 7 metrics x $0.30 = $2.10; root 8 GB gp2 x $0.10 = $0.80
    assert component_costs(instance) == {
        "Instance usage (Windows, on-demand, m5.large)": Decimal("137.240"),
        "EC2 detailed monitoring": Decimal("2.10"),
        "Root volume (General Purpose SSD, gp2)": Decimal("0.80"),
    }
    assert cents(instance.monthly_after) == Decimal("140.14")


def test_windows_costs_more_than_linux_for_the_same_type():
    linux = price_one(
        "aws_instance", {"instance_type": "t3.large", "credit_specification": [{"cpu_credits": "standard"}]}
    )
    windows = price_one(
        "aws_instance",
        {
            "instance_type": "t3.large",
            "get_password_data": True,
            "credit_specification": [{"cpu_credits": "standard"}],
        },
        region="us-west-2",
    )
    # Linux: 730 h x $0.0832 = $60.736 + $0.80 root = $61.536; Windows: 730 h x $0.1108 = $80.884 + $0.80 = $81.684
    assert cents(linux.monthly_after) == Decimal("61.54")
    assert cents(windows.monthly_after) == Decimal("81.68")


def test_dedicated_tenancy_costs_more_than_shared():
    shared = price_one(
        "aws_instance", {"instance_type": "t3.medium", "credit_specification": [{"cpu_credits": "standard"}]}
    )
    dedicated = price_one(
        "aws_instance",
        {
            "instance_type": "t3.medium",
            "tenancy": "dedicated",
            "credit_specification": [{"cpu_credits": "standard"}],
        },
    )
    # shared: 730 h x $0.0416 = $30.368; dedicated: 730 h x $0.0441 = $32.193 (each + $0.80 root volume)
    assert component_costs(shared)["Instance usage (Linux/UNIX, on-demand, t3.medium)"] == Decimal("30.3680")
    assert component_costs(dedicated)["Instance usage (Linux/UNIX, on-demand, t3.medium)"] == Decimal(
        "32.1930"
    )
    assert dedicated.monthly_after > shared.monthly_after


def test_t3_defaults_to_unlimited_cpu_credits_listed_as_usage():
    instance = price_one("aws_instance", {"instance_type": "t3.micro"})
    credits = next(c for c in instance.components if c.name == "CPU credits (t3, unlimited)")
    # surplus credits depend on load: $0.05 per vCPU-hour, not folded into the total
    assert credits.usage_based and credits.monthly_cost is None and credits.unit_price == Decimal("0.05")
    # 730 h x $0.0104 = $7.592 + root 8 GB x $0.10 = $0.80
    assert cents(instance.monthly_after) == Decimal("8.39")


def test_t2_credits_only_when_unlimited_is_set_and_other_families_never():
    t2 = price_one("aws_instance", {"instance_type": "t2.micro"})
    t2_unlimited = price_one(
        "aws_instance", {"instance_type": "t2.micro", "credit_specification": [{"cpu_credits": "unlimited"}]}
    )
    m5 = price_one(
        "aws_instance", {"instance_type": "m5.large", "credit_specification": [{"cpu_credits": "unlimited"}]}
    )
    assert not any(c.name.startswith("CPU credits") for c in t2.components)
    assert [c.name for c in t2_unlimited.components if c.name.startswith("CPU credits")] == [
        "CPU credits (t2, unlimited)"
    ]
    assert not any(c.name.startswith("CPU credits") for c in m5.components)


def test_ebs_optimized_surcharge_only_for_types_that_charge_it():
    current = price_one("aws_instance", {"instance_type": "m5.large", "ebs_optimized": True})
    # m5 is EBS-optimized by default: 730 h x $0.096 = $70.08 + $0.80 root, no surcharge component
    assert cents(current.monthly_after) == Decimal("70.88")
    assert not any("EBS-optimized" in c.name for c in current.components)
    old = price_one("aws_instance", {"instance_type": "m3.large", "ebs_optimized": True})
    surcharge = next(c for c in old.components if c.name == "EBS-optimized usage (m3.large)")
    assert surcharge.monthly_cost is None and "not in the offline catalog" in surcharge.not_priced_reason


def test_spot_instance_says_why_it_is_not_priced_but_prices_its_volumes():
    spot = price_one(
        "aws_instance",
        {
            "instance_type": "c5.large",
            "instance_market_options": [{"market_type": "spot"}],
            "root_block_device": [{"volume_size": 20}],
        },
    )
    assert (
        spot.components[0].not_priced_reason == "spot prices change hourly and are not in the offline catalog"
    )
    # root 20 GB gp2 x $0.10 = $2.00
    assert component_costs(spot)["Root volume (General Purpose SSD, gp2)"] == Decimal("2.00")
