"""costgate.yml: the example from the issue, defaults, and every kind of error message."""

from decimal import Decimal

import pytest

from costgate.errors import CostgateError
from costgate.gate.config import Config, load_config

EXAMPLE = """\
teams:
  payments:
    monthly_budget: 180000          # USD
    current_monthly_spend: 171500
    owners: {tags: {team: payments}, paths: ["infra/payments/**"], modules: ["module.payments_*"]}
    slack_webhook_env: PAYMENTS_SLACK_WEBHOOK
thresholds: {warn_at_percent: 80, block_at_percent: 100, max_pr_monthly_increase: 5000, max_pr_increase_percent: 25}
discounts: [{provider: aws, percent: 7}, {provider: aws, service: AmazonEC2, percent: 20}]
attribution: {tag_keys: [team, owner, cost-center], codeowners: .github/CODEOWNERS}
policies: [policies/finops-defaults.yml, policies/our-platform.yml]
approval: {label: cost-approved}
comment: {min_change_usd: 10, min_change_percent: 1.5, behavior: update}
pricing: {mode: embedded, cache_ttl_days: 7}
usage_file: usage.yml
"""


def write(tmp_path, text, name="costgate.yml"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def error_of(tmp_path, text) -> str:
    with pytest.raises(CostgateError) as raised:
        load_config(write(tmp_path, text))
    return str(raised.value)


def with_example_files(tmp_path):
    """The files the example names: a config must point at files that exist."""
    for name in (
        "policies/finops-defaults.yml",
        "policies/our-platform.yml",
        ".github/CODEOWNERS",
        "usage.yml",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "policies/finops-defaults.yml").write_text("policies: []\n")
    (tmp_path / "policies/our-platform.yml").write_text("policies: []\n")
    (tmp_path / ".github/CODEOWNERS").write_text("* @acme/platform\n")
    (tmp_path / "usage.yml").write_text("version: 0.1\n")


def test_the_issue_example_loads(tmp_path):
    with_example_files(tmp_path)
    config = load_config(write(tmp_path, EXAMPLE))
    payments = config.teams["payments"]
    assert payments.monthly_budget == Decimal(180000)
    assert payments.current_monthly_spend == Decimal(171500)
    assert payments.owner_tags == {"team": "payments"}
    assert payments.owner_paths == ("infra/payments/**",)
    assert payments.owner_modules == ("module.payments_*",)
    assert payments.slack_webhook_env == "PAYMENTS_SLACK_WEBHOOK"
    assert payments.thresholds.max_pr_monthly_increase == Decimal(5000)
    assert config.thresholds.max_pr_increase_percent == Decimal(25)
    assert [(d.provider, d.service, d.percent) for d in config.discounts] == [
        ("aws", None, 7),
        ("aws", "AmazonEC2", 20),
    ]
    assert config.tag_keys == ("team", "owner", "cost-center")
    assert config.codeowners == str(tmp_path / ".github/CODEOWNERS")
    assert config.policies == (
        str(tmp_path / "policies/finops-defaults.yml"),
        str(tmp_path / "policies/our-platform.yml"),
    )
    assert config.approval_label == "cost-approved"
    assert config.approvers == ()
    assert config.comment_min_change_usd == Decimal(10)
    assert config.comment_min_change_percent == Decimal("1.5")
    assert config.pricing_mode == "embedded" and config.cache_ttl_days == 7
    assert config.usage_file == str(tmp_path / "usage.yml")


def test_no_file_gives_the_default_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config(None) == Config()
    (tmp_path / "costgate.yml").write_text("teams: {web: {monthly_budget: 10}}\n")
    assert load_config(None).teams["web"].monthly_budget == Decimal(10)


def test_an_empty_file_is_the_default(tmp_path):
    assert load_config(write(tmp_path, "# nothing yet\n")).teams == {}


def test_wrong_type_names_file_line_and_key_path(tmp_path):
    text = "teams:\n  payments:\n    monthly_budget: lots\n"
    assert error_of(tmp_path, text) == "costgate.yml:3 teams.payments.monthly_budget: expected a number"


def test_wrong_type_in_a_list_item(tmp_path):
    text = "discounts:\n  - {provider: aws, percent: 7}\n  - {provider: aws, percent: seven}\n"
    assert error_of(tmp_path, text) == "costgate.yml:3 discounts[1].percent: expected a number"


def test_unknown_key_is_answered_with_the_closest_name(tmp_path):
    text = "teams:\n  payments:\n    monthly_budget: 10\n    monthly_budjet: 12\n"
    assert (
        error_of(tmp_path, text)
        == "costgate.yml:4 teams.payments.monthly_budjet: unknown key; did you mean monthly_budget?"
    )


def test_unknown_top_level_key(tmp_path):
    assert error_of(tmp_path, "teams: {}\nthreshold: {warn_at_percent: 80}\n") == (
        "costgate.yml:2 threshold: unknown key; did you mean thresholds?"
    )


def test_unknown_key_without_a_close_name_lists_the_valid_ones(tmp_path):
    message = error_of(tmp_path, "approval: {colour: red}\n")
    assert message == "costgate.yml:1 approval.colour: unknown key; valid keys: approvers, label"


def test_out_of_range_and_enum(tmp_path):
    assert error_of(tmp_path, "discounts: [{provider: aws, percent: 120}]\n") == (
        "costgate.yml:1 discounts[0].percent: expected a number at most 100"
    )
    assert error_of(tmp_path, "comment:\n  behavior: shout\n") == (
        "costgate.yml:2 comment.behavior: expected one of update, new, delete-and-new, hide-and-new"
    )
    assert (
        error_of(tmp_path, "discounts: [{percent: 5}]\n")
        == "costgate.yml:1 discounts[0]: provider is a required property"
    )


def test_bad_yaml_names_the_line(tmp_path):
    message = error_of(tmp_path, "teams:\n  payments: {monthly_budget: 1\n  web: 2\n")
    assert message.startswith("costgate.yml:3: not valid YAML (")


def test_top_level_must_be_a_mapping(tmp_path):
    assert (
        error_of(tmp_path, "- a\n- b\n") == "costgate.yml:1: expected a mapping of settings at the top level"
    )


def test_missing_file(tmp_path):
    with pytest.raises(CostgateError, match="config file not found"):
        load_config(str(tmp_path / "nope.yml"))


def test_team_thresholds_override_the_global_ones(tmp_path):
    text = (
        "thresholds: {warn_at_percent: 70, max_pr_monthly_increase: 100}\n"
        "teams:\n  data: {thresholds: {warn_at_percent: 90}}\n  web: {}\n"
    )
    config = load_config(write(tmp_path, text))
    assert config.teams["data"].thresholds.warn_at_percent == Decimal(90)
    assert config.teams["data"].thresholds.max_pr_monthly_increase == Decimal(100)  # inherited
    assert config.teams["web"].thresholds.warn_at_percent == Decimal(70)
    assert config.teams["web"].thresholds.block_at_percent == Decimal(100)  # the built-in default


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "teams:\n  payments:\n    current_monthly_spend: -1\n",
            "costgate.yml:3 teams.payments.current_monthly_spend: expected a number at least 0",
        ),
        (
            "teams:\n  payments:\n    monthly_budget: .inf\n",
            "costgate.yml:3 teams.payments.monthly_budget: expected a finite number, got .inf",
        ),
        (
            "thresholds:\n  warn_at_percent: .nan\n",
            "costgate.yml:2 thresholds.warn_at_percent: expected a finite number, got .nan",
        ),
        (
            "teams:\n  web:\n    thresholds: {max_pr_monthly_increase: -5}\n",
            "costgate.yml:3 teams.web.thresholds.max_pr_monthly_increase: expected a number at least 0",
        ),
        (
            "thresholds: {block_at_percent: " + "1" * 5000 + "}\n",
            "costgate.yml:1 thresholds.block_at_percent: expected a number below 10^15",
        ),
        (
            "discounts: [{provider: aws, percent: 0}]\n",
            "costgate.yml:1 discounts[0].percent: expected a number more than 0",
        ),
        (
            "discounts: [{provider: aws, percent: 100.5}]\n",
            "costgate.yml:1 discounts[0].percent: expected a number at most 100",
        ),
        (
            "comment: {min_change_usd: 1.0e+400}\n",
            "costgate.yml:1 comment.min_change_usd: expected a finite number, got 1.0e+400",
        ),
        (
            "pricing: {cache_ttl_days: 1.5}\n",
            "costgate.yml:1 pricing.cache_ttl_days: expected a whole number",
        ),
    ],
    ids=[
        "negative-spend",
        "inf-budget",
        "nan-percent",
        "negative-limit",
        "huge",
        "zero-discount",
        "discount-over-100",
        "overflowing-float",
        "fractional-days",
    ],
)
def test_money_and_percentages_are_finite_and_in_range(tmp_path, text, message):
    assert error_of(tmp_path, text) == message


