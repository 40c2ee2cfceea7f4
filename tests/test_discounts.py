"""Negotiated discounts: applied in the estimate stage, the most specific match wins."""

from decimal import Decimal

from costgate.estimate.discounts import Discount, best_discount
from tests.gate_helpers import priced
from tests.helpers import cents, change

RULES = (
    Discount("aws", Decimal(7)),
    Discount("aws", Decimal(20), service="AmazonEC2"),
    Discount("aws", Decimal(30), service="AmazonEC2", resource_type="aws_ebs_volume"),
)


def test_most_specific_match_wins():
    assert best_discount(RULES, "aws", "AmazonRDS", "aws_db_instance").percent == 7
    assert best_discount(RULES, "aws", "AmazonEC2", "aws_instance").percent == 20
    assert best_discount(RULES, "aws", "AmazonEC2", "aws_ebs_volume").percent == 30
    assert best_discount(RULES, "google", "Compute Engine", "google_compute_instance") is None
    # a resource type without a service is still more specific than a service
    typed = (
        Discount("aws", Decimal(20), service="AmazonEC2"),
        Discount("aws", Decimal(3), resource_type="aws_instance"),
    )
    assert best_discount(typed, "aws", "AmazonEC2", "aws_instance").percent == 3


def test_estimate_uses_effective_prices_and_keeps_the_list_price():
    result = priced(
        change(
            "aws_instance",
            {"instance_type": "m5.large", "root_block_device": [{"volume_type": "gp3", "volume_size": 10}]},
        ),
        change("aws_ebs_volume", {"type": "gp2", "size": 100}, name="data"),
        change(
            "aws_db_instance",
            {
                "instance_class": "db.m5.large",
                "engine": "postgres",
                "multi_az": False,
                "storage_type": "gp2",
                "allocated_storage": 20,
            },
            name="db",
        ),
        discounts=RULES,
    )
    by_address = {r.address: r for r in result.resources}
    instance = by_address["aws_instance.this"].components[0]
    assert instance.unit_price == Decimal("0.096")  # the list price stays visible
    assert instance.discount_percent == Decimal(20)
    assert instance.discount_reason == "negotiated discount (aws AmazonEC2)"
    assert cents(instance.monthly_cost) == Decimal("56.06")  # 730 h x $0.096 x 0.80 = $56.064
    volume = by_address["aws_ebs_volume.data"]
    assert cents(volume.monthly_after) == Decimal("7.00")  # 100 GB x $0.10 x 0.70
    db = by_address["aws_db_instance.db"].components[0]
    assert cents(db.monthly_cost) == Decimal("120.84")  # 730 h x $0.178 x 0.93 = $120.8442


def test_without_discounts_nothing_changes():
    result = priced(change("aws_ebs_volume", {"type": "gp2", "size": 100}))
    assert result.resources[0].monthly_after == Decimal("10.00")
    assert result.resources[0].components[0].discount_percent == 0


def test_report_shows_list_price_discount_and_effective_price():
    from costgate.report.json_report import report_dict

    result = priced(change("aws_ebs_volume", {"type": "gp2", "size": 100}), discounts=RULES)
    component = result.resources[0].components[0]
    assert (component.list_monthly_cost, component.monthly_cost, component.monthly_discount) == (
        Decimal("10.000"),
        Decimal("7.00000"),
        Decimal("3.00000"),
    )  # 100 GB x $0.10 = $10.00 list, 30% off = $7.00
    (entry,) = report_dict(result)["resources"][0]["components"]
    assert (
        entry["unit_price"],
        entry["discount_percent"],
        entry["list_monthly_cost"],
        entry["monthly_cost"],
    ) == (
        "0.1",
        "30",
        "10.00",
        "7.00",
    )
