"""Cost models for Google Cloud resources (provider `google` and `google-beta`)."""

from __future__ import annotations

from costgate.resources.base import CostModelFunction, UsageKey
from costgate.resources.google import bigtable, filestore, memorystore, spanner, sql

MODELS: dict[str, CostModelFunction] = {
    "google_sql_database_instance": sql.google_sql_database_instance,
    "google_redis_instance": memorystore.google_redis_instance,
    "google_memcache_instance": memorystore.google_memcache_instance,
    "google_filestore_instance": filestore.google_filestore_instance,
    "google_spanner_instance": spanner.google_spanner_instance,
    "google_bigtable_instance": bigtable.google_bigtable_instance,
}

USAGE_KEYS: dict[str, tuple[UsageKey, ...]] = {
    **sql.USAGE_KEYS,
    **spanner.USAGE_KEYS,
    **bigtable.USAGE_KEYS,
}

FREE_TYPES: frozenset[str] = frozenset(
    {
        "google_compute_network",
        "google_compute_subnetwork",
        "google_compute_firewall",
        "google_compute_route",
        "google_compute_router",
        "google_compute_network_peering",
        "google_project",
        "google_project_service",
        "google_folder",
        "google_service_account",
        "google_service_account_key",
        "google_project_iam_binding",
        "google_project_iam_member",
        "google_project_iam_policy",
        "google_folder_iam_binding",
        "google_folder_iam_member",
        "google_folder_iam_policy",
        "google_organization_iam_binding",
        "google_organization_iam_member",
        "google_organization_iam_policy",
        "google_storage_bucket_iam_binding",
        "google_storage_bucket_iam_member",
        "google_service_account_iam_binding",
        "google_service_account_iam_member",
        "google_spanner_database",
        "google_spanner_database_iam_binding",
        "google_spanner_database_iam_member",
        "google_spanner_instance_iam_binding",
        "google_spanner_instance_iam_member",
        "google_sql_database",
        "google_sql_user",
        "google_sql_ssl_cert",
        "google_bigtable_table",
        "google_bigtable_gc_policy",
        "google_bigtable_app_profile",
        "google_bigtable_instance_iam_binding",
        "google_bigtable_instance_iam_member",
        "google_filestore_snapshot",
        "google_compute_project_metadata",
        "google_compute_project_metadata_item",
    }
)
