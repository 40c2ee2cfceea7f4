"""aws_ecr_repository: image storage, from usage. https://aws.amazon.com/ecr/pricing/"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import Side, UsageKey, aws_query, usage


def aws_ecr_repository(side: Side) -> list[CostComponent]:
    return [
        usage(
            "Storage",
            "GB-months",
            aws_query(
                side,
                "AmazonECR",
                "EC2 Container Registry",
                usagetype=usage_type(side.region, "TimedStorage-ByteHrs"),
            ),
            usage_key="storage_gb",
            quantity=side.usage("storage_gb"),
        )
    ]


USAGE_KEYS = {
    "aws_ecr_repository": (UsageKey("storage_gb", "GB", "Average GB of images stored over the month"),)
}
