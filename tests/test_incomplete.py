"""A resource whose main component has no price is incomplete: its figure is a lower bound, never a full one."""

from decimal import Decimal

from costgate.model import PRICED
from costgate.report.json_report import report_dict
from tests.helpers import cents, change, plan_document, price_one, run_estimate


def test_instance_without_a_price_for_its_type_is_incomplete():
    # x9.nothing has no price anywhere; the default 8 GB gp2 root volume does: 8 GB x $0.10 = $0.80.
    resource = price_one("aws_instance", {"instance_type": "x9.nothing", "ami": "ami-1"})
    assert resource.status == PRICED
    assert resource.incomplete is True
    assert cents(resource.monthly_after) == Decimal("0.80")
    assert resource.reason.startswith("incomplete: ")
    assert "x9.nothing" in resource.reason


def test_fully_priced_and_usage_based_components_are_complete():
    # t3.micro: 730 h x $0.0104 = $7.592; root 8 GB gp2 x $0.10 = $0.80; total $8.392 (CPU credits are usage-based).
    resource = price_one("aws_instance", {"instance_type": "t3.micro", "ami": "ami-1"})
    assert resource.incomplete is False
    assert cents(resource.monthly_after) == Decimal("8.39")
    # A Lambda function's requests and duration depend on usage: complete, not incomplete.
    function = price_one("aws_lambda_function", {"function_name": "f", "memory_size": 128})
    assert function.incomplete is False


def test_report_counts_incomplete_resources():
    estimate = run_estimate(
        plan_document(
            change("aws_instance", {"instance_type": "x9.nothing", "ami": "ami-1"}, name="a"),
            change("aws_instance", {"instance_type": "t3.micro", "ami": "ami-1"}, name="b"),
        )
    )
    report = report_dict(estimate)
    assert report["summary"]["incomplete"] == 1
    assert [r["incomplete"] for r in report["resources"]] == [True, False]
