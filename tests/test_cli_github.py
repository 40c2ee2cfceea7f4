"""costgate comment github without a server: dry run, reports as input, outputs, exit codes."""

import json
from decimal import Decimal

from click.testing import CliRunner

from costgate.cli import cli
from costgate.gate.check import exit_code
from costgate.model import Attribution, CheckResult, Estimate, Finding, Verdict
from costgate.report.json_report import check_dict as check_report_dict
from costgate.report.json_report import report_dict
from tests.helpers import change, plan_document, run_estimate


def write_plan(tmp_path, name, instance_type):
    path = tmp_path / name
    path.write_text(json.dumps(plan_document(change("aws_instance", {"instance_type": instance_type}))))
    return str(path)


def test_dry_run_mixes_plans_and_reports_and_writes_outputs(tmp_path):
    plan = write_plan(tmp_path, "api.json", "m5.large")
    report = tmp_path / "web" / "report.json"
    report.parent.mkdir()
    report.write_text(
        json.dumps(
            report_dict(run_estimate(plan_document(change("aws_instance", {"instance_type": "m5.xlarge"}))))
        )
    )
    env = {
        "GITHUB_OUTPUT": str(tmp_path / "out.txt"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "sum.md"),
        "GITHUB_REPOSITORY": "o/r",
    }
    out = tmp_path / "check.json"
    run = CliRunner().invoke(
        cli,
        ["comment", "github", plan, str(report), "--pr", "1", "--dry-run", "--report-out", str(out)],
        env=env,
    )
    assert run.exit_code == 0, run.output
    # $70.88 (m5.large) + $140.96 (m5.xlarge) = $211.84
    assert "**Monthly cost change: +$211.84**" in run.output
    assert "| api | $0.00 | $70.88 | +$70.88 |" in run.output
    # one resources table, largest change first, names each resource's project
    assert run.output.index("| create | $0.00 | $140.96 | +$140.96 |") < run.output.index(
        "| aws\\_instance\\.this | api | create | $0.00 | $70.88 | +$70.88 |"
    )
    # the breakdown report cannot be gated, so the whole is not_checked, never a pass
    assert (
        tmp_path / "out.txt"
    ).read_text() == f"monthly_delta=211.84\nverdict=not_checked\nreport_path={out}\n"
    assert json.loads(out.read_text())["verdict"]["status"] == "not_checked"


def test_a_check_report_keeps_its_findings_and_blocks(tmp_path):
    estimate = run_estimate(plan_document(change("aws_instance", {"instance_type": "m5.large"})))
    blocked = CheckResult(
        estimate,
        (Finding("no-large", "block", "aws_instance.this", "use t3.small"),),
        (),
        Verdict("blocked", "a blocking finding"),
        Attribution({}, Decimal(0), Decimal(0), ()),
    )
    report = tmp_path / "check.json"
    report.write_text(json.dumps(check_report_dict(blocked)))
    args = ["comment", "github", str(report), "--repo", "o/r", "--pr", "1", "--dry-run"]
    run = CliRunner().invoke(cli, args)
    assert run.exit_code == 1
    assert "::error title=costgate no-large::aws_instance.this: use t3.small" in run.output
    assert CliRunner().invoke(cli, [*args, "--fail-on", "never"]).exit_code == 0


def test_exit_codes():
    def result(status, approved=False):
        return CheckResult(
            Estimate((), (), (), ()),
            (),
            (),
            Verdict(status, "", approved),
            Attribution({}, Decimal(0), Decimal(0), ()),
        )

    assert exit_code(result("blocked"), "block") == 1
    assert exit_code(result("blocked", approved=True), "block") == 0
    assert exit_code(result("warning"), "block") == 0
    assert exit_code(result("warning"), "warn") == 1
    assert exit_code(result("blocked"), "never") == 0


