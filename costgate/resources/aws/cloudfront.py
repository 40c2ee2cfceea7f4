"""aws_cloudfront_distribution: data transfer out (tiered) and requests from US, Mexico and Canada edges.

https://aws.amazon.com/cloudfront/pricing/. Key names follow Infracost's, with the `us`
region group; other edge regions are not priced yet. CloudFront prices are global, so
the query's region is "global" whatever the provider's region.
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.base import CostModel, Side, UsageKey, query, usage

MONTHLY_DATA_TRANSFER_TO_INTERNET_GB_US = UsageKey(
    "monthly_data_transfer_to_internet_gb.us",
    "GB",
    "Data sent to viewers from US, Mexico and Canada edges",
)
MONTHLY_HTTP_REQUESTS_US = UsageKey(
    "monthly_http_requests.us",
    "requests",
    "HTTP requests at US, Mexico and Canada edges",
)
MONTHLY_HTTPS_REQUESTS_US = UsageKey(
    "monthly_https_requests.us",
    "requests",
    "HTTPS requests at US, Mexico and Canada edges",
)


def aws_cloudfront_distribution(side: Side) -> list[CostComponent]:
    return [
        usage(
            "Data transfer out to internet (US, Mexico, Canada)",
            "GB",
            query(
                "aws", "AmazonCloudFront", "global", "Data Transfer", usagetype="US-DataTransfer-Out-Bytes"
            ),
            MONTHLY_DATA_TRANSFER_TO_INTERNET_GB_US,
            quantity=side.usage(MONTHLY_DATA_TRANSFER_TO_INTERNET_GB_US),
        ),
        usage(
            "HTTP requests (US, Mexico, Canada)",
            "requests",
            query("aws", "AmazonCloudFront", "global", "Request", usagetype="US-Requests-Tier1"),
            MONTHLY_HTTP_REQUESTS_US,
            quantity=side.usage(MONTHLY_HTTP_REQUESTS_US),
        ),
        usage(
            "HTTPS requests (US, Mexico, Canada)",
            "requests",
            query("aws", "AmazonCloudFront", "global", "Request", usagetype="US-Requests-Tier2-HTTPS"),
            MONTHLY_HTTPS_REQUESTS_US,
            quantity=side.usage(MONTHLY_HTTPS_REQUESTS_US),
        ),
    ]


AWS_CLOUDFRONT_DISTRIBUTION = CostModel(
    "aws_cloudfront_distribution",
    aws_cloudfront_distribution,
    usage_keys=(MONTHLY_DATA_TRANSFER_TO_INTERNET_GB_US, MONTHLY_HTTP_REQUESTS_US, MONTHLY_HTTPS_REQUESTS_US),
    free_sub_types=(
        "aws_cloudfront_origin_access_identity",
        "aws_cloudfront_origin_access_control",
        "aws_cloudfront_cache_policy",
        "aws_cloudfront_origin_request_policy",
        "aws_cloudfront_response_headers_policy",
    ),
)
