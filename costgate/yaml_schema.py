"""Read a YAML file and validate it against a shipped JSON Schema, with errors that name the line.

Errors read `costgate.yml:14 teams.payments.monthly_budget: expected a number`: the line comes
from a PyYAML compose pass (the node tree keeps positions), the key path from jsonschema, and an
unknown key is answered with the closest valid name (difflib).
"""

from __future__ import annotations

import difflib
import json
from importlib import resources
from pathlib import Path
from typing import Any

from costgate.errors import CostgateError

TYPE_NAMES = {
    "number": "a number",
    "integer": "a whole number",
    "string": "a string",
    "object": "a mapping",
    "array": "a list",
    "boolean": "true or false",
}


def schema(name: str) -> dict[str, Any]:
    return json.loads((resources.files("costgate") / "schemas" / name).read_text(encoding="utf-8"))


def load_validated(path: Path, schema_name: str) -> dict[str, Any]:
    """The file's mapping (empty file: {}), validated; CostgateError naming file, line and key path."""
    import jsonschema
    import yaml

    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CostgateError(f"{path}: cannot read ({error.strerror or error})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise CostgateError(f"{where}: not valid YAML ({problem})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CostgateError(f"{name}:1: expected a mapping of settings at the top level")
    validator = jsonschema.Draft202012Validator(schema(schema_name))
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    if errors:
        raise CostgateError(_describe(_most_specific(errors[0]), node, name))
    return data


def _most_specific(error: Any) -> Any:
    # A $ref / anyOf error wraps the real one; the deepest context names the actual key.
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    return error


def _describe(error: Any, node: Any, name: str) -> str:
    path = list(error.absolute_path)
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        key = extra[0] if extra else "?"
        line = _line(node, path, key_of=key)
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = (
            f"; did you mean {close[0]}?"
            if close
            else (f"; valid keys: {', '.join(allowed)}" if allowed else "")
        )
        return f"{name}:{line} {_dotted([*path, key])}: unknown key{hint}"
    line = _line(node, path)
    if error.validator == "type":
        expected = error.validator_value
        names = [TYPE_NAMES.get(t, t) for t in (expected if isinstance(expected, list) else [expected])]
        what = f"expected {' or '.join(names)}"
    elif error.validator == "enum":
        what = "expected one of " + ", ".join(str(v) for v in error.validator_value)
    elif error.validator == "required":
        what = error.message.replace("'", "")
    elif error.validator in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        bound = {
            "minimum": "at least",
            "exclusiveMinimum": "more than",
            "maximum": "at most",
            "exclusiveMaximum": "less than",
        }
        what = f"expected a number {bound[error.validator]} {error.validator_value}"
    else:
        what = error.message
    return f"{name}:{line} {_dotted(path) or '(top level)'}: {what}"


def _dotted(path: list[Any]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _line(node: Any, path: list[Any], key_of: str | None = None) -> int:
    """The 1-based line of the value at `path` (or of the key `key_of` inside it)."""
    import yaml

    if node is None:
        return 1
    for step in path:
        if isinstance(node, yaml.MappingNode):
            found = next((value for key, value in node.value if key.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            found = node.value[step]
        else:
            found = None
        if found is None:
            break
        node = found
    if key_of is not None and isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            if key.value == key_of:
                return key.start_mark.line + 1
    return node.start_mark.line + 1
