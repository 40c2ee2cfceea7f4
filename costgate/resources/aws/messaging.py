"""aws_sqs_queue and aws_sns_topic: requests, from usage.

https://aws.amazon.com/sqs/pricing/, https://aws.amazon.com/sns/pricing/. Both bill each
64 KB chunk of a payload as one request, so request_size_kb multiplies the count.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, not_priced, usage

MONTHLY_REQUESTS = UsageKey("monthly_requests", "requests", "Requests per month")
REQUEST_SIZE_KB = UsageKey(
    "request_size_kb",
    "KB",
    "Average payload size; every 64 KB chunk is billed as one request (default 64)",
)

CHUNK_KB = Decimal(64)


def _billed_requests(side: Side) -> Decimal | None:
    requests = side.usage(MONTHLY_REQUESTS)
    if requests is None:
        return None
    size_kb = side.usage(REQUEST_SIZE_KB) or Decimal(64)
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
            MONTHLY_REQUESTS,
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
            MONTHLY_REQUESTS,
            quantity=_billed_requests(side),
        )
    ]


AWS_SQS_QUEUE = CostModel(
    "aws_sqs_queue",
    aws_sqs_queue,
    usage_keys=(MONTHLY_REQUESTS, REQUEST_SIZE_KB),
    free_sub_types=(
        "aws_sqs_queue_policy",
        "aws_sqs_queue_redrive_policy",
        "aws_sqs_queue_redrive_allow_policy",
    ),
)
AWS_SNS_TOPIC = CostModel(
    "aws_sns_topic",
    aws_sns_topic,
    usage_keys=(MONTHLY_REQUESTS, REQUEST_SIZE_KB),
    free_sub_types=(
        "aws_sns_topic_subscription",
        "aws_sns_topic_policy",
        "aws_sns_topic_data_protection_policy",
    ),
)