def test_not_a_pull_request(tmp_path):
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"head_commit": {"timestamp": "2026-11-23T10:00:00Z"}}))
    plan = write_plan(tmp_path, "plan.json", "m5.large")
    run = CliRunner().invoke(
        cli, ["comment", "github", plan], env={"GITHUB_REPOSITORY": "o/r", "GITHUB_EVENT_PATH": str(event)}
    )
    assert run.exit_code == 2 and "pass --pr N" in run.output


def test_the_approval_label_from_the_event_approves(tmp_path, monkeypatch):
    import costgate.gate.check

    seen = []

    def fake_check(estimate, config, pricer=None, *, approved=False, **options):
        seen.append(approved)
        return CheckResult(
            estimate,
            (),
            (),
            Verdict("blocked", "over budget", approved),
            Attribution({}, Decimal(0), Decimal(0), ()),
        )

    monkeypatch.setattr(costgate.gate.check, "run_check", fake_check)
    config = tmp_path / "costgate.yml"
    config.write_text("approval:\n  label: cost-approved\n")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 4, "labels": [{"name": "cost-approved"}]}}))
    plan = write_plan(tmp_path, "plan.json", "m5.large")
    env = {"GITHUB_REPOSITORY": "o/r", "GITHUB_EVENT_PATH": str(event)}
    run = CliRunner().invoke(cli, ["comment", "github", plan, "--config", str(config), "--dry-run"], env=env)
    assert seen == [True] and run.exit_code == 0, run.output
    assert "**Verdict: ⛔ blocked (approved)**" in run.output
    event.write_text(json.dumps({"pull_request": {"number": 4, "labels": [{"name": "@org/team"}]}}))
    run = CliRunner().invoke(cli, ["comment", "github", plan, "--config", str(config), "--dry-run"], env=env)
    assert seen == [True, False] and run.exit_code == 1  # blocked without the approval label


def test_an_event_file_that_is_not_a_json_object_is_exit_2(tmp_path):
    plan = write_plan(tmp_path, "plan.json", "m5.large")
    event = tmp_path / "event.json"
    for payload, message in (("{oops", "cannot read the event payload"), ("[]", "is not a JSON object")):
        event.write_text(payload)
        run = CliRunner().invoke(
            cli,
            ["comment", "github", plan, "--dry-run"],
            env={"GITHUB_REPOSITORY": "o/r", "GITHUB_EVENT_PATH": str(event)},
        )
        assert run.exit_code == 2 and message in run.output, run.output
        assert "Traceback" not in run.output and len(run.output.strip().splitlines()) == 1


def test_each_file_is_read_once_whether_plan_or_report(tmp_path, monkeypatch):
    # comment github reads a file to tell a report from a plan; a plan is priced from that same
    # parse, not read again (a 10k-change plan costs about 0.3 s a parse).
    from costgate.plan import read

    plan = write_plan(tmp_path, "api.json", "m5.large")
    report = tmp_path / "report.json"
    report.write_text(json.dumps(report_dict(run_estimate(json.loads(open(plan).read())))))
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    reads: list[str] = []
    real = read.read_bytes
    monkeypatch.setattr(read, "read_bytes", lambda path, hint: reads.append(str(path)) or real(path, hint))
    run = CliRunner().invoke(
        cli,
        ["comment", "github", plan, str(report), "--pr", "1", "--dry-run"],
        env={"GITHUB_REPOSITORY": "o/r"},
    )
    assert run.exit_code == 0, run.output
    assert sorted(reads) == sorted([plan, str(report)])
    # a file that is neither is read again by the plan reader, which says what is wrong with it
    reads.clear()
    run = CliRunner().invoke(
        cli,
        ["comment", "github", plan, str(broken), "--pr", "1", "--dry-run"],
        env={"GITHUB_REPOSITORY": "o/r"},
    )
    assert run.exit_code == 2
    assert f"{broken}: not valid JSON (line 1, column 2" in run.output
    assert reads.count(str(broken)) == 2 and reads.count(plan) == 1
