"""aws_cloudfront_distribution: data transfer out (tiered) and requests from US, Mexico and Canada edges.

https://aws.amazon.com/cloudfront/pricing/. Key names follow Infracost's, with the `us`
region group; other edge regions are not priced yet. CloudFront prices are global, so
the query's region is "global" whatever the provider's region.
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.base import Side, UsageKey, query, usage


def aws_cloudfront_distribution(side: Side) -> list[CostComponent]:
    return [
        usage(
            "Data transfer out to internet (US, Mexico, Canada)",
            "GB",
            query(
                "aws", "AmazonCloudFront", "global", "Data Transfer", usagetype="US-DataTransfer-Out-Bytes"
            ),
            usage_key="monthly_data_transfer_to_internet_gb.us",
            quantity=side.usage("monthly_data_transfer_to_internet_gb.us"),
        ),
        usage(
            "HTTP requests (US, Mexico, Canada)",
            "requests",
            query("aws", "AmazonCloudFront", "global", "Request", usagetype="US-Requests-Tier1"),
            usage_key="monthly_http_requests.us",
            quantity=side.usage("monthly_http_requests.us"),
        ),
        usage(
            "HTTPS requests (US, Mexico, Canada)",
            "requests",
            query("aws", "AmazonCloudFront", "global", "Request", usagetype="US-Requests-Tier2-HTTPS"),
            usage_key="monthly_https_requests.us",
            quantity=side.usage("monthly_https_requests.us"),
        ),
    ]


USAGE_KEYS = {
    "aws_cloudfront_distribution": (
        UsageKey(
            "monthly_data_transfer_to_internet_gb.us",
            "GB",
            "Data sent to viewers from US, Mexico and Canada edges",
        ),
        UsageKey("monthly_http_requests.us", "requests", "HTTP requests at US, Mexico and Canada edges"),
        UsageKey("monthly_https_requests.us", "requests", "HTTPS requests at US, Mexico and Canada edges"),
    ),
}
