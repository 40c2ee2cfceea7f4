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
    aurora,
    autoscaling,
    cloudfront,
    cloudwatch_alarm,
    cloudwatch_logs,
    docdb,
    dynamodb,
    ebs,
    ec2,
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
    networking,
    opensearch,
    rds,
    redshift,
    route53,
    s3,
    security,
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
)

# Providers whose resources never cost money: they create local values, keys, or wait.
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
)
_FREE_TYPES_ANY_PROVIDER = frozenset({"terraform_data", "null_resource"})


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
    return resource_type in FREE_TYPES or resource_type.startswith(_FREE_PROVIDER_PREFIXES)


def cost_model(resource_type: str) -> CostModel | None:
    return COST_MODELS.get(resource_type)
