"""aws_ecs_service on Fargate: the task definition's vCPU and memory per hour, times the
desired count; with an aws_appautoscaling_target on the service, the range is its
min/max capacity. Tasks on EC2 capacity cost nothing here (their instances are priced).
(https://aws.amazon.com/fargate/pricing/)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costgate.model import Capacity, CostComponent, Unknown
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, aws_query, hourly, not_priced, number, unknown_among

CPU_UNITS_PER_VCPU = Decimal(1024)
MIB_PER_GB = Decimal(1024)


def aws_ecs_service(side: Side) -> list[CostComponent]:
    launch = fargate_launch(side)
    if isinstance(launch, Unknown):
        return [not_priced("Per vCPU per hour", "vCPU-hours", launch.reason)]
    if launch is None:
        return []  # EC2 or external capacity: the cost is in the instances
    if launch == "FARGATE_SPOT":
        reason = "Fargate Spot prices change and are not in the offline catalog"
        return [not_priced("Per vCPU per hour (Fargate Spot)", "vCPU-hours", reason)]
    definitions = side.referenced("task_definition", "aws_ecs_task_definition")
    if not definitions:
        reason = "its task definition is not in this plan"
        return [
            not_priced("Per vCPU per hour", "vCPU-hours", reason),
            not_priced("Per GB per hour", "GB-hours", reason),
        ]
    definition = definitions[0]
    vcpu = number(definition.get("cpu"), Unknown("cpu", "the task definition sets no task-level cpu"))
    memory = number(
        definition.get("memory"), Unknown("memory", "the task definition sets no task-level memory")
    )
    per = tasks(side)
    if isinstance(per, Unknown):
        return [
            hourly("Per vCPU per hour", per, per, unit="vCPU-hours"),
            hourly("Per GB per hour", per, per, unit="GB-hours"),
        ]
    missing = unknown_among(vcpu, memory)
    return [
        hourly(
            "Per vCPU per hour",
            aws_query(
                side, "AmazonECS", "Compute", usagetype=usage_type(side.region, "Fargate-vCPU-Hours:perCPU")
            ),
            missing or vcpu / CPU_UNITS_PER_VCPU,
            unit="vCPU-hours",
            per=per,
        ),
        hourly(
            "Per GB per hour",
            aws_query(side, "AmazonECS", "Compute", usagetype=usage_type(side.region, "Fargate-GB-Hours")),
            missing or memory / MIB_PER_GB,
            unit="GB-hours",
            per=per,
        ),
    ]


def fargate_launch(side: Side) -> str | Unknown | None:
    """FARGATE or FARGATE_SPOT when the service runs on Fargate (a mix counts as FARGATE), None on EC2 or
    external capacity, Unknown when the plan cannot tell (then it is not priced, never a silent $0)."""
    launch_type = side.setting("launch_type", None)
    if isinstance(launch_type, Unknown):
        return launch_type
    if launch_type == "FARGATE":
        return "FARGATE"
    strategy = side.setting("capacity_provider_strategy", None)
    if isinstance(strategy, Unknown):
        return strategy
    names = provider_names(strategy)
    if not launch_type and not names:
        names = cluster_default_providers(side)
        if isinstance(names, Unknown):
            return names
    for name in ("FARGATE", "FARGATE_SPOT"):
        if name in names:
            return name
    return None


def provider_names(strategy: Any) -> set[str]:
    if not isinstance(strategy, list):
        return set()
    return {s.get("capacity_provider") for s in strategy if isinstance(s, dict)}


def cluster_default_providers(side: Side) -> set[str] | Unknown:
    """Neither launch_type nor a strategy is set: the cluster's default capacity provider strategy decides.

    A cluster with no default strategy (no aws_ecs_cluster_capacity_providers setting one)
    runs the service with the EC2 launch type
    (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html, launchType).
    """
    clusters = side.referenced("cluster", "aws_ecs_cluster")
    if not clusters:
        return Unknown(
            "launch_type", "the cluster's default capacity provider strategy decides where the tasks run"
        )
    names: set[str] = set()
    for providers in clusters[0].referring("aws_ecs_cluster_capacity_providers", "cluster_name"):
        strategy = providers.get("default_capacity_provider_strategy")
        if isinstance(strategy, Unknown):
            return strategy
        names |= provider_names(strategy)
    return names


def tasks(side: Side) -> Capacity | Unknown:
    desired = side.get("desired_count", 0)
    if isinstance(desired, Unknown):
        return desired
    desired = int(desired)
    for target in side.referring("aws_appautoscaling_target", "resource_id"):
        low, high = target.get("min_capacity"), target.get("max_capacity")
        missing = unknown_among(low, high)
        if missing:
            return missing
        return Capacity("desired_count", desired, int(low), int(high))
    return Capacity("desired_count", desired, desired, desired)


AWS_ECS_SERVICE = CostModel(
    "aws_ecs_service",
    aws_ecs_service,
    follows=(
        "aws_ecs_task_definition",
        "aws_appautoscaling_target",
        "aws_ecs_cluster",
        "aws_ecs_cluster_capacity_providers",
    ),
)
