"""action.yml: every input is used, every output is produced, every flag it passes exists."""

import re
from pathlib import Path

import click
import yaml

from costgate.cli import cli

ACTION = Path(__file__).resolve().parent.parent / "action.yml"


def action():
    return yaml.safe_load(ACTION.read_text())


def test_every_input_is_used():
    document = action()
    text = ACTION.read_text()
    for name in document["inputs"]:
        assert f"inputs.{name}" in text.split("runs:", 1)[1], name


def test_every_output_comes_from_the_costgate_step():
    document = action()
    for name, output in document["outputs"].items():
        found = re.fullmatch(r"\$\{\{ steps\.costgate\.outputs\.(\w+) \}\}", output["value"])
        assert found, name
        assert found[1] in (
            "monthly_delta",
            "verdict",
            "report_path",
        )  # what cli_github writes to $GITHUB_OUTPUT


def test_every_flag_passed_exists():
    step = next(s for s in action()["runs"]["steps"] if s.get("id") == "costgate")
    script = step["run"]
    assert 'costgate "${args[@]}"' in script
    words = re.findall(r"\bargs(?:\+)?=\(([^)]*)\)", script)
    flags = {w for group in words for w in group.split() if w.startswith("--")}
    assert flags >= {"--behavior", "--pricing", "--fail-on", "--report-out", "--config", "--skip-no-diff"}
    command = cli.get_command(click.Context(cli), "comment").commands["github"]
    known = {opt for param in command.params for opt in param.opts}
    assert flags <= known, flags - known
    assert re.search(r"args=\(comment github ", script)
    # inputs reach the script through env (no ${{ }} inside run)
    assert "${{" not in script
    choices = {p.name: p.type.choices for p in command.params if hasattr(p.type, "choices")}
    inputs = action()["inputs"]
    assert inputs["behavior"]["default"] in choices["behavior"]
    assert inputs["fail-on"]["default"] in choices["fail_on"]


def test_the_composite_steps():
    steps = action()["runs"]["steps"]
    assert action()["runs"]["using"] == "composite"
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("actions/cache@") for u in uses)
    install = next(s for s in steps if s.get("name") == "Install costgate")
    assert "$GITHUB_ACTION_PATH" in install["run"]
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    costgate_step = next(s for s in steps if s.get("id") == "costgate")
    assert cache["with"]["path"] == costgate_step["env"]["COSTGATE_CACHE_DIR"]
