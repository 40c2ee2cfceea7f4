"""The usagetype of services that put a region code before it in us-east-1 too (USE1-WebACLV2).

EC2-style services leave us-east-1 bare (common.usage_type); API Gateway, WAF, Step Functions,
CodeBuild, CloudTrail and CloudWatch Synthetics do not. Every other region has the same code
as for EC2 (EU-, USE2-, APS1-, ...).
"""

from __future__ import annotations

from costgate.resources.aws.common import usage_type


def coded_usage_type(region: str, suffix: str) -> str:
    return f"USE1-{suffix}" if region == "us-east-1" else usage_type(region, suffix)
