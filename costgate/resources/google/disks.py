"""Persistent disks, local SSDs, snapshots and images (cloud.google.com/compute/disks-image-pricing).

Disks are billed per GB-month of provisioned size; regional disks are replicated in two
zones and have their own SKUs at twice the zonal price.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costgate.model import Capacity, CostComponent, Unknown
from costgate.resources.base import CostModel, Side, UsageKey, gcp_query, monthly, not_priced, number, usage
from costgate.resources.google.machines import SERVICE

SNAPSHOT_STORAGE_GB = UsageKey("storage_gb", "GB", "Snapshot storage per month")
IMAGE_STORAGE_GB = UsageKey("storage_gb", "GB", "Image storage per month, when disk_size_gb is not set")

# disk type -> (display name, zonal SKU, regional SKU)
DISK_TYPES = {
    "pd-standard": ("standard", "Storage PD Capacity", "Regional Storage PD Capacity"),
    "pd-balanced": ("balanced", "Balanced PD Capacity", "Regional Balanced PD Capacity"),
    "pd-ssd": ("SSD", "SSD backed PD Capacity", "Regional SSD backed PD Capacity"),
    "pd-extreme": ("extreme", "Extreme PD Capacity", ""),
    "hyperdisk-balanced": ("hyperdisk balanced", "Hyperdisk Balanced Capacity", ""),
}
LOCAL_SSD_GB = 375  # each scratch disk is a 375 GB local SSD partition
DEFAULT_BOOT_DISK_GB = 10


def disk_components(
    side: Side,
    disk_type: Any,
    size_gb: Any,
    *,
    label: str = "Storage",
    regional: bool = False,
    iops: Any = None,
    per: Capacity | None = None,
) -> list[CostComponent]:
    if isinstance(disk_type, Unknown):
        return [monthly(f"{label} (disk type unknown)", "GB-months", disk_type, disk_type, per=per)]
    disk_type = str(disk_type or "pd-standard").rsplit("/", 1)[-1]
    if disk_type not in DISK_TYPES:
        return [not_priced(f"{label} ({disk_type})", "GB-months", f"unknown disk type {disk_type!r}")]
    display, zonal_sku, regional_sku = DISK_TYPES[disk_type]
    name = f"{label} ({'regional ' if regional else ''}{display}, {disk_type})"
    if regional and not regional_sku:
        return [not_priced(name, "GB-months", f"{disk_type} has no regional variant")]
    components = [
        monthly(
            name,
            "GB-months",
            size_gb,
            gcp_query(side, SERVICE, "Storage", regional_sku if regional else zonal_sku),
            per=per,
        )
    ]
    if disk_type == "pd-extreme":
        components.append(
            monthly(
                f"{label}: provisioned IOPS (pd-extreme)",
                "IOPS-months",
                iops
                if iops is not None
                else Unknown("provisioned_iops", "pd-extreme disks need provisioned_iops set"),
                gcp_query(side, SERVICE, "Storage", "Extreme PD IOPS"),
                per=per,
            )
        )
    return components


def local_ssd_components(side: Side, count: int, *, per: Capacity | None = None) -> list[CostComponent]:
    if not count:
        return []
    return [
        monthly(
            f"Local SSD ({count} x {LOCAL_SSD_GB} GB)",
            "GB-months",
            count * LOCAL_SSD_GB,
            gcp_query(side, SERVICE, "Storage", "SSD backed Local Storage"),
            per=per,
        )
    ]


def _size(side: Side) -> Any:
    size = side.get("size")
    if size is None:
        return Unknown(
            "size", "the disk size comes from its image, snapshot or the API default, known only after apply"
        )
    return number(size)


def google_compute_disk(side: Side) -> list[CostComponent]:
    return disk_components(
        side, side.setting("type", "pd-standard"), _size(side), iops=number(side.get("provisioned_iops"))
    )


def google_compute_region_disk(side: Side) -> list[CostComponent]:
    return disk_components(
        side,
        side.setting("type", "pd-standard"),
        _size(side),
        regional=True,
        iops=number(side.get("provisioned_iops")),
    )


def google_compute_snapshot(side: Side) -> list[CostComponent]:
    # A snapshot stores the changed blocks of its disk, which the plan cannot know.
    return [
        usage(
            "Snapshot storage",
            "GB-months",
            gcp_query(side, SERVICE, "Storage", "Storage PD Snapshot"),
            SNAPSHOT_STORAGE_GB,
            quantity=side.usage(SNAPSHOT_STORAGE_GB),
        )
    ]


def google_compute_image(side: Side) -> list[CostComponent]:
    size = number(side.get("disk_size_gb"))
    query = gcp_query(side, SERVICE, "Storage", "Storage Image")
    if isinstance(size, Decimal):
        return [monthly("Image storage", "GB-months", size, query)]
    return [
        usage("Image storage", "GB-months", query, IMAGE_STORAGE_GB, quantity=side.usage(IMAGE_STORAGE_GB))
    ]


GOOGLE_COMPUTE_DISK = CostModel(
    "google_compute_disk",
    google_compute_disk,
    free_sub_types=("google_compute_disk_resource_policy_attachment",),
)
GOOGLE_COMPUTE_REGION_DISK = CostModel("google_compute_region_disk", google_compute_region_disk)
GOOGLE_COMPUTE_SNAPSHOT = CostModel(
    "google_compute_snapshot", google_compute_snapshot, usage_keys=(SNAPSHOT_STORAGE_GB,)
)
GOOGLE_COMPUTE_IMAGE = CostModel("google_compute_image", google_compute_image, usage_keys=(IMAGE_STORAGE_GB,))
