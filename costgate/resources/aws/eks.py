"""EKS: the cluster control plane per hour, and managed node groups as EC2 instances.

A node group runs `scaling_config.desired_size` instances of its first instance type
(t3.medium unless `instance_types` or its launch template says otherwise) with a
`disk_size` gp2 volume each (20 GB default), and reports the cost at min and max size.
(https://aws.amazon.com/eks/pricing/, https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_node_group)
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.autoscaling import INSTANCES, capacity, template_components
from costgate.resources.aws.common import default_setting, marked_default, usage_type
from costgate.resources.aws.ebs import MONTHLY_STANDARD_IO_REQUESTS, volume_components
from costgate.resources.aws.ec2 import MONTHLY_CPU_CREDIT_HRS, instance_hours
from costgate.resources.base import CostModel, Side, aws_query, hourly, number, shown

DEFAULT_NODE_TYPE = "t3.medium"
DEFAULT_DISK_GB = 20


# The day each Kubernetes version leaves EKS standard support and enters extended support, which bills
# $0.60 per cluster-hour instead of $0.10 (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html,
# "Amazon EKS Kubernetes release calendar"; https://aws.amazon.com/eks/pricing/). Versions before 1.23 ended
# standard support before extended support began; versions after the last listed are taken as standard.
END_OF_STANDARD_SUPPORT = {
    (1, 23): date(2023, 10, 11),
    (1, 24): date(2024, 1, 31),
    (1, 25): date(2024, 5, 1),
    (1, 26): date(2024, 6, 11),
    (1, 27): date(2024, 7, 24),
    (1, 28): date(2024, 11, 26),
    (1, 29): date(2025, 3, 23),
    (1, 30): date(2025, 7, 23),
    (1, 31): date(2025, 11, 26),
    (1, 32): date(2026, 3, 23),
    (1, 33): date(2026, 7, 29),
    (1, 34): date(2026, 12, 2),
    (1, 35): date(2027, 3, 27),
}


def aws_eks_cluster(side: Side) -> list[CostComponent]:
    extended = extended_support(side, date.today())
    return [
        hourly(
            "EKS cluster (extended support)" if extended else "EKS cluster",
            aws_query(
                side,
                "AmazonEKS",
                "Compute",
                usagetype=usage_type(
                    side.region,
                    "AmazonEKS-Hours:extendedSupport" if extended else "AmazonEKS-Hours:perCluster",
                ),
            ),
        )
    ]


def extended_support(side: Side, today: date) -> bool:
    """Whether the cluster's Kubernetes version is past standard support on `today`.

    An unset version is the newest EKS offers (standard); `upgrade_policy.support_type =
    STANDARD` makes EKS upgrade the cluster at the end of standard support instead.
    """
    if (side.block("upgrade_policy") or {}).get("support_type") == "STANDARD":
        return False
    version = side.get("version")
    if not isinstance(version, str):
        return False
    parts = version.split(".")
    if len(parts) < 2 or not (parts[0].isdigit() and parts[1].isdigit()):
        return False
    key = (int(parts[0]), int(parts[1]))
    if key < min(END_OF_STANDARD_SUPPORT):
        return True
    end = END_OF_STANDARD_SUPPORT.get(key)
    return end is not None and today > end


def aws_eks_node_group(side: Side) -> list[CostComponent]:
    size = [side.get(f"scaling_config.0.{key}") for key in ("desired_size", "min_size", "max_size")]
    size[0] = size[0] if side.usage(INSTANCES) is None else side.usage(INSTANCES)
    per = capacity("scaling_config.desired_size", *size)
    if isinstance(per, Unknown):
        return [hourly(f"Instance usage (Linux/UNIX, on-demand, {shown(node_type(side)[0])})", per, per)]
    templates = side.referenced("launch_template", "aws_launch_template")
    types = side.get("instance_types")
    if templates:
        # instance_types on the node group wins over the template's instance type
        if isinstance(types, list) and types:
            override = types[0]
        else:
            override = None if templates[0].get("instance_type") else DEFAULT_NODE_TYPE
        return template_components(templates[0], per, override)
    disk, default_disk = default_setting(side, "disk_size", DEFAULT_DISK_GB)
    instance_type, default_type = node_type(side)
    return [
        *marked_default([instance_hours(side, instance_type, per=per)], default_type),
        *marked_default(
            [replace(c, per=per) for c in volume_components(side, "gp2", number(disk, DEFAULT_DISK_GB))],
            default_disk,
        ),
    ]


def node_type(side: Side) -> tuple[Any, bool]:
    """The first instance type, and whether it is the provider's t3.medium default."""
    types, used_default = default_setting(side, "instance_types", [])
    if isinstance(types, Unknown):
        return types, False
    if not types:
        return DEFAULT_NODE_TYPE, True
    if isinstance(types, list) and isinstance(types[0], str):
        return types[0], used_default
    return Unknown("instance_types", "the plan's instance_types is not a list of instance types"), False


AWS_EKS_CLUSTER = CostModel(
    "aws_eks_cluster",
    aws_eks_cluster,
    free_sub_types=(
        "aws_eks_addon",
        "aws_eks_fargate_profile",
        "aws_eks_identity_provider_config",
        "aws_eks_access_entry",
        "aws_eks_access_policy_association",
        "aws_eks_pod_identity_association",
    ),
)
AWS_EKS_NODE_GROUP = CostModel(
    "aws_eks_node_group",
    aws_eks_node_group,
    usage_keys=(MONTHLY_CPU_CREDIT_HRS, MONTHLY_STANDARD_IO_REQUESTS, INSTANCES),
    follows=("aws_launch_template",),
)
