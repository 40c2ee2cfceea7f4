"""Ownership: tags, tags_all, GCP labels, module globs, plan path globs, CODEOWNERS; coverage."""

from decimal import Decimal

import pytest

from costgate.gate.attribution import attribute, codeowners_for, read_codeowners
from tests.gate_helpers import config, priced
from tests.helpers import change

TEAMS = {
    "payments": {
        "owners": {
            "tags": {"team": "payments"},
            "modules": ["module.payments_*"],
            "paths": ["infra/payments/**"],
        }
    },
    "data": {"owners": {"tags": {"cost-center": "cc-42"}}},
}


def volume(name, **extra):
    return change("aws_ebs_volume", {"type": "gp2", "size": 100, **extra}, name=name)


def test_tags_and_tags_all_and_labels():
    result = priced(
        volume("tagged", tags={"team": "payments"}),
        volume("defaulted", tags_all={"cost-center": "cc-42"}),  # from provider default_tags
        volume("named", tags={"owner": "data"}),  # the tag value names a team directly
        change(
            "google_compute_disk", {"labels": {"team": "payments"}, "type": "pd-ssd", "size": 10}, name="disk"
        ),
        volume("nobody", tags={"team": "marketing"}),
    )
    cfg = config(teams=TEAMS, attribution={"tag_keys": ["team", "owner", "cost-center"]})
    owners = attribute(result, cfg).owners
    assert owners["aws_ebs_volume.tagged"] == "payments"
    assert owners["aws_ebs_volume.defaulted"] == "data"
    assert owners["aws_ebs_volume.named"] == "data"
    assert "aws_ebs_volume.nobody" not in owners


def test_tags_win_over_tags_all():
    result = priced(volume("both", tags={"team": "data"}, tags_all={"team": "payments"}))
    owners = attribute(result, config(teams={"data": {}, "payments": {}})).owners
    assert owners == {"aws_ebs_volume.both": "data"}


def test_module_globs():
    result = priced(
        change("aws_ebs_volume", {"type": "gp2", "size": 1}, module="module.payments_api"), volume("root")
    )
    assert attribute(result, config(teams=TEAMS)).owners == {
        "module.payments_api.aws_ebs_volume.this": "payments"
    }


def test_plan_path_globs():
    result = priced(volume("a"), path="infra/payments/prod/plan.json")
    assert attribute(result, config(teams=TEAMS)).owners == {"aws_ebs_volume.a": "payments"}
    elsewhere = priced(volume("a"), path="infra/search/plan.json")
    assert attribute(elsewhere, config(teams=TEAMS)).owners == {}


def test_codeowners_maps_the_terraform_directory_to_a_team(tmp_path):
    codeowners = tmp_path / "CODEOWNERS"
    codeowners.write_text(
        "# default owners\n*  @acme/platform\n/infra/data/  @acme/data-eng\ninfra/web/** @acme/web\n"
    )
    cfg = config(
        teams={"data": {"owners": {"codeowners": ["@acme/data-eng"]}}, "platform": {}, "web": {}},
        attribution={"codeowners": str(codeowners)},
    )
    assert attribute(priced(volume("a"), path="infra/data/eu/plan.json"), cfg).owners == {
        "aws_ebs_volume.a": "data"
    }
    assert attribute(priced(volume("a"), path="infra/web/plan.json"), cfg).owners == {
        "aws_ebs_volume.a": "web"
    }
    # only the catch-all matches: @acme/platform names the team platform
    assert attribute(priced(volume("a"), path="infra/other/plan.json"), cfg).owners == {
        "aws_ebs_volume.a": "platform"
    }


def test_codeowners_last_match_wins():
    table = [("*", ("@o/a",)), ("infra/", ("@o/b",)), ("/infra/x/", ("@o/c",))]
    assert codeowners_for(table, "infra/x") == ("@o/c",)
    assert codeowners_for(table, "infra/y") == ("@o/b",)
    assert codeowners_for(table, "apps") == ("@o/a",)


