"""Turn the bytes a user hands us into a plan/state JSON document, or a one-line error.

Real-world inputs are messier than `terraform show -json` output: PowerShell writes
UTF-16 with a BOM, the GitHub setup-terraform wrapper prints `[command]...` before the
JSON, people pass the binary plan file itself.
"""

from __future__ import annotations

import codecs
import gc
import json
import re
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from costgate.errors import CostgateError

SHOW_JSON_HINT = "run `terraform show -json plan.out > plan.json` and pass plan.json"
STDIN = "-"
MAX_BYTES = 512 * 1024 * 1024  # the largest plan in the corpus is about 40 MB
# The corpus nests 21 levels at most; deeper input is damaged or hostile, and would exhaust the stack later.
MAX_DEPTH = 200
# Longer integers are kept as Decimal (Python's int() refuses 4,300+ digits); the cost models refuse them.
LONGEST_INT = 30
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def read_document(path: str | Path) -> dict[str, Any]:
    """The plan at `path`; `-` reads standard input."""
    name = str(path)
    return parse_document(read_bytes(path, SHOW_JSON_HINT), name)


def read_json(path: str | Path, hint: str, read_parts: tuple[str, ...] = ()) -> Any:
    """Any JSON document costgate is handed (a costgate report, say), read as carefully as a plan.

    `hint` ends the messages that say what to pass instead; `read_parts` as for parse_json.
    """
    return parse_json(read_bytes(path, hint), str(path), hint, read_parts)


def read_bytes(path: str | Path, hint: str) -> bytes:
    """The bytes at `path` (`-`: standard input), at most MAX_BYTES; a one-line error otherwise."""
    if str(path) == STDIN:
        return _bounded_read(sys.stdin.buffer, "standard input")
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise CostgateError(f"{path}: is a directory, expected a JSON file")
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            raise CostgateError(f"{path}: not a regular file (a device or socket); {hint}")
        if info.st_size > MAX_BYTES:
            raise _too_large(str(path))
        with path.open("rb") as handle:
            return _bounded_read(handle, str(path))
    except FileNotFoundError:
        raise CostgateError(f"{path}: no such file") from None
    except OSError as error:
        raise CostgateError(f"{path}: cannot read: {error.strerror or error}") from None


def _bounded_read(handle: IO[bytes], name: str) -> bytes:
    """At most MAX_BYTES: a pipe or a file that grows while read cannot make costgate read without end."""
    raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise _too_large(name)
    return raw


def _too_large(name: str) -> CostgateError:
    return CostgateError(
        f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB; costgate reads plans up to that size"
    )


def _integer(text: str) -> int | Decimal:
    return int(text) if len(text) <= LONGEST_INT else Decimal(text)


def parse_document(raw: bytes, name: str) -> dict[str, Any]:
    """A plan or state: JSON (see parse_json) with resource_changes, planned_values or values."""
    return plan_document(parse_json(raw, name, SHOW_JSON_HINT, READ_PARTS), name)


def plan_document(document: Any, name: str) -> dict[str, Any]:
    """`document` (read by parse_json) when it is a Terraform plan or state; a one-line error otherwise."""
    if not isinstance(document, dict) or not (
        "resource_changes" in document
        or "planned_values" in document
        or "values" in document
        or "format_version" in document
    ):
        raise CostgateError(f"{name}: this JSON is not a Terraform plan or state; {SHOW_JSON_HINT}")
    return document


