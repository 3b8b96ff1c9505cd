"""Add drafts to a facts file (``factbase mentions --as-claims --into FILE``).

Printed drafts are a YAML document of their own, with their own ``claims:`` key: appended to
a file that has one already, they would repeat it (``duplicate-key``). Here the drafts go
under the file's ``claims:`` (and ``entities:``) lists, indented as the file indents them, or
under new lists at its end; the rest of the file, comments included, is kept byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .drafts import Drafts
from .pin import Edit, apply_edits, write_atomically
from .yamldoc import compose

__all__ = ["DraftsFileError", "add_drafts", "claim_ids_in"]


class DraftsFileError(Exception):
    """The file cannot take the drafts (not YAML, not a mapping, a list in flow style)."""


def _read(path: Path) -> tuple[str, yaml.MappingNode | None]:
    if not path.exists():
        return "", None
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise DraftsFileError(f"{path}: not UTF-8") from None
    root, problems = compose(text, str(path))
    if problems:
        raise DraftsFileError(f"{problems[0].location}: {problems[0].code}: {problems[0].message}")
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise DraftsFileError(f"{path}: not a mapping of sources, entities and claims")
    return text, root


def claim_ids_in(path: Path) -> set[str]:
    """The ids of the claims written in ``path`` (none when it does not exist)."""
    _, root = _read(path)
    ids: set[str] = set()
    for key, value in root.value if root is not None else ():
        if isinstance(key, yaml.ScalarNode) and key.value == "claims" \
                and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if isinstance(item, yaml.MappingNode):
                    ids.update(v.value for k, v in item.value
                               if k.value == "id" and isinstance(v, yaml.ScalarNode))
    return ids


def add_drafts(path: Path, drafts: Drafts) -> int:
    """Add ``drafts`` to the facts file at ``path`` (created when missing); returns how many
    claims were added. Raises :class:`DraftsFileError` when the file cannot take them."""
    if not drafts.count:
        return 0
    text, root = _read(path)
    newline = "\r\n" if "\r\n" in text else "\n"
    lists = {key.value: (key, value) for key, value in (root.value if root is not None else ())
             if isinstance(key, yaml.ScalarNode)}
    edits: list[Edit] = []
    tail: list[str] = []
    for name, items in (("entities", drafts.entities),
                        ("claims", [f"  {drafts.header}", *(f"  # {s}" for s in drafts.skipped),
                                    *drafts.claim_lines()])):
        if not items:
            continue
        found = lists.get(name)
        if found is None:
            tail += [f"{name}:", *items]
            continue
        edits.append(_into(text, name, *found, items, newline))
    if tail:
        lead = "" if not text or text.endswith("\n") else newline
        edits.append(Edit(len(text), len(text), lead + newline.join(tail) + newline))
    new_text = apply_edits(text, edits)
    if path.exists():
        write_atomically(path, new_text.encode("utf-8"))
    else:
        path.write_text(new_text, encoding="utf-8", newline="")
    return drafts.count


def _into(text: str, name: str, key: yaml.Node, value: yaml.Node, items: list[str],
          newline: str) -> Edit:
    """The edit that puts ``items`` (list items indented by two) at the end of the list
    ``value`` of the top-level key ``key``."""
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        first = value.value[0]
        line_start = text.rfind("\n", 0, first.start_mark.index) + 1
        dash = text.index("-", line_start)
        lines = _shifted(items, dash - line_start - 2)
        at = _last_scalar_end(value.value[-1])
        eol = text.find("\n", at)
        at = len(text) if eol == -1 else eol + 1
        lead = "" if at == 0 or text[at - 1] == "\n" else newline
        return Edit(at, at, lead + newline.join(lines) + newline)
    empty_flow = isinstance(value, yaml.SequenceNode) and value.flow_style and not value.value
    empty = isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null")
    if not (empty_flow or empty):
        raise DraftsFileError(f"cannot add drafts to `{name}:` at line {key.start_mark.line + 1}: "
                              "write it as a block list (one `- ` item a line)")
    lines = _shifted(items, key.start_mark.column)
    # From the colon: `claims: []` and `claims:` become `claims:` and the items.
    a, b = text.index(":", key.end_mark.index) + 1, value.end_mark.index
    return Edit(a, max(a, b), newline + newline.join(lines))


def _shifted(lines: list[str], by: int) -> list[str]:
    """``lines`` moved right by ``by`` columns (left when negative: each line of a draft is
    indented by two at least)."""
    if by >= 0:
        return [" " * by + line for line in lines]
    return [line[-by:] if line[:-by].isspace() else line.lstrip() for line in lines]


def _last_scalar_end(node: yaml.Node) -> int:
    """Where the last scalar inside ``node`` ends (a block collection's own end mark lies
    after the comments that follow it)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        if node.flow_style:
            return int(node.end_mark.index)
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return int(node.end_mark.index)
