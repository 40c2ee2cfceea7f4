"""aws_cloudwatch_log_group: ingestion, storage and Logs Insights scans, from usage.

https://aws.amazon.com/cloudwatch/pricing/ (standard log class).
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, not_priced, usage

MONTHLY_DATA_INGESTED_GB = UsageKey("monthly_data_ingested_gb", "GB", "Log data ingested per month")
STORAGE_GB = UsageKey("storage_gb", "GB", "Log data stored (compressed) on average over the month")
MONTHLY_DATA_SCANNED_GB = UsageKey(
    "monthly_data_scanned_gb",
    "GB",
    "Data scanned by Logs Insights queries per month",
)


def aws_cloudwatch_log_group(side: Side) -> list[CostComponent]:
    if side.get("log_group_class") == "INFREQUENT_ACCESS":
        return [
            not_priced(
                "Data ingested (Infrequent Access)",
                "GB",
                "Infrequent Access log class prices are not in the catalog",
            )
        ]
    return [
        usage(
            "Data ingested",
            "GB",
            aws_query(
                side,
                "AmazonCloudWatch",
                "Data Payload",
                usagetype=usage_type(side.region, "DataProcessing-Bytes"),
            ),
            MONTHLY_DATA_INGESTED_GB,
            quantity=side.usage(MONTHLY_DATA_INGESTED_GB),
        ),
        usage(
            "Archival storage",
            "GB-months",
            aws_query(
                side,
                "AmazonCloudWatch",
                "Storage Snapshot",
                usagetype=usage_type(side.region, "TimedStorage-ByteHrs"),
            ),
            STORAGE_GB,
            quantity=side.usage(STORAGE_GB),
        ),
        usage(
            "Insights queries data scanned",
            "GB",
            aws_query(
                side,
                "AmazonCloudWatch",
                "Data Payload",
                usagetype=usage_type(side.region, "DataScanned-Bytes"),
            ),
            MONTHLY_DATA_SCANNED_GB,
            quantity=side.usage(MONTHLY_DATA_SCANNED_GB),
        ),
    ]


AWS_CLOUDWATCH_LOG_GROUP = CostModel(
    "aws_cloudwatch_log_group",
    aws_cloudwatch_log_group,
    usage_keys=(MONTHLY_DATA_INGESTED_GB, STORAGE_GB, MONTHLY_DATA_SCANNED_GB),
    free_sub_types=("aws_cloudwatch_log_stream", "aws_cloudwatch_log_subscription_filter"),
)
