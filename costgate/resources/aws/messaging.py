"""aws_sqs_queue and aws_sns_topic: requests, from usage.

https://aws.amazon.com/sqs/pricing/, https://aws.amazon.com/sns/pricing/. Both bill each
64 KB chunk of a payload as one request, so request_size_kb multiplies the count.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import Side, UsageKey, aws_query, not_priced, usage

CHUNK_KB = Decimal(64)


def _billed_requests(side: Side) -> Decimal | None:
    requests = side.usage("monthly_requests")
    if requests is None:
        return None
    size_kb = side.usage("request_size_kb") or Decimal(64)
    chunks = max(Decimal(1), (size_kb / CHUNK_KB).to_integral_value(rounding=ROUND_CEILING))
    return requests * chunks


def aws_sqs_queue(side: Side) -> list[CostComponent]:
    fifo = side.get("fifo_queue") is True
    queue_type = "FIFO (first-in, first-out)" if fifo else "Standard"
    return [
        usage(
            f"Requests ({'FIFO' if fifo else 'standard'})",
            "requests",
            aws_query(side, "AWSQueueService", "API Request", queueType=queue_type),
            usage_key="monthly_requests",
            quantity=_billed_requests(side),
        )
    ]


def aws_sns_topic(side: Side) -> list[CostComponent]:
    if side.get("fifo_topic") is True:
        return [not_priced("Requests (FIFO)", "requests", "FIFO topic prices are not in the catalog")]
    return [
        usage(
            "API requests (publishes)",
            "requests",
            aws_query(side, "AmazonSNS", "API Request", usagetype=usage_type(side.region, "Requests-Tier1")),
            usage_key="monthly_requests",
            quantity=_billed_requests(side),
        )
    ]


_REQUEST_KEYS = (
    UsageKey("monthly_requests", "requests", "Requests per month"),
    UsageKey(
        "request_size_kb",
        "KB",
        "Average payload size; every 64 KB chunk is billed as one request (default 64)",
    ),
)

USAGE_KEYS = {"aws_sqs_queue": _REQUEST_KEYS, "aws_sns_topic": _REQUEST_KEYS}
