"""Persistent disks, local SSDs, snapshots and images (cloud.google.com/compute/disks-image-pricing).

Disks are billed per GB-month of provisioned size; regional disks are replicated in two
zones and have their own SKUs at twice the zonal price.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costgate.model import Capacity, CostComponent, Unknown
from costgate.resources.base import (
    CostModel,
    Side,
    UsageKey,
    gcp_query,
    monthly,
    not_priced,
    number,
    shown,
    usage,
)
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
# A blank disk (no image or snapshot, no size) gets the API's default size: 500 GB for pd-standard,
# 100 GB for the SSD-backed types (cloud.google.com/compute/docs/reference/rest/v1/disks, sizeGb;
# Infracost's compute_disk.go uses the same). Other types require a size.
BLANK_DISK_DEFAULT_GB = {"pd-standard": 500, "pd-balanced": 100, "pd-ssd": 100}
DEFAULT = " (default)"  # appended to a component whose quantity is the provider's documented default


def disk_components(
    side: Side,
    disk_type: Any,
    size_gb: Any,
    *,
    label: str = "Storage",
    regional: bool = False,
    iops: Any = None,
    per: Capacity | None = None,
    note: str = "",
) -> list[CostComponent]:
    """A disk's storage (and pd-extreme's IOPS); `note` follows the name (" (default)" for a default size)."""
    if isinstance(disk_type, Unknown):
        return [monthly(f"{label} (disk type unknown)", "GB-months", disk_type, disk_type, per=per)]
    disk_type = str(disk_type or "pd-standard").rsplit("/", 1)[-1]
    if disk_type not in DISK_TYPES:
        return [not_priced(f"{label} ({disk_type})", "GB-months", f"unknown disk type {disk_type!r}")]
    display, zonal_sku, regional_sku = DISK_TYPES[disk_type]
    name = f"{label} ({'regional ' if regional else ''}{display}, {disk_type}){note}"
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


def image_size(side: Side, attribute: str) -> Any:
    """The disk_size_gb of the google_compute_image that `attribute` refers to, when the plan holds it.

    None when the attribute names no image of this plan (a public image such as debian-12).
    """
    image = next(iter(side.referenced(attribute, "google_compute_image")), None)
    return None if image is None else number(image.get("disk_size_gb"))


def disk_size(side: Side, disk_type: Any) -> tuple[Any, str]:
    """(size in GB, name note) of a google_compute_disk or google_compute_region_disk.

    The configured size; else the size of its image when the plan holds the image; else, for a
    blank disk, the API's default size ("(default)"); a disk from an image or snapshot the plan
    does not hold has the size of that source, known only after apply.
    """
    size = side.get("size")
    if size is not None and not isinstance(size, Unknown):
        return number(size), ""
    if isinstance(size, Unknown) and side.configured("size"):
        return size, ""
    if side.get("image") is not None:
        from_image = image_size(side, "image")
        if from_image is not None:
            return from_image, " (size of its image)"
        return Unknown("size", "the disk has the size of its image, known only after apply"), ""
    if side.get("snapshot") is not None:
        return Unknown("size", "the disk has the size of its snapshot, known only after apply"), ""
    default = BLANK_DISK_DEFAULT_GB.get(str(disk_type).rsplit("/", 1)[-1])
    if default is None:
        return Unknown("size", f"{shown(disk_type)} disks have no default size"), ""
    return Decimal(default), DEFAULT


def _disk(side: Side, *, regional: bool) -> list[CostComponent]:
    disk_type = side.setting("type", "pd-standard")
    size, note = disk_size(side, disk_type)
    return disk_components(
        side, disk_type, size, regional=regional, iops=number(side.get("provisioned_iops")), note=note
    )


def google_compute_disk(side: Side) -> list[CostComponent]:
    return _disk(side, regional=False)


def google_compute_region_disk(side: Side) -> list[CostComponent]:
    return _disk(side, regional=True)


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
    follows=("google_compute_image",),
)
GOOGLE_COMPUTE_REGION_DISK = CostModel(
    "google_compute_region_disk", google_compute_region_disk, follows=("google_compute_image",)
)
GOOGLE_COMPUTE_SNAPSHOT = CostModel(
    "google_compute_snapshot", google_compute_snapshot, usage_keys=(SNAPSHOT_STORAGE_GB,)
)
GOOGLE_COMPUTE_IMAGE = CostModel("google_compute_image", google_compute_image, usage_keys=(IMAGE_STORAGE_GB,))
