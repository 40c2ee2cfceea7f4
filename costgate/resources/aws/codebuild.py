"""aws_codebuild_project: build minutes (from usage) at the on-demand rate of its Linux
compute type. https://aws.amazon.com/codebuild/pricing/
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.billing_codes import coded_usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, not_priced, usage

MONTHLY_BUILD_MINS = UsageKey("monthly_build_mins", "minutes", "Build minutes per month")
COMPUTE_TYPES = {
    "BUILD_GENERAL1_SMALL": "g1.small",
    "BUILD_GENERAL1_MEDIUM": "g1.medium",
    "BUILD_GENERAL1_LARGE": "g1.large",
}


def aws_codebuild_project(side: Side) -> list[CostComponent]:
    environment = side.block("environment") or {}
    kind, compute = environment.get("type"), environment.get("compute_type")
    if kind != "LINUX_CONTAINER" or compute not in COMPUTE_TYPES:
        return [
            not_priced("Build minutes", "minutes", f"{kind} {compute} build prices are not in the catalog")
        ]
    price = aws_query(
        side,
        "CodeBuild",
        "Compute",
        usagetype=coded_usage_type(side.region, f"Build-Min:Linux:{COMPUTE_TYPES[compute]}"),
    )
    return [
        usage(
            f"Build minutes (Linux, {COMPUTE_TYPES[compute]})",
            "minutes",
            price,
            MONTHLY_BUILD_MINS,
            side.usage(MONTHLY_BUILD_MINS),
        )
    ]


AWS_CODEBUILD_PROJECT = CostModel(
    "aws_codebuild_project", aws_codebuild_project, usage_keys=(MONTHLY_BUILD_MINS,)
)
