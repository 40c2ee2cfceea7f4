from decimal import Decimal

from tests.helpers import cents, component_costs, price_one


def test_m5_large_in_us_east_1():
    resource = price_one("aws_instance", {"instance_type": "m5.large"})
    costs = component_costs(resource)
    # 730 h x $0.096 = $70.08
    assert cents(costs["Instance usage (Linux/UNIX, on-demand, m5.large)"]) == Decimal("70.08")
    # default root volume: 8 GB gp2 x $0.10 = $0.80
    assert cents(costs["Root volume (General Purpose SSD, gp2)"]) == Decimal("0.80")
    assert cents(resource.monthly_after) == Decimal("70.88")
