"""YAML read as plain data while remembering where each value stands, for error messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

NULL_TAG = "tag:yaml.org,2002:null"
# libyaml's parser where PyYAML was built with it (its wheels are): the same nodes and marks,
# a tenth of the time of the pure-Python one (a plan is read at every start).
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlProblem:
    line: int | None
    path: tuple[str | int, ...]
    reason: str  # catalog key


def parse(text: str) -> tuple[Any, yaml.Node | None, list[YamlProblem]]:
    """Data (scalars kept as strings: pydantic does every conversion), nodes, problems."""
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        return None, None, [YamlProblem(mark.line + 1 if mark else None, (), "plan.yaml_syntax")]
    except yaml.YAMLError:
        return None, None, [YamlProblem(None, (), "plan.yaml_syntax")]
    problems: list[YamlProblem] = []
    data = _to_data(root, (), problems) if root is not None else None
    return data, root, problems


def _to_data(node: yaml.Node, path: tuple[str | int, ...], problems: list[YamlProblem]) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in result:
                problems.append(
                    YamlProblem(key_node.start_mark.line + 1, (*path, key), "plan.duplicate_key")
                )
            result[key] = _to_data(value_node, (*path, key), problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, (*path, index), problems) for index, item in enumerate(node.value)]
    if node.tag == NULL_TAG:
        return None
    return node.value


def line_of(root: yaml.Node | None, path: tuple[str | int, ...]) -> int | None:
    """The 1-based line of the deepest node of `path` that exists in the tree."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            found = next((pair for pair in node.value if pair[0].value == step), None)
            if found is None:
                break
            line = found[0].start_mark.line + 1
            node = found[1]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            break
    return line
