"""Every error message is one line and never shows a secret, whatever raised it."""

import subprocess
import sys
from pathlib import Path

from costgate.errors import CostgateError, shown

SCRIPT = Path(sys.executable).parent / "costgate"


def test_a_message_is_one_line_without_secret_values(monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_abcdefghijklmnop")
    monkeypatch.setenv("PAYMENTS_SLACK_WEBHOOK", "https://hooks.slack.test/services/T1/B2/xyz")
    monkeypatch.setenv("AWS_REGION", "eu-west-1")  # not a secret: stays
    message = (
        "failed with ghs_abcdefghijklmnop\n::error::forged at https://hooks.slack.test/services/T1/B2/xyz"
        " in eu-west-1 via https://cloudbilling.test/v1/services/x/skus?key=AIzaSECRET&pageSize=5000"
    )
    assert shown(message) == (
        "failed with $GITHUB_TOKEN ::error::forged at $PAYMENTS_SLACK_WEBHOOK in eu-west-1"
        " via https://cloudbilling.test/v1/services/x/skus?…"
    )


def test_costgate_error_is_exit_2():
    assert CostgateError("x").exit_code == 2


def test_the_console_script_prints_one_line_exit_2_without_the_secret(tmp_path):
    # Any message can carry a value that is also a secret (here a path); the secret is shown by its name.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "GITHUB_TOKEN": "ghs_supersecret_value_123"}
    missing = tmp_path / "ghs_supersecret_value_123.json"
    run = subprocess.run(
        [str(SCRIPT), "breakdown", str(missing)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr == f"costgate: error: {tmp_path}/$GITHUB_TOKEN.json: no such file\n"
    assert "Traceback" not in run.stderr
