"""costgate.yml: teams and their budgets, thresholds, discounts, attribution, policies, approval.

`load_config(None)` reads ./costgate.yml when present, else gives the empty default Config.
The file is validated against costgate/schemas/config.schema.json (see yaml_file for how
errors name the line), then its names and the policy packs it lists (config_checks): every
problem is reported at once. Paths inside the file (policies, codeowners, usage_file) are relative
to the file's directory; a policy pack named without a path (finops-defaults) is a shipped one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from costgate.errors import CostgateError
from costgate.estimate.discounts import Discount
from costgate.gate.policies import is_pack_name

DEFAULT_FILE = "costgate.yml"
DEFAULT_TAG_KEYS = ("team", "owner")


@dataclass(frozen=True)
class Thresholds:
    warn_at_percent: Decimal = Decimal(80)
    block_at_percent: Decimal = Decimal(100)
    max_pr_monthly_increase: Decimal | None = None
    max_pr_increase_percent: Decimal | None = None
    pr_increase_severity: str = "warn"  # what exceeding a PR increase limit does: warn or block


@dataclass(frozen=True)
class TeamConfig:
    name: str
    monthly_budget: Decimal | None = None
    current_monthly_spend: Decimal | None = None
    slack_webhook_env: str | None = None
    owner_tags: Mapping[str, str] = field(default_factory=dict)
    owner_paths: tuple[str, ...] = ()
    owner_modules: tuple[str, ...] = ()
    owner_codeowners: tuple[str, ...] = ()  # CODEOWNERS owners (@org/payments) that mean this team
    thresholds: Thresholds = Thresholds()  # the global thresholds with this team's overrides applied


@dataclass(frozen=True)
class EnvironmentRules:
    tag_keys: tuple[str, ...] = ("env", "environment")
    paths: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # environment -> plan path globs
    workspace_env: str | None = None  # an environment variable holding the Terraform workspace
    production: tuple[str, ...] = ("prod", "production", "prd")
    names: tuple[str, ...] = ()  # the environments policies may name; empty: the common ones (config_checks)


@dataclass(frozen=True)
class Config:
    path: str | None = None
    teams: Mapping[str, TeamConfig] = field(default_factory=dict)
    thresholds: Thresholds = Thresholds()
    discounts: tuple[Discount, ...] = ()
    tag_keys: tuple[str, ...] = DEFAULT_TAG_KEYS
    codeowners: str | None = None
    environment: EnvironmentRules = EnvironmentRules()
    policies: tuple[str, ...] = ()
    approval_label: str | None = None
    approvers: tuple[str, ...] = ()
    comment_min_change_usd: Decimal = Decimal(0)
    comment_min_change_percent: Decimal = Decimal(0)
    comment_behavior: str = "update"
    pricing_mode: str | None = None
    cache_ttl_days: int | None = None
    assume_default_region: bool = True  # price a plan that names no region at the provider's default
    live_timeout_seconds: float | None = None
    usage_file: str | None = None


def load_config(path: str | None) -> Config:
    if path is None:
        if not Path(DEFAULT_FILE).is_file():
            return Config()
        path = DEFAULT_FILE
    file = Path(path)
    if not file.is_file():
        raise CostgateError(f"{path}: config file not found")
    from costgate.gate.config_checks import config_problems
    from costgate.gate.policies import load_policies
    from costgate.gate.problems import Problems
    from costgate.yaml_file import read_yaml_file, schema_problems

    document = read_yaml_file(file)
    problems = schema_problems(document, "config.schema.json")
    if problems:  # the names below are checked once the shape is right
        raise Problems(problems)
    config = config_from_dict(document.data, file)
    problems = _threshold_problems(document, config) + config_problems(document, file.parent, config.tag_keys)
    listed = [p for p in config.policies if Path(p).is_file() or p in _shipped()]
    try:
        load_policies(listed, declared_environments(config))
    except Problems as found:
        problems += found.problems
    except CostgateError as error:
        problems.append(str(error))
    if problems:
        raise Problems(problems)
    return config


# Environment names a config is taken to declare when it names none (environment.names).
COMMON_ENVIRONMENTS = ("dev", "development", "test", "qa", "staging", "stage", "sandbox", "preview")


def declared_environments(config: Config) -> tuple[str, ...]:
    """The environments policies may name: environment.names, else the common names; plus the production names and the path rules' names."""
    named = config.environment.names or COMMON_ENVIRONMENTS
    return tuple(dict.fromkeys((*named, *config.environment.production, *config.environment.paths)))


