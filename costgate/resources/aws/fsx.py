"""FSx: aws_fsx_windows_file_system (storage and throughput capacity), aws_fsx_lustre_file_system (storage per throughput tier).

Lustre includes throughput in its per-GB price, which grows with per_unit_storage_throughput.
(https://aws.amazon.com/fsx/windows/pricing/, https://aws.amazon.com/fsx/lustre/pricing/)
"""

from __future__ import annotations

from costgate.model import CostComponent, Unknown
from costgate.resources.base import (
    CostModel,
    Side,
    UsageKey,
    aws_query,
    monthly,
    not_priced,
    number,
    shown,
    usage,
)

BACKUP_STORAGE_GB = UsageKey("backup_storage_gb", "GB", "Backup storage used")

LUSTRE_DEPLOYMENTS = {
    "SCRATCH_2": "Scratch_2",
    "PERSISTENT_1": "Persistent_1",
    "PERSISTENT_2": "Persistent_2",
}


def aws_fsx_windows_file_system(side: Side) -> list[CostComponent]:
    deployment = "Multi-AZ" if side.setting("deployment_type", "SINGLE_AZ_1") == "MULTI_AZ_1" else "Single-AZ"
    storage_type = side.setting("storage_type", "SSD")
    return [
        monthly(
            f"{storage_type} storage ({deployment})",
            "GB-months",
            _required(side, "storage_capacity"),
            aws_query(
                side,
                "AmazonFSx",
                "Storage",
                fileSystemType="Windows",
                storageType=storage_type,
                deploymentOption=deployment,
            ),
        ),
        monthly(
            f"Throughput capacity ({deployment})",
            "MBps-months",
            _required(side, "throughput_capacity"),
            aws_query(
                side,
                "AmazonFSx",
                "Provisioned Throughput",
                fileSystemType="Windows",
                deploymentOption=deployment,
            ),
        ),
        usage(
            "Backup storage",
            "GB-months",
            aws_query(side, "AmazonFSx", "Backup", fileSystemType="Windows"),
            BACKUP_STORAGE_GB,
            side.usage(BACKUP_STORAGE_GB),
        ),
    ]


def aws_fsx_lustre_file_system(side: Side) -> list[CostComponent]:
    deployment = side.setting("deployment_type", "SCRATCH_1")
    storage_type = side.setting("storage_type", "SSD")
    if not isinstance(deployment, str) or deployment not in LUSTRE_DEPLOYMENTS or storage_type != "SSD":
        return [
            not_priced(
                f"Storage ({deployment}, {storage_type})",
                "GB-months",
                f"Lustre {deployment} {storage_type} storage is not priced yet",
            )
        ]
    throughput = side.get("per_unit_storage_throughput") if deployment.startswith("PERSISTENT") else "N/A"
    if throughput is None:
        throughput = Unknown(
            "per_unit_storage_throughput", "persistent Lustre needs per_unit_storage_throughput"
        )
    return [
        monthly(
            f"SSD storage ({LUSTRE_DEPLOYMENTS[deployment]}"
            + ("" if throughput == "N/A" else f", {shown(throughput)} MB/s/TiB")
            + ")",
            "GB-months",
            _required(side, "storage_capacity"),
            aws_query(
                side,
                "AmazonFSx",
                "Storage",
                fileSystemType="Lustre",
                storageType="SSD",
                deploymentOption=LUSTRE_DEPLOYMENTS[deployment],
                throughputCapacity=throughput,
            ),
        )
    ]


def _required(side: Side, path: str):
    return number(side.get(path), Unknown(path, "the configuration does not set it"))


AWS_FSX_WINDOWS_FILE_SYSTEM = CostModel(
    "aws_fsx_windows_file_system", aws_fsx_windows_file_system, usage_keys=(BACKUP_STORAGE_GB,)
)
AWS_FSX_LUSTRE_FILE_SYSTEM = CostModel("aws_fsx_lustre_file_system", aws_fsx_lustre_file_system)
