"""google_cloud_run_service / google_cloud_run_v2_service: request-based billing, from usage.

https://cloud.google.com/run/pricing (tier 1 regions). CPU and memory are billed for the
time instances serve requests ("billable instance time" in Cloud Run's metrics), so the
usage key is that time in seconds; vCPU-seconds and GiB-seconds follow from the limits.
Minimum instances and instance-based billing are not priced yet.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costgate.model import CostComponent
from costgate.resources.base import CostModel, Side, UsageKey, gcp_query, not_priced, usage

MONTHLY_REQUESTS = UsageKey("monthly_requests", "requests", "Requests per month")
MONTHLY_INSTANCE_SECONDS = UsageKey(
    "monthly_instance_seconds",
    "seconds",
    "Billable instance time per month (Cloud Run metrics)",
)

DEFAULT_CPU = Decimal(1)
DEFAULT_MEMORY_GIB = Decimal("0.5")  # 512Mi
_MEMORY_UNITS = {
    "Ki": Decimal(1) / 1024**2,
    "Mi": Decimal(1) / 1024,
    "Gi": Decimal(1),
    "M": Decimal(10**6) / 1024**3,
    "G": Decimal(10**9) / 1024**3,
}


def google_cloud_run_service(side: Side) -> list[CostComponent]:
    return _components(side, side.get("template.0.spec.0.containers.0.resources.0.limits"))


def google_cloud_run_v2_service(side: Side) -> list[CostComponent]:
    return _components(side, side.get("template.0.containers.0.resources.0.limits"))


def _components(side: Side, limits: Any) -> list[CostComponent]:
    limits = limits if isinstance(limits, dict) else {}
    cpu = _cpu(limits.get("cpu"))
    memory = _memory_gib(limits.get("memory"))
    seconds = side.usage(MONTHLY_INSTANCE_SECONDS)
    components = [
        usage(
            "Requests",
            "requests",
            gcp_query(side, "Cloud Run", "Compute", "Requests"),
            MONTHLY_REQUESTS,
            quantity=side.usage(MONTHLY_REQUESTS),
        )
    ]
    if cpu is None or memory is None:
        components.append(
            not_priced("CPU and memory", "vCPU-seconds", f"cannot read the container limits {limits}")
        )
        return components
    components.append(
        usage(
            f"CPU ({cpu} vCPU)",
            "vCPU-seconds",
            gcp_query(side, "Cloud Run", "Compute", "CPU Allocation Time"),
            MONTHLY_INSTANCE_SECONDS,
            quantity=None if seconds is None else seconds * cpu,
        )
    )
    components.append(
        usage(
            f"Memory ({memory} GiB)",
            "GiB-seconds",
            gcp_query(side, "Cloud Run", "Compute", "Memory Allocation Time"),
            MONTHLY_INSTANCE_SECONDS,
            quantity=None if seconds is None else seconds * memory,
        )
    )
    return components


def _cpu(value: Any) -> Decimal | None:
    if value is None:
        return DEFAULT_CPU
    text = str(value)
    try:
        return Decimal(text[:-1]) / 1000 if text.endswith("m") else Decimal(text)
    except ArithmeticError:
        return None


def _memory_gib(value: Any) -> Decimal | None:
    if value is None:
        return DEFAULT_MEMORY_GIB
    text = str(value)
    for suffix in ("Ki", "Mi", "Gi", "M", "G"):
        if text.endswith(suffix):
            try:
                return Decimal(text[: -len(suffix)]) * _MEMORY_UNITS[suffix]
            except ArithmeticError:
                return None
    return None


GOOGLE_CLOUD_RUN_SERVICE = CostModel(
    "google_cloud_run_service",
    google_cloud_run_service,
    usage_keys=(MONTHLY_REQUESTS, MONTHLY_INSTANCE_SECONDS),
)
GOOGLE_CLOUD_RUN_V2_SERVICE = CostModel(
    "google_cloud_run_v2_service",
    google_cloud_run_v2_service,
    usage_keys=(MONTHLY_REQUESTS, MONTHLY_INSTANCE_SECONDS),
)
