"""The registry: one CostModel per type, and declarations that match what the models read."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from costgate.estimate.pricer import Pricer
from costgate.estimate.usage import UsageFile
from costgate.model import CostComponent, ProjectPlan
from costgate.plan.context import PlanContext
from costgate.plan.terraform import read_plan
from costgate.pricing.setup import price_chain
from costgate.resources import registry
from costgate.resources.aws import free as aws_free
from costgate.resources.base import CostModel, Side, UndeclaredRead, UsageKey, usage
from costgate.resources.google import free as google_free
from tests.helpers import change, plan_document

TEMPLATE = {
    "instance_type": "t3.micro",  # unlimited CPU credits by default
    "block_device_mappings": [{"device_name": "/dev/xvda", "ebs": [{"volume_type": "standard"}]}],
}
LINKED = {
    "aws_autoscaling_group.this": {"launch_template": [{"id": {"references": ["aws_launch_template.this"]}}]},
    "aws_eks_node_group.this": {"launch_template": [{"id": {"references": ["aws_launch_template.this"]}}]},
}
# Inputs on which every usage key a model declares is read (some keys only matter for one mode).
AWS_EXAMPLES: list[tuple[str, str, dict[str, Any]]] = [
    ("aws_launch_template", "this", TEMPLATE),
    ("aws_autoscaling_group", "this", {"desired_capacity": 2, "min_size": 1, "max_size": 3}),
    (
        "aws_eks_node_group",
        "this",
        {"scaling_config": [{"desired_size": 2, "min_size": 1, "max_size": 3}]},
    ),
    (
        "aws_instance",
        "this",
        {"instance_type": "t3.micro", "root_block_device": [{"volume_type": "standard"}]},
    ),
    ("aws_ebs_volume", "this", {"type": "standard", "size": 10}),
    ("aws_dynamodb_table", "on_demand", {"billing_mode": "PAY_PER_REQUEST"}),
    ("aws_kinesis_stream", "on_demand", {"stream_mode_details": [{"stream_mode": "ON_DEMAND"}]}),
    ("aws_kinesis_stream", "provisioned", {"shard_count": 1}),
    ("aws_vpc_endpoint", "this", {"vpc_endpoint_type": "Interface", "subnet_ids": ["subnet-a"]}),
    ("aws_db_instance", "this", {"engine": "mysql", "instance_class": "db.t3.micro"}),
    ("aws_fsx_windows_file_system", "this", {"storage_capacity": 32, "throughput_capacity": 8}),
    ("aws_mq_broker", "this", {"engine_type": "ActiveMQ", "host_instance_type": "mq.t3.micro"}),
    ("aws_redshift_cluster", "this", {"node_type": "ra3.xlplus", "number_of_nodes": 1}),
    ("aws_sfn_state_machine", "standard", {"type": "STANDARD"}),
    ("aws_sfn_state_machine", "express", {"type": "EXPRESS"}),
    (
        "aws_codebuild_project",
        "this",
        {"environment": [{"type": "LINUX_CONTAINER", "compute_type": "BUILD_GENERAL1_SMALL"}]},
    ),
]
GOOGLE_EXAMPLES: list[tuple[str, str, dict[str, Any]]] = [
    ("google_spanner_instance", "this", {"config": "regional-us-central1", "num_nodes": 1}),
    ("google_bigtable_instance", "this", {"cluster": [{"zone": "us-central1-a", "num_nodes": 1}]}),
    (
        "google_sql_database_instance",
        "this",
        {"database_version": "POSTGRES_15", "settings": [{"tier": "db-custom-1-3840"}]},
    ),
    ("google_storage_bucket", "this", {"location": "US"}),
]


class RecordingUsage(UsageFile):
    """A usage file that answers 1 for every key and remembers which keys each type's model asked for."""

    def __init__(self) -> None:
        super().__init__("usage.yml")
        self.read: dict[str, set[str]] = {}

    def quantity(self, change: Any, key: str) -> Decimal | None:
        self.read.setdefault(change.type, set()).add(key)
        return Decimal(1)


def _examples(provider: str, given: list[tuple[str, str, dict[str, Any]]]) -> list[tuple[str, str, dict]]:
    named = {resource_type for resource_type, _, _ in given}
    simple = [
        (resource_type, "this", {})
        for resource_type in registry.USAGE_KEYS
        if resource_type.startswith(provider + "_") and resource_type not in named
    ]
    return given + simple


