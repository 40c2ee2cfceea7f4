"""aws_lambda_function: requests and compute (GB-seconds), both from usage. https://aws.amazon.com/lambda/pricing/"""

from __future__ import annotations

from decimal import Decimal

from costgate.model import HOURS_PER_MONTH, CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import (
    CostModel,
    Side,
    UsageKey,
    aws_query,
    monthly,
    not_priced,
    number,
    unknown_among,
    usage,
)

MONTHLY_REQUESTS = UsageKey("monthly_requests", "requests", "Invocations per month")
REQUEST_DURATION_MS = UsageKey(
    "request_duration_ms",
    "ms",
    "Average duration of one invocation (with monthly_requests gives GB-seconds)",
)

MB_PER_GB = Decimal(1024)  # Lambda bills memory in GB of 1,024 MB


def aws_lambda_function(side: Side) -> list[CostComponent]:
    architectures = side.get("architectures") or ["x86_64"]
    arm = isinstance(architectures, list) and "arm64" in architectures
    suffix = "-ARM" if arm else ""
    label = "arm64" if arm else "x86_64"
    requests = side.usage(MONTHLY_REQUESTS)
    duration_ms = side.usage(REQUEST_DURATION_MS)
    memory_mb = number(side.setting("memory_size", 128), Decimal(128))
    compute_name = f"Duration ({label})"
    components = [
        usage(
            "Requests",
            "requests",
            aws_query(side, "AWSLambda", "Serverless", usagetype=usage_type(side.region, "Request" + suffix)),
            MONTHLY_REQUESTS,
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
            aws_query(
                side,
                "AWSLambda",
                "Serverless",
                usagetype=usage_type(side.region, "Lambda-GB-Second" + suffix),
            ),
            REQUEST_DURATION_MS,
            quantity=gb_seconds,
        )
    )
    return components


SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600


def aws_lambda_provisioned_concurrency_config(side: Side) -> list[CostComponent]:
    """Provisioned concurrency: executions x the function's memory (GB), all month, as GB-seconds.

    Invocations served by it are billed at a lower duration rate, not modelled here.
    """
    executions = number(side.get("provisioned_concurrent_executions"))
    functions = side.referenced("function_name", "aws_lambda_function")
    name = "Provisioned concurrency"
    if not functions:
        return [
            not_priced(
                name,
                "GB-seconds",
                "the function it configures is not in this plan (its memory size is unknown)",
            )
        ]
    function = functions[0]
    memory_mb = number(function.setting("memory_size", 128), Decimal(128))
    architectures = function.get("architectures") or ["x86_64"]
    if isinstance(architectures, list) and "arm64" in architectures:
        return [
            not_priced(
                f"{name} (arm64)", "GB-seconds", "arm64 provisioned concurrency prices are not in the catalog"
            )
        ]
    missing = unknown_among(executions, memory_mb)
    if missing is not None:
        return [not_priced(name, "GB-seconds", missing.reason)]
    return [
        monthly(
            f"{name} ({executions} x {memory_mb} MB)",
            "GB-seconds",
            executions * memory_mb / MB_PER_GB * SECONDS_PER_MONTH,
            aws_query(
                side,
                "AWSLambda",
                "Serverless",
                usagetype=usage_type(side.region, "Lambda-Provisioned-Concurrency"),
            ),
        )
    ]


AWS_LAMBDA_FUNCTION = CostModel(
    "aws_lambda_function",
    aws_lambda_function,
    usage_keys=(MONTHLY_REQUESTS, REQUEST_DURATION_MS),
    free_sub_types=(
        "aws_lambda_permission",
        "aws_lambda_event_source_mapping",
        "aws_lambda_alias",
        "aws_lambda_function_url",
        "aws_lambda_function_event_invoke_config",
    ),
)
AWS_LAMBDA_PROVISIONED_CONCURRENCY_CONFIG = CostModel(
    "aws_lambda_provisioned_concurrency_config",
    aws_lambda_provisioned_concurrency_config,
    follows=("aws_lambda_function",),
)
