"""Route 53 hosted zones and health checks (monthly, global prices). https://aws.amazon.com/route53/pricing/"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, monthly, usage

MONTHLY_STANDARD_QUERIES = UsageKey("monthly_standard_queries", "queries", "Standard DNS queries per month")


def aws_route53_zone(side: Side) -> list[CostComponent]:
    # $0.50 per zone-month for the first 25 zones of an account, then $0.10: priced as one of the first 25.
    return [
        monthly(
            "Hosted zone", "months", 1, aws_query(side, "AmazonRoute53", "DNS Zone", usagetype="HostedZone")
        ),
        usage(
            "Standard queries",
            "queries",
            aws_query(side, "AmazonRoute53", "DNS Query", usagetype="DNS-Queries"),
            MONTHLY_STANDARD_QUERIES,
            quantity=side.usage(MONTHLY_STANDARD_QUERIES),
        ),
    ]


def aws_route53_health_check(side: Side) -> list[CostComponent]:
    # AWS endpoints unless the usage file says otherwise (Infracost does the same); the plan cannot tell.
    check_type = str(side.get("type") or "")
    features = []
    if check_type.startswith("HTTPS"):
        features.append("HTTPS")
    if check_type.endswith("STR_MATCH"):
        features.append("String matching")
    if str(side.get("request_interval") or "30") == "10":
        features.append("Fast interval")
    if side.get("measure_latency") is True:
        features.append("Latency measurement")
    components = [
        monthly(
            "Health check (AWS endpoint)",
            "months",
            1,
            aws_query(side, "AmazonRoute53", "DNS Health Check", usagetype="Health-Check-AWS"),
        )
    ]
    components.extend(
        monthly(
            f"Optional feature: {feature} (AWS endpoint)",
            "months",
            1,
            aws_query(side, "AmazonRoute53", "DNS Health Check", usagetype="Health-Check-Option-AWS"),
        )
        for feature in features
    )
    return components


AWS_ROUTE53_ZONE = CostModel(
    "aws_route53_zone",
    aws_route53_zone,
    usage_keys=(MONTHLY_STANDARD_QUERIES,),
    free_sub_types=("aws_route53_record", "aws_route53_zone_association"),
)
AWS_ROUTE53_HEALTH_CHECK = CostModel("aws_route53_health_check", aws_route53_health_check)
