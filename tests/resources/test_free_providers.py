"""Providers that bill nothing themselves, and free sub-resources: free, not unsupported."""

import pytest

from costgate.resources.registry import cost_model, free_reason, is_free
from tests.helpers import change, plan_document, run_estimate

FREE_PROVIDERS = [
    ("kubernetes_deployment", "kubernetes"),
    ("kubernetes_namespace_v1", "kubernetes"),
    ("helm_release", "helm"),
    ("kubectl_manifest", "kubectl"),
    ("null_resource", "null"),
    ("random_password", "random"),
    ("tls_private_key", "tls"),
    ("local_file", "local"),
    ("time_sleep", "time"),
    ("archive_file", "archive"),
    ("http_request", "http"),
    ("external_thing", "external"),
    ("template_dir", "template"),
    ("terraform_data", "terraform"),
]
FREE_SUB_RESOURCES = [
    "google_storage_bucket_iam_member",
    "google_secret_manager_secret_iam_binding",
    "google_kms_crypto_key_iam_policy",
    "aws_iam_role_policies_exclusive",
    "google_compute_region_network_endpoint_group",
    "google_compute_global_network_endpoint_group",
    "google_service_networking_connection",
    "aws_wafv2_web_acl_association",
    "aws_wafv2_ip_set",
    "aws_budgets_budget",
    "google_billing_budget",
    "google_kms_key_ring",
]


@pytest.mark.parametrize(("resource_type", "provider"), FREE_PROVIDERS)
def test_free_providers_say_they_have_no_cloud_charge(resource_type, provider):
    result = run_estimate(plan_document(change(resource_type, {}, provider=provider)))
    (resource,) = result.resources
    assert (resource.status, resource.reason) == ("free", "no cloud charge of its own")


@pytest.mark.parametrize("resource_type", FREE_SUB_RESOURCES)
def test_free_sub_resources_are_free(resource_type):
    assert is_free(resource_type) and cost_model(resource_type) is None
    assert free_reason(resource_type) == ""


def test_lookalikes_stay_unsupported():
    # a prefix match only: a cloud type that merely contains "iam" or ends in "_budget" is not free
    assert not is_free("aws_transfer_server")
    assert not is_free("google_iam_workload_identity_pool_provider_x")
    (resource,) = run_estimate(plan_document(change("aws_transfer_server", {}))).resources
    assert (resource.status, resource.reason) == (
        "not_priced",
        "unsupported resource type aws_transfer_server",
    )
