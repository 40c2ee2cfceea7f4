"""Live AWS prices from the Price List Query API (boto3's `pricing` client).

Only loaded when a live pricing mode is chosen: boto3 is slow to import. The client is
built the ordinary way, so boto3's own settings (AWS_ENDPOINT_URL_PRICING, profiles,
proxies) keep working. The Price List endpoint region has nothing to do with the region
being priced; the priced region is the `regionCode` filter.
(https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html)
"""

from __future__ import annotations

import json
import time
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
MAX_ATTEMPTS = 5  # per query; throttling and timeouts only
BACKOFF_SECONDS = 0.5  # doubled after each retry: 0.5, 1, 2, 4 s (at most 7.5 s waiting per query)
TIMEOUTS = {"connect_timeout": 10, "read_timeout": 30}

_RETRYABLE_CODES = {
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
    # botocore's own retries are off: we retry throttling ourselves, page by page, with a bound.
    config = Config(retries={"max_attempts": 1, "mode": "standard"}, **TIMEOUTS)
    return boto3.client("pricing", region_name=endpoint_region, config=config)


class AwsPriceList:
    """A PriceSource over get_products; one query costs one paginated call."""

    name = AWS_SOURCE

    def __init__(
        self,
        client_factory: Callable[[], Any] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_attempts: int = MAX_ATTEMPTS,
    ):
        self._client_factory = client_factory or make_client
        self._client: Any = None
        self._sleep = sleep
        self._max_attempts = max_attempts
        self._broken = ""  # once credentials fail, every later query fails the same way at once

    def lookup(self, query: PriceQuery) -> Price | None:
        if query.provider != "aws":
            return None
        if self._broken:
            raise PricingUnavailable(self._broken)
        prices = {price_of(json.loads(item)) for item in self._products(query)}
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
        delay = BACKOFF_SECONDS
        for attempt in range(1, self._max_attempts + 1):
            try:
                # A well-pinned query returns one page; on throttling the whole pagination restarts.
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
                if code not in _RETRYABLE_CODES:
                    message = error.response.get("Error", {}).get("Message", "")
                    raise PricingUnavailable(f"AWS price list error {code}: {message}") from None
                failure = f"AWS price list still throttling ({code}) after {attempt} attempts"
            except (NoCredentialsError, PartialCredentialsError):
                self._broken = (
                    "no AWS credentials found (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)"
                )
                raise PricingUnavailable(self._broken) from None
            except (ConnectTimeoutError, ReadTimeoutError, EndpointConnectionError) as error:
                failure = f"AWS price list unreachable after {attempt} attempts ({type(error).__name__})"
            except BotoCoreError as error:
                raise PricingUnavailable(f"AWS price list failed: {error}") from None
            if attempt < self._max_attempts:
                self._sleep(delay)
                delay *= 2
        raise PricingUnavailable(failure)

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
