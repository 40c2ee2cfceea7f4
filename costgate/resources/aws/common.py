"""Facts about AWS pricing data shared by several cost models."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from costgate.model import CostComponent
from costgate.resources.base import Side

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


_UNSET = object()


def default_setting(side: Side, path: str, default: Any) -> tuple[Any, bool]:
    """The attribute, or the provider's documented `default` when the configuration leaves it unset.

    Real plans mark an unset optional attribute "known after apply"; `Side.setting` reads
    that as unset. The flag says the default was used, so the component can say "(default)".
    """
    value = side.setting(path, _UNSET)
    return (default, True) if value is _UNSET else (value, False)


def marked_default(components: list[CostComponent], used: bool) -> list[CostComponent]:
    """The components, named with "(default)" when they price a provider default."""
    return [replace(c, name=f"{c.name} (default)") for c in components] if used else components
