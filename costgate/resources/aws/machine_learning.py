"""SageMaker real-time endpoints (instance hours per production variant) and Bedrock
provisioned throughput. https://aws.amazon.com/sagemaker/pricing/, https://aws.amazon.com/bedrock/pricing/
"""

from __future__ import annotations

from costgate.model import CostComponent, Unknown
from costgate.resources.aws.common import usage_type
from costgate.resources.base import CostModel, Side, aws_query, hourly, not_priced, number, shown


def aws_sagemaker_endpoint_configuration(side: Side) -> list[CostComponent]:
    variants = side.get("production_variants") or []
    if isinstance(variants, Unknown):
        return [hourly("Instance usage", variants, variants)]
    components: list[CostComponent] = []
    for index, variant in enumerate(variants if isinstance(variants, list) else []):
        path = f"production_variants.{index}."
        if side.get(path + "serverless_config"):
            components.append(
                not_priced(
                    f"Serverless inference ({variant.get('variant_name') or index})",
                    "GB-seconds",
                    "serverless inference depends on usage and is not in the offline catalog",
                )
            )
            continue
        instance_type = side.get(path + "instance_type")
        count = number(side.get(path + "initial_instance_count"), 1)
        components.append(
            hourly(
                f"Instance usage ({shown(instance_type)}, real-time inference)",
                aws_query(
                    side,
                    "AmazonSageMaker",
                    "ML Instance",
                    usagetype=instance_type
                    if isinstance(instance_type, Unknown)
                    else usage_type(side.region, f"Host:{instance_type}"),
                ),
                count,
            )
        )
    return components


def aws_bedrock_provisioned_model_throughput(side: Side) -> list[CostComponent]:
    # Prices are per model unit and differ by model and commitment term; AWS lists many only on request.
    units = number(side.get("model_units"), 1)
    return [
        not_priced(
            f"Provisioned throughput ({shown(units)} model units)",
            "model unit-hours",
            "provisioned throughput prices depend on the model and commitment and are not in the offline catalog",
        )
    ]


AWS_SAGEMAKER_ENDPOINT_CONFIGURATION = CostModel(
    "aws_sagemaker_endpoint_configuration",
    aws_sagemaker_endpoint_configuration,
    free_sub_types=("aws_sagemaker_endpoint",),
)
AWS_BEDROCK_PROVISIONED_MODEL_THROUGHPUT = CostModel(
    "aws_bedrock_provisioned_model_throughput", aws_bedrock_provisioned_model_throughput
)
