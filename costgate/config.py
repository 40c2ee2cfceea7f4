"""costgate.yml: teams, budgets and policy settings.

Placeholder until the policies branch lands: it has exactly the contract's signatures and
reads only `teams` (monthly_budget, current_monthly_spend, slack_webhook_env) so the Slack
notifier can be wired and tested. The lead keeps the policies version at merge.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from costgate.model import CostgateError

DEFAULT_PATH = "costgate.yml"


@dataclass(frozen=True)
class TeamConfig:
    name: str
    monthly_budget: Decimal | None = None
    current_monthly_spend: Decimal | None = None
    slack_webhook_env: str | None = None


@dataclass(frozen=True)
class Config:
    teams: Mapping[str, TeamConfig] = field(default_factory=dict)
    approval_label: str | None = None
    approvers: tuple[str, ...] = ()
    comment_min_change_usd: Decimal = Decimal(0)
    comment_min_change_percent: Decimal = Decimal(0)


def load_config(path: str | None) -> Config:
    """Placeholder until the policies branch lands."""
    import yaml

    if path is None:
        if not Path(DEFAULT_PATH).is_file():
            return Config()
        path = DEFAULT_PATH
    try:
        document: Any = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise CostgateError(f"{path}: cannot read the configuration ({type(error).__name__})") from None
    teams: dict[str, TeamConfig] = {}
    for name, team in ((document.get("teams") if isinstance(document, dict) else None) or {}).items():
        team = team or {}
        teams[str(name)] = TeamConfig(
            str(name), _decimal(team.get("monthly_budget"), path, name), _decimal(team.get("current_monthly_spend"), path, name),
            team.get("slack_webhook_env"),
        )
    return Config(teams=teams)


def _decimal(value: Any, path: str, team: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise CostgateError(f"{path} teams.{team}: expected a number") from None
