"""Writing results: a file appears whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from costgate.errors import CostgateError


def write_atomic(path: str | Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename over it, so readers never see half a report."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise CostgateError(f"{target}: the directory {directory} does not exist")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise CostgateError(f"{target}: cannot write: {error.strerror}") from None
