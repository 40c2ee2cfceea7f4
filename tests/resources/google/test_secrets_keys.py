"""GCP Secret Manager, Cloud KMS and Artifact Registry (issue 14)."""

from decimal import Decimal

from tests.helpers import cents, change, plan_document, price_one, price_with_usage, run_estimate


def ref(*names):
    return {"references": list(names)}


def test_secret_version_replicas_and_access_operations():
    document = plan_document(
        change(
            "google_secret_manager_secret",
            {
                "secret_id": "db",
                "replication": [
                    {"user_managed": [{"replicas": [{"location": "us-east1"}, {"location": "europe-west1"}]}]}
                ],
            },
            name="db",
        ),
        change("google_secret_manager_secret_version", {"secret_data": "x", "enabled": True}, name="v1"),
        region="us-central1",
        provider="google",
        configuration={
            "root_module": {
                "resources": [
                    {
                        "address": "google_secret_manager_secret.db",
                        "type": "google_secret_manager_secret",
                        "name": "db",
                        "expressions": {},
                    },
                    {
                        "address": "google_secret_manager_secret_version.v1",
                        "type": "google_secret_manager_secret_version",
                        "name": "v1",
                        "expressions": {
                            "secret": ref(
                                "google_secret_manager_secret.db.id", "google_secret_manager_secret.db"
                            )
                        },
                    },
                ]
            }
        },
    )
    resources = {r.address: r for r in run_estimate(document, default_region="us-central1").resources}
    # two replica locations x $0.06 = $0.12
    assert cents(resources["google_secret_manager_secret_version.v1"].monthly_after) == Decimal("0.12")
    assert resources["google_secret_manager_secret.db"].status == "usage_based"
    secret = price_with_usage(
        "google_secret_manager_secret",
        {"secret_id": "s"},
        {"monthly_access_operations": 100000},
        region="us-central1",
    )
    # 100,000 x $0.03 / 10,000 = $0.30
    assert cents(secret.monthly_after) == Decimal("0.30")


def test_automatic_replication_is_one_location():
    version = price_one("google_secret_manager_secret_version", {"secret_data": "x"}, region="us-central1")
    # $0.06 per active version
    assert cents(version.monthly_after) == Decimal("0.06")


def test_kms_software_key_and_operations():
    key = price_with_usage(
        "google_kms_crypto_key",
        {"purpose": "ENCRYPT_DECRYPT"},
        {"monthly_key_operations": 1000000},
        region="us-central1",
    )
    # $0.06 the active key version + 1,000,000 x $0.03 / 10,000 = $3.00
    assert cents(key.monthly_after) == Decimal("3.06")
    hsm = price_one(
        "google_kms_crypto_key", {"version_template": [{"protection_level": "HSM"}]}, region="us-central1"
    )
    assert hsm.reason == "Key version: HSM ENCRYPT_DECRYPT key prices are not in the catalog"


def test_artifact_registry_storage_beyond_the_free_half_gigabyte():
    repository = price_with_usage(
        "google_artifact_registry_repository",
        {"format": "DOCKER"},
        {"storage_gb": 50.5},
        region="us-central1",
    )
    # (50.5 - 0.5 free) GB x $0.10 = $5.00
    assert cents(repository.monthly_after) == Decimal("5.00")
