"""Cost models for Google Cloud resources (provider `google` and `google-beta`)."""

from __future__ import annotations

from costgate.resources.base import CostModelFunction, UsageKey
from costgate.resources.google import cloud_run, storage_bucket
from costgate.resources.google.cloud_run import google_cloud_run_service, google_cloud_run_v2_service
from costgate.resources.google.storage_bucket import google_storage_bucket

MODELS: dict[str, CostModelFunction] = {
    "google_storage_bucket": google_storage_bucket,
    "google_cloud_run_service": google_cloud_run_service,
    "google_cloud_run_v2_service": google_cloud_run_v2_service,
}

USAGE_KEYS: dict[str, tuple[UsageKey, ...]] = {
    **storage_bucket.USAGE_KEYS,
    **cloud_run.USAGE_KEYS,
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
        "google_sql_database",
        "google_sql_user",
        "google_compute_project_metadata",
        "google_compute_project_metadata_item",
    }
)
