"""Seeded hostile variants of the fixture plans: types, values, nesting and encodings changed at random."""

from __future__ import annotations

import codecs
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES

PLANS = sorted((FIXTURES / "plans").rglob("*.json"))
HOSTILE_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    -20000,
    -5,
    float("nan"),
    float("inf"),
    -float("inf"),
    1e308,
    10**400,
    "",
    "lots",
    "-20000",
    "NaN",
    "1e309",
    "\ud800",
    "line\n::error::forged\n::add-mask::x",
    "\u202egnp.exe",
    [],
    [None],
    {},
    {"a": None},
    [[[[[]]]]],
]


def _nodes(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nodes(item, (*path, index))


def _set(document: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return document


def _nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


def mutate_value(document: Any, rng: random.Random) -> Any:
    """One node replaced by a hostile value: a number, most often a resource's attribute, or any node."""
    nodes = list(_nodes(document))
    numbers = [(p, v) for p, v in nodes if isinstance(v, (int, float)) and not isinstance(v, bool)]
    attributes = [(p, v) for p, v in nodes if len(p) > 4 and p[0] == "resource_changes" and p[3] == "after"]
    if numbers and rng.random() < 0.4:
        path, value = rng.choice(numbers)
        replacement = rng.choice([-value - 1, -20000, float("nan"), float("inf"), 10**400, 1e308, str(value)])
    else:
        path, _ = rng.choice(attributes if attributes and rng.random() < 0.6 else nodes[1:])
        replacement = rng.choice(HOSTILE_VALUES)
    return _set(document, path, replacement)


def mutate_nesting(document: Any, rng: random.Random) -> Any:
    """One node wrapped in a few or a hundred and fifty levels of lists (deeper nesting is added as text)."""
    path, value = rng.choice(list(_nodes(document))[1:])
    wrapped: Any = value
    for _ in range(rng.choice([5, 150])):
        wrapped = [wrapped]
    return _set(document, path, wrapped)


def nested_text(text: str, rng: random.Random) -> str:
    """A value nested 250 to 5,000 levels deep put into the first resource's attributes."""
    depth = rng.choice([250, 1200, 5000])
    return text.replace('"after": {', '"after": {"deep": ' + "[" * depth + "]" * depth + ", ", 1)


def mutate_delete(document: Any, rng: random.Random) -> Any:
    dicts = [(p, v) for p, v in _nodes(document) if isinstance(v, dict) and v]
    path, value = rng.choice(dicts)
    del value[rng.choice(list(value))]
    return document


def encode(text: str, rng: random.Random) -> bytes:
    """The document's text as bytes, sometimes in another or a damaged encoding."""
    choice = rng.randrange(20)
    if choice == 0:
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le", "surrogatepass")
    if choice == 1:
        return text.encode("utf-16-le", "surrogatepass")[:-1]  # odd length
    if choice == 2:
        return codecs.BOM_UTF8 + text.encode("utf-8", "surrogatepass")
    if choice == 3:
        raw = text.encode("utf-8", "surrogatepass")
        return raw[: rng.randrange(1, max(2, len(raw)))]  # truncated
    if choice == 4:
        return text.replace('"', '"\xe9', 1).encode("latin-1", "replace")
    return text.encode("utf-8", "surrogatepass")


def dumped(document: Any) -> str:
    """JSON text; numbers too long for Python's int-to-text limit are written by hand."""
    try:
        return json.dumps(document)
    except ValueError:
        return json.dumps(_long_ints_as_markers(document)).replace('"__LONG__"', "9" * 5000)


def _long_ints_as_markers(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**300:
        return "__LONG__"
    if isinstance(value, dict):
        return {k: _long_ints_as_markers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_long_ints_as_markers(v) for v in value]
    return value


def cases(count: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """`count` (name, bytes) plan files: each one fixture plan with one to three mutations, then encoded."""
    rng = random.Random(seed)
    originals = {path: path.read_text(encoding="utf-8") for path in PLANS}
    mutations = [mutate_value] * 6 + [mutate_delete]
    for number in range(count):
        path: Path = rng.choice(PLANS)
        document = json.loads(originals[path])
        applied = []
        for _ in range(rng.randint(1, 3)):
            mutation = rng.choice(mutations)
            document = mutation(document, rng)
            applied.append(mutation.__name__)
        if rng.random() < 0.1:  # last: nothing walks the document after it
            document = mutate_nesting(document, rng)
            applied.append("mutate_nesting")
        text = dumped(document)
        if rng.random() < 0.05:
            text = nested_text(text, rng)
            applied.append("nested_text")
        yield f"{number}-{path.stem}-{'+'.join(applied)}", encode(text, rng)