def test_coverage_by_resources_and_by_delta():
    result = priced(
        volume("owned", tags={"team": "payments"}),  # 100 GB x $0.10 = $10.00
        change("aws_ebs_volume", {"type": "gp2", "size": 300}, name="orphan"),  # $30.00
        change("random_id", {"byte_length": 4}, name="free"),  # free: not counted
    )
    attribution = attribute(result, config(teams=TEAMS))
    assert attribution.resources_with_owner_percent == Decimal("50.0")
    assert attribution.delta_with_owner_percent == Decimal("25.0")  # $10 of $40
    assert attribution.unowned == ("aws_ebs_volume.orphan",)


def test_nothing_changed_is_fully_covered():
    attribution = attribute(priced(), config())
    assert attribution.resources_with_owner_percent == Decimal(100)
    assert attribution.unowned == ()


def test_codeowners_file_parsing(tmp_path):
    path = tmp_path / "CODEOWNERS"
    path.write_text("# comment\n\n/infra/ @o/a @o/b  # trailing\n")
    assert read_codeowners(str(path)) == [("/infra/", ("@o/a", "@o/b"))]
    assert read_codeowners(str(tmp_path / "missing")) == []


# The example file of GitHub's "About code owners" page (the owners shortened), in its order.
GITHUB_EXAMPLE = r"""# This is a comment.
# Each line is a file pattern followed by one or more owners.
*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
"""


def owners_of_file(text: str, path: str, tmp_path) -> tuple[str, ...]:
    """The owners of one file (match it as a directory's main.tf would be matched)."""
    from costgate.gate.attribution import _compiled

    file = tmp_path / "CODEOWNERS"
    file.write_text(text)
    owners: tuple[str, ...] = ()
    for pattern, rule_owners in read_codeowners(str(file)):
        if _compiled(pattern).match_file(path):
            owners = rule_owners
    return owners


@pytest.mark.parametrize(
    ("path", "owners"),
    [
        ("README.md", ("@global-owner1", "@global-owner2")),  # only the catch-all
        ("web/app.js", ("@js-owner",)),  # a later match beats `*`; the inline comment is not an owner
        ("cmd/main.go", ("docs@example.com",)),
        ("notes.txt", ("@octo-org/octocats",)),
        ("build/logs/today/run.log", ("@octocat",)),  # /build/logs/, then **/logs (later) wins
        ("docs/getting-started.md", ("@doctocat",)),  # docs/* matches, /docs/ comes later
        # docs/* has an inner slash, so it is anchored at the root: only the catch-all here
        ("src/docs/getting-started.md", ("@global-owner1", "@global-owner2")),
        ("docs/build-app/troubleshooting.md", ("@doctocat",)),  # only /docs/: docs/* stays in docs/
        ("deeply/nested/apps/x.py", ("@octocat",)),  # apps/ anywhere
        ("scripts/deploy.sh", ("@doctocat", "@octocat")),
        ("deeply/nested/logs/x.py", ("@octocat",)),  # **/logs anywhere
        ("apps/github/x.py", ()),  # the owner-less rule takes ownership away
        ("apps/web/x.py", ("@octocat",)),
    ],
)
def test_codeowners_follows_githubs_documented_examples(tmp_path, path, owners):
    assert owners_of_file(GITHUB_EXAMPLE, path, tmp_path) == owners


def test_codeowners_star_stays_in_a_directory_and_double_star_crosses(tmp_path):
    rules = [("infra/*", ("@o/shallow",)), ("infra/**/prod/", ("@o/prod",))]
    assert codeowners_for(rules, "infra/payments") == ()  # infra/payments/main.tf is one level too deep
    assert codeowners_for(rules, "infra") == ("@o/shallow",)  # infra/main.tf
    assert codeowners_for(rules, "infra/eu/west/prod") == ("@o/prod",)
    assert codeowners_for(rules, "infra/prod") == ("@o/prod",)  # ** matches zero directories too


def test_codeowners_escaped_spaces_and_comments(tmp_path):
    path = tmp_path / "CODEOWNERS"
    path.write_text("# whole-line comment\n/my\\ infra/ @o/spaces # trailing comment\n\n  \n")
    rules = read_codeowners(str(path))
    assert rules == [("/my\\ infra/", ("@o/spaces",))]
    assert codeowners_for(rules, "my infra/eu") == ("@o/spaces",)
    assert codeowners_for(rules, "my/eu") == ()
