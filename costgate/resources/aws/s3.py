"""aws_s3_bucket: Standard storage (tiered) and requests, from usage. https://aws.amazon.com/s3/pricing/"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import Side, UsageKey, aws_query, usage


def aws_s3_bucket(side: Side) -> list[CostComponent]:
    # Key names follow Infracost's (standard.storage_gb, ...); other storage classes are not priced yet.
    return [
        usage(
            "Storage (Standard)",
            "GB-months",
            aws_query(
                side,
                "AmazonS3",
                "Storage",
                volumeType="Standard",
                usagetype=usage_type(side.region, "TimedStorage-ByteHrs"),
            ),
            usage_key="standard.storage_gb",
            quantity=side.usage("standard.storage_gb"),
        ),
        usage(
            "PUT, COPY, POST, LIST requests (Standard)",
            "requests",
            aws_query(side, "AmazonS3", "API Request", usagetype=usage_type(side.region, "Requests-Tier1")),
            usage_key="standard.monthly_tier_1_requests",
            quantity=side.usage("standard.monthly_tier_1_requests"),
        ),
        usage(
            "GET, SELECT and all other requests (Standard)",
            "requests",
            aws_query(side, "AmazonS3", "API Request", usagetype=usage_type(side.region, "Requests-Tier2")),
            usage_key="standard.monthly_tier_2_requests",
            quantity=side.usage("standard.monthly_tier_2_requests"),
        ),
    ]


USAGE_KEYS = {
    "aws_s3_bucket": (
        UsageKey("standard.storage_gb", "GB", "Average GB stored in S3 Standard over the month"),
        UsageKey(
            "standard.monthly_tier_1_requests", "requests", "PUT, COPY, POST and LIST requests per month"
        ),
        UsageKey(
            "standard.monthly_tier_2_requests", "requests", "GET, SELECT and all other requests per month"
        ),
    ),
}