def _threshold_problems(document: Any, config: Config) -> list[str]:
    """warn_at_percent must be below block_at_percent: globally, and for each team that sets its own."""
    problems = _threshold_order(document, ["thresholds"], config.thresholds)
    for name, team in config.teams.items():
        if (document.data["teams"][name] or {}).get("thresholds"):  # inherited limits are checked once
            problems += _threshold_order(document, ["teams", name, "thresholds"], team.thresholds)
    return problems


def _threshold_order(document: Any, path: list[str | int], limits: Thresholds) -> list[str]:
    if limits.warn_at_percent < limits.block_at_percent:
        return []
    return [
        document.describe(
            [*path, "warn_at_percent"],
            f"warn_at_percent ({limits.warn_at_percent}) must be below block_at_percent ({limits.block_at_percent})",
        )
    ]


def _shipped() -> dict[str, Path]:
    from costgate.gate.policies import shipped_packs

    return shipped_packs()


def config_from_dict(data: Mapping[str, Any], file: Path | None = None) -> Config:
    base = file.parent if file is not None else Path(".")
    thresholds = _thresholds(data.get("thresholds") or {}, Thresholds())
    teams = {name: _team(name, raw or {}, thresholds) for name, raw in (data.get("teams") or {}).items()}
    attribution = data.get("attribution") or {}
    environment = data.get("environment") or {}
    approval = data.get("approval") or {}
    comment = data.get("comment") or {}
    pricing = data.get("pricing") or {}
    defaults = EnvironmentRules()
    return Config(
        path=str(file) if file is not None else None,
        teams=teams,
        thresholds=thresholds,
        discounts=tuple(
            Discount(
                d["provider"],
                _decimal(d["percent"]),
                d.get("service"),
                d.get("resource_type"),
                d.get("reason", ""),
            )
            for d in data.get("discounts") or []
        ),
        tag_keys=tuple(attribution.get("tag_keys", DEFAULT_TAG_KEYS)),
        codeowners=str(base / attribution["codeowners"]) if attribution.get("codeowners") else None,
        environment=EnvironmentRules(
            tag_keys=tuple(environment.get("tag_keys", defaults.tag_keys)),
            paths={env: tuple(globs) for env, globs in (environment.get("paths") or {}).items()},
            workspace_env=environment.get("workspace_env"),
            production=tuple(environment.get("production", defaults.production)),
            names=tuple(environment.get("names") or ()),
        ),
        policies=tuple(p if is_pack_name(p) else str(base / p) for p in data.get("policies") or []),
        approval_label=approval.get("label"),
        approvers=tuple(approval.get("approvers") or ()),
        comment_min_change_usd=_decimal(comment.get("min_change_usd", 0)),
        comment_min_change_percent=_decimal(comment.get("min_change_percent", 0)),
        comment_behavior=comment.get("behavior", "update"),
        pricing_mode=pricing.get("mode"),
        cache_ttl_days=pricing.get("cache_ttl_days"),
        assume_default_region=pricing.get("assume_default_region", True),
        live_timeout_seconds=pricing.get("live_timeout_seconds"),
        usage_file=str(base / data["usage_file"]) if data.get("usage_file") else None,
    )


def _team(name: str, raw: Mapping[str, Any], thresholds: Thresholds) -> TeamConfig:
    owners = raw.get("owners") or {}
    return TeamConfig(
        name=name,
        monthly_budget=_decimal(raw.get("monthly_budget")),
        current_monthly_spend=_decimal(raw.get("current_monthly_spend")),
        slack_webhook_env=raw.get("slack_webhook_env"),
        owner_tags={str(k): str(v) for k, v in (owners.get("tags") or {}).items()},
        owner_paths=tuple(owners.get("paths") or ()),
        owner_modules=tuple(owners.get("modules") or ()),
        owner_codeowners=tuple(owners.get("codeowners") or ()),
        thresholds=_thresholds(raw.get("thresholds") or {}, thresholds),
    )


def _thresholds(raw: Mapping[str, Any], base: Thresholds) -> Thresholds:
    return Thresholds(
        warn_at_percent=_decimal(raw.get("warn_at_percent", base.warn_at_percent)),
        block_at_percent=_decimal(raw.get("block_at_percent", base.block_at_percent)),
        max_pr_monthly_increase=_decimal(raw.get("max_pr_monthly_increase", base.max_pr_monthly_increase)),
        max_pr_increase_percent=_decimal(raw.get("max_pr_increase_percent", base.max_pr_increase_percent)),
        pr_increase_severity=raw.get("pr_increase_severity", base.pr_increase_severity),
    )


def _decimal(value: Any) -> Any:
    from costgate.yaml_file import decimal

    return None if value is None else decimal(value)
