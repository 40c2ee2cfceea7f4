"""Public IPv4, VPC endpoints, VPN connections, transit gateway attachments."""

from decimal import Decimal

from tests.helpers import cents, component_costs, price_one


def test_elastic_ip_public_ipv4_hours():
    # 730 h x $0.005 = $3.65, in every region
    assert cents(price_one("aws_eip", {"domain": "vpc"}).monthly_after) == Decimal("3.65")
    assert cents(price_one("aws_eip", {}, region="eu-central-1").monthly_after) == Decimal("3.65")


def test_interface_endpoint_per_subnet_hour_and_data_usage():
    endpoint = price_one(
        "aws_vpc_endpoint", {"vpc_endpoint_type": "Interface", "subnet_ids": ["a", "b", "c"]}
    )
    # 3 AZs x 730 h x $0.01 = $21.90; data processed $0.01/GB depends on usage
    assert component_costs(endpoint) == {
        "Endpoint (interface, per AZ)": Decimal("21.90"),
        "Data processed": None,
    }
    eu = price_one(
        "aws_vpc_endpoint", {"vpc_endpoint_type": "Interface", "subnet_ids": ["a", "b"]}, region="eu-west-1"
    )
    # eu-west-1: 2 x 730 h x $0.011 = $16.06
    assert cents(eu.monthly_after) == Decimal("16.06")


def test_gateway_endpoint_is_free_and_unknown_subnets_not_priced():
    assert price_one("aws_vpc_endpoint", {"vpc_endpoint_type": "Gateway"}).status == "free"
    unknown = price_one(
        "aws_vpc_endpoint", {"vpc_endpoint_type": "Interface"}, after_unknown={"subnet_ids": True}
    )
    assert unknown.status == "not_priced"


def test_vpn_connection_hours():
    # 730 h x $0.05 = $36.50
    assert cents(price_one("aws_vpn_connection", {"type": "ipsec.1"}).monthly_after) == Decimal("36.50")
    assert cents(
        price_one("aws_vpn_connection", {"type": "ipsec.1"}, region="ap-southeast-1").monthly_after
    ) == Decimal("36.50")


def test_transit_gateway_attachment_hours_and_data_usage():
    attachment = price_one("aws_ec2_transit_gateway_vpc_attachment", {})
    # 730 h x $0.05 = $36.50; data processed $0.02/GB depends on usage
    assert component_costs(attachment) == {
        "Transit gateway attachment": Decimal("36.50"),
        "Data processed": None,
    }
    assert attachment.components[1].unit_price == Decimal("0.02")
    # not in the catalog for ap-southeast-1: not priced, never $0
    assert (
        price_one("aws_ec2_transit_gateway_vpc_attachment", {}, region="ap-southeast-1").status
        == "not_priced"
    )
