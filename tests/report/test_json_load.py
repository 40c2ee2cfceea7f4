"""Reports read back: a breakdown report becomes the same Estimate, a check report a CheckResult."""

import json
from decimal import Decimal

import pytest

from costgate.errors import CostgateError
from costgate.model import (
    Attribution,
    BudgetStatus,
    CheckResult,
    Finding,
    Verdict,
)
from costgate.report.json_load import is_report, load_report, report_from_dict
from costgate.report.json_report import check_dict as check_report_dict
from costgate.report.json_report import report_dict
from tests.helpers import FIXTURES, run_estimate


def example():
    return run_estimate(json.loads((FIXTURES / "plans" / "example.json").read_text()))


def without_time(report):
    return {k: v for k, v in report.items() if k != "generated_at"}


def test_breakdown_report_round_trips():
    estimate = example()
    report = report_dict(estimate)
    loaded = report_from_dict(json.loads(json.dumps(report)), "r.json")
    assert without_time(report_dict(loaded)) == without_time(report)
    assert loaded.monthly_delta == estimate.monthly_delta


def test_check_report_round_trips(tmp_path):
    estimate = example()
    result = CheckResult(
        estimate,
        (Finding("gp2-to-gp3", "warn", "aws_ebs_volume.x", "use gp3", Decimal("2.00"), "payments"),),
        (BudgetStatus("payments", Decimal(1000), Decimal(900), Decimal("33.36"), "warn", "93% of budget"),),
        Verdict("warning", "payments near budget"),
        Attribution(
            {"aws_instance.web": "payments"}, Decimal(20), Decimal("37.5"), ("aws_nat_gateway.main",)
        ),
    )
    path = tmp_path / "check.json"
    path.write_text(json.dumps(check_report_dict(result)))
    loaded = load_report(path)
    assert isinstance(loaded, CheckResult)
    assert loaded.findings == result.findings and loaded.budgets == result.budgets
    assert loaded.verdict == result.verdict and loaded.attribution == result.attribution
    assert loaded.budgets[0].projected == Decimal("933.36")


def test_is_report_tells_reports_from_plans():
    assert is_report(report_dict(example()))
    assert not is_report(json.loads((FIXTURES / "plans" / "example.json").read_text()))


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        (
            '{"version": "1", "currency": "EUR", "totals": {}, "resources": [], "warnings": []}',
            "not a costgate report: ",
        ),
        (
            (
                '{"version": "1", "currency": "USD", "totals": {"monthly_before": "0.00", "monthly_after": "0.00",'
                ' "monthly_delta": "0.00"}, "resources": [], "warnings": [], "findings": [{"severity": "warn"}]}'
            ),
            "not a costgate report: findings/0",
        ),
    ],
)
def test_bad_reports_are_one_line_errors(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(CostgateError, match=message):
        load_report(path)


def test_missing_report(tmp_path):
    with pytest.raises(CostgateError, match="no such file"):
        load_report(tmp_path / "absent.json")


def test_a_schema_error_that_quotes_the_report_is_one_short_line(tmp_path):
    # jsonschema-rs quotes the offending value: a warning that is an object holding a workflow
    # command and 5,000 characters must come out cut, on one line.
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "version": "1",
                "currency": "USD",
                "totals": {"monthly_before": "0.00", "monthly_after": "0.00", "monthly_delta": "0.00"},
                "resources": [],
                "warnings": [{"text": "fine\n::error::pwned " + "x" * 5000}],
            }
        )
    )
    with pytest.raises(CostgateError) as raised:
        load_report(path)
    message = raised.value.format_message()
    assert message.startswith(f"{path}: not a costgate report: warnings/0: ")
    assert "\n" not in message and "x" * 200 not in message
    assert len(message) <= len(str(path)) + len(": not a costgate report: warnings/0: ") + 160
