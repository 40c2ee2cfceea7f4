"""The terminal table as a CI log or a narrow Windows console sees it: COLUMNS, NO_COLOR, cp1252, hostile text."""

import json

from tests.e2e.expect import expect
from tests.helpers import FIXTURES, change, plan_document

EXAMPLE = str(FIXTURES / "plans" / "example.json")
CHECK = FIXTURES / "check"
NARROW = {"COLUMNS": "60", "NO_COLOR": "1", "PYTHONIOENCODING": "cp1252"}


def test_breakdown_fits_sixty_columns_in_cp1252_without_colour(costgate):
    run = expect(costgate("breakdown", EXAMPLE, env=NARROW), 0)
    lines = run.stdout.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert "─" not in run.stdout and "−" not in run.stdout and "\x1b[" not in run.stdout
    run.stdout.encode("cp1252")
    # deleting the io1 volume: 500 GB x $0.125 + 3,000 IOPS x $0.065 = $257.50, largest change first
    assert lines[2].split() == ["aws_ebs_volume.scratch", "$257.50", "$0.00", "-$257.50"]
    # the unchanged EKS 1.30 cluster is in extended support (730 h x $0.60 = $438.00) on both sides
    assert any(line.split() == ["Monthly", "total", "$812.85", "$846.21", "+$33.36"] for line in lines)
    assert run.stderr == ""


def test_check_wraps_the_verdict_instead_of_cutting_it(costgate):
    run = expect(
        costgate("check", "--config", str(CHECK / "costgate.yml"), str(CHECK / "plan.json"), env=NARROW), 1
    )
    assert max(len(line) for line in run.stdout.splitlines()) <= 60
    verdict = " ".join(run.stdout.split("Verdict: ")[1].split())
    assert verdict.startswith(
        "BLOCKED: 2 blocking issues: aws_db_instance.orders: instance_class db.m5.2xlarge"
    )
    assert verdict.endswith("is larger than xlarge, the maximum in dev")


def test_plan_text_cannot_inject_workflow_commands(costgate, workdir):
    entry = change("aws_instance", {"instance_type": "m5.large"}, name="web")
    entry["address"] = 'aws_instance.web["\n::error file=x::pwned\n::add-mask::hunter2"]'
    plain = change("aws_nat_gateway", {}, name="egress")
    plain["address"] = "aws_nat_gateway.egress\n##[error]legacy"
    (workdir / "plan.json").write_text(json.dumps(plan_document(entry, plain)))
    for env in (NARROW, {}):
        run = expect(costgate("breakdown", "plan.json", env=env), 0)
        for line in (run.stdout + run.stderr).splitlines():
            assert not line.lstrip().startswith(("::", "##["))
        assert "::error" not in run.stdout and "::add-mask::" not in run.stdout
        assert "pwned" in run.stdout  # shown, as inert text
