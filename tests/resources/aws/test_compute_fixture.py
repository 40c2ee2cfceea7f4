"""fixtures/plans/aws/compute.json: every type of this area in one plan, linked through its configuration."""

import json
from decimal import Decimal

from tests.helpers import FIXTURES, cents, run_estimate


def test_fixture_plan_prices_every_resource_or_says_why():
    document = json.loads((FIXTURES / "plans" / "aws" / "compute.json").read_text())
    result = run_estimate(document)
    statuses = {r.address: r.status for r in result.resources}
    assert statuses["aws_bedrock_provisioned_model_throughput.llm"] == "not_priced"
    assert {
        statuses[a] for a in ("aws_launch_template.web", "aws_ecs_task_definition.api", "aws_vpc_endpoint.s3")
    } == {"free"}
    assert [a for a, s in statuses.items() if s not in ("priced", "free")] == [
        "aws_bedrock_provisioned_model_throughput.llm"
    ]
    service = next(r for r in result.resources if r.address == "aws_ecs_service.api")
    # 2 tasks x (0.5 vCPU x 730 h x $0.04048 + 1 GB x 730 h x $0.004445) = $36.04; max 10 tasks = $180.20
    assert (cents(service.monthly_after), cents(service.monthly_at_maximum)) == (
        Decimal("36.04"),
        Decimal("180.20"),
    )
