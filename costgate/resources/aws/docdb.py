"""DocumentDB: aws_docdb_cluster_instance (instance hours), aws_docdb_cluster (storage, I/O, backups by usage).

https://aws.amazon.com/documentdb/pricing/
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import Side, UsageKey, aws_query, hourly, shown, usage


def aws_docdb_cluster_instance(side: Side) -> list[CostComponent]:
    instance_class = side.get("instance_class")
    return [
        hourly(
            f"Database instance (on-demand, {shown(instance_class)})",
            aws_query(side, "AmazonDocDB", "Database Instance", instanceType=instance_class),
        )
    ]


def aws_docdb_cluster(side: Side) -> list[CostComponent]:
    def query(family: str, suffix: str):
        return aws_query(side, "AmazonDocDB", family, usagetype=usage_type(side.region, suffix))

    return [
        usage(
            "Storage",
            "GB-months",
            query("Database Storage", "StorageUsage"),
            "storage_gb",
            side.usage("storage_gb"),
        ),
        usage(
            "I/O requests",
            "requests",
            query("System Operation", "StorageIOUsage"),
            "monthly_io_requests",
            side.usage("monthly_io_requests"),
        ),
        usage(
            "Backup storage beyond the free allowance",
            "GB-months",
            query("Storage Snapshot", "BackupUsage"),
            "backup_storage_gb",
            side.usage("backup_storage_gb"),
        ),
    ]


USAGE_KEYS = {
    "aws_docdb_cluster": (
        UsageKey("storage_gb", "GB", "Storage used by the cluster"),
        UsageKey("monthly_io_requests", "requests", "I/O requests per month"),
        UsageKey("backup_storage_gb", "GB", "Backup storage beyond the free allowance"),
    ),
}