def parse_json(raw: bytes, name: str, hint: str, read_parts: tuple[str, ...] = ()) -> Any:
    """The JSON document in `raw`, in UTF-8 or UTF-16, after any lines a wrapper printed; else a one-line error.

    Nesting deeper than MAX_DEPTH and text with a lone surrogate are refused, in the document's
    `read_parts` when it is an object that has any of them, else in all of it.
    """
    if not raw.strip():
        raise CostgateError(f"{name}: the file is empty; {hint}")
    if raw.startswith(b"PK\x03\x04"):
        raise CostgateError(f"{name}: this is a binary Terraform plan file; {hint}")
    text = _skip_wrapper_lines(_decode(raw, name, hint))
    try:
        document, end = _decoded(text)
        _check_trailing(text[end:], name)
    except RecursionError:
        raise CostgateError(f"{name}: the JSON is nested more than {MAX_DEPTH} levels deep") from None
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) - 1 or "Unterminated" in error.msg:
            raise CostgateError(
                f"{name}: the JSON ends early (truncated at line {error.lineno}); was the file fully written?"
            ) from None
        raise CostgateError(
            f"{name}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    strings = _SURROGATE_ESCAPE.search(text) is not None
    if isinstance(document, dict) and any(part in document for part in read_parts):
        _check_values([document.get(part) for part in read_parts], 2, name, strings)
    else:
        _check_values([document], 1, name, strings)
    return document


def _decoded(text: str) -> tuple[Any, int]:
    """The JSON document and where it ends; integers too long for int() (4,300+ digits) become Decimal.

    The plain decoder runs first: a Python parse_int callback would slow every integer of every
    plan by half, for a case only damaged input has.
    """
    with _collector_paused():
        try:
            return json.JSONDecoder().raw_decode(text)
        except json.JSONDecodeError:
            raise
        except ValueError:  # "Exceeds the limit (4300 digits) for integer string conversion"
            return json.JSONDecoder(parse_int=_integer).raw_decode(text)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the JSON is parsed, and none of what it built afterwards.

    A plan of 10k changes is about a million dicts and lists, all alive until the run ends and none
    of them in a cycle. Left on, the collector walks them again and again while they are built (half
    the parse time) and again in every full collection after. Freezing moves what exists now to the
    permanent generation: reference counting still frees it, the collector no longer walks it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


# The parts of a plan or state costgate reads; the rest (planned_values, prior_state, ...) is never walked.
READ_PARTS = ("resource_changes", "configuration", "variables", "values")
# A JSON escape of a UTF-16 surrogate (\ud800-\udfff): only then can the text hold a lone one.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _check_values(values: list[Any], depth: int, name: str, strings: bool) -> None:
    """Refuse nesting deeper than MAX_DEPTH below `values` (at `depth`), and text with lone surrogates.

    Level by level, so a deep document cannot exhaust the stack here, and only containers are
    visited: strings are looked at only when the JSON text escapes a surrogate at all. Text with a
    lone surrogate cannot be printed or written as UTF-8, so it is damaged input, refused before any output.
    """
    kept = (dict, list, str) if strings else (dict, list)
    while values:
        if depth > MAX_DEPTH:
            raise CostgateError(f"{name}: the JSON is nested more than {MAX_DEPTH} levels deep")
        below: list[Any] = []
        for value in values:
            kind = type(value)
            if kind is dict:
                if strings:
                    for key in value:
                        _check_text(key, name)
                below.extend([item for item in value.values() if type(item) in kept])
            elif kind is list:
                below.extend([item for item in value if type(item) in kept])
            elif kind is str:
                _check_text(value, name)
        values = below
        depth += 1


def _check_text(text: str, name: str) -> None:
    if _LONE_SURROGATE.search(text):
        raise CostgateError(
            f"{name}: the JSON holds a lone UTF-16 surrogate (\\ud800-\\udfff), which is not text"
        )


def _decode(raw: bytes, name: str, hint: str) -> str:
    encoding = "utf-8"
    for bom, with_bom in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            encoding = with_bom
            break
    else:
        # UTF-16 without a BOM still has a NUL in every other byte of ASCII text.
        if len(raw) > 1 and raw[1:2] == b"\x00" and raw[0:1] != b"\x00":
            encoding = "utf-16-le"
        elif b"\x00" in raw[:1024]:
            raise CostgateError(f"{name}: this is a binary file, not JSON; {hint}")
    try:
        # Strict: a lone surrogate or a cut-off UTF-16 pair is damaged input, not something to guess at.
        return raw.decode(encoding, errors="strict")
    except UnicodeDecodeError as error:
        shown = "UTF-16" if "16" in encoding else "UTF-8"
        raise CostgateError(
            f"{name}: not valid {shown} text (byte {error.start}: {error.reason}); {hint}"
        ) from None


def _skip_wrapper_lines(text: str) -> str:
    """Drop lines before the JSON that wrappers print, e.g. setup-terraform's `[command]/usr/bin/terraform show -json`."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return stripped
    lines = stripped.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.lstrip().startswith("{"):
            return "".join(lines[index:])
    return stripped


def _check_trailing(rest: str, name: str) -> None:
    """Allow what wrappers print after the JSON (`::debug::...` workflow commands); reject anything else."""
    for line in rest.splitlines():
        line = line.strip()
        if line and not line.startswith("::"):
            raise CostgateError(f"{name}: unexpected text after the JSON document: {line[:40]!r}")
