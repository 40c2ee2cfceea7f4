"""action.yml: every input is used, every output is produced, every flag it passes exists."""

import json
import re
from pathlib import Path

import click
import jsonschema
import pytest
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
    cache = next(s for s in steps if s.get("name") == "Price cache")
    costgate_step = next(s for s in steps if s.get("id") == "costgate")
    assert cache["with"]["path"] == costgate_step["env"]["COSTGATE_CACHE_DIR"]


# The README's workflows and action.yml against GitHub's published schemas (SchemaStore, vendored in
# fixtures/schemas from https://json.schemastore.org/github-workflow.json and .../github-action.json).
ROOT = ACTION.parent
README = ROOT / "README.md"
SCHEMAS = ROOT / "fixtures" / "schemas"


def readme_workflows() -> dict[str, dict]:
    """The ```yaml block under each `### Workflow:` heading, parsed (YAML 1.1 reads `on:` as True)."""
    found = {}
    for section in README.read_text().split("\n### Workflow: ")[1:]:
        title = section.split("\n", 1)[0]
        block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
        document = yaml.safe_load(block)
        document["on"] = document.pop(True)
        found[title] = document
    return found


def test_every_action_the_action_uses_is_pinned_to_a_commit_with_its_release_named():
    # A tag can be moved to other code; a commit cannot. The comment names the release, as
    # Dependabot expects, so that updates stay readable.
    lines = [line.strip() for line in ACTION.read_text().splitlines() if "uses:" in line]
    assert len(lines) == 4
    for line in lines:
        assert re.fullmatch(r"(- )?uses: actions/[a-z-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line


def test_the_readme_has_both_workflows():
    assert set(readme_workflows()) == {"one Terraform root", "a matrix over roots, one comment"}


@pytest.mark.parametrize("title", sorted(readme_workflows()))
def test_each_readme_workflow_is_valid_by_githubs_schema(title):
    schema = json.loads((SCHEMAS / "github-workflow.json").read_text())
    jsonschema.Draft7Validator(schema).validate(readme_workflows()[title])


@pytest.mark.parametrize("title", sorted(readme_workflows()))
def test_each_readme_workflow_has_least_permissions_and_no_kept_credentials(title):
    workflow = readme_workflows()[title]
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert workflow["on"] == {
        "pull_request": {"types": ["opened", "synchronize", "reopened", "labeled", "unlabeled"]}
    }
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)
    scripts = "\n".join(s.get("run", "") for s in steps)
    assert "pip install costgate" not in scripts  # the public index's costgate is another project
    assert "${{" not in scripts  # expressions reach scripts through env only


def test_action_yml_is_valid_by_githubs_schema():
    schema = json.loads((SCHEMAS / "github-action.json").read_text())
    jsonschema.Draft7Validator(schema).validate(action())


def test_the_action_installs_its_own_checkout_with_hash_checked_pins():
    install = next(s for s in action()["runs"]["steps"] if s.get("name") == "Install costgate")
    lines = [line for line in install["run"].splitlines() if "pip install" in line]
    assert lines[0].endswith('--require-hashes --no-deps -r "$GITHUB_ACTION_PATH/constraints.txt"')
    assert lines[1].endswith('--no-deps --no-build-isolation "$GITHUB_ACTION_PATH"')


def test_the_constraints_pin_every_dependency_with_hashes():
    text = (ROOT / "constraints.txt").read_text()
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", text, re.MULTILINE))
    blocks = re.split(r"^(?=[A-Za-z0-9_.-]+==)", text, flags=re.MULTILINE)[1:]
    assert len(blocks) == len(pins) and all("--hash=sha256:" in block for block in blocks)
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    wanted = {re.split(r"[<>=!~ \[;]", dep)[0].lower() for dep in project["project"]["dependencies"]}
    wanted |= {re.split(r"[<>=!~ \[;]", dep)[0].lower() for dep in project["build-system"]["requires"]}
    assert wanted <= {name.lower() for name in pins}, wanted - {name.lower() for name in pins}


def test_caches_pip_and_prices_under_stable_keys_and_uploads_the_report():
    steps = action()["runs"]["steps"]
    caches = [s for s in steps if s.get("uses", "").startswith("actions/cache@")]
    keys = {s["name"]: s["with"] for s in caches}
    assert set(keys) == {"Pip cache", "Price cache"}
    assert "run_id" not in str(keys)  # jobs and runs share the caches
    assert keys["Price cache"]["restore-keys"] == "costgate-prices-${{ runner.os }}-"
    assert "steps.keys.outputs.constraints" in keys["Pip cache"]["key"]
    prepare = next(s for s in steps if s.get("id") == "keys")
    assert 'mkdir -p "$RUNNER_TEMP/costgate-cache"' in prepare["run"]  # in every pricing mode
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "${{ steps.costgate.outputs.report_path }}"
    assert upload["if"].startswith("${{ always()")


def test_the_inputs_the_issue_asks_for():
    inputs = action()["inputs"]
    assert {"plans", "region", "config", "usage-file", "behavior", "fail-on"} <= set(inputs)
    assert set(action()["outputs"]) == {"verdict", "monthly-delta", "report-path"}
    script = next(s for s in action()["runs"]["steps"] if s.get("id") == "costgate")["run"]
    assert 'args+=(--region "$INPUT_REGION")' in script
