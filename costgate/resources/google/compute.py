"""google_compute_instance, and instance groups built from an instance template.

An instance costs its machine type, boot disk, scratch (local SSD) disks and GPUs.
Attached disks that are google_compute_disk resources are priced on the disk itself,
so they are not counted twice. A managed instance group costs `target_size` times its
template; with a google_compute_autoscaler the range is min..max replicas.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from costgate.model import Capacity, CostComponent, Unknown
from costgate.resources.base import CostModel, Side, not_priced, number
from costgate.resources.google.disks import (
    DEFAULT,
    DEFAULT_BOOT_DISK_GB,
    disk_components,
    image_size,
    local_ssd_components,
)
from costgate.resources.google.machines import gpu_components, machine_components


def is_preemptible(scheduling: Mapping[str, Any] | None) -> bool:
    scheduling = scheduling or {}
    return (
        scheduling.get("preemptible") is True
        or str(scheduling.get("provisioning_model") or "").upper() == "SPOT"
    )


def google_compute_instance(side: Side) -> list[CostComponent]:
    preemptible = is_preemptible(side.block("scheduling"))
    components = machine_components(side, side.get("machine_type"), preemptible=preemptible)
    if not side.referenced("boot_disk.0.source", "google_compute_disk"):
        size, note = boot_disk_size(
            side, "boot_disk.0.initialize_params.0.size", "boot_disk.0.initialize_params.0.image"
        )
        components += disk_components(
            side,
            side.setting("boot_disk.0.initialize_params.0.type", "pd-standard"),
            size,
            label="Boot disk",
            note=note,
        )
    scratch = side.get("scratch_disk")
    components += local_ssd_components(side, len(scratch) if isinstance(scratch, list) else 0)
    components += gpu_components(side, side.get("guest_accelerator"), preemptible=preemptible)
    return components


def boot_disk_size(side: Side, size_path: str, image_path: str) -> tuple[Any, str]:
    """(GB, name note) of a boot disk: its size; else its image's when the plan holds the image;
    else 10 GB, the size of the public Linux images a boot disk inherits by default ("(default)")."""
    size = side.setting(size_path, None)
    if size is not None:
        return number(size), ""
    from_image = image_size(side, image_path)
    if from_image is not None:
        return from_image, " (size of its image)"
    return Decimal(DEFAULT_BOOT_DISK_GB), DEFAULT


def template_components(template: Side, per: Capacity | None = None) -> list[CostComponent]:
    """What one instance made from a google_compute_instance_template costs."""
    preemptible = is_preemptible(template.block("scheduling"))
    components = machine_components(template, template.get("machine_type"), preemptible=preemptible, per=per)
    disks = template.get("disk")
    scratch = 0
    for index, disk in enumerate(disks if isinstance(disks, list) else []):
        if not isinstance(disk, Mapping) or disk.get("source"):
            continue  # an existing disk is priced on its own resource
        if str(disk.get("type") or "").upper() == "SCRATCH" or disk.get("disk_type") == "local-ssd":
            scratch += 1
            continue
        label = "Boot disk" if disk.get("boot") or index == 0 else f"Disk {index}"
        note = ""
        size = number(disk.get("disk_size_gb"))
        if size is None:
            size = image_size(template, f"disk.{index}.source_image")
            note = " (size of its image)" if size is not None else ""
        if size is None and label == "Boot disk":
            size, note = Decimal(DEFAULT_BOOT_DISK_GB), DEFAULT
        if size is None:
            size = Unknown("disk_size_gb", "the disk size comes from its image, known only after apply")
        components += disk_components(
            template, disk.get("disk_type") or "pd-standard", size, label=label, per=per, note=note
        )
    components += local_ssd_components(template, scratch, per=per)
    components += gpu_components(
        template, template.get("guest_accelerator"), preemptible=preemptible, per=per
    )
    return components


def _template(side: Side) -> Side | None:
    for path in ("version.0.instance_template", "instance_template"):
        found = side.referenced(path, "google_compute_instance_template")
        if found:
            return found[0]
    return None


def _group(side: Side, autoscaler_type: str) -> list[CostComponent]:
    template = _template(side)
    if template is None:
        return [
            not_priced(
                "Instances",
                "hours",
                "the instance template is not a google_compute_instance_template in this plan",
            )
        ]
    size = number(side.get("target_size"))
    autoscalers = side.referring(autoscaler_type, "target")
    policy = autoscalers[0].block("autoscaling_policy") if autoscalers else None
    if policy:
        minimum = int(policy.get("min_replicas") or 1)
        maximum = int(policy.get("max_replicas") or minimum)
        current = int(size) if isinstance(size, Decimal) else minimum
        return template_components(
            template, Capacity("instances", max(minimum, min(current, maximum)), minimum, maximum)
        )
    if isinstance(size, Unknown):
        return [not_priced("Instances", "hours", size.reason)]
    count = int(size or 0)
    if count == 0:
        return [
            not_priced(
                "Instances", "hours", "target_size is 0 or not set, and no autoscaler manages the group"
            )
        ]
    return template_components(template, Capacity("instances", count, count, count))


def google_compute_instance_group_manager(side: Side) -> list[CostComponent]:
    return _group(side, "google_compute_autoscaler")


def google_compute_region_instance_group_manager(side: Side) -> list[CostComponent]:
    return _group(side, "google_compute_region_autoscaler")


GOOGLE_COMPUTE_INSTANCE = CostModel(
    "google_compute_instance",
    google_compute_instance,
    free_sub_types=(
        "google_compute_attached_disk",
        "google_compute_instance_iam_binding",
        "google_compute_instance_iam_member",
    ),
    follows=("google_compute_disk", "google_compute_image"),
)
GOOGLE_COMPUTE_INSTANCE_GROUP_MANAGER = CostModel(
    "google_compute_instance_group_manager",
    google_compute_instance_group_manager,
    free_sub_types=("google_compute_instance_template", "google_compute_autoscaler"),
    follows=("google_compute_instance_template", "google_compute_autoscaler", "google_compute_image"),
)
GOOGLE_COMPUTE_REGION_INSTANCE_GROUP_MANAGER = CostModel(
    "google_compute_region_instance_group_manager",
    google_compute_region_instance_group_manager,
    free_sub_types=("google_compute_region_instance_template", "google_compute_region_autoscaler"),
    follows=("google_compute_instance_template", "google_compute_region_autoscaler", "google_compute_image"),
)
