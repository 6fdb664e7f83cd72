"""Safe YAML reading that remembers where each key and item sits in the file.

Only the safe loader is used (libyaml's ``CSafeLoader`` when PyYAML has it, else
``SafeLoader``): content never builds Python objects. Each file is parsed once, into
nodes that keep their line marks, and the data is built from those same nodes.
"""

from __future__ import annotations

from typing import Any

import yaml

Lines = dict[tuple, int]
# Under a block scalar's path (``key: |``), the line its text starts on: the next one.
TEXT_START = "<text>"


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlSyntaxError(ValueError):
    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


def _walk(node: yaml.Node, path: tuple, lines: Lines, offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[(*path, key)] = key_node.start_mark.line + 1 + offset
            _walk(value_node, (*path, key), lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1 + offset
            _walk(item, (*path, index), lines, offset)
    elif isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        lines[(*path, TEXT_START)] = node.start_mark.line + 2 + offset


def load_yaml(text: str, offset: int = 0) -> tuple[Any, Lines]:
    """Parse ``text`` safely; return the data and a map from key paths to 1-based lines.

    ``offset`` shifts line numbers when the YAML is embedded (front matter).
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 1 + offset) if mark else 1 + offset
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlSyntaxError(line, f"invalid YAML: {problem}") from exc
    finally:
        loader.dispose()
    lines: Lines = {}
    if node is not None:
        _walk(node, (), lines, offset)
    return data, lines


def line_of(lines: Lines, path: tuple, default: int = 1) -> int:
    """The line of ``path``, else of its nearest ancestor that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return default


def text_line(lines: Lines, path: tuple) -> int:
    """The line where the text of the scalar at ``path`` starts."""
    return lines.get((*path, TEXT_START)) or line_of(lines, path)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Return (front matter, body, first body line), or None without front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return None
