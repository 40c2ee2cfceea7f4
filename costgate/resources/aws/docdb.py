"""DocumentDB: aws_docdb_cluster_instance (instance hours), aws_docdb_cluster (storage, I/O, backups by usage).

https://aws.amazon.com/documentdb/pricing/
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, hourly, shown, usage

STORAGE_GB = UsageKey("storage_gb", "GB", "Storage used by the cluster")
MONTHLY_IO_REQUESTS = UsageKey("monthly_io_requests", "requests", "I/O requests per month")
BACKUP_STORAGE_GB = UsageKey("backup_storage_gb", "GB", "Backup storage beyond the free allowance")


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
            STORAGE_GB,
            side.usage(STORAGE_GB),
        ),
        usage(
            "I/O requests",
            "requests",
            query("System Operation", "StorageIOUsage"),
            MONTHLY_IO_REQUESTS,
            side.usage(MONTHLY_IO_REQUESTS),
        ),
        usage(
            "Backup storage beyond the free allowance",
            "GB-months",
            query("Storage Snapshot", "BackupUsage"),
            BACKUP_STORAGE_GB,
            side.usage(BACKUP_STORAGE_GB),
        ),
    ]


AWS_DOCDB_CLUSTER = CostModel(
    "aws_docdb_cluster",
    aws_docdb_cluster,
    usage_keys=(STORAGE_GB, MONTHLY_IO_REQUESTS, BACKUP_STORAGE_GB),
    free_sub_types=("aws_docdb_subnet_group", "aws_docdb_cluster_parameter_group"),
)
AWS_DOCDB_CLUSTER_INSTANCE = CostModel("aws_docdb_cluster_instance", aws_docdb_cluster_instance)
