"""API Gateway: REST and HTTP API requests (from usage) and REST stage cache clusters (hourly).

https://aws.amazon.com/api-gateway/pricing/. A REST API's requests are tiered (first 333
million at $3.50 per million in us-east-1); an HTTP API's first 300 million cost $1.00 per
million. A stage with `cache_cluster_enabled` runs a cache of `cache_cluster_size` GB all month.
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.billing_codes import coded_usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, hourly, not_priced, usage

MONTHLY_REQUESTS = UsageKey("monthly_requests", "requests", "API requests per month")
DEFAULT_CACHE_GB = "0.5"  # the provider's documented default cache_cluster_size


def aws_api_gateway_rest_api(side: Side) -> list[CostComponent]:
    return [_requests(side, "REST API requests", "ApiGatewayRequest")]


def aws_apigatewayv2_api(side: Side) -> list[CostComponent]:
    protocol = side.setting("protocol_type", "HTTP")
    if protocol != "HTTP":
        return [not_priced("WebSocket messages", "messages", f"{protocol} API prices are not in the catalog")]
    return [_requests(side, "HTTP API requests", "ApiGatewayHttpRequest")]


def _requests(side: Side, name: str, usage_name: str) -> CostComponent:
    price = aws_query(
        side, "AmazonApiGateway", "API Calls", usagetype=coded_usage_type(side.region, usage_name)
    )
    return usage(name, "requests", price, MONTHLY_REQUESTS, side.usage(MONTHLY_REQUESTS))


def aws_api_gateway_stage(side: Side) -> list[CostComponent]:
    if side.get("cache_cluster_enabled") is not True:
        return []
    size = side.setting("cache_cluster_size", DEFAULT_CACHE_GB)
    price = aws_query(side, "AmazonApiGateway", "Amazon API Gateway Cache", cacheMemorySizeGb=size)
    return [hourly(f"Cache cluster ({size} GB)", price)]


AWS_API_GATEWAY_REST_API = CostModel(
    "aws_api_gateway_rest_api", aws_api_gateway_rest_api, usage_keys=(MONTHLY_REQUESTS,)
)
AWS_APIGATEWAYV2_API = CostModel("aws_apigatewayv2_api", aws_apigatewayv2_api, usage_keys=(MONTHLY_REQUESTS,))
AWS_API_GATEWAY_STAGE = CostModel("aws_api_gateway_stage", aws_api_gateway_stage)
