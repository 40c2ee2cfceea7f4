"""The one YAML loader: costgate.yml, the policy packs and the usage file are read here.

`load_yaml_file(path, schema_name)` reads the file, parses it, checks it is safe to use and
validates it against a shipped JSON Schema (costgate/schemas/). The result keeps the node
tree next to the data, so a caller that checks more than the schema can (the usage file's keys
depend on the resource type) still names the line: errors read
`costgate.yml:14 teams.payments.monthly_budget: expected a number`. The line comes from the
PyYAML node tree, the key path from jsonschema, and an unknown key is answered with the
closest valid name (difflib).

Before validation every file passes the same admission checks, so hostile input ends as one
line naming the file and line, never as a traceback or a NaN in a cost: numbers are finite and
below 10^15 (`.nan`, `.inf`, `1.0e+309` and a 5,000-digit integer are rejected here, the one
place), keys are text, and the document is small once its aliases are expanded ("billion
laughs") and not deeply nested.
"""

from __future__ import annotations

import codecs
import difflib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from costgate.errors import CostgateError

MAX_BYTES = 10_000_000
MAX_NODES = 500_000  # after expanding aliases; a usage file for 10,000 resources has about 40,000
MAX_DEPTH = 64
MAX_DIGITS = 15  # numbers stay below 10^15: no budget, percent or monthly quantity comes near

TYPE_NAMES = {
    "number": "a number",
    "integer": "a whole number",
    "string": "a string",
    "object": "a mapping",
    "array": "a list",
    "boolean": "true or false",
    "null": "nothing",
}
BOUNDS = {
    "minimum": "at least",
    "exclusiveMinimum": "more than",
    "maximum": "at most",
    "exclusiveMaximum": "less than",
}
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
STR_TAG = "tag:yaml.org,2002:str"
MERGE_TAG = "tag:yaml.org,2002:merge"

KeyPath = Sequence["str | int"]  # teams, payments, monthly_budget / discounts, 1, percent


def schema(name: str) -> dict[str, Any]:
    return json.loads((resources.files("costgate") / "schemas" / name).read_text(encoding="utf-8"))


def decoded_text(raw: bytes, name: str) -> str:
    """A text file's bytes as text: UTF-8 (a byte-order mark is skipped) or UTF-16 (with a BOM, or without one,
    as PowerShell and some editors write it); anything else is a one-line error naming the line."""
    encoding = "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif len(raw) > 1 and raw[1:2] == b"\x00" and raw[0:1] != b"\x00":
        encoding = "utf-16-le"  # ASCII text in UTF-16 without a BOM: a NUL after every character
    elif len(raw) > 1 and raw[0:1] == b"\x00" and raw[1:2] != b"\x00":
        encoding = "utf-16-be"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        shown = "UTF-16" if "16" in encoding else "UTF-8"
        line = raw[: error.start].decode(encoding, errors="replace").count("\n") + 1
        raise CostgateError(
            f"{name}:{line}: not {shown} text ({error.reason}); save the file as UTF-8"
        ) from None


def decimal(value: Any) -> Decimal:
    """A number from a loaded file as a Decimal; str() first, so a YAML 0.1 is Decimal("0.1")."""
    return Decimal(str(value))


@dataclass(frozen=True)
class YamlFile:
    """A validated file: its data (an empty file is {}) and the node tree that knows each value's line."""

    name: str  # how messages name the file
    data: dict[str, Any]
    root: Any  # the PyYAML node tree; None for an empty file

    def line(self, path: KeyPath, of_key: bool = False) -> int:
        """The 1-based line of the value at `path` (of its key with of_key); the nearest known parent's otherwise."""
        return _line(self.root, list(path), of_key)

    def describe(self, path: KeyPath, what: str, line: int | None = None) -> str:
        """`file:line key.path: what`, one line."""
        where = line if line is not None else self.line(path)
        return f"{self.name}:{where} {dotted(path) or '(top level)'}: {what}"

    def error(self, path: KeyPath, what: str, line: int | None = None) -> CostgateError:
        return CostgateError(self.describe(path, what, line))


