"""Compute Engine machine types: vCPUs and memory, and the per-family SKUs that price them.

Machine types have no SKU of their own: a VM costs vCPUs x the family's core rate plus
GiB x its RAM rate (cloud.google.com/compute/vm-instance-pricing; the Cloud Billing
catalog's "<family> Instance Core/Ram" SKUs). Sustained-use discounts apply automatically
to on-demand N1, custom, f1/g1 and M1 (30 % at a full month) and N2, N2D, C2 (20 %);
E2 and the newer families get none (cloud.google.com/compute/docs/sustained-use-discounts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from costgate.model import Capacity, CostComponent, Unknown
from costgate.resources.base import Side, gcp_query, hourly, not_priced

SERVICE = "Compute Engine"


@dataclass(frozen=True)
class Family:
    core: str  # SKU description of the vCPU rate
    ram: str  # SKU description of the GiB rate
    sud_percent: int


FAMILIES = {
    "e2": Family("E2 Instance Core", "E2 Instance Ram", 0),
    "n1": Family("N1 Predefined Instance Core", "N1 Predefined Instance Ram", 30),
    "n2": Family("N2 Instance Core", "N2 Instance Ram", 20),
    "n2d": Family("N2D AMD Instance Core", "N2D AMD Instance Ram", 20),
    "c2": Family("Compute optimized Core", "Compute optimized Ram", 20),
    "c2d": Family("C2D AMD Instance Core", "C2D AMD Instance Ram", 0),
    "c3": Family("C3 Instance Core", "C3 Instance Ram", 0),
    "t2d": Family("T2D AMD Instance Core", "T2D AMD Instance Ram", 0),
    "m1": Family("Memory-optimized Instance Core", "Memory-optimized Instance Ram", 30),
}

# Custom machine types: (core, RAM, extended RAM SKU, SUD %, GiB per vCPU before memory counts as extended).
CUSTOM = {
    "n1": ("Custom Instance Core", "Custom Instance Ram", "Custom Extended Instance Ram", 30, Decimal("6.5")),
    "n2": (
        "N2 Custom Instance Core",
        "N2 Custom Instance Ram",
        "N2 Custom Extended Instance Ram",
        20,
        Decimal(8),
    ),
    "n2d": (
        "N2D AMD Custom Instance Core",
        "N2D AMD Custom Instance Ram",
        "N2D AMD Custom Extended Instance Ram",
        20,
        Decimal(8),
    ),
    "e2": ("E2 Custom Instance Core", "E2 Custom Instance Ram", "", 0, Decimal(8)),
}

# Shared-core types with one SKU for the whole machine (30 % sustained use, as N1).
SHARED_CORE = {"f1-micro": "Micro Instance with burstable CPU", "g1-small": "Small Instance with 1 VCPU"}

# Accelerator-optimized families: each machine type includes its GPUs (a2-highgpu-1g has one A100)
# and is priced whole, as Infracost's synthetic per-machine-type products are: product family
# "Compute Instance", description the machine type, usageType OnDemand or Preemptible (spot).
# No sustained-use discount applies to them (cloud.google.com/compute/docs/sustained-use-discounts).
WHOLE_MACHINE_FAMILY = "Compute Instance"
WHOLE_MACHINE_TYPES = re.compile(
    r"^(?:a2-(?:highgpu|megagpu|ultragpu)-\d+g|a3-(?:highgpu|megagpu)-\d+g|g2-standard-\d+)$"
)


def _shapes() -> dict[str, tuple[Decimal, Decimal]]:
    """Predefined machine type -> (vCPUs, GiB), from cloud.google.com/compute/docs/machine-resource."""
    table: dict[str, tuple[Decimal, Decimal]] = {
        # E2 shared-core types are billed as fractions of a vCPU.
        "e2-micro": (Decimal("0.25"), Decimal(1)),
        "e2-small": (Decimal("0.5"), Decimal(2)),
        "e2-medium": (Decimal(1), Decimal(4)),
        "m1-megamem-96": (Decimal(96), Decimal("1433.6")),
        "m1-ultramem-40": (Decimal(40), Decimal(961)),
        "m1-ultramem-80": (Decimal(80), Decimal(1922)),
        "m1-ultramem-160": (Decimal(160), Decimal(3844)),
    }
    # family -> kind -> (GiB per vCPU, vCPU counts)
    series: dict[str, dict[str, tuple[str, tuple[int, ...]]]] = {
        "e2": {
            "standard": ("4", (2, 4, 8, 16, 32)),
            "highmem": ("8", (2, 4, 8, 16)),
            "highcpu": ("1", (2, 4, 8, 16, 32)),
        },
        "n1": {
            "standard": ("3.75", (1, 2, 4, 8, 16, 32, 64, 96)),
            "highmem": ("6.5", (2, 4, 8, 16, 32, 64, 96)),
            "highcpu": ("0.9", (2, 4, 8, 16, 32, 64, 96)),
        },
        "n2": {
            "standard": ("4", (2, 4, 8, 16, 32, 48, 64, 80, 96, 128)),
            "highmem": ("8", (2, 4, 8, 16, 32, 48, 64, 80, 96, 128)),
            "highcpu": ("1", (2, 4, 8, 16, 32, 48, 64, 80, 96)),
        },
        "n2d": {
            "standard": ("4", (2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224)),
            "highmem": ("8", (2, 4, 8, 16, 32, 48, 64, 80, 96)),
            "highcpu": ("1", (2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224)),
        },
        "c2": {"standard": ("4", (4, 8, 16, 30, 60))},
        "c2d": {
            "standard": ("4", (2, 4, 8, 16, 32, 56, 112)),
            "highmem": ("8", (2, 4, 8, 16, 32, 56, 112)),
            "highcpu": ("2", (2, 4, 8, 16, 32, 56, 112)),
        },
        "c3": {
            "standard": ("4", (4, 8, 22, 44, 88, 176)),
            "highmem": ("8", (4, 8, 22, 44, 88, 176)),
            "highcpu": ("2", (4, 8, 22, 44, 88, 176)),
        },
        "t2d": {"standard": ("4", (1, 2, 4, 8, 16, 32, 48, 60))},
    }
    for family, kinds in series.items():
        for kind, (per_cpu, counts) in kinds.items():
            for count in counts:
                table[f"{family}-{kind}-{count}"] = (Decimal(count), Decimal(count) * Decimal(per_cpu))
    return table


MACHINE_TYPES = _shapes()
_CUSTOM = re.compile(r"^(?:(n1|n2|n2d|e2)-)?custom-(\d+)-(\d+)(-ext)?$")


def machine_components(
    side: Side,
    machine_type: Any,
    *,
    preemptible: bool = False,
    label: str = "Instance usage",
    per: Capacity | None = None,
) -> list[CostComponent]:
    """The components of one running VM of `machine_type` for a month (per unit of `per` when given)."""
    market = "preemptible" if preemptible else "on-demand"
    if isinstance(machine_type, Unknown):
        return [hourly(f"{label} ({market}, unknown)", machine_type, per=per)]
    machine_type = str(machine_type).rsplit("/", 1)[
        -1
    ]  # self links: zones/us-central1-a/machineTypes/n2-standard-8
    name = f"{label} ({market}, {machine_type})"
    usage_type = "Preemptible" if preemptible else "OnDemand"

    def sku(description: str) -> Any:
        # Spot and preemptible VMs share the "Spot Preemptible <family> ..." SKUs.
        return gcp_query(
            side,
            SERVICE,
            "Compute",
            f"Spot Preemptible {description}" if preemptible else description,
            usage_type,
        )

    def discount(percent: int) -> dict[str, Any]:
        if preemptible or not percent:
            return {}
        return {
            "discount_percent": Decimal(percent),
            "discount_reason": f"sustained use discount ({percent} % at a full month)",
        }

    if machine_type in SHARED_CORE:
        return [hourly(name, sku(SHARED_CORE[machine_type]), per=per, **discount(30))]
    if WHOLE_MACHINE_TYPES.match(machine_type):
        return [
            hourly(name, gcp_query(side, SERVICE, WHOLE_MACHINE_FAMILY, machine_type, usage_type), per=per)
        ]
    custom = _CUSTOM.match(machine_type)
    if custom:
        family = custom.group(1) or "n1"
        core, ram, extended_ram, sud, included_per_cpu = CUSTOM[family]
        cpus = Decimal(custom.group(2))
        memory = Decimal(custom.group(3)) / 1024
        included = min(memory, cpus * included_per_cpu) if custom.group(4) else memory
        components = [
            hourly(f"{name}: vCPUs", sku(core), cpus, unit="vCPU-hours", per=per, **discount(sud)),
            hourly(f"{name}: memory", sku(ram), included, unit="GiB-hours", per=per, **discount(sud)),
        ]
        if memory > included:
            extended = (
                sku(extended_ram) if extended_ram else Unknown("memory", f"{family} has no extended memory")
            )
            components.append(
                hourly(
                    f"{name}: extended memory",
                    extended,
                    memory - included,
                    unit="GiB-hours",
                    per=per,
                    **discount(sud),
                )
            )
        return components
    shape = MACHINE_TYPES.get(machine_type)
    family = FAMILIES.get(machine_type.split("-", 1)[0])
    if shape is None or family is None:
        return [not_priced(name, "hours", f"unknown machine type {machine_type!r}")]
    cpus, memory = shape
    return [
        hourly(
            f"{name}: vCPUs",
            sku(family.core),
            cpus,
            unit="vCPU-hours",
            per=per,
            **discount(family.sud_percent),
        ),
        hourly(
            f"{name}: memory",
            sku(family.ram),
            memory,
            unit="GiB-hours",
            per=per,
            **discount(family.sud_percent),
        ),
    ]


# guest_accelerator type -> Cloud Billing SKU description (cloud.google.com/compute/gpus-pricing).
GPUS = {
    "nvidia-tesla-t4": "Nvidia Tesla T4 GPU",
    "nvidia-tesla-p4": "Nvidia Tesla P4 GPU",
    "nvidia-tesla-v100": "Nvidia Tesla V100 GPU",
    "nvidia-tesla-p100": "Nvidia Tesla P100 GPU",
    "nvidia-tesla-k80": "Nvidia Tesla K80 GPU",
    "nvidia-tesla-a100": "Nvidia Tesla A100 GPU",
    "nvidia-l4": "Nvidia L4 GPU",
}


def gpu_components(
    side: Side, accelerators: Any, *, preemptible: bool = False, per: Capacity | None = None
) -> list[CostComponent]:
    components: list[CostComponent] = []
    for accelerator in accelerators if isinstance(accelerators, list) else []:
        if not isinstance(accelerator, dict):
            continue
        gpu_type = str(accelerator.get("type") or "").rsplit("/", 1)[-1]
        count = accelerator.get("count") or 0
        name = f"GPU ({'preemptible' if preemptible else 'on-demand'}, {gpu_type or 'unknown'})"
        if gpu_type not in GPUS:
            components.append(not_priced(name, "GPU-hours", f"unknown GPU type {gpu_type!r}"))
            continue
        description = GPUS[gpu_type]
        usage_type = "Preemptible" if preemptible else "OnDemand"
        query = gcp_query(
            side,
            SERVICE,
            "Compute",
            f"Spot Preemptible {description}" if preemptible else description,
            usage_type,
        )
        # GPUs attached to on-demand VMs get a flat 30 % sustained-use discount at a full month.
        extra: dict[str, Any] = {}
        if not preemptible:
            extra = {
                "discount_percent": Decimal(30),
                "discount_reason": "sustained use discount (30 % at a full month)",
            }
        components.append(hourly(name, query, count, unit="GPU-hours", per=per, **extra))
    return components
