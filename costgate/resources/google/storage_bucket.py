"""google_storage_bucket: storage by class and location, and operations, from usage.

https://cloud.google.com/storage/pricing. The bucket's location is its price region
(US-CENTRAL1 -> us-central1, US -> the US multi-region); key names follow Infracost's.
"""

from __future__ import annotations

from costgate.model import CostComponent, Unknown
from costgate.resources.base import CostModel, Side, UsageKey, gcp_query, usage

STORAGE_GB = UsageKey("storage_gb", "GB", "Average GB stored over the month")
MONTHLY_CLASS_A_OPERATIONS = UsageKey(
    "monthly_class_a_operations",
    "operations",
    "Class A operations (writes, lists) per month",
)
MONTHLY_CLASS_B_OPERATIONS = UsageKey(
    "monthly_class_b_operations",
    "operations",
    "Class B operations (reads) per month",
)

CLASS_NAMES = {"STANDARD": "Standard", "NEARLINE": "Nearline", "COLDLINE": "Coldline", "ARCHIVE": "Archive"}


def google_storage_bucket(side: Side) -> list[CostComponent]:
    location = side.get("location")
    storage_class = side.setting("storage_class", "STANDARD")
    region = location.lower() if isinstance(location, str) else None
    label = (
        CLASS_NAMES.get(storage_class, str(storage_class)) if isinstance(storage_class, str) else "unknown"
    )

    def storage_query(description: str):
        missing = next((v for v in (location, storage_class) if isinstance(v, Unknown)), None)
        if missing is not None:
            return missing
        if region is None:
            return Unknown("location", "the bucket has no location")
        return gcp_query(side, "Cloud Storage", "Storage", description, region=region)

    return [
        usage(
            f"Storage ({label}, {location if isinstance(location, str) else 'unknown location'})",
            "GB-months",
            storage_query(f"{label} Storage"),
            STORAGE_GB,
            quantity=side.usage(STORAGE_GB),
        ),
        usage(
            f"Class A operations ({label})",
            "operations",
            storage_query(f"{label} Class A Operations"),
            MONTHLY_CLASS_A_OPERATIONS,
            quantity=side.usage(MONTHLY_CLASS_A_OPERATIONS),
        ),
        usage(
            f"Class B operations ({label})",
            "operations",
            storage_query(f"{label} Class B Operations"),
            MONTHLY_CLASS_B_OPERATIONS,
            quantity=side.usage(MONTHLY_CLASS_B_OPERATIONS),
        ),
    ]


GOOGLE_STORAGE_BUCKET = CostModel(
    "google_storage_bucket",
    google_storage_bucket,
    usage_keys=(STORAGE_GB, MONTHLY_CLASS_A_OPERATIONS, MONTHLY_CLASS_B_OPERATIONS),
    free_sub_types=("google_storage_bucket_iam_binding", "google_storage_bucket_iam_member"),
)