def _read_keys(provider: str, examples: list[tuple[str, str, dict[str, Any]]]) -> dict[str, set[str]]:
    document = plan_document(
        *(change(resource_type, after, name=name) for resource_type, name, after in examples),
        region="us-east-1" if provider == "aws" else "us-central1",
        provider=provider,
    )
    document["configuration"]["root_module"] = {
        "resources": [
            {"address": address, "mode": "managed", "type": address.split(".")[0], "expressions": exprs}
            for address, exprs in LINKED.items()
        ]
    }
    usage_file = RecordingUsage()
    plan = read_plan(document, "plan.json", region_hooks=registry.REGION_HOOKS)
    result = Pricer(price_chain("embedded"), usage_file).estimate([ProjectPlan("plan", "plan.json", plan)])
    failures = [(r.address, r.reason) for r in result.resources if "could not read" in r.reason]
    assert failures == []
    return usage_file.read


@pytest.mark.parametrize(("provider", "given"), [("aws", AWS_EXAMPLES), ("google", GOOGLE_EXAMPLES)])
def test_every_declared_usage_key_is_read_by_its_model(provider, given):
    read = _read_keys(provider, _examples(provider, given))
    declared = {
        resource_type: {key.name for key in keys}
        for resource_type, keys in registry.USAGE_KEYS.items()
        if resource_type.startswith(provider + "_")
    }
    assert {resource_type: read.get(resource_type, set()) for resource_type in declared} == declared


def test_each_type_is_registered_once_and_listed_under_its_provider():
    assert len(registry.COST_MODELS) == len(registry.AWS) + len(registry.GOOGLE)
    assert all(model.resource_type.startswith("aws_") for model in registry.AWS)
    assert all(model.resource_type.startswith("google_") for model in registry.GOOGLE)
    model = registry.AWS[0]
    with pytest.raises(ValueError, match=f"{model.resource_type} is registered twice"):
        registry._by_type([model, model])


def test_free_sub_types_are_free_and_declared_once():
    sub_types = [sub for model in registry.COST_MODELS.values() for sub in model.free_sub_types]
    assert len(sub_types) == len(set(sub_types))
    assert not set(sub_types) & set(registry.COST_MODELS)
    assert not set(sub_types) & (aws_free.FREE_TYPES | google_free.FREE_TYPES)
    assert registry.cost_model("aws_s3_bucket").free_sub_types[0] == "aws_s3_bucket_policy"
    for sub_type in ("aws_s3_bucket_policy", "aws_db_subnet_group", "google_sql_user", "google_sql_database"):
        assert registry.is_free(sub_type), sub_type
        assert registry.cost_model(sub_type) is None


def test_types_that_share_a_function_have_their_own_records():
    lb, alb = registry.cost_model("aws_lb"), registry.cost_model("aws_alb")
    assert lb.function is alb.function and lb.usage_keys == alb.usage_keys
    assert "aws_lb_listener" in lb.free_sub_types and "aws_alb_listener" in alb.free_sub_types
    assert (
        registry.cost_model("aws_kms_replica_key").usage_keys == registry.cost_model("aws_kms_key").usage_keys
    )


REQUESTS = UsageKey("monthly_requests", "requests", "Requests per month")


def _side(resource_type: str = "aws_sqs_queue") -> Side:
    plan = read_plan(plan_document(change(resource_type, {})), "plan.json")
    (resource,) = plan.changes
    return Side(resource, {}, {}, "us-east-1", PlanContext(plan.changes, {}))


def test_a_model_reading_an_undeclared_usage_key_fails_loudly():
    def reads_requests(side: Side) -> list[CostComponent]:
        side.usage(REQUESTS)
        return []

    with pytest.raises(UndeclaredRead, match="aws_sqs_queue model reads usage key 'monthly_requests'"):
        CostModel("aws_sqs_queue", reads_requests)(_side())
    assert CostModel("aws_sqs_queue", reads_requests, usage_keys=(REQUESTS,))(_side()) == []
    with pytest.raises(UndeclaredRead, match="outside any cost model"):
        _side().usage(REQUESTS)


def test_a_component_priced_from_an_undeclared_key_fails_loudly():
    def prices_requests(side: Side) -> list[CostComponent]:
        return [usage("Requests", "requests", side.usage(OTHER) and None or _query(), REQUESTS, None)]

    OTHER = UsageKey("request_size_kb", "KB", "Payload size")

    def _query():
        from costgate.model import PriceQuery

        return PriceQuery.of("aws", "AWSQueueService", "us-east-1", "API Request")

    with pytest.raises(UndeclaredRead, match="prices usage key 'monthly_requests' it does not declare"):
        CostModel("aws_sqs_queue", prices_requests, usage_keys=(OTHER,))(_side())


def test_a_model_following_an_undeclared_type_fails_loudly():
    def follows_function(side: Side) -> list[CostComponent]:
        side.referenced("function_name", "aws_lambda_function")
        return []

    with pytest.raises(UndeclaredRead, match="follows aws_lambda_function without declaring it"):
        CostModel("aws_lambda_provisioned_concurrency_config", follows_function)(_side())
    declared = CostModel(
        "aws_lambda_provisioned_concurrency_config", follows_function, follows=("aws_lambda_function",)
    )
    assert declared(_side()) == []
