"""EKS: the cluster control plane per hour, and managed node groups as EC2 instances.

A node group runs `scaling_config.desired_size` instances of its first instance type
(t3.medium unless `instance_types` or its launch template says otherwise) with a
`disk_size` gp2 volume each (20 GB default), and reports the cost at min and max size.
(https://aws.amazon.com/eks/pricing/, https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_node_group)
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.autoscaling import INSTANCES, capacity, template_components
from costgate.resources.aws.common import usage_type
from costgate.resources.aws.ebs import MONTHLY_STANDARD_IO_REQUESTS, volume_components
from costgate.resources.aws.ec2 import MONTHLY_CPU_CREDIT_HRS, instance_hours
from costgate.resources.base import CostModel, Side, aws_query, hourly, number

DEFAULT_NODE_TYPE = "t3.medium"
DEFAULT_DISK_GB = 20


def aws_eks_cluster(side: Side) -> list[CostComponent]:
    return [
        hourly(
            "EKS cluster",
            aws_query(
                side, "AmazonEKS", "Compute", usagetype=usage_type(side.region, "AmazonEKS-Hours:perCluster")
            ),
        )
    ]


def aws_eks_node_group(side: Side) -> list[CostComponent]:
    size = [side.get(f"scaling_config.0.{key}") for key in ("desired_size", "min_size", "max_size")]
    size[0] = size[0] if side.usage(INSTANCES) is None else side.usage(INSTANCES)
    per = capacity("scaling_config.desired_size", *size)
    if isinstance(per, Unknown):
        return [hourly(f"Instance usage (Linux/UNIX, on-demand, {node_type(side)})", per, per)]
    templates = side.referenced("launch_template", "aws_launch_template")
    types = side.get("instance_types")
    if templates:
        # instance_types on the node group wins over the template's instance type
        if isinstance(types, list) and types:
            override = types[0]
        else:
            override = None if templates[0].get("instance_type") else DEFAULT_NODE_TYPE
        return template_components(templates[0], per, override)
    disk = number(side.setting("disk_size", DEFAULT_DISK_GB), DEFAULT_DISK_GB)
    return [
        instance_hours(side, node_type(side), per=per),
        *(replace(c, per=per) for c in volume_components(side, "gp2", disk)),
    ]


def node_type(side: Side) -> Any:
    types = side.get("instance_types")
    if isinstance(types, Unknown):
        return types
    if not types:
        return DEFAULT_NODE_TYPE
    if isinstance(types, list) and isinstance(types[0], str):
        return types[0]
    return Unknown("instance_types", "the plan's instance_types is not a list of instance types")


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
