"""aws_sfn_state_machine (Step Functions) and aws_cloudfront_function: from usage.

https://aws.amazon.com/step-functions/pricing/: a STANDARD workflow pays $0.025 per 1,000
state transitions; an EXPRESS one $1.00 per million requests (its duration charge, by GB-second, is
not modelled yet: the figure is a lower bound).
https://aws.amazon.com/cloudfront/pricing/: CloudFront Functions cost $0.10 per million invocations.
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.billing_codes import coded_usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, query, usage

MONTHLY_TRANSITIONS = UsageKey("monthly_transitions", "transitions", "State transitions per month (STANDARD)")
MONTHLY_REQUESTS = UsageKey("monthly_requests", "requests", "Workflow requests per month (EXPRESS)")
MONTHLY_INVOCATIONS = UsageKey("monthly_requests", "invocations", "Function invocations per month")
FAMILY = "AWS Step Functions"


def aws_sfn_state_machine(side: Side) -> list[CostComponent]:
    if side.setting("type", "STANDARD") == "EXPRESS":
        price = aws_query(
            side, "AmazonStates", FAMILY, usagetype=coded_usage_type(side.region, "StepFunctions-Request")
        )
        return [
            usage("Requests (express)", "requests", price, MONTHLY_REQUESTS, side.usage(MONTHLY_REQUESTS))
        ]
    price = aws_query(
        side, "AmazonStates", FAMILY, usagetype=coded_usage_type(side.region, "StateTransition")
    )
    return [
        usage("State transitions", "transitions", price, MONTHLY_TRANSITIONS, side.usage(MONTHLY_TRANSITIONS))
    ]


def aws_cloudfront_function(side: Side) -> list[CostComponent]:
    price = query("aws", "AmazonCloudFront", "global", "Request", usagetype="Executions-CloudFrontFunctions")
    return [usage("Invocations", "invocations", price, MONTHLY_INVOCATIONS, side.usage(MONTHLY_INVOCATIONS))]


AWS_SFN_STATE_MACHINE = CostModel(
    "aws_sfn_state_machine", aws_sfn_state_machine, usage_keys=(MONTHLY_TRANSITIONS, MONTHLY_REQUESTS)
)
AWS_CLOUDFRONT_FUNCTION = CostModel(
    "aws_cloudfront_function", aws_cloudfront_function, usage_keys=(MONTHLY_INVOCATIONS,)
)
