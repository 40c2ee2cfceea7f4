"""Load balancers: hours priced, capacity units / data processed listed as usage."""

from decimal import Decimal

from tests.helpers import cents, component_costs, price_one


def test_application_load_balancer_hours_and_lcu_usage():
    alb = price_one("aws_lb", {"load_balancer_type": "application"})
    # 730 h x $0.0225 = $16.425; LCUs depend on traffic ($0.008 per LCU-hour)
    assert component_costs(alb) == {
        "Application load balancer": Decimal("16.4250"),
        "Load balancer capacity units": None,
    }
    assert alb.components[1].usage_based and alb.components[1].unit_price == Decimal("0.008")


def test_aws_alb_alias_and_eu_west_1_price():
    alb = price_one("aws_alb", {}, region="eu-west-1")
    # application by default; eu-west-1: 730 h x $0.0252 = $18.396
    assert cents(alb.monthly_after) == Decimal("18.40")


def test_network_and_gateway_load_balancers():
    nlb = price_one("aws_lb", {"load_balancer_type": "network"}, region="us-east-2")
    gwlb = price_one("aws_lb", {"load_balancer_type": "gateway"})
    # NLB: 730 h x $0.0225 = $16.425 (NLCU $0.006, usage); GWLB: 730 h x $0.0125 = $9.125 (GLCU $0.004, usage)
    assert nlb.monthly_after == Decimal("16.425")
    assert nlb.components[1].unit_price == Decimal("0.006")
    assert gwlb.monthly_after == Decimal("9.125")
    assert gwlb.components[1].unit_price == Decimal("0.004")


def test_lcu_hours_from_usage_are_priced():
    # the usage hook: capacity units arrive through side.usage; without a usage file they stay usage-based
    alb = price_one("aws_lb", {"load_balancer_type": "application"})
    assert alb.components[1].usage_key == "monthly_lcu_hours"


def test_classic_load_balancer_hours_and_data_processed():
    elb = price_one("aws_elb", {})
    # 730 h x $0.025 = $18.25; data processed $0.008/GB depends on usage
    assert component_costs(elb) == {"Classic load balancer": Decimal("18.250"), "Data processed": None}
    assert elb.components[1].unit_price == Decimal("0.008")
    eu = price_one("aws_elb", {}, region="eu-west-1")
    # eu-west-1: 730 h x $0.028 = $20.44
    assert cents(eu.monthly_after) == Decimal("20.44")


def test_unknown_load_balancer_type_is_not_priced_with_the_reason():
    odd = price_one("aws_lb", {"load_balancer_type": "quantum"})
    assert (odd.status, odd.reason) == ("not_priced", "Load balancer: unknown load balancer type 'quantum'")
