"""aws_instance: on-demand compute hours plus its root and extra EBS volumes.

Linux on shared tenancy unless the configuration says otherwise (`get_password_data`
means a Windows AMI). Detailed monitoring adds 7 CloudWatch metrics; T-family instances
in unlimited mode add surplus CPU credits, which depend on usage; the EBS-optimized
surcharge exists only for older types that are not EBS-optimized by default. The price list needs
every one of preInstalledSw/capacitystatus/licenseModel pinned, or several SKUs match
(SQL Server images, capacity reservations, BYOL).
"""

from __future__ import annotations

from typing import Any

from costgate.model import Capacity, CostComponent, Unknown
from costgate.resources.aws.common import usage_type
from costgate.resources.aws.ebs import MONTHLY_STANDARD_IO_REQUESTS, volume_components
from costgate.resources.base import (
    CostModel,
    Side,
    UsageKey,
    aws_query,
    hourly,
    monthly,
    not_priced,
    number,
    shown,
    usage,
)

MONTHLY_CPU_CREDIT_HRS = UsageKey(
    "monthly_cpu_credit_hrs",
    "vCPU-hours",
    "Surplus CPU credits (vCPU-hours above baseline) per instance per month",
)

TENANCY = {"default": "Shared", "dedicated": "Dedicated", "host": "Host"}
DEFAULT_ROOT_VOLUME_GB = (
    8  # the size of the common Linux AMIs' root snapshot; Infracost uses the same default
)
# EC2 detailed monitoring publishes 7 metrics at 1-minute resolution, billed as custom metrics
# (https://aws.amazon.com/cloudwatch/pricing/, "Detailed Monitoring for EC2 Instances").
DETAILED_MONITORING_METRICS = 7
# T3/T3a/T4g launch in unlimited mode by default; T2 in standard mode
# (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-performance-instances-unlimited-mode.html).
UNLIMITED_BY_DEFAULT = ("t3", "t3a", "t4g")
BURSTABLE = ("t2", *UNLIMITED_BY_DEFAULT)
# Families that are not EBS-optimized by default and charge an hourly surcharge when it is enabled
# (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ebs-optimized.html, "Supported instance types").
# Current generation (and c4/d2/m4/r4) are EBS-optimized by default at no extra charge.
EBS_OPTIMIZED_SURCHARGE_FAMILIES = ("c1", "c3", "g2", "i2", "m1", "m2", "m3", "r3")


def family(instance_type: Any) -> str:
    return instance_type.split(".")[0] if isinstance(instance_type, str) else ""


def operating_system(side: Side) -> str:
    # get_password_data only works for Windows AMIs, so setting it tells the platform.
    return "Windows" if side.get("get_password_data") is True else "Linux"


def instance_query(side: Side, instance_type: Any, operating_system: str = "Linux", tenancy: str = "Shared"):
    # The price list files bare-metal types (m5.metal) under their own product family.
    metal = isinstance(instance_type, str) and instance_type.endswith(".metal")
    return aws_query(
        side,
        "AmazonEC2",
        "Compute Instance (bare metal)" if metal else "Compute Instance",
        instanceType=instance_type,
        operatingSystem=operating_system,
        tenancy=tenancy,
        preInstalledSw="NA",
        capacitystatus="Used",
        licenseModel="No License required",
    )


def instance_hours(
    side: Side, instance_type: Any, operating_system: str = "Linux", tenancy: str = "Shared", per=None
):
    label = "Linux/UNIX" if operating_system == "Linux" else operating_system
    name = f"Instance usage ({label}, on-demand, {shown(instance_type)})"
    return hourly(name, instance_query(side, instance_type, operating_system, tenancy), per=per)


def aws_instance(side: Side) -> list[CostComponent]:
    # An instance launched from a template takes the template's type and volumes unless it sets its own.
    templates = side.referenced("launch_template", "aws_launch_template")
    instance_type = side.get("instance_type")
    if templates and (instance_type is None or side.setting("instance_type", None) is None):
        instance_type = templates[0].get("instance_type")
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
        components = [instance_hours(side, instance_type, operating_system(side), tenancy=tenancy)]
    components.extend(ebs_optimized(side, instance_type))
    components.extend(detailed_monitoring(side, side.get("monitoring") is True))
    components.extend(cpu_credits(side, instance_type, operating_system(side)))
    if templates and not side.configured("root_block_device"):
        components.extend(template_volumes(templates[0]))
    else:
        components.extend(instance_volumes(side))
    return components


