"""Secret Manager, Cloud KMS and Artifact Registry: prices that do not depend on the region.

https://cloud.google.com/secret-manager/pricing: $0.06 a month per active secret version per
replica location, $0.03 per 10,000 access operations. https://cloud.google.com/kms/pricing:
$0.06 a month per active software key version, $0.03 per 10,000 operations.
https://cloud.google.com/artifact-registry/pricing: $0.10 per GB-month beyond the first 0.5 GB.
"""

from __future__ import annotations

from costgate.model import CostComponent, Unknown
from costgate.resources.base import CostModel, Side, UsageKey, gcp_query, monthly, not_priced, usage

MONTHLY_ACCESS_OPERATIONS = UsageKey("monthly_access_operations", "operations", "Secret accesses per month")
MONTHLY_KEY_OPERATIONS = UsageKey(
    "monthly_key_operations", "operations", "Cryptographic operations per month"
)
STORAGE_GB = UsageKey("storage_gb", "GB", "Artifacts stored")
FAMILY = "ApplicationServices"  # the SKUs' resource family in the Cloud Billing Catalog


def google_secret_manager_secret(side: Side) -> list[CostComponent]:
    price = gcp_query(side, "Secret Manager", FAMILY, "Secret access operations", region="global")
    return [
        usage(
            "Access operations",
            "operations",
            price,
            MONTHLY_ACCESS_OPERATIONS,
            side.usage(MONTHLY_ACCESS_OPERATIONS),
        )
    ]


def google_secret_manager_secret_version(side: Side) -> list[CostComponent]:
    if side.get("enabled") is False:
        return []
    locations: int | Unknown = 1  # automatic replication bills as one location
    for secret in side.referenced("secret", "google_secret_manager_secret"):
        replicas = secret.get("replication.0.user_managed.0.replicas")
        if isinstance(replicas, (list, Unknown)):
            locations = replicas if isinstance(replicas, Unknown) else max(1, len(replicas))
    price = gcp_query(side, "Secret Manager", FAMILY, "Secret version replica storage", region="global")
    return [monthly("Active secret version replicas", "version-months", locations, price)]


def google_kms_crypto_key(side: Side) -> list[CostComponent]:
    level = side.setting("version_template.0.protection_level", "SOFTWARE")
    purpose = side.setting("purpose", "ENCRYPT_DECRYPT")
    if level != "SOFTWARE" or purpose != "ENCRYPT_DECRYPT":
        return [not_priced("Key version", "months", f"{level} {purpose} key prices are not in the catalog")]
    service = "Cloud Key Management Service (KMS)"
    return [
        monthly(
            "Active key version",
            "months",
            1,
            gcp_query(side, service, FAMILY, "Active software symmetric key versions", region="global"),
        ),
        usage(
            "Operations",
            "operations",
            gcp_query(
                side,
                service,
                FAMILY,
                "Cryptographic operations with a software symmetric key",
                region="global",
            ),
            MONTHLY_KEY_OPERATIONS,
            side.usage(MONTHLY_KEY_OPERATIONS),
        ),
    ]


def google_artifact_registry_repository(side: Side) -> list[CostComponent]:
    price = gcp_query(side, "Artifact Registry", FAMILY, "Artifact Registry Storage", region="global")
    return [usage("Storage", "GB-months", price, STORAGE_GB, side.usage(STORAGE_GB))]


GOOGLE_SECRET_MANAGER_SECRET = CostModel(
    "google_secret_manager_secret",
    google_secret_manager_secret,
    usage_keys=(MONTHLY_ACCESS_OPERATIONS,),
)
GOOGLE_SECRET_MANAGER_SECRET_VERSION = CostModel(
    "google_secret_manager_secret_version",
    google_secret_manager_secret_version,
    follows=("google_secret_manager_secret",),
)
GOOGLE_KMS_CRYPTO_KEY = CostModel(
    "google_kms_crypto_key",
    google_kms_crypto_key,
    usage_keys=(MONTHLY_KEY_OPERATIONS,),
    free_sub_types=("google_kms_key_ring",),
)
GOOGLE_ARTIFACT_REGISTRY_REPOSITORY = CostModel(
    "google_artifact_registry_repository", google_artifact_registry_repository, usage_keys=(STORAGE_GB,)
)
