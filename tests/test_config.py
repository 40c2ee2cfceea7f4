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


def test_the_issue_example_loads(tmp_path):
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