def test_decimal_values_are_exact(tmp_path):
    text = "comment: {min_change_usd: 0.1, min_change_percent: 2.675}\ndiscounts: [{provider: aws, percent: 33.3}]\n"
    config = load_config(write(tmp_path, text))
    # str() before Decimal: the floats 0.1 and 2.675 are not exactly representable in binary
    assert config.comment_min_change_usd == Decimal("0.1")
    assert config.comment_min_change_percent == Decimal("2.675")
    assert config.discounts[0].percent == Decimal("33.3")


def test_a_team_defined_twice_is_an_error_not_the_last_one_wins(tmp_path):
    text = "teams:\n  web: {monthly_budget: 10}\n  api: {}\n  web: {monthly_budget: 99}\n"
    assert error_of(tmp_path, text) == "costgate.yml:4 teams.web: duplicate key (first on line 2)"


def test_a_team_name_that_yaml_reads_as_a_number_must_be_quoted(tmp_path):
    assert error_of(tmp_path, "teams:\n  2024: {monthly_budget: 10}\n") == (
        "costgate.yml:2 teams: a key must be text (put it in quotes)"
    )
    assert (
        load_config(write(tmp_path, "teams:\n  '2024': {monthly_budget: 10}\n")).teams["2024"].monthly_budget
        == 10
    )


