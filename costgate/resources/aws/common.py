"""Facts about AWS pricing data shared by several cost models."""

from __future__ import annotations

# Usage types in the AWS price list carry a region prefix (EU-NatGateway-Hours); us-east-1 has none.
USAGE_TYPE_PREFIX = {
    "us-east-1": "",
    "us-east-2": "USE2-",
    "us-west-1": "USW1-",
    "us-west-2": "USW2-",
    "ca-central-1": "CAN1-",
    "eu-west-1": "EU-",
    "eu-west-2": "EUW2-",
    "eu-west-3": "EUW3-",
    "eu-central-1": "EUC1-",
    "eu-north-1": "EUN1-",
    "ap-southeast-1": "APS1-",
    "ap-southeast-2": "APS2-",
    "ap-northeast-1": "APN1-",
    "ap-northeast-2": "APN2-",
    "ap-south-1": "APS3-",
    "sa-east-1": "SAE1-",
}


def usage_type(region: str, suffix: str) -> str:
    """The price list usagetype for a region: usage_type("eu-west-1", "NatGateway-Hours") -> EU-NatGateway-Hours."""
    return USAGE_TYPE_PREFIX.get(region, region + "-") + suffix
