"""DynamoDB: provisioned capacity, on-demand and storage by usage, autoscaling ranges."""

from decimal import Decimal

from tests.helpers import cents, change, component_costs, plan_document, price_one, run_estimate


def test_provisioned_capacity_and_indexes():
    table = price_one(
        "aws_dynamodb_table",
        {
            "name": "orders",
            "billing_mode": "PROVISIONED",
            "read_capacity": 100,
            "write_capacity": 50,
            "global_secondary_index": [{"name": "by_user", "read_capacity": 20, "write_capacity": 10}],
        },
    )
    costs = component_costs(table)
    # writes: 50 x 730 h x $0.00065 = $23.725; reads: 100 x 730 x $0.00013 = $9.49
    assert costs["Write capacity units (provisioned)"] == Decimal("23.72500")
    assert costs["Read capacity units (provisioned)"] == Decimal("9.49000")
    # GSI: 10 x 730 x $0.00065 = $4.745; 20 x 730 x $0.00013 = $1.898; total $39.858
    assert cents(table.monthly_after) == Decimal("39.86")
    assert costs["Data storage"] is None  # $0.25/GB-month, depends on usage


def test_provisioned_in_eu_west_1():
    table = price_one(
        "aws_dynamodb_table", {"name": "t", "read_capacity": 10, "write_capacity": 10}, region="eu-west-1"
    )
    # 10 x 730 x $0.000735 = $5.3655; 10 x 730 x $0.000147 = $1.0731; total $6.4386
    assert cents(table.monthly_after) == Decimal("6.44")


def test_pay_per_request_is_usage_based():
    table = price_one("aws_dynamodb_table", {"name": "t", "billing_mode": "PAY_PER_REQUEST"})
    assert cents(table.monthly_after) == Decimal("0.00")
    assert [(c.name, c.unit_price, c.usage_based) for c in table.components] == [
        ("Write request units (on-demand)", Decimal("0.000000625"), True),
        ("Read request units (on-demand)", Decimal("0.000000125"), True),
        ("Data storage", Decimal("0.25"), True),
    ]


def test_autoscaling_target_gives_a_range():
    table = change(
        "aws_dynamodb_table", {"name": "orders", "read_capacity": 5, "write_capacity": 10}, name="orders"
    )
    target = change(
        "aws_appautoscaling_target",
        {
            "service_namespace": "dynamodb",
            "resource_id": "table/orders",
            "scalable_dimension": "dynamodb:table:WriteCapacityUnits",
            "min_capacity": 10,
            "max_capacity": 100,
        },
        name="writes",
    )
    result = run_estimate(plan_document(table, target))
    (priced,) = [r for r in result.resources if r.type == "aws_dynamodb_table"]
    # writes 10 x 730 x $0.00065 = $4.745; reads 5 x 730 x $0.00013 = $0.4745; total $5.2195
    assert cents(priced.monthly_after) == Decimal("5.22")
    # at max 100 WCU: 100 x 730 x $0.00065 = $47.45 + $0.4745 = $47.9245
    assert cents(priced.monthly_at_maximum) == Decimal("47.92")
    assert (priced.capacity.attribute, priced.capacity.minimum, priced.capacity.maximum) == (
        "write_capacity",
        10,
        100,
    )
