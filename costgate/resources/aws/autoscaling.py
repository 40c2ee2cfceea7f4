"""aws_autoscaling_group: its instances, as described by the launch template or launch
configuration it references in the same plan, times the desired capacity (else the
minimum size), with the cost at min_size and max_size as the range.

An instance launched from a template is priced like aws_instance: compute hours, its
volumes (the AMI's 8 GB gp2 root when the template maps none), detailed monitoring and
unlimited-mode CPU credits. Launch configurations enable detailed monitoring by default
(https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/launch_configuration).
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal
from typing import Any

from costgate.model import Capacity, CostComponent, Unknown
from costgate.resources.aws.ebs import MONTHLY_STANDARD_IO_REQUESTS
from costgate.resources.aws.ec2 import (
    MONTHLY_CPU_CREDIT_HRS,
    cpu_credits,
    detailed_monitoring,
    instance_hours,
    instance_volumes,
    template_volumes,
)
from costgate.resources.base import CostModel, Side, UsageKey, hourly, not_priced, number, unknown_among

NO_TEMPLATE = "its launch template or launch configuration is not in this plan"
INSTANCES = UsageKey(
    "instances", "instances", "Instances running on average, instead of the desired capacity"
)


def capacity(attribute: str, desired: Any, minimum: Any, maximum: Any) -> Capacity | Unknown:
    """The priced count (desired, else the minimum) with its range; Unknown when the plan cannot tell."""
    desired, minimum, maximum = number(desired), number(minimum), number(maximum)
    missing = unknown_among(desired, minimum, maximum)
    if missing:
        return missing
    current = desired if desired is not None else minimum
    if current is None:
        return Unknown(attribute, "the plan sets no desired or minimum size")
    low = int(minimum) if minimum is not None else int(current)
    high = int(maximum) if maximum is not None else int(current)
    return Capacity(attribute, int(current), low, high)


def aws_autoscaling_group(side: Side) -> list[CostComponent]:
    # desired_capacity left out of the configuration is computed by the provider: price min_size then.
    desired = (
        side.setting("desired_capacity", None) if side.usage(INSTANCES) is None else side.usage(INSTANCES)
    )
    attribute = "desired_capacity" if desired is not None else "min_size"
    per = capacity(attribute, desired, side.get("min_size"), side.get("max_size"))
    if isinstance(per, Unknown):
        return [hourly("Instance usage", per, per)]
    overrides = side.get("mixed_instances_policy.0.launch_template.0.override") or []
    override = overrides[0] if isinstance(overrides, list) and overrides else {}
    override_type = override.get("instance_type")
    per = weighted(per, number(override.get("weighted_capacity")))
    if isinstance(per, Unknown):
        return [hourly("Instance usage", per, per)]
    for attribute_path in ("launch_template", "mixed_instances_policy", "launch_configuration"):
        for template_type in ("aws_launch_template", "aws_launch_configuration"):
            for template in side.referenced(attribute_path, template_type):
                return template_components(template, per, override_type)
    return [not_priced("Instance usage", "hours", NO_TEMPLATE)]


def weighted(per: Capacity, weight: Any) -> Capacity | Unknown:
    """Instances of the first override type: with `weighted_capacity`, the sizes count capacity units,
    and each instance of the type provides `weight` of them, so the group runs capacity / weight
    instances, rounded up (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-mixed-instances-groups-instance-weighting.html).
    """
    if weight is None:
        return per
    if isinstance(weight, Unknown) or weight <= 0:
        return (
            weight
            if isinstance(weight, Unknown)
            else Unknown("weighted_capacity", "weighted_capacity is not positive")
        )

    def instances(units: int) -> int:
        return int(math.ceil(Decimal(units) / weight))

    return Capacity(per.attribute, instances(per.current), instances(per.minimum), instances(per.maximum))


def template_components(template: Side, per: Capacity, instance_type: Any = None) -> list[CostComponent]:
    """One instance's components from a launch template or configuration, each per instance."""
    instance_type = instance_type or template.get("instance_type")
    if instance_type is None:
        instance_type = Unknown("instance_type", "the launch template sets no instance type")
    components = [instance_hours(template, instance_type)]
    if template.type == "aws_launch_configuration":
        components.extend(detailed_monitoring(template, template.get("enable_monitoring", True) is not False))
        components.extend(instance_volumes(template))
    else:
        components.extend(detailed_monitoring(template, template.get("monitoring.0.enabled") is True))
        components.extend(template_volumes(template))
    components.extend(cpu_credits(template, instance_type))
    return [replace(c, per=per) for c in components]


AWS_AUTOSCALING_GROUP = CostModel(
    "aws_autoscaling_group",
    aws_autoscaling_group,
    usage_keys=(MONTHLY_CPU_CREDIT_HRS, MONTHLY_STANDARD_IO_REQUESTS, INSTANCES),
    free_sub_types=(
        "aws_autoscaling_policy",
        "aws_autoscaling_attachment",
        "aws_autoscaling_notification",
        "aws_autoscaling_lifecycle_hook",
        "aws_autoscaling_schedule",
        "aws_autoscaling_group_tag",
        "aws_autoscaling_traffic_source_attachment",
    ),
    follows=("aws_launch_template", "aws_launch_configuration"),
)
