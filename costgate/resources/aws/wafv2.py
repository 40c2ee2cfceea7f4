"""aws_wafv2_web_acl: $5 a month per web ACL, $1 a month per rule (a rule group reference is one
rule), and requests (from usage). https://aws.amazon.com/waf/pricing/. IP sets, regex pattern
sets and rule groups bill nothing of their own: the web ACL's rules that use them do.
"""

from __future__ import annotations

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.billing_codes import coded_usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, monthly, usage

MONTHLY_REQUESTS = UsageKey("monthly_requests", "requests", "Web requests inspected per month")
FAMILY = "Web Application Firewall"


def aws_wafv2_web_acl(side: Side) -> list[CostComponent]:
    rules = side.get("rule") or []
    count = rules if isinstance(rules, Unknown) else len(rules) if isinstance(rules, list) else 0
    return [
        monthly(
            "Web ACL",
            "months",
            1,
            aws_query(side, "awswaf", FAMILY, usagetype=coded_usage_type(side.region, "WebACLV2")),
        ),
        monthly(
            "Rules",
            "rule-months",
            count,
            aws_query(side, "awswaf", FAMILY, usagetype=coded_usage_type(side.region, "RuleV2")),
        ),
        usage(
            "Requests",
            "requests",
            aws_query(side, "awswaf", FAMILY, usagetype=coded_usage_type(side.region, "RequestV2-Tier1")),
            MONTHLY_REQUESTS,
            side.usage(MONTHLY_REQUESTS),
        ),
    ]


AWS_WAFV2_WEB_ACL = CostModel(
    "aws_wafv2_web_acl",
    aws_wafv2_web_acl,
    usage_keys=(MONTHLY_REQUESTS,),
    free_sub_types=("aws_wafv2_ip_set", "aws_wafv2_regex_pattern_set", "aws_wafv2_rule_group"),
)
