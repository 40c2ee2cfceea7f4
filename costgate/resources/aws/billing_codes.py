"""The region code some AWS services put before every usagetype, us-east-1 included (USE1-WebACLV2).

EC2-style services leave us-east-1 bare (common.usage_type); API Gateway, WAF, Step Functions,
CodeBuild, CloudTrail and CloudWatch Synthetics do not. Regions without a code here get the
region name, which no catalog price holds, so they show as not priced with the reason.
"""

from __future__ import annotations

REGION_CODES = {"us-east-1": "USE1", "us-east-2": "USE2", "us-west-1": "USW1", "us-west-2": "USW2"}


def coded_usage_type(region: str, suffix: str) -> str:
    return f"{REGION_CODES.get(region, region)}-{suffix}"
