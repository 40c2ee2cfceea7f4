"""The AWS types of issue 14, priced from a real plan (fixtures/plans/new-types, AWS provider 5.100.0)."""

import json
from decimal import Decimal

from costgate.estimate.pricer import Pricer
from costgate.estimate.usage import load_usage_file
from costgate.model import ProjectPlan
from costgate.plan.terraform import read_plan
from costgate.pricing.setup import price_chain
from costgate.resources.registry import REGION_HOOKS
from tests.helpers import FIXTURES, cents, component_costs, price_one, price_with_usage

PLAN = FIXTURES / "plans" / "new-types"


def _estimate(usage_file=None):
    document = json.loads((PLAN / "plan.json").read_text())
    plan = read_plan(document, "plan.json", None, region_hooks=REGION_HOOKS)
    usage = load_usage_file(str(usage_file)) if usage_file else None
    result = Pricer(price_chain("embedded"), usage).estimate([ProjectPlan("plan", "plan.json", plan)])
    return {r.address: r for r in result.resources}, result


NO_PRICE = "no price in the embedded catalog for {} in us-east-1; try --pricing live"

# Prices no AWS page confirmed were removed from the catalog (2026-12-01 check): these show as
# not priced with the reason, never guessed. The REST API and CloudTrail event prices were confirmed.
UNPRICED = {
    "aws_api_gateway_stage.prod": "Cache cluster (6.1 GB): " + NO_PRICE.format("AmazonApiGateway 6.1"),
    "aws_cloudfront_function.rewrite": "Invocations: no price in the embedded catalog for AmazonCloudFront "
    "Executions-CloudFrontFunctions in global; try --pricing live",
    # the event prices are confirmed; with no usage the first line that has no price says why
    "aws_cloudtrail.audit": "Insights events: "
    + NO_PRICE.format("AWSCloudTrail Management Tools - AWS CloudTrail Insights Events"),
    "aws_cloudwatch_dashboard.ops": "Dashboard: " + NO_PRICE.format("AmazonCloudWatch DashboardsUsageHour"),
    "aws_codebuild_project.ci": "Build minutes (Linux, g1.medium): "
    + NO_PRICE.format("CodeBuild USE1-Build-Min:Linux:g1.medium"),
    "aws_synthetics_canary.home": "Canary runs: " + NO_PRICE.format("AmazonCloudWatch USE1-CW:Canary-runs"),
    "aws_wafv2_web_acl.edge": "Web ACL: " + NO_PRICE.format("awswaf USE1-WebACLV2"),
}


def test_plan_figures_without_usage():
    resources, result = _estimate()
    statuses = {address: r.status for address, r in resources.items()}
    assert statuses == {
        **dict.fromkeys(UNPRICED, "not_priced"),
        "aws_api_gateway_rest_api.api": "usage_based",
        "aws_apigatewayv2_api.http": "usage_based",
        "aws_wafv2_ip_set.blocked": "free",
        "aws_budgets_budget.monthly": "free",
    }
    assert {address: resources[address].reason for address in UNPRICED} == UNPRICED
    assert cents(result.monthly_after) == Decimal("0.00")


def test_plan_figures_with_usage():
    resources, _ = _estimate(PLAN / "usage.yml")
    costs = {address: cents(r.monthly_after) for address, r in resources.items() if r.status == "priced"}
    assert costs == {
        # 333M x $3.50/M = $1,165.50 + 167M x $2.80/M = $467.60
        "aws_api_gateway_rest_api.api": Decimal("1633.10"),
        # 300M x $1.00/M = $300.00 + 100M x $0.90/M = $90.00
        "aws_apigatewayv2_api.http": Decimal("390.00"),
        # 1M x $2.00/100k = $20.00 + 1M x $0.10/100k = $1.00; Insights events have no confirmed price
        "aws_cloudtrail.audit": Decimal("21.00"),
    }
    insights = next(c for c in resources["aws_cloudtrail.audit"].components if c.name == "Insights events")
    assert insights.monthly_cost is None and insights.not_priced_reason.startswith("no price in the embedded")
    unpriced = {address: reason for address, reason in UNPRICED.items() if address != "aws_cloudtrail.audit"}
    assert {address: resources[address].reason for address in unpriced} == unpriced


def test_step_functions_standard_transitions_and_express_requests():
    standard = price_with_usage(
        "aws_sfn_state_machine", {"type": "STANDARD"}, {"monthly_transitions": 1000000}
    )
    # 1,000,000 transitions x $0.025 / 1,000 = $25.00
    assert cents(standard.monthly_after) == Decimal("25.00")
    express = price_with_usage("aws_sfn_state_machine", {"type": "EXPRESS"}, {"monthly_requests": 3000000})
    # the express request price was removed from the catalog (no AWS page confirmed it)
    assert express.status == "not_priced"
    assert express.reason == "Requests (express): " + NO_PRICE.format(
        "AmazonStates USE1-StepFunctions-Request"
    )


