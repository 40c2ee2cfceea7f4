"""`costgate breakdown` on the issue 14 types (a real AWS provider plan) and on a free provider's resource."""

import json

from tests.e2e.expect import expect
from tests.helpers import FIXTURES, change, plan_document

PLAN = FIXTURES / "plans" / "new-types"


def test_new_types_price_from_the_plan_and_the_usage_file(costgate):
    run = expect(
        costgate(
            "breakdown", str(PLAN / "plan.json"), "--usage-file", str(PLAN / "usage.yml"), "--format", "json"
        ),
        0,
    )
    report = json.loads(run.stdout)
    assert report["warnings"] == []
    # the prices no AWS page confirmed were removed from the catalog (2026-12-01): not priced
    assert sorted(r["address"] for r in report["resources"] if r["status"] == "not_priced") == [
        "aws_api_gateway_stage.prod",
        "aws_cloudfront_function.rewrite",
        "aws_cloudwatch_dashboard.ops",
        "aws_codebuild_project.ci",
        "aws_synthetics_canary.home",
        "aws_wafv2_web_acl.edge",
    ]
    # usage: REST 333M x $3.50/M + 167M x $2.80/M = $1,633.10; HTTP 300M x $1.00/M + 100M x $0.90/M = $390.00;
    # CloudTrail 1M extra management events x $0.00002 = $20.00 + 1M data events x $0.000001 = $1.00
    # (Insights events have no confirmed price: that usage-based line says so); total $2,044.10
    assert report["totals"]["monthly_after"] == "2044.10"


def test_a_kubernetes_resource_is_free_with_its_reason(costgate, workdir):
    (workdir / "plan.json").write_text(
        json.dumps(plan_document(change("kubernetes_deployment", {}, name="web", provider="kubernetes")))
    )
    report = json.loads(expect(costgate("breakdown", "plan.json", "--format", "json"), 0).stdout)
    (resource,) = report["resources"]
    assert (resource["status"], resource["reason"]) == ("free", "no cloud charge of its own")
