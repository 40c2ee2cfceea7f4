"""aws_ecs_service on Fargate: task size from the task definition in the plan, range from the scaling target."""

from decimal import Decimal

from tests.helpers import cents, change, component_costs, price_one
from tests.resources.aws.configured import estimate_linked, ref

SERVICE_REF = {"task_definition": ref("aws_ecs_task_definition.api.arn", "aws_ecs_task_definition.api")}


def fargate(service: dict, task: dict, target: dict | None = None, region: str = "us-east-1"):
    changes = [
        change("aws_ecs_task_definition", task, name="api"),
        change("aws_ecs_service", service, name="api"),
    ]
    expressions = {"aws_ecs_service.api": SERVICE_REF}
    if target is not None:
        changes.append(change("aws_appautoscaling_target", target, name="api"))
        expressions["aws_appautoscaling_target.api"] = {
            "resource_id": ref("aws_ecs_service.api.name", "aws_ecs_service.api")
        }
    return estimate_linked(changes, expressions, region=region)["aws_ecs_service.api"]


def test_fargate_service_task_size_times_desired_count():
    service = fargate({"launch_type": "FARGATE", "desired_count": 2}, {"cpu": "512", "memory": "1024"})
    # 2 tasks x 0.5 vCPU x 730 h x $0.04048 = $29.5504; 2 x 1 GB x 730 h x $0.004445 = $6.4897
    assert component_costs(service) == {
        "Per vCPU per hour": Decimal("29.55040"),
        "Per GB per hour": Decimal("6.489700"),
    }
    assert cents(service.monthly_after) == Decimal("36.04")


def test_fargate_capacity_provider_with_appautoscaling_range_in_eu_west_1():
    service = fargate(
        {"capacity_provider_strategy": [{"capacity_provider": "FARGATE", "weight": 1}], "desired_count": 1},
        {"cpu": "1024", "memory": "2048"},
        target={"min_capacity": 1, "max_capacity": 8},
        region="eu-west-1",
    )
    # one task: 1 vCPU x 730 h x $0.04048 = $29.5504 + 2 GB x 730 h x $0.004445 = $6.4897 -> $36.0401
    assert cents(service.monthly_after) == Decimal("36.04")
    # max 8 tasks: 8 x $36.0401 = $288.3208
    assert cents(service.monthly_at_maximum) == Decimal("288.32")
    assert (service.capacity.minimum, service.capacity.maximum) == (1, 8)


def test_ec2_launch_type_has_no_cost_of_its_own():
    service = fargate({"launch_type": "EC2", "desired_count": 4}, {"cpu": "256", "memory": "512"})
    assert service.status == "free"


def test_task_definition_outside_the_plan_or_spot_is_not_priced():
    alone = price_one("aws_ecs_service", {"launch_type": "FARGATE", "desired_count": 1})
    assert alone.reason == "Per vCPU per hour: its task definition is not in this plan"
    spot = fargate(
        {"capacity_provider_strategy": [{"capacity_provider": "FARGATE_SPOT"}], "desired_count": 1},
        {"cpu": "256", "memory": "512"},
    )
    assert spot.status == "not_priced" and "Fargate Spot" in spot.reason


def test_launch_left_to_the_cluster_or_unknown_is_not_priced_not_free():
    default = fargate({"desired_count": 2}, {"cpu": "256", "memory": "512"})
    assert (default.status, default.reason) == (
        "not_priced",
        "Per vCPU per hour: the cluster's default capacity provider strategy decides where the tasks run (launch_type)",
    )
    unknown = price_one("aws_ecs_service", {"desired_count": 1}, after_unknown={"launch_type": True})
    assert unknown.reason == (
        "Per vCPU per hour: the cluster's default capacity provider strategy decides where the tasks run"
        " (launch_type)"
    )
    ec2_provider = fargate(
        {"capacity_provider_strategy": [{"capacity_provider": "ec2-spot"}], "desired_count": 3},
        {"cpu": "256", "memory": "512"},
    )
    assert ec2_provider.status == "free"  # an EC2 capacity provider: the instances carry the cost
