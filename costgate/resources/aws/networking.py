"""Paid networking pieces: public IPv4 addresses, VPC endpoints, site-to-site VPN
connections and transit gateway VPC attachments. (https://aws.amazon.com/vpc/pricing/)
"""

from __future__ import annotations

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, hourly, not_priced, usage

ENDPOINT_DATA_PROCESSED_GB = UsageKey(
    "monthly_data_processed_gb",
    "GB",
    "Data processed by the interface endpoint per month",
)
ATTACHMENT_DATA_PROCESSED_GB = UsageKey(
    "monthly_data_processed_gb",
    "GB",
    "Data sent from the VPC through the transit gateway per month",
)


def aws_eip(side: Side) -> list[CostComponent]:
    # Since 2024-02-01 every public IPv4 address costs the same per hour, attached or idle
    # (https://aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/).
    return [
        hourly(
            "IP address (public IPv4)",
            aws_query(
                side,
                "AmazonVPC",
                "VPC Public IPv4 Address",
                usagetype=usage_type(side.region, "PublicIPv4:InUseAddress"),
            ),
        )
    ]


def aws_vpc_endpoint(side: Side) -> list[CostComponent]:
    kind = side.setting("vpc_endpoint_type", "Gateway")
    if kind == "Gateway":
        return []  # gateway endpoints (S3, DynamoDB) have no charge
    if kind != "Interface":
        return [not_priced(f"Endpoint ({kind})", "hours", f"{kind} endpoints are not in the offline catalog")]
    subnets = side.get("subnet_ids")
    count: object
    if isinstance(subnets, Unknown):
        # Subnets created in the same plan have unknown ids, but their count is known.
        subnet_sides = side.referenced("subnet_ids", "aws_subnet")
        count = len(subnet_sides) if subnet_sides else subnets
        if not side.configured("subnet_ids"):
            # No provider default: AWS chooses the subnets.
            count = Unknown("subnet_ids", "no subnet_ids are set: known after apply")
    elif isinstance(subnets, list) and subnets:
        count = len(subnets)  # one endpoint network interface per subnet (one per AZ)
    else:
        count = Unknown("subnet_ids", "the plan does not tell in how many subnets the endpoint runs")
    return [
        hourly(
            "Endpoint (interface, per AZ)",
            aws_query(
                side, "AmazonVPC", "VpcEndpoint", usagetype=usage_type(side.region, "VpcEndpoint-Hours")
            ),
            count,
        ),
        usage(
            "Data processed",
            "GB",
            aws_query(
                side, "AmazonVPC", "VpcEndpoint", usagetype=usage_type(side.region, "VpcEndpoint-Bytes")
            ),
            ENDPOINT_DATA_PROCESSED_GB,
            quantity=side.usage(ENDPOINT_DATA_PROCESSED_GB),
        ),
    ]


def aws_vpn_connection(side: Side) -> list[CostComponent]:
    components = [
        hourly(
            "VPN connection",
            aws_query(
                side,
                "AmazonVPC",
                "Cloud Connectivity",
                usagetype=usage_type(side.region, "VPN-Usage-Hours:ipsec.1"),
            ),
        )
    ]
    # A VPN on a transit gateway is also a transit gateway attachment, billed per hour like a VPC's
    # (https://aws.amazon.com/transit-gateway/pricing/). Its id may be unknown; that it is set is known.
    gateway = side.get("transit_gateway_id")
    if (isinstance(gateway, str) and gateway) or (
        isinstance(gateway, Unknown) and side.configured("transit_gateway_id")
    ):
        components.append(
            hourly(
                "Transit gateway attachment (VPN)",
                aws_query(
                    side,
                    "AmazonVPC",
                    "Transit Gateway",
                    usagetype=usage_type(side.region, "TransitGateway-Hours"),
                ),
            )
        )
    return components


def aws_ec2_transit_gateway_vpc_attachment(side: Side) -> list[CostComponent]:
    return [
        hourly(
            "Transit gateway attachment",
            aws_query(
                side,
                "AmazonVPC",
                "Transit Gateway",
                usagetype=usage_type(side.region, "TransitGateway-Hours"),
            ),
        ),
        usage(
            "Data processed",
            "GB",
            aws_query(
                side,
                "AmazonVPC",
                "Transit Gateway",
                usagetype=usage_type(side.region, "TransitGateway-Bytes"),
            ),
            ATTACHMENT_DATA_PROCESSED_GB,
            quantity=side.usage(ATTACHMENT_DATA_PROCESSED_GB),
        ),
    ]


AWS_EIP = CostModel("aws_eip", aws_eip, free_sub_types=("aws_eip_association",))
AWS_VPC_ENDPOINT = CostModel(
    "aws_vpc_endpoint",
    aws_vpc_endpoint,
    usage_keys=(ENDPOINT_DATA_PROCESSED_GB,),
    follows=("aws_subnet",),
    free_sub_types=(
        "aws_vpc_endpoint_route_table_association",
        "aws_vpc_endpoint_policy",
        "aws_vpc_endpoint_security_group_association",
    ),
)
AWS_VPN_CONNECTION = CostModel(
    "aws_vpn_connection", aws_vpn_connection, free_sub_types=("aws_vpn_connection_route",)
)
AWS_EC2_TRANSIT_GATEWAY_VPC_ATTACHMENT = CostModel(
    "aws_ec2_transit_gateway_vpc_attachment",
    aws_ec2_transit_gateway_vpc_attachment,
    usage_keys=(ATTACHMENT_DATA_PROCESSED_GB,),
)