# What `config validate` catches beyond the schema: the issue's examples, all reported in one run.
MISTAKES = """\
teams:
  payments:
    monthly_budget: 1000
    owners: {tags: {team: payments, cost_center: "42"}}
thresholds: {warn_at_percent: 120, block_at_percent: 100}
discounts:
  - {provider: aws, service: EC2, percent: 10}
  - {provider: amazon, percent: 5}
attribution: {tag_keys: [team, owner, cost-center], codeowners: .github/CODEOWNERS}
policies: [finops-default, platform.yml, missing.yml]
usage_file: usage.yml
approval: {label: cost-approved, approvers: [alice, "@acme/finops", "not a login"]}
"""
BAD_PACK = """\
policies:
  - id: p.size
    description: d
    severity: block
    kind: sizing
    max_size: huge
    scope: {resource_types: [aws_db_instnace, "aws_nothing_*"], environments: [dve]}
  - id: p.tags
    description: d
    severity: warn
    kind: required_tags
"""


def problems_of(tmp_path, text, pack=BAD_PACK) -> list[str]:
    from costgate.gate.problems import Problems

    (tmp_path / "platform.yml").write_text(pack)
    with pytest.raises(Problems) as raised:
        load_config(write(tmp_path, text))
    return raised.value.problems


def test_every_mistake_of_the_issue_is_found_in_one_run(tmp_path):
    assert problems_of(tmp_path, MISTAKES) == [
        "costgate.yml:5 thresholds.warn_at_percent: warn_at_percent (120) must be below block_at_percent (100)",
        "costgate.yml:4 teams.payments.owners.tags.cost_center: tag key cost_center is not in"
        " attribution.tag_keys (team, owner, cost-center); did you mean cost-center?",
        "costgate.yml:7 discounts[0].service: EC2 is not a service of the aws catalog; did you mean AmazonEC2?",
        "costgate.yml:8 discounts[1].provider: unknown provider amazon",
        "costgate.yml:12 approval.approvers[2]: 'not a login' is not a GitHub login or an @org/team slug",
        "costgate.yml:11 usage_file: file usage.yml not found (relative to costgate.yml)",
        "costgate.yml:9 attribution.codeowners: file .github/CODEOWNERS not found (relative to costgate.yml)",
        "costgate.yml:10 policies[0]: no shipped policy pack finops-default; did you mean finops-defaults?",
        "costgate.yml:10 policies[2]: policy file missing.yml not found (relative to costgate.yml)",
        "platform.yml:7 policies[0].scope.resource_types[0]: aws_db_instnace is not a resource type"
        " costgate prices; did you mean aws_db_instance?",
        "platform.yml:7 policies[0].scope.resource_types[1]: aws_nothing_* matches no resource type costgate prices",
        "platform.yml:7 policies[0].scope.environments[0]: environment dve is not one the config declares"
        " (dev, development, test, qa, staging, stage, sandbox, preview, prod, production, prd;"
        " add it to environment.names); did you mean dev?",
        "platform.yml:6 policies[0].max_size: huge is not a size (nano, micro, small, medium, large, xlarge,"
        " Nxlarge or metal)",
        "platform.yml:8 policies[1]: a required_tags policy needs tags: [the keys it requires]",
    ]