def ebs_optimized(side: Side, instance_type: Any) -> list[CostComponent]:
    kind = family(instance_type)
    if side.get("ebs_optimized") is not True or kind not in EBS_OPTIMIZED_SURCHARGE_FAMILIES:
        return []
    return [
        not_priced(
            f"EBS-optimized usage ({instance_type})",
            "hours",
            "the EBS-optimized surcharge of previous-generation types is not in the offline catalog",
        )
    ]


def detailed_monitoring(side: Side, enabled: bool, per: Capacity | None = None) -> list[CostComponent]:
    if not enabled:
        return []
    return [
        monthly(
            "EC2 detailed monitoring",
            "metrics",
            DETAILED_MONITORING_METRICS,
            aws_query(
                side, "AmazonCloudWatch", "Metric", usagetype=usage_type(side.region, "CW:MetricMonitorUsage")
            ),
            per=per,
        )
    ]


def cpu_credits(side: Side, instance_type: Any, system: str = "Linux") -> list[CostComponent]:
    kind = family(instance_type)
    if kind not in BURSTABLE:
        return []
    default = "unlimited" if kind in UNLIMITED_BY_DEFAULT else "standard"
    mode = (side.block("credit_specification") or {}).get("cpu_credits") or default
    if mode != "unlimited":
        return []
    return [
        usage(
            f"CPU credits ({kind}, unlimited)",
            "vCPU-hours",
            aws_query(
                side,
                "AmazonEC2",
                "CPU Credits",
                operatingSystem=system,
                usagetype=usage_type(side.region, f"CPUCredits:{kind}"),
            ),
            MONTHLY_CPU_CREDIT_HRS,
            quantity=side.usage(MONTHLY_CPU_CREDIT_HRS),
        )
    ]


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
    # A state (or a refreshed plan) lists attached aws_ebs_volume resources here too: they are priced once,
    # as the volume resource.
    count = len(devices) if isinstance(devices, list) else 0
    ids = {side.get(f"ebs_block_device.{index}.volume_id") for index in range(count)}
    priced = {i for i in ids if isinstance(i, str) and side.of_type_with("aws_ebs_volume", "id", i)}
    for index in range(count):
        path = f"ebs_block_device.{index}."
        if side.get(path + "volume_id") in priced:
            continue
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


def template_volumes(template: Side) -> list[CostComponent]:
    """The volumes a launch template maps; the AMI's 8 GB gp2 root when it maps none."""
    mappings = template.get("block_device_mappings") or []
    if not isinstance(mappings, list) or not mappings:
        return volume_components(template, "gp2", DEFAULT_ROOT_VOLUME_GB, label="Root volume")
    components: list[CostComponent] = []
    for index, mapping in enumerate(mappings):
        path = f"block_device_mappings.{index}.ebs.0."
        if not (mapping or {}).get("ebs"):
            continue  # instance-store or no-device mappings cost nothing extra
        components.extend(
            volume_components(
                template,
                template.setting(path + "volume_type", "gp2"),
                number(
                    template.setting(path + "volume_size", DEFAULT_ROOT_VOLUME_GB), DEFAULT_ROOT_VOLUME_GB
                ),
                template.setting(path + "iops", None),
                template.setting(path + "throughput", None),
                label=f"Block device {mapping.get('device_name') or index}",
            )
        )
    return components


AWS_INSTANCE = CostModel(
    "aws_instance",
    aws_instance,
    usage_keys=(MONTHLY_CPU_CREDIT_HRS, MONTHLY_STANDARD_IO_REQUESTS),
    follows=("aws_launch_template", "aws_ebs_volume"),
    free_sub_types=("aws_volume_attachment", "aws_ec2_instance_state"),
)
