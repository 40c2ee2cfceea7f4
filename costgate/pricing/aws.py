"""Live AWS prices from the Price List Query API (boto3's `pricing` client).

Only loaded when a live pricing mode is chosen: boto3 is slow to import. The client is
built the ordinary way, so boto3's own settings (AWS_ENDPOINT_URL_PRICING, profiles,
proxies) keep working. Throttling, 5xx and timeouts are retried by botocore's standard
retry mode, a few attempts per query; the price chain stops asking this source after its
first failure, so an unreachable endpoint costs one query's retries per run, not every price's. The Price List endpoint region has nothing to do with the region
being priced; the priced region is the `regionCode` filter.
(https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    PartialCredentialsError,
    ReadTimeoutError,
)

from costgate.model import Price, PriceQuery
from costgate.pricing.source import AmbiguousQuery, PricingUnavailable

AWS_SOURCE = "aws price list api"
DEFAULT_ENDPOINT_REGION = "us-east-1"
MAX_ATTEMPTS = 3  # per query, first try included; botocore waits up to 1 s, then 2 s (with jitter)
TIMEOUTS = {"connect_timeout": 5, "read_timeout": 15}  # get_products answers in well under a second

_THROTTLING_CODES = {
    "ThrottlingException",
    "Throttling",
    "TooManyRequestsException",
    "ServiceUnavailableException",
}
_CREDENTIAL_CODES = {
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "ExpiredTokenException",
    "InvalidClientTokenId",
    "AccessDeniedException",
    "SignatureDoesNotMatch",
}


class AmbiguousPrice(AmbiguousQuery):
    """The filters matched more than one distinct price: the query is wrong, not something to average."""


def make_client(endpoint_region: str = DEFAULT_ENDPOINT_REGION) -> Any:
    # https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html (standard mode).
    # botocore's `max_attempts` counts retries only; `total_max_attempts` counts the first try too.
    config = Config(retries={"mode": "standard", "total_max_attempts": MAX_ATTEMPTS}, **TIMEOUTS)
    return boto3.client("pricing", region_name=endpoint_region, config=config)


class AwsPriceList:
    """A PriceSource over get_products; one query costs one paginated call."""

    name = AWS_SOURCE

    def __init__(self, client_factory: Callable[[], Any] | None = None):
        self._client_factory = client_factory or make_client
        self._client: Any = None
        self._broken = ""  # once credentials fail, every later query fails the same way at once

    def lookup(self, query: PriceQuery) -> Price | None:
        if query.provider != "aws":
            return None
        if self._broken:
            raise PricingUnavailable(self._broken)
        try:
            prices = {price_of(json.loads(item)) for item in self._products(query)}
        except (AttributeError, KeyError, TypeError, ValueError, ArithmeticError):
            raise PricingUnavailable("the AWS price list answered a product of an unexpected shape") from None
        prices.discard(None)
        if not prices:
            return None
        if len(prices) > 1:
            shown = ", ".join(sorted(f"{p.amount} per {p.unit}" for p in prices))  # type: ignore[union-attr]
            raise AmbiguousPrice(
                f"the AWS price list query for {query.service} {dict(query.attributes)} in {query.region} matches "
                f"{len(prices)} different prices ({shown}); the cost model must pin more attributes"
            )
        return prices.pop()

    def _products(self, query: PriceQuery) -> list[str]:
        filters = [{"Type": "TERM_MATCH", "Field": "productFamily", "Value": query.product_family}]
        filters += [{"Type": "TERM_MATCH", "Field": name, "Value": value} for name, value in query.attributes]
        filters.append({"Type": "TERM_MATCH", "Field": "regionCode", "Value": query.region})
        try:
            # A well-pinned query returns one page; botocore retries each page request on its own.
            pages = (
                self._get_client()
                .get_paginator("get_products")
                .paginate(ServiceCode=query.service, Filters=filters, FormatVersion="aws_v1")
            )
            return [item for page in pages for item in page.get("PriceList", [])]
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            if code in _CREDENTIAL_CODES:
                self._broken = (
                    f"AWS rejected the credentials ({code}); check AWS_PROFILE or AWS_ACCESS_KEY_ID"
                )
                raise PricingUnavailable(self._broken) from None
            if code in _THROTTLING_CODES:
                attempts = error.response.get("ResponseMetadata", {}).get("RetryAttempts", 0) + 1
                raise PricingUnavailable(
                    f"AWS price list still throttling ({code}) after {attempts} attempts"
                ) from None
            message = error.response.get("Error", {}).get("Message", "")
            raise PricingUnavailable(f"AWS price list error {code}: {message}") from None
        except (NoCredentialsError, PartialCredentialsError):
            self._broken = (
                "no AWS credentials found (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)"
            )
            raise PricingUnavailable(self._broken) from None
        except (ConnectTimeoutError, ReadTimeoutError, EndpointConnectionError) as error:
            raise PricingUnavailable(
                f"AWS price list unreachable after {MAX_ATTEMPTS} attempts ({type(error).__name__})"
            ) from None
        except BotoCoreError as error:
            raise PricingUnavailable(f"AWS price list failed: {error}") from None

    def _get_client(self) -> Any:
        if self._client is None:
            self._client = self._client_factory()
        return self._client


def price_of(item: dict[str, Any]) -> Price | None:
    """The on-demand price of one decoded PriceList item; several dimensions with ranges become tiers."""
    terms = item.get("terms", {}).get("OnDemand", {})
    dimensions = [
        dimension for term in terms.values() for dimension in term.get("priceDimensions", {}).values()
    ]
    if not dimensions:
        return None
    currency = "USD" if "USD" in dimensions[0]["pricePerUnit"] else next(iter(dimensions[0]["pricePerUnit"]))
    as_of = (item.get("publicationDate") or next(iter(terms.values())).get("effectiveDate", ""))[:10]
    unit = dimensions[0]["unit"]
    if len(dimensions) == 1:
        return Price(Decimal(dimensions[0]["pricePerUnit"][currency]), unit, AWS_SOURCE, as_of, currency)
    ordered = sorted(dimensions, key=lambda d: Decimal(d.get("beginRange", "0")))
    tiers = tuple((Decimal(d.get("beginRange", "0")), Decimal(d["pricePerUnit"][currency])) for d in ordered)
    return Price(tiers[0][1], unit, AWS_SOURCE, as_of, currency, tiers=tiers)
