"""Every real plan in ../shared/corpus/plans through the installed script, with both shipped policy packs.

A plan may price to anything, but `check` must end in a verdict (0 or 1) and `breakdown` must
report (0) or, for a file that is not valid input, say so in one line (2): never a traceback,
never an internal error. One process per run, about 0.25 s each: 43 plans x 2 runs take about 25 s.
"""

import json

import pytest

from tests.e2e.expect import expect
from tests.helpers import CORPUS, FIXTURES

PLANS = sorted(CORPUS.glob("*.json")) if CORPUS.is_dir() else []
BOTH_PACKS = str(FIXTURES / "e2e" / "both-packs.yml")


def test_the_config_lists_both_shipped_packs():
    text = (FIXTURES / "e2e" / "both-packs.yml").read_text()
    from costgate.gate.policies import shipped_packs

    shipped = sorted(shipped_packs())
    assert shipped == ["example-platform", "finops-defaults"]
    assert "policies: [finops-defaults, example-platform]" in text  # the shipped packs, by name


@pytest.mark.parametrize("plan", PLANS, ids=lambda path: path.stem)
def test_check_ends_in_a_verdict(costgate, plan):
    run = costgate("check", str(plan), "--config", BOTH_PACKS, "--format", "markdown")
    assert "internal error" not in run.stderr, run.stderr
    assert run.returncode in (0, 1), run.stderr
    expect(run, run.returncode)
    assert "**Verdict: " in run.stdout


@pytest.mark.parametrize("plan", PLANS, ids=lambda path: path.stem)
def test_breakdown_reports_or_says_why_not(costgate, plan):
    run = costgate("breakdown", str(plan), "--format", "json")
    assert "internal error" not in run.stderr, run.stderr
    assert run.returncode in (0, 2), run.stderr
    expect(run, run.returncode)  # a 2 must be one line
    if run.returncode == 0:
        report = json.loads(run.stdout)
        assert report["summary"]["resources"] == len(report["resources"])
