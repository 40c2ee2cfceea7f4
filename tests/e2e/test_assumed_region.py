"""A plan that names no region, as a user runs costgate on it: priced at the provider's default, said once."""

import json

from tests.e2e.expect import expect
from tests.helpers import FIXTURES

NO_REGION = str(FIXTURES / "plans" / "core" / "no-region.json")
WARNING = (
    "1 resource priced at an assumed region (aws us-east-1) because the plan names none: set `region` "
    "in the provider block, pass --region, or set AWS_REGION / GOOGLE_REGION"
)


def test_breakdown_prices_a_plan_without_a_region_at_us_east_1(costgate, workdir):
    run = expect(costgate("breakdown", NO_REGION, "--format", "json", "--out", "report.json"), 0)
    assert run.stdout == ""
    report = json.loads((workdir / "report.json").read_text())
    instance = next(r for r in report["resources"] if r["address"] == "aws_instance.a")
    # t3.micro 730 h x $0.0104 = $7.59 + 8 GB gp2 x $0.10 = $0.80 -> $8.39
    assert (instance["region"], instance["region_assumed"], instance["monthly_after"]) == (
        "us-east-1",
        True,
        "8.39",
    )
    assert report["summary"]["region_assumed"] == 1
    assert report["warnings"].count(WARNING) == 1


def test_region_flag_and_environment_win_over_the_assumption(costgate, workdir):
    for extra, env in ((("--region", "eu-west-1"), {}), ((), {"AWS_REGION": "eu-west-1"})):
        expect(costgate("breakdown", NO_REGION, "--format", "json", "--out", "r.json", *extra, env=env), 0)
        report = json.loads((workdir / "r.json").read_text())
        instance = next(r for r in report["resources"] if r["address"] == "aws_instance.a")
        assert (instance["region"], instance["region_assumed"]) == ("eu-west-1", False)
        assert report["summary"]["region_assumed"] == 0
        assert WARNING not in report["warnings"]


def test_check_with_the_assumption_turned_off_reports_region_unknown(costgate, workdir):
    (workdir / "costgate.yml").write_text("pricing:\n  assume_default_region: false\n")
    expect(costgate("check", NO_REGION, "--format", "json", "--out", "check.json"), 0)
    report = json.loads((workdir / "check.json").read_text())
    instance = next(r for r in report["resources"] if r["address"] == "aws_instance.a")
    assert (instance["status"], instance["reason"], instance["region_assumed"]) == (
        "not_priced",
        "region unknown: set it in the provider block or pass --region",
        False,
    )
    assert report["summary"]["region_assumed"] == 0


def test_a_non_boolean_assume_default_region_is_a_one_line_error(costgate, workdir):
    (workdir / "costgate.yml").write_text("pricing:\n  assume_default_region: 'no'\n")
    run = expect(costgate("check", NO_REGION), 2)
    assert "assume_default_region" in run.stderr
