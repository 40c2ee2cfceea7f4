"""aws_s3_bucket: Standard storage (tiered) and requests, from usage. https://aws.amazon.com/s3/pricing/"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, usage

STANDARD_STORAGE_GB = UsageKey("standard.storage_gb", "GB", "Average GB stored in S3 Standard over the month")
STANDARD_MONTHLY_TIER_1_REQUESTS = UsageKey(
    "standard.monthly_tier_1_requests",
    "requests",
    "PUT, COPY, POST and LIST requests per month",
)
STANDARD_MONTHLY_TIER_2_REQUESTS = UsageKey(
    "standard.monthly_tier_2_requests",
    "requests",
    "GET, SELECT and all other requests per month",
)


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
            STANDARD_STORAGE_GB,
            quantity=side.usage(STANDARD_STORAGE_GB),
        ),
        usage(
            "PUT, COPY, POST, LIST requests (Standard)",
            "requests",
            aws_query(side, "AmazonS3", "API Request", usagetype=usage_type(side.region, "Requests-Tier1")),
            STANDARD_MONTHLY_TIER_1_REQUESTS,
            quantity=side.usage(STANDARD_MONTHLY_TIER_1_REQUESTS),
        ),
        usage(
            "GET, SELECT and all other requests (Standard)",
            "requests",
            aws_query(side, "AmazonS3", "API Request", usagetype=usage_type(side.region, "Requests-Tier2")),
            STANDARD_MONTHLY_TIER_2_REQUESTS,
            quantity=side.usage(STANDARD_MONTHLY_TIER_2_REQUESTS),
        ),
    ]


AWS_S3_BUCKET = CostModel(
    "aws_s3_bucket",
    aws_s3_bucket,
    usage_keys=(STANDARD_STORAGE_GB, STANDARD_MONTHLY_TIER_1_REQUESTS, STANDARD_MONTHLY_TIER_2_REQUESTS),
    free_sub_types=(
        "aws_s3_bucket_policy",
        "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_acl",
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_logging",
        "aws_s3_bucket_lifecycle_configuration",
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_ownership_controls",
        "aws_s3_bucket_cors_configuration",
        "aws_s3_bucket_website_configuration",
        "aws_s3_bucket_notification",
        "aws_s3_bucket_replication_configuration",
        "aws_s3_bucket_request_payment_configuration",
        "aws_s3_bucket_accelerate_configuration",
        "aws_s3_bucket_object_lock_configuration",
        "aws_s3_bucket_intelligent_tiering_configuration",
    ),
)
