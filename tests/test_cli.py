"""The command line stays fast to start: the e2e suite (tests/e2e) runs every command as a user does."""

import subprocess
import sys


def test_importing_the_cli_does_not_import_boto3_or_requests():
    code = "import sys; import costgate.cli as cli; print('boto3' in sys.modules, 'requests' in sys.modules)"
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert run.stdout.strip() == "False False", run.stderr
