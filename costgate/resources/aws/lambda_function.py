"""aws_lambda_function: requests and compute (GB-seconds), both from usage. https://aws.amazon.com/lambda/pricing/"""

from __future__ import annotations

from decimal import Decimal

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import Side, UsageKey, aws_query, not_priced, number, usage

MB_PER_GB = Decimal(1024)  # Lambda bills memory in GB of 1,024 MB


def aws_lambda_function(side: Side) -> list[CostComponent]:
    architectures = side.get("architectures") or ["x86_64"]
    arm = isinstance(architectures, list) and "arm64" in architectures
    suffix = "-ARM" if arm else ""
    label = "arm64" if arm else "x86_64"
    requests = side.usage("monthly_requests")
    duration_ms = side.usage("request_duration_ms")
    memory_mb = number(side.setting("memory_size", 128), Decimal(128))
    compute_name = f"Duration ({label})"
    components = [
        usage(
            "Requests",
            "requests",
            aws_query(side, "AWSLambda", "Serverless", usagetype=usage_type(side.region, "Request" + suffix)),
            usage_key="monthly_requests",
            quantity=requests,
        )
    ]
    if requests is not None and duration_ms is not None and not isinstance(memory_mb, Decimal):
        components.append(not_priced(compute_name, "GB-seconds", memory_mb.reason))
        return components
    # GB-seconds = requests x duration (s) x memory (GB); the price is tiered by monthly GB-seconds.
    gb_seconds = None
    if requests is not None and duration_ms is not None:
        gb_seconds = requests * duration_ms / 1000 * memory_mb / MB_PER_GB
    components.append(
        usage(
            compute_name,
            "GB-seconds",
            aws_query(side, "AWSLambda", "Serverless", usagetype=usage_type(side.region, "Lambda-GB-Second" + suffix)),
            usage_key="request_duration_ms",
            quantity=gb_seconds,
        )
    )
    return components


USAGE_KEYS = {
    "aws_lambda_function": (
        UsageKey("monthly_requests", "requests", "Invocations per month"),
        UsageKey("request_duration_ms", "ms", "Average duration of one invocation (with monthly_requests gives GB-seconds)"),
    ),
}
