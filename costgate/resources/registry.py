"""Every priced resource type and every known-free type, in one place.

Each line names one type's CostModel (its function, usage keys, free sub-types, region
hook and the types it follows), declared next to its function in the service module.
Nothing is discovered by magic: this file lists every supported type. To add a type,
write its function and CostModel in a service module and add one line here.
"""

from __future__ import annotations

from collections.abc import Iterable

from costgate.plan.regions import RegionHook
from costgate.resources.aws import (
    api_gateway,
    aurora,
    autoscaling,
    cloudfront,
    cloudtrail,
    cloudwatch_alarm,
    cloudwatch_extras,
    cloudwatch_logs,
    codebuild,
    docdb,
    dynamodb,
    ebs,
    ec2,
    ec2_host,
    ecr,
    ecs,
    efs,
    eks,
    elasticache,
    elb,
    fsx,
    kinesis,
    lambda_function,
    machine_learning,
    messaging,
    mq,
    msk,
    nat_gateway,
    neptune,
    networking,
    opensearch,
    rds,
    redshift,
    route53,
    s3,
    security,
    wafv2,
    workflows,
)
from costgate.resources.aws import free as aws_free
from costgate.resources.base import CostModel, UsageKey
from costgate.resources.google import (
    bigtable,
    cloud_run,
    compute,
    disks,
    filestore,
    gke,
    memorystore,
    network,
    secrets_keys,
    spanner,
    sql,
    storage_bucket,
)
from costgate.resources.google import free as google_free

AWS: tuple[CostModel, ...] = (
    ec2.AWS_INSTANCE,
    ebs.AWS_EBS_VOLUME,
    ebs.AWS_EBS_SNAPSHOT,
    ebs.AWS_EBS_SNAPSHOT_COPY,
    nat_gateway.AWS_NAT_GATEWAY,
    rds.AWS_DB_INSTANCE,
    lambda_function.AWS_LAMBDA_FUNCTION,
    lambda_function.AWS_LAMBDA_PROVISIONED_CONCURRENCY_CONFIG,
    s3.AWS_S3_BUCKET,
    cloudwatch_logs.AWS_CLOUDWATCH_LOG_GROUP,
    messaging.AWS_SQS_QUEUE,
    messaging.AWS_SNS_TOPIC,
    ecr.AWS_ECR_REPOSITORY,
    cloudfront.AWS_CLOUDFRONT_DISTRIBUTION,
    aurora.AWS_RDS_CLUSTER,
    aurora.AWS_RDS_CLUSTER_INSTANCE,
    elasticache.AWS_ELASTICACHE_CLUSTER,
    elasticache.AWS_ELASTICACHE_REPLICATION_GROUP,
    dynamodb.AWS_DYNAMODB_TABLE,
    opensearch.AWS_ELASTICSEARCH_DOMAIN,
    opensearch.AWS_OPENSEARCH_DOMAIN,
    msk.AWS_MSK_CLUSTER,
    redshift.AWS_REDSHIFT_CLUSTER,
    kinesis.AWS_KINESIS_STREAM,
    mq.AWS_MQ_BROKER,
    docdb.AWS_DOCDB_CLUSTER,
    docdb.AWS_DOCDB_CLUSTER_INSTANCE,
    efs.AWS_EFS_FILE_SYSTEM,
    fsx.AWS_FSX_WINDOWS_FILE_SYSTEM,
    fsx.AWS_FSX_LUSTRE_FILE_SYSTEM,
    networking.AWS_EIP,
    elb.AWS_LB,
    elb.AWS_ALB,
    elb.AWS_ELB,
    eks.AWS_EKS_CLUSTER,
    eks.AWS_EKS_NODE_GROUP,
    autoscaling.AWS_AUTOSCALING_GROUP,
    ecs.AWS_ECS_SERVICE,
    networking.AWS_VPC_ENDPOINT,
    networking.AWS_VPN_CONNECTION,
    networking.AWS_EC2_TRANSIT_GATEWAY_VPC_ATTACHMENT,
    route53.AWS_ROUTE53_ZONE,
    route53.AWS_ROUTE53_HEALTH_CHECK,
    security.AWS_KMS_KEY,
    security.AWS_KMS_REPLICA_KEY,
    security.AWS_KMS_EXTERNAL_KEY,
    security.AWS_SECRETSMANAGER_SECRET,
    cloudwatch_alarm.AWS_CLOUDWATCH_METRIC_ALARM,
    machine_learning.AWS_SAGEMAKER_ENDPOINT_CONFIGURATION,
    machine_learning.AWS_BEDROCK_PROVISIONED_MODEL_THROUGHPUT,
    api_gateway.AWS_API_GATEWAY_REST_API,
    api_gateway.AWS_APIGATEWAYV2_API,
    api_gateway.AWS_API_GATEWAY_STAGE,
    wafv2.AWS_WAFV2_WEB_ACL,
    cloudwatch_extras.AWS_CLOUDWATCH_DASHBOARD,
    cloudwatch_extras.AWS_SYNTHETICS_CANARY,
    workflows.AWS_CLOUDFRONT_FUNCTION,
    workflows.AWS_SFN_STATE_MACHINE,
    codebuild.AWS_CODEBUILD_PROJECT,
    cloudtrail.AWS_CLOUDTRAIL,
    ec2_host.AWS_EC2_HOST,
    neptune.AWS_NEPTUNE_CLUSTER,
    neptune.AWS_NEPTUNE_CLUSTER_INSTANCE,
    neptune.AWS_NEPTUNE_CLUSTER_SNAPSHOT,
)

