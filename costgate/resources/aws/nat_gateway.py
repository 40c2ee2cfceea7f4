"""aws_nat_gateway: hours, plus data processed (depends on usage). https://aws.amazon.com/vpc/pricing/"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, hourly, usage

MONTHLY_DATA_PROCESSED_GB = UsageKey(
    "monthly_data_processed_gb",
    "GB",
    "Data processed by the NAT gateway per month",
)


def aws_nat_gateway(side: Side) -> list[CostComponent]:
    # Public and private NAT gateways have the same hourly and per-GB prices.
    return [
        hourly(
            "NAT gateway",
            aws_query(
                side, "AmazonEC2", "NAT Gateway", usagetype=usage_type(side.region, "NatGateway-Hours")
            ),
        ),
        usage(
            "Data processed",
            "GB",
            aws_query(
                side, "AmazonEC2", "NAT Gateway", usagetype=usage_type(side.region, "NatGateway-Bytes")
            ),
            MONTHLY_DATA_PROCESSED_GB,
            quantity=side.usage(MONTHLY_DATA_PROCESSED_GB),
        ),
    ]


AWS_NAT_GATEWAY = CostModel("aws_nat_gateway", aws_nat_gateway, usage_keys=(MONTHLY_DATA_PROCESSED_GB,))
