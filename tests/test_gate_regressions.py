"""Gate defects, end to end through the command line (each of these failed before the Pricer restructure).

Only the command line is used, so the same tests run against any version of the package.
"""

import json
import os
import subprocess
import sys

from tests.helpers import change, plan_document

# A t3.medium with an 8 GB gp2 root volume and, from the usage file, 1000 CPU credit hours.
T3 = change(
    "aws_instance", {"instance_type": "t3.medium", "root_block_device": [{"volume_size": 8}]}, name="web"
)
GP2_POLICY = "policies:\n  - {id: save.gp2, description: gp2 to gp3, severity: warn, kind: gp2_to_gp3}\n"
DENY_M5 = "policies:\n  - {id: no.m5, description: no m5, severity: block, kind: sizing, allowed: ['t3.*']}\n"


def costgate(*args, cwd, env=None):
    return subprocess.run(
        [sys.executable, "-m", "costgate", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def write(directory, name, text):
    path = directory / name
    path.write_text(text)
    return str(path)


def test_a_saving_counts_the_usage_file_on_both_sides(tmp_path):
    plan = write(tmp_path, "plan.json", json.dumps(plan_document(T3)))
    usage = write(
        tmp_path,
        "usage.yml",
        "version: 0.1\nresource_usage:\n  aws_instance.web: {monthly_cpu_credit_hrs: 1000}\n",
    )
    write(tmp_path, "pack.yml", GP2_POLICY)
    config = write(tmp_path, "costgate.yml", "policies: [pack.yml]\n")
    run = costgate("check", plan, "--usage-file", usage, "--config", config, "--format", "json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    # 730 h x $0.0416 = $30.368 + 1000 credit h x $0.05 = $50.00 + 8 GB x $0.10 = $0.80 -> $81.168
    assert report["totals"]["monthly_after"] == "81.17"
    (finding,) = report["findings"]
    # The CPU credits are in both costs: the saving is the volume alone, 8 GB x ($0.10 - $0.08) = $0.16
    assert finding["monthly_saving"] == "0.16"
    assert finding["message"] == (
        "gp2 root volume; a gp3 root volume costs $81.01/month instead of $81.17 (saves $0.16)"
    )


def _breakdown_report(tmp_path):
    plan = write(
        tmp_path,
        "plan.json",
        json.dumps(plan_document(change("aws_instance", {"instance_type": "m5.large"}))),
    )
    write(tmp_path, "pack.yml", DENY_M5)
    config = write(tmp_path, "costgate.yml", "policies: [pack.yml]\n")
    checked = costgate("check", plan, "--config", config, cwd=tmp_path)
    assert checked.returncode == 1, checked.stdout + checked.stderr  # the plan itself is blocked
    report = tmp_path / "report.json"
    run = costgate("breakdown", plan, "--format", "json", "--out", str(report), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    return str(report), config


def test_a_breakdown_report_is_not_checked_never_a_pass(tmp_path):
    report, config = _breakdown_report(tmp_path)
    outputs = tmp_path / "outputs.txt"
    # Only what the command needs: no GitHub event of the machine running the tests.
    env = {"PATH": os.environ.get("PATH", ""), "GITHUB_OUTPUT": str(outputs), "GITHUB_REPOSITORY": "o/r"}
    env.update({k: v for k, v in os.environ.items() if k == "PYTHONPATH"})
    args = ("comment", "github", report, "--config", config, "--pr", "7", "--dry-run")
    run = costgate(*args, cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr  # --fail-on block: not_checked is not a block
    assert "verdict=not_checked\n" in outputs.read_text()
    assert "**Verdict: ❔ not\\_checked**" in run.stdout and "is a breakdown report" in run.stdout
    assert "Attribution:" not in run.stdout  # nothing was attributed: no 0 % ownership line
    warn = costgate(*args, "--fail-on", "warn", cwd=tmp_path, env=env)
    assert warn.returncode == 1, warn.stderr  # --fail-on warn treats it like a warning
