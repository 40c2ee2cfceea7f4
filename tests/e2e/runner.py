"""Run the installed `costgate` console script as a user would: a subprocess with a clean environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# What a subprocess keeps from the test's environment: nothing that names credentials, GitHub or costgate.
KEPT_VARIABLES = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "SYSTEMROOT")
TIMEOUT_SECONDS = 120


def console_script() -> Path:
    """The `costgate` script installed next to this interpreter (the venv's bin/), as pip wrote it."""
    script = Path(sys.executable).parent / "costgate"
    if not script.is_file():
        pytest.fail(f"no costgate console script at {script}: install the package (pip install '.[test]')")
    return script


def clean_environment(home: Path) -> dict[str, str]:
    """A user's shell with a fresh home and cache, no cloud credentials and no GitHub Actions variables."""
    env = {name: os.environ[name] for name in KEPT_VARIABLES if name in os.environ}
    env.update(
        HOME=str(home),
        XDG_CACHE_HOME=str(home / ".cache"),
        COSTGATE_CACHE_DIR=str(home / "costgate-cache"),
        PYTHONUTF8="1",  # the tables print − and ×; read them as UTF-8 whatever the locale
        AWS_EC2_METADATA_DISABLED="true",
        NO_PROXY="127.0.0.1",
    )
    return env


class Costgate:
    """`costgate(*args, env={...})` runs one command and returns the finished process."""

    def __init__(self, command: list[str], home: Path, cwd: Path) -> None:
        self.command = command
        self.env = clean_environment(home)
        self.cwd = cwd

    def __call__(
        self, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.command, *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT_SECONDS,
            env=self.env | (env or {}),
            cwd=cwd or self.cwd,  # never the checkout: `python -m costgate` must find the installed package
            check=False,
        )
