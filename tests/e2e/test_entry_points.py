"""The console script and `python -m costgate`: help, version, unknown commands, identical exit codes."""

import sys

import pytest

from costgate import __version__
from tests.e2e.expect import expect, expect_usage_error
from tests.e2e.runner import clean_environment, console_script
from tests.helpers import FIXTURES

COMMANDS = ["breakdown", "check", "comment", "config", "merge", "notify", "policies", "pricing", "usage"]
SUBCOMMANDS = [
    ["comment", "github"],
    ["config", "validate"],
    ["notify", "slack"],
    ["policies", "list"],
    ["policies", "show"],
    ["pricing", "info"],
    ["pricing", "cache", "clear"],
    ["pricing", "build"],
    ["usage", "keys"],
    ["usage", "template"],
]


def test_version(any_costgate):
    assert expect(any_costgate("--version"), 0).stdout == f"costgate, version {__version__}\n"


def test_help_lists_every_command(any_costgate):
    run = expect(any_costgate("--help"), 0)
    listed = [line.split()[0] for line in run.stdout.split("Commands:\n")[1].splitlines()]
    assert listed == COMMANDS


@pytest.mark.parametrize("command", [[c] for c in COMMANDS] + SUBCOMMANDS, ids=" ".join)
def test_every_command_has_help(costgate, command):
    assert expect(costgate(*command, "-h"), 0).stdout.startswith(f"Usage: costgate {' '.join(command)} ")


def test_an_unknown_command_is_exit_2(any_costgate):
    expect_usage_error(any_costgate("estimate"), "No such command 'estimate'.")


def test_an_unknown_option_is_exit_2(any_costgate):
    expect_usage_error(any_costgate("breakdown", "--colour"), "No such option '--colour'")


@pytest.mark.parametrize(
    "args, code",
    [
        (["check", str(FIXTURES / "e2e" / "m5-large.json")], 0),
        (
            [
                "check",
                str(FIXTURES / "check" / "plan.json"),
                "--config",
                str(FIXTURES / "check" / "costgate.yml"),
            ],
            1,
        ),
        (["breakdown", "missing.json"], 2),
    ],
    ids=["pass", "blocked", "bad input"],
)
def test_both_ways_of_running_agree_on_exit_codes(any_costgate, args, code):
    expect(any_costgate(*args), code)


def test_the_subprocess_environment_holds_no_credentials(monkeypatch, tmp_path):
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_PROFILE",
        "GOOGLE_API_KEY",
        "GITHUB_TOKEN",
        "GITHUB_ACTIONS",
        "CI",
    ):
        monkeypatch.setenv(name, "from-the-outside")
    env = clean_environment(tmp_path)
    assert "from-the-outside" not in env.values()
    assert env["HOME"] == str(tmp_path) and env["COSTGATE_CACHE_DIR"].startswith(str(tmp_path))


def test_a_missing_console_script_fails_the_run_clearly(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "bin" / "python"))
    with pytest.raises(pytest.fail.Exception, match="no costgate console script at .*bin/costgate: install"):
        console_script()
