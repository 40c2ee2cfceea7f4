"""Plan values of the wrong type leave their component not priced, with the reason, rather than an error."""

import pytest

from tests.helpers import price_one

CASES = [
    ("aws_ebs_volume", {"type": "gp3", "size": ["100"]}, "the plan holds a list where a number was expected"),
    ("aws_ebs_snapshot", {"volume_size": {"gb": 8}}, "the plan holds a dict where a number was expected"),
    (
        "aws_autoscaling_group",
        {"min_size": "two", "max_size": 3},
        "the plan holds a str where a number was expected",
    ),
    ("aws_lb", {"load_balancer_type": ["network"]}, "unknown load balancer type ['network']"),
    (
        "aws_mq_broker",
        {"engine_type": "ActiveMQ", "deployment_mode": {}},
        "deployment mode {} is not priced yet",
    ),
    (
        "aws_eks_node_group",
        {"instance_types": {"a": 1}, "scaling_config": [{"desired_size": 1}]},
        "not a list",
    ),
    ("google_bigtable_instance", {"cluster": 1.5}, "the instance has no cluster block"),
    ("google_compute_disk", {"type": "pd-ssd", "size": True, "zone": "us-central1-a"}, "where a number"),
]


@pytest.mark.parametrize(("resource_type", "after", "reason"), CASES, ids=[case[0] for case in CASES])
def test_odd_value_is_not_priced_with_a_reason(resource_type, after, reason):
    resource = price_one(
        resource_type, after, region="us-central1" if resource_type.startswith("google") else "us-east-1"
    )
    # The resource, or the component the value feeds, is not priced and says why (the rest may be priced).
    assert "could not read" not in resource.reason
    reasons = [c.not_priced_reason for c in resource.components if c.not_priced_reason]
    assert any(reason in why for why in reasons), reasons
