"""Exact figures for AWS components priced from usage estimates (the usage file)."""

from decimal import Decimal

from tests.helpers import cents, component_costs, price_one, price_with_usage


def test_lambda_requests_and_gb_seconds():
    function = price_with_usage(
        "aws_lambda_function",
        {"memory_size": 1024},
        {"monthly_requests": 10_000_000, "request_duration_ms": 100},
    )
    # 10M x $0.0000002 = $2.00; 10M x 0.1 s x 1 GB = 1,000,000 GB-s x $0.0000166667 = $16.6667
    assert component_costs(function) == {
        "Requests": Decimal("2.0000000"),
        "Duration (x86_64)": Decimal("16.66670000"),
    }
    assert all(c.from_usage for c in function.components)
    assert cents(function.monthly_after) == Decimal("18.67")


def test_lambda_gb_seconds_across_two_tiers():
    function = price_with_usage(
        "aws_lambda_function",
        {"memory_size": 10240},
        {"monthly_requests": 1_000_000_000, "request_duration_ms": 1000},
    )
    # 1e9 x 1 s x 10 GB = 10e9 GB-s: 6e9 x $0.0000166667 = $100,000.20 + 4e9 x $0.000015 = $60,000.00
    assert component_costs(function)["Duration (x86_64)"] == Decimal("160000.2000000000")
    # not the first tier's rate for all of it (10e9 x $0.0000166667 = $166,667.00)
    assert cents(function.monthly_after) == Decimal("160200.20")


def test_lambda_arm64_and_default_memory_without_duration():
    function = price_with_usage(
        "aws_lambda_function",
        {"memory_size": 512, "architectures": ["arm64"]},
        {"monthly_requests": 2_000_000, "request_duration_ms": 200},
    )
    # 2M x 0.2 s x 0.5 GB = 200,000 GB-s x $0.0000133334 = $2.66668; 2M x $0.0000002 = $0.40
    assert cents(function.monthly_after) == Decimal("3.07")
    no_usage = price_one("aws_lambda_function", {"memory_size": 128})
    assert no_usage.status == "usage_based"
    assert [c.unit_price for c in no_usage.components] == [Decimal("0.0000002"), Decimal("0.0000166667")]


def test_s3_standard_storage_across_two_tiers_and_requests():
    bucket = price_with_usage(
        "aws_s3_bucket",
        {"bucket": "assets"},
        {
            "standard.storage_gb": 60000,
            "standard.monthly_tier_1_requests": 1_000_000,
            "standard.monthly_tier_2_requests": 10_000_000,
        },
    )
    # 51,200 GB x $0.023 = $1,177.60 + 8,800 GB x $0.022 = $193.60 -> $1,371.20
    # 1M PUT x $0.000005 = $5.00; 10M GET x $0.0000004 = $4.00
    assert [cents(c.monthly_cost) for c in bucket.components] == [
        Decimal("1371.20"),
        Decimal("5.00"),
        Decimal("4.00"),
    ]
    assert cents(bucket.monthly_after) == Decimal("1380.20")


def test_cloudwatch_log_group_ingestion_storage_and_scans():
    group = price_with_usage(
        "aws_cloudwatch_log_group",
        {"name": "app"},
        {"monthly_data_ingested_gb": 100, "storage_gb": 1000, "monthly_data_scanned_gb": 200},
    )
    # 100 GB x $0.50 = $50.00; 1,000 GB x $0.03 = $30.00; 200 GB x $0.005 = $1.00
    assert [cents(c.monthly_cost) for c in group.components] == [
        Decimal("50.00"),
        Decimal("30.00"),
        Decimal("1.00"),
    ]


def test_sqs_counts_64kb_chunks_and_fifo():
    queue = price_with_usage(
        "aws_sqs_queue", {"fifo_queue": False}, {"monthly_requests": 10_000_000, "request_size_kb": 100}
    )
    # 100 KB = 2 chunks of 64 KB: 20M requests x $0.0000004 = $8.00
    assert cents(queue.monthly_after) == Decimal("8.00")
    fifo = price_with_usage("aws_sqs_queue", {"fifo_queue": True}, {"monthly_requests": 1_000_000})
    # 1M x $0.0000005 = $0.50
    assert cents(fifo.monthly_after) == Decimal("0.50")


def test_sns_topic_publishes():
    topic = price_with_usage("aws_sns_topic", {"name": "events"}, {"monthly_requests": 3_000_000})
    # 3M x $0.0000005 = $1.50
    assert component_costs(topic) == {"API requests (publishes)": Decimal("1.5000000")}


def test_ecr_repository_storage():
    repository = price_with_usage(
        "aws_ecr_repository", {"name": "api"}, {"storage_gb": 50}, region="eu-west-1"
    )
    # 50 GB x $0.10 = $5.00
    assert cents(repository.monthly_after) == Decimal("5.00")


def test_cloudfront_data_transfer_across_two_tiers_and_requests():
    distribution = price_with_usage(
        "aws_cloudfront_distribution",
        {"enabled": True},
        {"monthly_data_transfer_to_internet_gb.us": 20000, "monthly_https_requests.us": 10_000_000},
    )
    # 10,240 GB x $0.085 = $870.40 + 9,760 GB x $0.080 = $780.80 -> $1,651.20; 10M HTTPS x $0.000001 = $10.00
    costs = component_costs(distribution)
    assert cents(costs["Data transfer out to internet (US, Mexico, Canada)"]) == Decimal("1651.20")
    assert cents(costs["HTTPS requests (US, Mexico, Canada)"]) == Decimal("10.00")
    assert costs["HTTP requests (US, Mexico, Canada)"] is None  # no estimate: listed with its unit price
    assert cents(distribution.monthly_after) == Decimal("1661.20")


def test_nat_gateway_data_processed_counts():
    nat = price_with_usage("aws_nat_gateway", {}, {"monthly_data_processed_gb": 500})
    # 730 h x $0.045 = $32.85; 500 GB x $0.045 = $22.50
    assert component_costs(nat)["Data processed"] == Decimal("22.500")
    assert cents(nat.monthly_after) == Decimal("55.35")


def test_lambda_provisioned_concurrency_uses_the_functions_memory():
    from tests.helpers import change, plan_document, run_estimate

    configuration = {
        "provider_config": {
            "aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}
        },
        "root_module": {
            "resources": [
                {
                    "address": "aws_lambda_provisioned_concurrency_config.warm",
                    "expressions": {
                        "function_name": {
                            "references": ["aws_lambda_function.api.function_name", "aws_lambda_function.api"]
                        }
                    },
                }
            ]
        },
    }
    result = run_estimate(
        plan_document(
            change("aws_lambda_function", {"memory_size": 1024}, name="api"),
            change(
                "aws_lambda_provisioned_concurrency_config",
                {"provisioned_concurrent_executions": 10},
                name="warm",
            ),
            configuration=configuration,
        )
    )
    warm = next(r for r in result.resources if r.type == "aws_lambda_provisioned_concurrency_config")
    # 10 x 1 GB x 730 h x 3,600 s = 26,280,000 GB-s x $0.0000041667 = $109.500876
    assert cents(warm.monthly_after) == Decimal("109.50")
    assert warm.components[0].name == "Provisioned concurrency (10 x 1024 MB)"
    alone = price_one("aws_lambda_provisioned_concurrency_config", {"provisioned_concurrent_executions": 2})
    assert alone.status == "not_priced" and "not in this plan" in alone.reason
