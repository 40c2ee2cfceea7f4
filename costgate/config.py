"""costgate.yml: teams, budgets, approval and comment settings.

placeholder until the policies branch lands: only the contract's signature and the fields the
GitHub commands read (approval label, comment thresholds and behaviour).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

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
    path: str | None = None
    teams: Mapping[str, TeamConfig] = field(default_factory=dict)
    approval_label: str | None = None
    approvers: tuple[str, ...] = ()
    comment_min_change_usd: Decimal = Decimal(0)
    comment_min_change_percent: Decimal = Decimal(0)
    comment_behavior: str = "update"


def load_config(path: str | None) -> Config:
    import yaml

    if path is None:
        if not Path(DEFAULT_PATH).is_file():
            return Config()
        path = DEFAULT_PATH
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise CostgateError(f"{path}: cannot read: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise CostgateError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise CostgateError(f"{path}: expected a mapping at the top level")
    comment = data.get("comment") or {}
    approval = data.get("approval") or {}
    try:
        return Config(
            path=path,
            approval_label=approval.get("label"),
            approvers=tuple(approval.get("approvers") or ()),
            comment_min_change_usd=Decimal(str(comment.get("min_change_usd", 0))),
            comment_min_change_percent=Decimal(str(comment.get("min_change_percent", 0))),
            comment_behavior=str(comment.get("behavior", "update")),
        )
    except InvalidOperation:
        raise CostgateError(f"{path}: comment.min_change_usd / min_change_percent: expected a number") from None