def load_yaml_file(path: Path, schema_name: str, name: str | None = None) -> YamlFile:
    """The file parsed, admitted and validated; CostgateError naming the file (as `name`, default its file name)."""
    document = read_yaml_file(path, name)
    problems = schema_problems(document, schema_name)
    if problems:
        raise CostgateError(problems[0])
    return document


def schema_problems(document: YamlFile, schema_name: str) -> list[str]:
    """Every way the document breaks the schema, one line each (`file:line key.path: what`), in key order."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema(schema_name))
    errors = sorted(
        validator.iter_errors(document.data), key=lambda e: (list(map(str, e.absolute_path)), e.validator)
    )
    return list(dict.fromkeys(_describe(_most_specific(error), document) for error in errors))


def read_yaml_file(path: Path, name: str | None = None) -> YamlFile:
    """The file parsed and admitted, not yet validated against a schema."""
    import yaml

    shown = name if name is not None else path.name
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CostgateError(f"{path}: cannot read ({error.strerror or error})") from None
    if len(raw) > MAX_BYTES:
        raise CostgateError(f"{shown}: larger than {MAX_BYTES // 1_000_000} MB; costgate reads at most that")
    text = decoded_text(raw, shown)
    try:
        # libyaml when present: faster, and it refuses nesting deeper than 1,000 levels by itself.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        root = loader.get_single_node()
        if root is not None:
            _admit(loader, YamlFile(shown, {}, root), root)
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as error:
        raise _not_yaml(error, text, shown) from None
    except RecursionError:
        # only PyYAML's pure-Python parser gets here (libyaml stops at 1,000 levels itself)
        raise CostgateError(
            f"{shown}:{loader.get_mark().line + 1}: not valid YAML (nested too deeply)"
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CostgateError(f"{shown}:1: expected a mapping of settings at the top level")
    return YamlFile(shown, data, root)


def _not_yaml(error: Any, text: str, shown: str) -> CostgateError:
    mark = getattr(error, "problem_mark", None)
    position = getattr(error, "position", None)  # a ReaderError (a control character) has an offset, no mark
    if mark is not None:
        shown += f":{mark.line + 1}"
    elif isinstance(position, int):
        shown += f":{text.count(chr(10), 0, position) + 1}"
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return CostgateError(f"{shown}: not valid YAML ({printable(problem)})")


def _admit(loader: Any, document: YamlFile, root: Any) -> None:
    """Reject what the schema cannot see: huge or non-finite numbers, bad keys, alias bombs, deep nesting."""
    import yaml

    sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (values once aliases are expanded, depth below it)
    open_nodes: set[int] = set()  # the mappings and lists being visited: an alias to one is a cycle

    def visit(node: Any, path: list[str | int]) -> tuple[int, int]:
        if id(node) in sizes:  # an alias: counted again (that is what expanding it costs), checked once
            return sizes[id(node)]
        if id(node) in open_nodes:
            line = document.line(path, of_key=True)  # the alias is the anchored node: name its key's line
            raise document.error(path, "an alias refers to the mapping or list that holds it", line)
        if len(path) > MAX_DEPTH:
            raise document.error(path[:MAX_DEPTH], f"nested more than {MAX_DEPTH} levels deep")
        size, depth = 1, 0
        if isinstance(node, yaml.ScalarNode):
            _admit_scalar(loader, document, node, path)
        else:
            open_nodes.add(id(node))
            for child, child_path in _children(document, node, path):
                child_size, child_depth = visit(child, child_path)
                size, depth = size + child_size, max(depth, child_depth + 1)
                if size > MAX_NODES:
                    raise document.error(path, f"more than {MAX_NODES:,} values once aliases are expanded")
            open_nodes.discard(id(node))
        if len(path) + depth > MAX_DEPTH:
            raise document.error(path, f"nested more than {MAX_DEPTH} levels deep (through an alias)")
        sizes[id(node)] = (size, depth)
        return size, depth

    visit(root, [])


def _children(document: YamlFile, node: Any, path: list[str | int]) -> list[tuple[Any, list[str | int]]]:
    """A mapping's values (keys must be distinct text) or a list's items, each with its key path."""
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return [(item, [*path, index]) for index, item in enumerate(node.value)]
    children: list[tuple[Any, list[str | int]]] = []
    lines: dict[str, int] = {}
    for key, value in node.value:
        line = key.start_mark.line + 1
        if key.tag == MERGE_TAG:  # `<<: *defaults` brings the anchored mapping's keys in here
            children.append((value, path))
            continue
        if not (isinstance(key, yaml.ScalarNode) and key.tag == STR_TAG):
            raise document.error(path, "a key must be text (put it in quotes)", line)
        if key.value in lines:  # PyYAML would keep the last one silently
            raise document.error(
                [*path, key.value], f"duplicate key (first on line {lines[key.value]})", line
            )
        lines[key.value] = line
        children.append((value, [*path, key.value]))
    return children


def _admit_scalar(loader: Any, document: YamlFile, node: Any, path: list[str | int]) -> None:
    too_large = f"expected a number below 10^{MAX_DIGITS}"
    if node.tag == INT_TAG and len(node.value.lstrip("+-").replace("_", "")) > 2 * MAX_DIGITS:
        raise document.error(path, too_large)  # before int(): Python refuses to convert 4,300+ digits
    try:
        value = loader.construct_object(node)
    except Exception:  # noqa: BLE001 - an explicit tag on a bad scalar (!!int x, !!timestamp y) fails many ways
        raise document.error(path, f"not a valid {printable(node.tag.rpartition(':')[2])}") from None
    if node.tag in (INT_TAG, FLOAT_TAG):
        if not math.isfinite(value):
            raise document.error(path, f"expected a finite number, got {printable(node.value)[:24]}")
        if abs(value) >= 10**MAX_DIGITS:
            raise document.error(path, too_large)


def _most_specific(error: Any) -> Any:
    # A $ref / anyOf error wraps the real one; the deepest context names the actual key.
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    return error


def _describe(error: Any, document: YamlFile) -> str:
    path = list(error.absolute_path)
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        key = extra[0] if extra else "?"
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = (
            f"; did you mean {close[0]}?"
            if close
            else (f"; valid keys: {', '.join(allowed)}" if allowed else "")
        )
        return document.describe([*path, key], f"unknown key{hint}", document.line([*path, key], of_key=True))
    if error.validator == "type":
        expected = error.validator_value
        names = [TYPE_NAMES.get(t, t) for t in (expected if isinstance(expected, list) else [expected])]
        what = f"expected {' or '.join(names)}"
    elif error.validator == "enum":
        choices = list(dict.fromkeys(str(v) for v in error.validator_value))  # "0.1" and 0.1 read the same
        what = f"expected {choices[0]}" if len(choices) == 1 else "expected one of " + ", ".join(choices)
    elif error.validator == "required":
        what = error.message.replace("'", "")
    elif error.validator in BOUNDS:
        what = f"expected a number {BOUNDS[error.validator]} {error.validator_value}"
    else:
        what = error.message
    return document.describe(path, what)


def dotted(path: KeyPath) -> str:
    """A key path as the messages show it: teams.payments.monthly_budget, discounts[1].percent."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return printable(text)


def printable(text: str) -> str:
    """A user's text made safe for a one-line message: control characters escaped, at most 300 characters."""
    shown = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in str(text))
    return shown if len(shown) <= 300 else shown[:299] + "…"


def _line(node: Any, path: list[Any], of_key: bool) -> int:
    import yaml

    if node is None:
        return 1
    key_node = None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            found = next(((key, value) for key, value in node.value if key.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            found = (None, node.value[step])
        else:
            found = None
        if found is None:
            return node.start_mark.line + 1
        key_node, node = found
    if of_key and key_node is not None:
        return key_node.start_mark.line + 1
    return node.start_mark.line + 1
