"""aws_instance: on-demand compute hours plus its root and extra EBS volumes.

Linux on shared tenancy unless the configuration says otherwise. The price list needs
every one of preInstalledSw/capacitystatus/licenseModel pinned, or several SKUs match
(SQL Server images, capacity reservations, BYOL).
"""

from __future__ import annotations

from typing import Any

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.ebs import volume_components
from costgate.resources.base import Side, aws_query, hourly, not_priced, number, shown

TENANCY = {"default": "Shared", "dedicated": "Dedicated", "host": "Host"}
DEFAULT_ROOT_VOLUME_GB = 8  # the size of the common Linux AMIs' root snapshot; Infracost uses the same default


def instance_query(side: Side, instance_type: Any, operating_system: str = "Linux", tenancy: str = "Shared"):
    return aws_query(
        side,
        "AmazonEC2",
        "Compute Instance",
        instanceType=instance_type,
        operatingSystem=operating_system,
        tenancy=tenancy,
        preInstalledSw="NA",
        capacitystatus="Used",
        licenseModel="No License required",
    )


def instance_hours(side: Side, instance_type: Any, operating_system: str = "Linux", tenancy: str = "Shared", per=None):
    label = "Linux/UNIX" if operating_system == "Linux" else operating_system
    name = f"Instance usage ({label}, on-demand, {shown(instance_type)})"
    return hourly(name, instance_query(side, instance_type, operating_system, tenancy), per=per)


def aws_instance(side: Side) -> list[CostComponent]:
    instance_type = side.get("instance_type")
    if instance_type is None:
        instance_type = Unknown("instance_type", "the instance type comes from a launch template")
    market = side.block("instance_market_options") or {}
    if market.get("market_type") == "spot":
        components = [
            not_priced(
                f"Instance usage (spot, {shown(instance_type)})",
                "hours",
                "spot prices change hourly and are not in the offline catalog",
            )
        ]
    else:
        tenancy = side.setting("tenancy", "default")
        tenancy = TENANCY.get(tenancy, tenancy) if isinstance(tenancy, str) else Unknown("tenancy")
        components = [instance_hours(side, instance_type, tenancy=tenancy)]
    components.extend(instance_volumes(side))
    return components


def instance_volumes(side: Side) -> list[CostComponent]:
    root = "root_block_device.0."
    components = volume_components(
        side,
        side.setting(root + "volume_type", "gp2"),
        number(side.setting(root + "volume_size", DEFAULT_ROOT_VOLUME_GB), DEFAULT_ROOT_VOLUME_GB),
        side.setting(root + "iops", None),
        side.setting(root + "throughput", None),
        label="Root volume",
    )
    devices = side.get("ebs_block_device") or []
    for index in range(len(devices) if isinstance(devices, list) else 0):
        path = f"ebs_block_device.{index}."
        components.extend(
            volume_components(
                side,
                side.setting(path + "volume_type", "gp2"),
                number(side.get(path + "volume_size"), Unknown(path + "volume_size")),
                side.setting(path + "iops", None),
                side.setting(path + "throughput", None),
                label=f"Block device {side.get(path + 'device_name') or index}",
            )
        )
    return components

