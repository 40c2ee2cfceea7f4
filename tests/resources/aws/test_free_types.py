"""The AWS free list: configuration-only types are free, never unsupported, and never also priced."""

from costgate.resources.registry import COST_MODELS, FREE_TYPES
from tests.helpers import price_one


def test_free_and_priced_types_do_not_overlap():
    assert not FREE_TYPES & set(COST_MODELS)


def test_configuration_only_types_are_free():
    for resource_type in (
        "aws_ec2_transit_gateway",
        "aws_eks_addon",
        "aws_sagemaker_endpoint",
        "aws_cloudwatch_event_rule",
    ):
        assert price_one(resource_type, {}).status == "free", resource_type
