"""KMS keys and Secrets Manager secrets: a monthly fee each, plus API requests (usage).

https://aws.amazon.com/kms/pricing/, https://aws.amazon.com/secrets-manager/pricing/
"""

from __future__ import annotations

from costgate.model import CostComponent
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, UsageKey, aws_query, monthly, usage

KMS_MONTHLY_REQUESTS = UsageKey("monthly_requests", "requests", "API requests to the key per month")
SECRET_MONTHLY_REQUESTS = UsageKey("monthly_requests", "requests", "API requests for the secret per month")


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
            KMS_MONTHLY_REQUESTS,
            quantity=side.usage(KMS_MONTHLY_REQUESTS),
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
            SECRET_MONTHLY_REQUESTS,
            quantity=side.usage(SECRET_MONTHLY_REQUESTS),
        ),
    ]


AWS_KMS_KEY = CostModel(
    "aws_kms_key",
    aws_kms_key,
    usage_keys=(KMS_MONTHLY_REQUESTS,),
    free_sub_types=("aws_kms_alias", "aws_kms_grant", "aws_kms_key_policy"),
)
AWS_KMS_REPLICA_KEY = CostModel("aws_kms_replica_key", aws_kms_key, usage_keys=(KMS_MONTHLY_REQUESTS,))
AWS_KMS_EXTERNAL_KEY = CostModel("aws_kms_external_key", aws_kms_key, usage_keys=(KMS_MONTHLY_REQUESTS,))
AWS_SECRETSMANAGER_SECRET = CostModel(
    "aws_secretsmanager_secret",
    aws_secretsmanager_secret,
    usage_keys=(SECRET_MONTHLY_REQUESTS,),
    free_sub_types=(
        "aws_secretsmanager_secret_version",
        "aws_secretsmanager_secret_policy",
        "aws_secretsmanager_secret_rotation",
    ),
)
