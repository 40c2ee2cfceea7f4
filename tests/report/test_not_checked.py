"""A breakdown report among the inputs of a check: shown as an estimate with a not_checked verdict."""

import json
from decimal import Decimal

import jsonschema
import pytest

from costgate.errors import CostgateError
from costgate.gate.check import exit_code, run_check
from costgate.gate.policies import policy_from_dict
from costgate.gate.reports import gated
from costgate.report.json_load import report_from_dict
from costgate.report.json_report import render_check_json, report_schema
from costgate.report.markdown import render_markdown
from costgate.report.table import render_check_table
from tests.gate_helpers import config, priced
from tests.helpers import change

REASON = "web/report.json is a breakdown report; make per-root reports with `costgate check --format json` to gate them"


def breakdown():
    # m5.large 730 h x $0.096 = $70.08 + 8 GB gp2 root x $0.10 = $0.80 -> $70.88
    return priced(change("aws_instance", {"instance_type": "m5.large"}))


def test_a_breakdown_report_alone_is_not_checked():
    result = gated([("web/report.json", breakdown())], config())
    assert (result.verdict.status, result.verdict.reason, result.findings, result.budgets) == (
        "not_checked",
        REASON,
        (),
        (),
    )
    assert result.estimate.monthly_delta == Decimal("70.88")


def test_not_checked_in_every_format():
    result = gated([("web/report.json", breakdown())], config())
    markdown = render_markdown(result)
    assert "**Verdict: ❔ not\\_checked**: web/report\\.json is a breakdown report" in markdown
    assert "Attribution:" not in markdown  # nothing was attributed, so no "0 % have an owner"
    table = render_check_table(result)
    assert f"Verdict: NOT_CHECKED: {REASON}" in table and "Ownership:" not in table
    document = json.loads(render_check_json(result))
    jsonschema.validate(document, report_schema())
    assert document["verdict"] == {"status": "not_checked", "reason": REASON, "approved": False}
    assert report_from_dict(document, "again.json").verdict.status == "not_checked"


def test_a_blocked_check_beside_a_breakdown_report_still_blocks():
    deny = policy_from_dict(
        {"id": "no.m5", "description": "d", "severity": "block", "kind": "sizing", "allowed": ["t3.*"]}
    )
    blocked = run_check(breakdown(), config(), policies=(deny,))
    result = gated([("", blocked), ("web/report.json", breakdown())], config())
    assert result.verdict == blocked.verdict and result.verdict.status == "blocked"
    assert [f.policy_id for f in result.findings] == ["no.m5"]


def test_a_passing_check_beside_a_breakdown_report_is_not_checked():
    passed = run_check(breakdown(), config(), policies=())
    result = gated([("", passed), ("web/report.json", breakdown())], config())
    assert result.verdict.status == "not_checked" and result.verdict.reason == REASON
    assert result.estimate.monthly_delta == Decimal("141.76")  # 2 x $70.88


@pytest.mark.parametrize(("fail_on", "code"), [("block", 0), ("warn", 1), ("never", 0)])
def test_comment_exit_code_treats_not_checked_like_a_warning(fail_on, code):
    assert exit_code(gated([("web/report.json", breakdown())], config()), fail_on) == code


def test_nothing_to_gate_is_a_user_error():
    with pytest.raises(CostgateError, match="nothing to check"):
        gated([], config())
