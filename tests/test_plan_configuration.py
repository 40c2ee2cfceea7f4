"""A plan's `configuration` is read, never trusted: odd shapes are skipped, the changes are still priced."""

from decimal import Decimal

import pytest

from tests.helpers import change, plan_document, run_estimate


@pytest.mark.parametrize(
    "root_module",
    [
        {"module_calls": {"net": ["not", "a", "call"]}},
        {"module_calls": {"net": {"module": "not a module"}}},
        {"module_calls": ["net"]},
        {"resources": ["aws_instance.web", {"address": 7}]},
        {"resources": {"aws_instance.web": {}}},
    ],
    ids=[
        "call is a list",
        "module is text",
        "calls are a list",
        "resources hold text",
        "resources are a map",
    ],
)
def test_odd_configuration_shapes_still_price_the_instance(root_module):
    configuration = {
        "provider_config": {
            "aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}
        },
        "root_module": root_module,
    }
    document = plan_document(
        change("aws_instance", {"instance_type": "m5.large"}, name="web"), configuration=configuration
    )
    (resource,) = run_estimate(document).resources
    # 730 h x $0.096 = $70.08, plus the default 8 GB gp2 root volume: 8 x $0.10 = $0.80
    assert resource.monthly_after == Decimal("70.88")