def test_what_is_not_priced_says_why():
    stage = price_one("aws_api_gateway_stage", {"cache_cluster_enabled": False})
    assert (stage.status, stage.monthly_after) == ("free", Decimal(0))
    socket = price_one("aws_apigatewayv2_api", {"protocol_type": "WEBSOCKET"})
    assert socket.reason == "WebSocket messages: WEBSOCKET API prices are not in the catalog"
    windows = price_one(
        "aws_codebuild_project",
        {"environment": [{"type": "WINDOWS_SERVER_2019_CONTAINER", "compute_type": "BUILD_GENERAL1_MEDIUM"}]},
    )
    assert windows.status == "not_priced"
    cron = price_one("aws_synthetics_canary", {"schedule": [{"expression": "cron(0 8 * * ? *)"}]})
    assert (
        cron.reason
        == "Canary runs: runs of schedule 'cron(0 8 * * ? *)' are not counted: costgate counts rate(...) schedules (schedule.expression)"
    )
    # a region without a hand-entered price: not priced, never guessed
    elsewhere = price_one("aws_cloudwatch_dashboard", {"dashboard_name": "d"}, region="ap-south-1")
    assert elsewhere.status == "not_priced"


def test_canary_hourly_schedule():
    canary = price_one("aws_synthetics_canary", {"schedule": [{"expression": "rate(1 hour)"}]})
    # the canary-run price was removed from the catalog (no AWS page confirmed it)
    assert canary.status == "not_priced"
    assert canary.reason == "Canary runs: " + NO_PRICE.format("AmazonCloudWatch USE1-CW:Canary-runs")


def test_dedicated_host_by_family_from_the_pinned_eu_west_1_rows():
    # c5 host: 730 h x $3.802 = $2,775.46 (terracost eu-west-1 offer rows, 2023-02-23)
    host = price_one(
        "aws_ec2_host", {"instance_family": "c5", "availability_zone": "eu-west-1a"}, region="eu-west-1"
    )
    assert component_costs(host) == {"Dedicated host (c5)": Decimal("2775.460")}
    # the family from instance_type: m5 host 730 h x $5.65 = $4,124.50
    by_type = price_one("aws_ec2_host", {"instance_type": "m5.large"}, region="eu-west-1")
    assert cents(by_type.monthly_after) == Decimal("4124.50")
    nothing = price_one("aws_ec2_host", {}, region="eu-west-1")
    assert nothing.reason == (
        "Dedicated host (unknown): the plan sets neither instance_family nor instance_type (instance_family)"
    )
    # us-east-1 host prices are in no pinned table: not priced, never guessed
    assert price_one("aws_ec2_host", {"instance_family": "c5"}).status == "not_priced"


def test_neptune_instances_cluster_and_snapshots():
    # Neptune prices were removed from the catalog (no AWS page confirmed them): not priced
    instance = price_one(
        "aws_neptune_cluster_instance", {"instance_class": "db.r5.large", "engine": "neptune"}
    )
    assert instance.status == "not_priced"
    assert instance.reason == "Database instance (on-demand, db.r5.large): " + NO_PRICE.format(
        "AmazonNeptune db.r5.large"
    )
    cluster = price_with_usage(
        "aws_neptune_cluster",
        {"engine": "neptune"},
        {"storage_gb": 100, "monthly_io_requests": 10000000, "backup_storage_gb": 1000},
    )
    assert cluster.status == "not_priced"
    assert cluster.reason == "Storage: " + NO_PRICE.format("AmazonNeptune Database Storage")
    snapshot = price_with_usage("aws_neptune_cluster_snapshot", {}, {"backup_storage_gb": 200})
    assert snapshot.status == "not_priced"
    assert snapshot.reason == "Snapshot storage: " + NO_PRICE.format("AmazonNeptune Storage Snapshot")
    unknown_class = price_one("aws_neptune_cluster_instance", {"instance_class": "db.x2g.large"})
    assert unknown_class.status == "not_priced"


def test_cloudtrail_in_us_east_2():
    trail = price_with_usage(
        "aws_cloudtrail",
        {"name": "audit"},
        {"monthly_additional_management_events": 250000},
        region="us-east-2",
    )
    # 250,000 x $2.00 / 100,000 = $5.00
    assert cents(trail.monthly_after) == Decimal("5.00")