GOOGLE: tuple[CostModel, ...] = (
    compute.GOOGLE_COMPUTE_INSTANCE,
    compute.GOOGLE_COMPUTE_INSTANCE_GROUP_MANAGER,
    compute.GOOGLE_COMPUTE_REGION_INSTANCE_GROUP_MANAGER,
    disks.GOOGLE_COMPUTE_DISK,
    disks.GOOGLE_COMPUTE_REGION_DISK,
    disks.GOOGLE_COMPUTE_SNAPSHOT,
    disks.GOOGLE_COMPUTE_IMAGE,
    gke.GOOGLE_CONTAINER_CLUSTER,
    gke.GOOGLE_CONTAINER_NODE_POOL,
    network.GOOGLE_COMPUTE_ADDRESS,
    network.GOOGLE_COMPUTE_GLOBAL_ADDRESS,
    network.GOOGLE_COMPUTE_ROUTER_NAT,
    network.GOOGLE_COMPUTE_FORWARDING_RULE,
    network.GOOGLE_COMPUTE_GLOBAL_FORWARDING_RULE,
    network.GOOGLE_COMPUTE_VPN_TUNNEL,
    sql.GOOGLE_SQL_DATABASE_INSTANCE,
    memorystore.GOOGLE_REDIS_INSTANCE,
    memorystore.GOOGLE_MEMCACHE_INSTANCE,
    filestore.GOOGLE_FILESTORE_INSTANCE,
    spanner.GOOGLE_SPANNER_INSTANCE,
    bigtable.GOOGLE_BIGTABLE_INSTANCE,
    storage_bucket.GOOGLE_STORAGE_BUCKET,
    cloud_run.GOOGLE_CLOUD_RUN_SERVICE,
    cloud_run.GOOGLE_CLOUD_RUN_V2_SERVICE,
    secrets_keys.GOOGLE_SECRET_MANAGER_SECRET,
    secrets_keys.GOOGLE_SECRET_MANAGER_SECRET_VERSION,
    secrets_keys.GOOGLE_KMS_CRYPTO_KEY,
    secrets_keys.GOOGLE_ARTIFACT_REGISTRY_REPOSITORY,
)

# Providers that bill nothing themselves: they make local values, keys or files, wait, or
# configure a Kubernetes cluster whose nodes are priced where they are declared.
_FREE_PROVIDER_PREFIXES = (
    "random_",
    "null_",
    "time_",
    "tls_",
    "local_",
    "template_",
    "archive_",
    "external_",
    "http_",
    "kubernetes_",
    "helm_",
    "kubectl_",
)
_FREE_TYPES_ANY_PROVIDER = frozenset({"terraform_data", "null_resource"})
FREE_PROVIDER_REASON = "no cloud charge of its own"


def _by_type(models: Iterable[CostModel]) -> dict[str, CostModel]:
    found: dict[str, CostModel] = {}
    for model in models:
        if model.resource_type in found:
            raise ValueError(f"{model.resource_type} is registered twice")
        found[model.resource_type] = model
    return found


COST_MODELS: dict[str, CostModel] = _by_type((*AWS, *GOOGLE))
USAGE_KEYS: dict[str, tuple[UsageKey, ...]] = {
    resource_type: model.usage_keys for resource_type, model in COST_MODELS.items() if model.usage_keys
}
REGION_HOOKS: dict[str, RegionHook] = {
    resource_type: model.region for resource_type, model in COST_MODELS.items() if model.region is not None
}
FREE_SUB_TYPES: frozenset[str] = frozenset(
    sub_type for model in COST_MODELS.values() for sub_type in model.free_sub_types
)
FREE_TYPES: frozenset[str] = (
    aws_free.FREE_TYPES | google_free.FREE_TYPES | FREE_SUB_TYPES | _FREE_TYPES_ANY_PROVIDER
)


def is_free(resource_type: str) -> bool:
    return (
        resource_type in FREE_TYPES
        or resource_type.startswith((*_FREE_PROVIDER_PREFIXES, *aws_free.FREE_PREFIXES))
        or resource_type.endswith(google_free.FREE_SUFFIXES)
    )


def free_reason(resource_type: str) -> str:
    """Why a free type costs nothing, where the report says it (the resources of free providers)."""
    if resource_type in _FREE_TYPES_ANY_PROVIDER or resource_type.startswith(_FREE_PROVIDER_PREFIXES):
        return FREE_PROVIDER_REASON
    return ""


def cost_model(resource_type: str) -> CostModel | None:
    return COST_MODELS.get(resource_type)
