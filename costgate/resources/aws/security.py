"""KMS keys and Secrets Manager secrets: a monthly fee each, plus API requests (usage).

https://aws.amazon.com/kms/pricing/, https://aws.amazon.com/secrets-manager/pricing/
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import Side, UsageKey, aws_query, monthly, usage


def aws_kms_key(side: Side) -> list[CostComponent]:
    spec = str(side.setting("customer_master_key_spec", "SYMMETRIC_DEFAULT"))
    # Symmetric and RSA 2048 requests share the cheaper request price; other asymmetric keys cost more.
    request_kind = (
        "KMS-Requests"
        if spec in ("SYMMETRIC_DEFAULT", "RSA_2048") or spec.startswith("HMAC")
        else "KMS-Requests-Asymmetric"
    )
    return [
        monthly(
            "Customer master key",
            "months",
            1,
            aws_query(side, "awskms", "Encryption Key", usagetype=usage_type(side.region, "KMS-Keys")),
        ),
        usage(
            "Requests",
            "requests",
            aws_query(side, "awskms", "API Request", usagetype=usage_type(side.region, request_kind)),
            usage_key="monthly_requests",
            quantity=side.usage("monthly_requests"),
        ),
    ]


def aws_secretsmanager_secret(side: Side) -> list[CostComponent]:
    return [
        monthly(
            "Secret",
            "months",
            1,
            aws_query(
                side,
                "AWSSecretsManager",
                "Secret",
                usagetype=usage_type(side.region, "AWSSecretsManager-Secrets"),
            ),
        ),
        usage(
            "API requests",
            "requests",
            aws_query(
                side,
                "AWSSecretsManager",
                "API Request",
                usagetype=usage_type(side.region, "AWSSecretsManager-APIRequest"),
            ),
            usage_key="monthly_requests",
            quantity=side.usage("monthly_requests"),
        ),
    ]


USAGE_KEYS = {
    "aws_kms_key": (UsageKey("monthly_requests", "requests", "API requests to the key per month"),),
    "aws_secretsmanager_secret": (
        UsageKey("monthly_requests", "requests", "API requests for the secret per month"),
    ),
}
