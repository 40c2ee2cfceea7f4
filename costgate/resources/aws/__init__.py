"""Cost models for AWS resources."""

from __future__ import annotations

from costgate.resources.aws import ec2, elb, nat_gateway, networking, route53, security
from costgate.resources.aws.autoscaling import aws_autoscaling_group
from costgate.resources.aws.cloudwatch_alarm import aws_cloudwatch_metric_alarm
from costgate.resources.aws.ebs import aws_ebs_snapshot, aws_ebs_volume
from costgate.resources.aws.ec2 import aws_instance
from costgate.resources.aws.ecs import aws_ecs_service
from costgate.resources.aws.eks import aws_eks_cluster, aws_eks_node_group
from costgate.resources.aws.elb import aws_elb, aws_lb
from costgate.resources.aws.machine_learning import (
    aws_bedrock_provisioned_model_throughput,
    aws_sagemaker_endpoint_configuration,
)
from costgate.resources.aws.nat_gateway import aws_nat_gateway
from costgate.resources.aws.networking import (
    aws_ec2_transit_gateway_vpc_attachment,
    aws_eip,
    aws_vpc_endpoint,
    aws_vpn_connection,
)
from costgate.resources.aws.rds import aws_db_instance
from costgate.resources.aws.route53 import aws_route53_health_check, aws_route53_zone
from costgate.resources.aws.security import aws_kms_key, aws_secretsmanager_secret
from costgate.resources.base import CostModelFunction, UsageKey

MODELS: dict[str, CostModelFunction] = {
    "aws_instance": aws_instance,
    "aws_ebs_volume": aws_ebs_volume,
    "aws_ebs_snapshot": aws_ebs_snapshot,
    "aws_nat_gateway": aws_nat_gateway,
    "aws_db_instance": aws_db_instance,
    "aws_eip": aws_eip,
    "aws_lb": aws_lb,
    "aws_alb": aws_lb,
    "aws_elb": aws_elb,
    "aws_eks_cluster": aws_eks_cluster,
    "aws_eks_node_group": aws_eks_node_group,
    "aws_autoscaling_group": aws_autoscaling_group,
    "aws_ecs_service": aws_ecs_service,
    "aws_vpc_endpoint": aws_vpc_endpoint,
    "aws_vpn_connection": aws_vpn_connection,
    "aws_ec2_transit_gateway_vpc_attachment": aws_ec2_transit_gateway_vpc_attachment,
    "aws_route53_zone": aws_route53_zone,
    "aws_route53_health_check": aws_route53_health_check,
    "aws_kms_key": aws_kms_key,
    "aws_secretsmanager_secret": aws_secretsmanager_secret,
    "aws_cloudwatch_metric_alarm": aws_cloudwatch_metric_alarm,
    "aws_sagemaker_endpoint_configuration": aws_sagemaker_endpoint_configuration,
    "aws_bedrock_provisioned_model_throughput": aws_bedrock_provisioned_model_throughput,
}

# Usage-file keys each type reads, declared in the model's module next to its components.
USAGE_KEYS: dict[str, tuple[UsageKey, ...]] = {
    **nat_gateway.USAGE_KEYS,
    **ec2.USAGE_KEYS,
    **elb.USAGE_KEYS,
    **networking.USAGE_KEYS,
    **route53.USAGE_KEYS,
    **security.USAGE_KEYS,
}

# Types with no charge of their own (their cost, if any, is in the resources they configure).
FREE_TYPES: frozenset[str] = frozenset(
    {
        "aws_vpc",
        "aws_default_vpc",
        "aws_subnet",
        "aws_default_subnet",
        "aws_route_table",
        "aws_default_route_table",
        "aws_route",
        "aws_route_table_association",
        "aws_main_route_table_association",
        "aws_internet_gateway",
        "aws_egress_only_internet_gateway",
        "aws_security_group",
        "aws_default_security_group",
        "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule",
        "aws_vpc_security_group_egress_rule",
        "aws_network_acl",
        "aws_default_network_acl",
        "aws_network_acl_rule",
        "aws_network_interface",
        "aws_vpc_dhcp_options",
        "aws_vpc_dhcp_options_association",
        "aws_iam_role",
        "aws_iam_role_policy",
        "aws_iam_role_policy_attachment",
        "aws_iam_policy",
        "aws_iam_policy_attachment",
        "aws_iam_user",
        "aws_iam_user_policy",
        "aws_iam_user_policy_attachment",
        "aws_iam_group",
        "aws_iam_group_membership",
        "aws_iam_group_policy",
        "aws_iam_group_policy_attachment",
        "aws_iam_instance_profile",
        "aws_iam_openid_connect_provider",
        "aws_iam_saml_provider",
        "aws_iam_account_password_policy",
        "aws_iam_access_key",
        "aws_iam_service_linked_role",
        "aws_key_pair",
        "aws_launch_configuration",
        "aws_launch_template",
        "aws_placement_group",
        "aws_volume_attachment",
        "aws_eip_association",
        "aws_db_subnet_group",
        "aws_db_parameter_group",
        "aws_db_option_group",
        "aws_rds_cluster_parameter_group",
        "aws_elasticache_subnet_group",
        "aws_elasticache_parameter_group",
        "aws_lb_listener",
        "aws_alb_listener",
        "aws_lb_listener_rule",
        "aws_alb_listener_rule",
        "aws_lb_target_group",
        "aws_alb_target_group",
        "aws_lb_target_group_attachment",
        "aws_alb_target_group_attachment",
        "aws_autoscaling_policy",
        "aws_autoscaling_attachment",
        "aws_appautoscaling_target",
        "aws_appautoscaling_policy",
        "aws_s3_bucket_policy",
        "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_acl",
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_logging",
        "aws_s3_bucket_lifecycle_configuration",
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_ownership_controls",
        "aws_s3_bucket_cors_configuration",
        "aws_s3_bucket_website_configuration",
        "aws_s3_bucket_notification",
        "aws_s3_account_public_access_block",
        "aws_lambda_permission",
        "aws_lambda_event_source_mapping",
        "aws_cloudwatch_event_target",
        "aws_route53_record",
        "aws_ssm_parameter",
        "aws_ecs_task_definition",
        "aws_ecs_cluster",
        "aws_kms_alias",
        "aws_sns_topic_subscription",
        "aws_sns_topic_policy",
        "aws_sqs_queue_policy",
        "aws_ecr_lifecycle_policy",
        "aws_ecr_repository_policy",
        "aws_api_gateway_deployment",
        "aws_cloudwatch_log_stream",
        "aws_acm_certificate",
        "aws_acm_certificate_validation",
    }
)
