"""What every run must look like to a user: the exit code asked for, never a traceback, one-line errors."""

from __future__ import annotations

import subprocess


def expect(run: subprocess.CompletedProcess[str], code: int) -> subprocess.CompletedProcess[str]:
    """The run ended with `code`; no traceback; an exit-2 error is exactly one `costgate: error:` line."""
    shown = f"exit {run.returncode}\nstdout:\n{run.stdout}\nstderr:\n{run.stderr}"
    assert "Traceback" not in run.stderr + run.stdout, shown
    assert run.returncode == code, shown
    if code == 2:
        assert len(run.stderr.splitlines()) == 1, shown
        assert run.stderr.startswith("costgate: error: "), shown
    return run


def expect_usage_error(run: subprocess.CompletedProcess[str], message: str) -> None:
    """click's own usage errors (unknown command or option): exit 2, the usage line and the reason."""
    shown = f"exit {run.returncode}\nstderr:\n{run.stderr}"
    assert run.returncode == 2 and "Traceback" not in run.stderr, shown
    assert run.stderr.startswith("Usage: costgate") and f"Error: {message}" in run.stderr, shown
