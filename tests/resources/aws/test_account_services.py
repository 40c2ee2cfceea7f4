"""Route 53, KMS, Secrets Manager, CloudWatch alarms, SageMaker endpoints, Bedrock."""

from decimal import Decimal

from tests.helpers import cents, component_costs, price_one


def test_route53_zone_and_queries_usage():
    zone = price_one("aws_route53_zone", {"name": "example.com"})
    # one zone among the account's first 25: $0.50; queries $0.40 per million depend on usage
    assert component_costs(zone) == {"Hosted zone": Decimal("0.50"), "Standard queries": None}
    assert zone.components[1].unit_price == Decimal("0.0000004")


def test_route53_health_checks_basic_and_with_features():
    basic = price_one("aws_route53_health_check", {"type": "HTTP", "request_interval": 30})
    # $0.50 per month for an AWS endpoint
    assert basic.monthly_after == Decimal("0.50")
    full = price_one(
        "aws_route53_health_check",
        {"type": "HTTPS_STR_MATCH", "request_interval": 10, "measure_latency": True},
    )
    # $0.50 + 4 optional features (HTTPS, string matching, fast interval, latency) x $1.00 = $4.50
    assert full.monthly_after == Decimal("4.50")


def test_kms_key_monthly_and_request_prices():
    key = price_one("aws_kms_key", {"customer_master_key_spec": "SYMMETRIC_DEFAULT"})
    # $1.00 per key-month; requests $0.03 per 10,000 (usage)
    assert component_costs(key) == {"Customer master key": Decimal("1.00"), "Requests": None}
    assert key.components[1].unit_price == Decimal("0.000003")
    asymmetric = price_one("aws_kms_key", {"customer_master_key_spec": "ECC_NIST_P256"}, region="eu-west-1")
    # $1.00; asymmetric requests $0.15 per 10,000
    assert asymmetric.monthly_after == Decimal("1.00")
    assert asymmetric.components[1].unit_price == Decimal("0.000015")


def test_secrets_manager_secret():
    secret = price_one("aws_secretsmanager_secret", {"name": "db"})
    # $0.40 per secret-month; API calls $0.05 per 10,000 (usage)
    assert component_costs(secret) == {"Secret": Decimal("0.40"), "API requests": None}
    assert cents(
        price_one("aws_secretsmanager_secret", {"name": "db"}, region="ap-southeast-1").monthly_after
    ) == Decimal("0.40")


def test_cloudwatch_alarms_standard_high_resolution_metric_math_anomaly():
    assert price_one("aws_cloudwatch_metric_alarm", {"period": 300}).monthly_after == Decimal(
        "0.10"
    )  # 1 x $0.10
    assert price_one("aws_cloudwatch_metric_alarm", {"period": 10}).monthly_after == Decimal(
        "0.30"
    )  # 1 x $0.30
    math = price_one(
        "aws_cloudwatch_metric_alarm",
        {
            "metric_query": [
                {"id": "a", "metric": [{"metric_name": "Errors", "period": 60}]},
                {"id": "b", "metric": [{"metric_name": "Requests", "period": 60}]},
                {"id": "rate", "expression": "a/b"},
            ]
        },
    )
    # 2 metrics x $0.10 = $0.20 (the expression is not a metric)
    assert math.monthly_after == Decimal("0.20")
    anomaly = price_one(
        "aws_cloudwatch_metric_alarm",
        {
            "threshold_metric_id": "band",
            "metric_query": [{"id": "m", "metric": [{"metric_name": "CPU", "period": 300}]}],
        },
    )
    # anomaly detection bills 3 metrics: 3 x $0.10 = $0.30
    assert anomaly.monthly_after == Decimal("0.30")


def test_sagemaker_endpoint_instance_hours():
    config = price_one(
        "aws_sagemaker_endpoint_configuration",
        {
            "production_variants": [
                {"variant_name": "a", "instance_type": "ml.m5.large", "initial_instance_count": 2},
                {"variant_name": "b", "instance_type": "ml.m5.xlarge", "initial_instance_count": 1},
            ]
        },
    )
    # 2 x 730 h x $0.115 = $167.90; 1 x 730 h x $0.23 = $167.90
    assert cents(config.monthly_after) == Decimal("335.80")
    serverless = price_one(
        "aws_sagemaker_endpoint_configuration",
        {
            "production_variants": [
                {
                    "variant_name": "s",
                    "serverless_config": [{"memory_size_in_mb": 2048, "max_concurrency": 5}],
                }
            ]
        },
    )
    assert serverless.status == "not_priced"


def test_bedrock_provisioned_throughput_not_priced_with_reason():
    throughput = price_one(
        "aws_bedrock_provisioned_model_throughput", {"model_units": 2, "model_arn": "arn:x"}
    )
    assert throughput.status == "not_priced"
    assert "depend on the model and commitment" in throughput.reason
    assert throughput.components[0].name == "Provisioned throughput (2 model units)"
