"""Terraform resource addresses: module.a["k"].module.b.aws_instance.x[0]."""

from __future__ import annotations

import re

_INDEX = re.compile(r"\[[^\]]*\]")
_TRAILING_INDEX = re.compile(r"\[[^\]]*\]$")
# An address whose dots all separate steps: every index is a number or a quoted key with no dot,
# bracket, quote or backslash in it (nearly every real address).
_PLAIN = re.compile(r'(?:[^\[\]"]|\[(?:\d+|"[^"\\.\[\]]*")\])*')


def split_address(address: str) -> list[str]:
    """Split on dots outside brackets and quotes: module.a["x.y"].aws_instance.b -> [module, a["x.y"], aws_instance, b]."""
    if _PLAIN.fullmatch(address):
        return address.split(".")  # the common case, and fast
    parts, current, depth, quoted = [], [], 0, False
    for char in address:
        if char == '"' and depth:
            quoted = not quoted
        elif char == "[" and not quoted:
            depth += 1
        elif char == "]" and not quoted:
            depth -= 1
        if char == "." and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def module_of(address: str) -> str:
    """module.a["k"].module.b.aws_instance.x[0] -> module.a["k"].module.b (indexes kept)."""
    parts = split_address(address)
    module_parts: list[str] = []
    index = 0
    while index + 1 < len(parts) and parts[index] == "module":
        module_parts.append(f"module.{parts[index + 1]}")
        index += 2
    return ".".join(module_parts)


def config_module_path(module_address: str) -> str:
    """module.a["k"].module.b -> module.a.module.b: the configuration does not know instances."""
    return _INDEX.sub("", module_address)


def resource_part(address: str) -> str:
    """The resource part without instance key: module.a[0].aws_instance.x["k"] -> aws_instance.x."""
    parts = split_address(address.split(" ", 1)[0])
    while len(parts) > 2 and parts[0] == "module":
        parts = parts[2:]
    return _TRAILING_INDEX.sub("", ".".join(parts))
