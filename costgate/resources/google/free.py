"""Google Cloud resource types with no charge of their own that belong to no single priced type.

Sub-resources of a priced type (a bucket's IAM binding, a database's users) are declared
in that type's CostModel (`free_sub_types`) instead; the registry joins both.
"""

from __future__ import annotations

# IAM bindings on any resource (google_storage_bucket_iam_member, ...) cost nothing.
FREE_SUFFIXES = ("_iam_binding", "_iam_member", "_iam_policy", "_iam_audit_config")

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
        "google_service_account_iam_binding",
        "google_service_account_iam_member",
        "google_compute_project_metadata",
        "google_compute_project_metadata_item",
        "google_compute_resource_policy",
        "google_compute_instance_group",  # an unmanaged group of existing instances
        "google_compute_health_check",
        "google_compute_region_health_check",
        "google_compute_http_health_check",
        "google_compute_https_health_check",
        "google_compute_backend_service",
        "google_compute_region_backend_service",
        "google_compute_url_map",
        "google_compute_target_http_proxy",
        "google_compute_target_https_proxy",
        "google_compute_target_tcp_proxy",
        "google_compute_target_pool",
        "google_compute_ssl_certificate",
        "google_compute_managed_ssl_certificate",
        "google_compute_ssl_policy",
        "google_compute_router_interface",
        "google_compute_router_peer",
        "google_compute_shared_vpc_host_project",
        "google_compute_shared_vpc_service_project",
        "google_compute_network_endpoint_group",
        "google_compute_subnetwork_iam_binding",
        "google_compute_subnetwork_iam_member",
        "google_project_iam_custom_role",
        "google_project_iam_audit_config",
        "google_organization_iam_custom_role",
        "google_service_account_iam_policy",
        "google_project_default_service_accounts",
        "google_project_organization_policy",
        "google_folder_organization_policy",
        "google_org_policy_policy",
        "google_compute_region_network_endpoint_group",
        "google_compute_global_network_endpoint_group",
        "google_compute_network_endpoint",
        "google_compute_global_network_endpoint",
        "google_service_networking_connection",
        "google_billing_budget",
    }
)
