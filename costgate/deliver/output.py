"""Writing results: a file appears whole or not at all; a failed write is one line, never a traceback."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from costgate.errors import CostgateError


def write_atomic(path: str | Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename over it, so readers never see half a report."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise CostgateError(f"{target}: the directory {directory} does not exist")
    if target.is_dir():
        raise CostgateError(f"{target}: is a directory; give a file name to write to")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise CostgateError(f"{target}: cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise CostgateError(f"{target}: cannot write: {error.strerror or error}") from None


def write_stdout(text: str) -> None:
    """Print `text` as it is (no newline added); a full device or a closed pipe is a one-line error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as error:
        drop_pending_output()
        raise CostgateError(f"cannot write to standard output: {error.strerror or error}") from None


def drop_pending_output() -> None:
    """Point stdout at /dev/null, so the interpreter's flush at exit does not fail on the same bytes again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout without a file descriptor (a test's capture): nothing pending
        pass
