"""Fixtures of the e2e suite: the console script in a fresh home, and the GitHub and Slack stand-ins."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.runner import Costgate, console_script
from tests.e2e.standins import GitHub, Slack


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    path = tmp_path / "work"
    path.mkdir()
    return path


@pytest.fixture
def costgate(tmp_path: Path, workdir: Path) -> Costgate:
    return Costgate([str(console_script())], tmp_path / "home", workdir)


@pytest.fixture(params=["console script", "python -m costgate"])
def any_costgate(request: pytest.FixtureRequest, tmp_path: Path, workdir: Path) -> Costgate:
    """Both ways of running costgate; they must agree on every exit code."""
    command = (
        [str(console_script())] if request.param == "console script" else [sys.executable, "-m", "costgate"]
    )
    return Costgate(command, tmp_path / "home", workdir)


@pytest.fixture
def github() -> Iterator[GitHub]:
    stand_in = GitHub()
    yield stand_in
    stand_in.close()


@pytest.fixture
def slack_ok() -> Iterator[Slack]:
    stand_in = Slack([200])
    yield stand_in
    stand_in.close()


@pytest.fixture
def slack_down() -> Iterator[Slack]:
    stand_in = Slack([500])
    yield stand_in
    stand_in.close()
