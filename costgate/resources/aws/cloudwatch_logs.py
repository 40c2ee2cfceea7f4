"""aws_cloudwatch_log_group: ingestion, storage and Logs Insights scans, from usage.

https://aws.amazon.com/cloudwatch/pricing/ (standard log class).
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import Side, UsageKey, aws_query, not_priced, usage


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
            usage_key="monthly_data_ingested_gb",
            quantity=side.usage("monthly_data_ingested_gb"),
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
            usage_key="storage_gb",
            quantity=side.usage("storage_gb"),
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
            usage_key="monthly_data_scanned_gb",
            quantity=side.usage("monthly_data_scanned_gb"),
        ),
    ]


USAGE_KEYS = {
    "aws_cloudwatch_log_group": (
        UsageKey("monthly_data_ingested_gb", "GB", "Log data ingested per month"),
        UsageKey("storage_gb", "GB", "Log data stored (compressed) on average over the month"),
        UsageKey("monthly_data_scanned_gb", "GB", "Data scanned by Logs Insights queries per month"),
    ),
}
