"""Run costgate in-process (fast, for many cases) and check what a hostile case may and may not produce."""

from __future__ import annotations

import contextlib
import io
import json
import math
import re
from decimal import Decimal
from typing import Any

from costgate.cli import run
from tests.helpers import FIXTURES

CHECK_CONFIG = str(FIXTURES / "check" / "costgate.yml")
# Report fields that hold a figure, and what a figure looks like there (no NaN, Infinity or exponent).
_MONEY = re.compile(
    r"\.(monthly_[a-z_]+|[a-z_]+_monthly_delta|unit_price|projected|[a-z_]+_percent)(\[\d+\])?$"
)
_FIGURE = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def run_in_process(*args: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = run(list(args))
    return code, stdout.getvalue(), stderr.getvalue()


def lies_in(report: dict[str, Any]) -> list[str]:
    """What a JSON report must never hold: NaN or Infinity, or a negative figure that no delete or decrease explains."""
    problems = []

    def walk(value: Any, where: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]")
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(f"{where}: {value}")
        elif isinstance(value, str) and _MONEY.search(where) and not _FIGURE.fullmatch(value):
            problems.append(f"{where}: {value}")

    walk(report, "report")
    for resource in report.get("resources", []):
        for key in ("monthly_before", "monthly_after"):
            if Decimal(str(resource.get(key) or 0)) < 0:
                problems.append(f"{resource.get('address')}: {key} {resource[key]}")
        for component in (*resource.get("components", []), *resource.get("components_before", [])):
            cost = component.get("monthly_cost")
            if cost is not None and Decimal(str(cost)) < 0:
                problems.append(f"{resource.get('address')}: {component.get('name')} costs {cost}")
    return problems


def assert_handled(code: int, stdout: str, stderr: str) -> None:
    """Exit 0/1/2 only; a failure is one `costgate: error:` line; a report holds no NaN or unexplained negative."""
    assert code in (0, 1, 2), (code, stderr)
    assert "Traceback" not in stderr
    if code == 2:
        assert stderr.startswith("costgate: error: ") and stderr.count("\n") == 1, stderr
        return
    if stdout.lstrip().startswith("{"):
        assert lies_in(json.loads(stdout)) == []
