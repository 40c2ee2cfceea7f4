"""google_filestore_instance: provisioned capacity per GB-month by service tier.

(https://cloud.google.com/filestore/pricing) SKU descriptions (service "Cloud Filestore",
resourceFamily "Storage"): "Filestore Capacity Standard" (BASIC_HDD, formerly STANDARD),
"Filestore Capacity Premium" (BASIC_SSD, formerly PREMIUM), "Filestore Capacity High Scale SSD",
"Filestore Capacity Enterprise". The embedded catalog has no Filestore prices yet, so
capacity is not priced offline (live pricing can price it).
"""

from __future__ import annotations

from costgate.model import CostComponent, Unknown
from costgate.resources.base import CostModel, Side, gcp_query, monthly, not_priced, number

SERVICE = "Cloud Filestore"
FAMILY = "Storage"

TIERS = {
    "BASIC_HDD": ("Standard", "basic HDD"),
    "STANDARD": ("Standard", "basic HDD"),
    "BASIC_SSD": ("Premium", "basic SSD"),
    "PREMIUM": ("Premium", "basic SSD"),
    "HIGH_SCALE_SSD": ("High Scale SSD", "high scale SSD"),
    "ENTERPRISE": ("Enterprise", "enterprise"),
}


def google_filestore_instance(side: Side) -> list[CostComponent]:
    tier = side.get("tier")
    capacity = number(side.get("file_shares.0.capacity_gb"))
    if isinstance(tier, Unknown):
        return [not_priced("Capacity", "GB-months", tier.reason)]
    if not isinstance(tier, str) or tier not in TIERS:
        return [not_priced(f"Capacity ({tier})", "GB-months", f"Filestore tier {tier!r} is not priced yet")]
    sku, label = TIERS[tier]
    if capacity is None:
        capacity = Unknown("file_shares.0.capacity_gb", "file_shares.capacity_gb is not set")
    return [
        monthly(
            f"Capacity ({label})",
            "GB-months",
            capacity,
            gcp_query(side, SERVICE, FAMILY, f"Filestore Capacity {sku}"),
        )
    ]


GOOGLE_FILESTORE_INSTANCE = CostModel(
    "google_filestore_instance", google_filestore_instance, free_sub_types=("google_filestore_snapshot",)
)
