"""aws_ecr_repository: image storage, from usage. https://aws.amazon.com/ecr/pricing/"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, usage

STORAGE_GB = UsageKey("storage_gb", "GB", "Average GB of images stored over the month")


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
            STORAGE_GB,
            quantity=side.usage(STORAGE_GB),
        )
    ]


AWS_ECR_REPOSITORY = CostModel(
    "aws_ecr_repository",
    aws_ecr_repository,
    usage_keys=(STORAGE_GB,),
    free_sub_types=("aws_ecr_lifecycle_policy", "aws_ecr_repository_policy"),
)