def test_the_first_problem_and_a_count_is_what_check_says(tmp_path):
    with pytest.raises(CostgateError) as raised:
        load_config(write(tmp_path, "thresholds: {warn_at_percent: 100}\nusage_file: nope.yml\n"))
    assert str(raised.value) == (
        "costgate.yml:1 thresholds.warn_at_percent: warn_at_percent (100) must be below block_at_percent (100)"
        " (and 1 more: run `costgate config validate`)"
    )


def test_every_schema_error_is_listed_not_only_the_first(tmp_path):
    text = "teams:\n  payments: {monthly_budget: lots, current_monthly_spend: -5}\nthreshold: {}\n"
    assert problems_of(tmp_path, text) == [
        "costgate.yml:3 threshold: unknown key; did you mean thresholds?",
        "costgate.yml:2 teams.payments.current_monthly_spend: expected a number at least 0",
        "costgate.yml:2 teams.payments.monthly_budget: expected a number",
    ]


def test_declared_environments_and_a_team_thresholds_order(tmp_path):
    pack = "policies:\n  - {id: a, description: d, severity: warn, kind: graviton, scope: {environments: [qa1]}}\n"
    text = (
        "environment: {names: [qa1, live], production: [live]}\n"
        "policies: [platform.yml]\n"
        "teams:\n  web:\n    thresholds: {block_at_percent: 50}\n"
    )
    assert problems_of(tmp_path, text, pack) == [
        "costgate.yml:5 teams.web.thresholds.warn_at_percent: warn_at_percent (80) must be below block_at_percent (50)"
    ]
    (tmp_path / "platform.yml").write_text(pack)
    ok = load_config(write(tmp_path, text.replace("block_at_percent: 50", "block_at_percent: 90")))
    assert ok.environment.names == ("qa1", "live")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "teams: {a: {monthly_budget: .nan}}\n",
            "costgate.yml:1 teams.a.monthly_budget: expected a finite number, got .nan",
        ),
        (
            "teams: {a: {current_monthly_spend: -.inf}}\n",
            "costgate.yml:1 teams.a.current_monthly_spend: expected a finite number, got -.inf",
        ),
        (
            "thresholds: {block_at_percent: 1.0e+309}\n",
            "costgate.yml:1 thresholds.block_at_percent: expected a finite number, got 1.0e+309",
        ),
        (
            "teams: {a: {monthly_budget: 1000000000000000}}\n",
            "costgate.yml:1 teams.a.monthly_budget: expected a number below 10^15",
        ),
        (
            "thresholds: {warn_at_percent: 200000}\n",
            "costgate.yml:1 thresholds.warn_at_percent: expected a number at most 100000",
        ),
        (
            "discounts: [{provider: aws, percent: -3}]\n",
            "costgate.yml:1 discounts[0].percent: expected a number more than 0",
        ),
    ],
)
def test_config_numbers_are_finite_bounded_and_not_negative(tmp_path, text, message):
    assert error_of(tmp_path, text) == message


def test_shipped_packs_by_name_pass_validation(tmp_path):
    config = load_config(write(tmp_path, "policies: [finops-defaults, example-platform]\n"))
    assert config.policies == ("finops-defaults", "example-platform")
