"""Generate the reference pages of docs/ from code, so that they cannot drift.

``python tools/docgen.py`` rewrites the generated blocks; ``--check`` exits 1 when a page is
stale (tests/test_docs.py runs the check). It lives outside the package: editing it changes
no user's cache key (the cache hashes factbase's own code). A generated block sits between
``<!-- generated: NAME -->`` and ``<!-- /generated -->`` markers.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import click

DOCS = Path(__file__).resolve().parent.parent / "docs"
_BLOCK = re.compile(r"(<!-- generated: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- /generated -->)", re.S)


def cli_reference() -> str:
    from factbase.cli import cli

    out: list[str] = []
    # The group's context_settings (-h as well as --help) apply only through make_context;
    # pass them here too, or the page would depend on whether the CLI ran before.
    ctx = click.Context(cli, info_name="factbase", terminal_width=100, max_content_width=100,
                        **cli.context_settings)
    out.append("```\n$ factbase --help\n" + cli.get_help(ctx).rstrip() + "\n```\n")
    for name in sorted(cli.list_commands(ctx)):
        command = cli.get_command(ctx, name)
        assert command is not None
        sub = click.Context(command, info_name=name, parent=ctx, terminal_width=100, max_content_width=100)
        out.append(f"## factbase {name}\n\n```\n$ factbase {name} --help\n{command.get_help(sub).rstrip()}\n```\n")
    return "\n".join(out)


def problems_reference() -> str:
    from factbase.problems import PROBLEM_TYPES

    out = ["| code | severity | group | title |", "| --- | --- | --- | --- |"]
    out += [f"| [`{t.code}`](#{t.code}) | {t.severity} | {t.group} | {t.title} |" for t in PROBLEM_TYPES]
    out.append("")
    for t in PROBLEM_TYPES:
        # A template that quotes a field (`quote:`) needs a longer fence to stay one code span.
        fence = "``" if "`" in t.template else "`"
        pad = " " if fence == "``" else ""
        out.append(f"### {t.code}\n\n**{t.title}** ({t.severity}). {t.description}\n\n"
                   f"Message: {fence}{pad}{t.template}{pad}{fence}\n")
    return "\n".join(out)


FORMAT_MODELS = (
    "FactsFile", "Source", "Entity", "Role", "Claim", "Citation", "DateValue", "MoneyValue",
    "QuantityValue", "ChangeValue", "ChangePart", "PersonValue", "EntityValue", "QuoteValue",
    "ProblemIgnore", "CoverageIgnore",
)


def format_reference() -> str:
    from factbase import model

    out: list[str] = []
    for name in FORMAT_MODELS:
        m = getattr(model, name)
        doc = " ".join((m.__doc__ or "").split())
        out.append(f"### {m.__name__}\n\n{doc}\n\n| field | type | required | description |\n| --- | --- | --- | --- |")
        for field_name, info in m.model_fields.items():
            key = info.alias or field_name
            kind = human_type(info.annotation, info.metadata)
            desc = " ".join((info.description or "").split())
            cells = [f"`{key}`", kind, "yes" if info.is_required() else "no", desc]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    return "\n".join(out)


# The constrained strings of the format, by their pattern: what a reader should write.
_PATTERN_TYPES = {
    r"^[a-z0-9][a-z0-9-]*$": "slug (lowercase letters, digits, hyphens)",
    r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$": "date (YYYY, YYYY-MM or YYYY-MM-DD)",
    r"^[0-9a-f]{64}$": "sha256 (64 hex digits)",
    r"^[A-Z]{3}$": "currency code (ISO 4217, such as USD)",
    r"^[A-Za-z]{3}$": "currency code (ISO 4217, such as USD; any case)",
}
_PLAIN_TYPES = {str: "string", int: "integer", bool: "true or false", float: "number"}


def human_type(annotation: object, metadata: list[object] | tuple[object, ...] = ()) -> str:
    """A model field's type as a reader of the format writes it: ``string``, ``date (YYYY,
    YYYY-MM or YYYY-MM-DD)``, ``list of strings``, ``one of: about, nearly…`` for a Literal,
    a link to the section of a nested model. ``null`` (an optional field) is left to the
    required column."""
    import types
    import typing
    from decimal import Decimal
    from fractions import Fraction

    from annotated_types import Ge, MinLen
    from pydantic import BaseModel

    meta = list(metadata)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *more = typing.get_args(annotation)
        return human_type(base, [*meta, *more])
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return human_type(members[0], meta)
        if set(members) == {Decimal, Fraction}:
            return "number, or a fraction such as `1/3`"
        if str in members:  # a claim's value: a typed mapping, or the shorthand string
            rest = [human_type(a) for a in members if a is not str]
            return f"{' or '.join(rest)}, or a shorthand string (`\"$9 million\"`)"
        if all(isinstance(a, type) and issubclass(a, BaseModel) for a in members):
            links = [human_type(a) for a in members]
            return f"one of {', '.join(links[:-1])} or {links[-1]}, by its `type`"
        return " or ".join(human_type(a) for a in members)
    if origin is typing.Literal:
        values = [f"`{v}`" for v in typing.get_args(annotation)]
        return values[0] if len(values) == 1 else "one of: " + ", ".join(values)
    if origin is list:
        (item,) = typing.get_args(annotation)
        inner = human_type(item)
        plural = {"string": "strings"}.get(inner, inner)
        least = next((m.min_length for m in meta if isinstance(m, MinLen)), 0)
        return f"list of {plural}" + (" (at least one)" if least == 1 else "")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    if annotation is Decimal:
        return "number"
    for m in meta:
        pattern = getattr(m, "pattern", None)
        if pattern in _PATTERN_TYPES:
            return _PATTERN_TYPES[str(pattern)]
    if isinstance(annotation, type) and annotation in _PLAIN_TYPES:
        text = _PLAIN_TYPES[annotation]
        if any(isinstance(m, Ge) and m.ge == 0 for m in meta):
            text += " (0 or more)"
        if any(isinstance(m, MinLen) and m.min_length == 1 for m in meta) and annotation is str:
            text = "non-empty string"
        return text
    raise ValueError(f"docgen: no reader's name for the type {annotation!r}; add one")


def allowed_values_reference() -> str:
    """The fields of facts.yaml that take one of a fixed set of words, and the verdicts."""
    from factbase import model
    from factbase.results import STATUSES

    out = ["| field | allowed values |", "| --- | --- |"]
    seen: dict[tuple[object, ...], list[str]] = {}
    for name in FORMAT_MODELS:
        m = getattr(model, name)
        for field_name, info in m.model_fields.items():
            if field_name == "type":
                continue  # the value types have their own table
            literal = _literal_of(info.annotation)
            if literal is None or len(literal) < 2:
                continue
            seen.setdefault(literal, []).append(f"[{name}](#{name.lower()}).`{info.alias or field_name}`")
    for literal, fields in seen.items():
        out.append(f"| {', '.join(fields)} | {', '.join(f'`{v}`' for v in literal)} |")
    out.append(f"| `value.type` ([Value types](#value-types)) | "
               f"{', '.join(f'`{t}`' for t in model.VALUE_TYPES)} |")
    out.append("")
    out.append("A claim's verdict is not written in facts.yaml; `factbase check` gives each claim "
               f"one of {', '.join(f'`{s}`' for s in STATUSES)} "
               "([Verification rules](verification.md)).")
    return "\n".join(out)


def _literal_of(annotation: object) -> tuple[object, ...] | None:
    import types
    import typing

    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        for member in typing.get_args(annotation):
            found = _literal_of(member)
            if found is not None:
                return found
    return None


def json_schema_reference() -> str:
    from factbase.project import schema_text

    return "```json\n" + schema_text() + "```\n"


def database_reference() -> str:
    from factbase.db.shape import reference_markdown

    return reference_markdown()


def canned_queries_reference() -> str:
    from factbase.serve import queries_markdown

    return queries_markdown()


def results_reference() -> str:
    import dataclasses

    from factbase.results import CitationResult, ClaimResult, Evidence

    out: list[str] = []
    for cls in (ClaimResult, CitationResult, Evidence):
        out.append(f"**{cls.__name__}**\n\n| field | type | description |\n| --- | --- | --- |")
        rows = [(f.name, str(f.type), f.metadata.get("description", "")) for f in dataclasses.fields(cls)]
        rows += [(name, "str", desc + " (a property)") for name, desc, _ in getattr(cls, "EXTRA", ())]
        for name, kind, desc in rows:
            cells = [f"`{name}`", f"`{kind}`", desc]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out.append("")
    return "\n".join(out)


GENERATORS: dict[str, Callable[[], str]] = {
    "cli": cli_reference,
    "database": database_reference,
    "canned-queries": canned_queries_reference,
    "problems": problems_reference,
    "format": format_reference,
    "allowed-values": allowed_values_reference,
    "json-schema": json_schema_reference,
    "results": results_reference,
}


# Whole files of docs/ that are generated: the bundled facts.yaml points editors at the schema.
def facts_schema() -> str:
    from factbase.project import schema_text

    return schema_text()


FILES: dict[str, Callable[[], str]] = {"facts.schema.json": facts_schema}


def render(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        gen = GENERATORS.get(m.group("name"))
        if gen is None:
            return m.group(0)
        return m.group(1) + gen().rstrip() + "\n" + m.group(4)

    return _BLOCK.sub(repl, text)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def stale_pages(docs: Path = DOCS) -> list[Path]:
    """The pages with a stale generated block, and the generated files that are stale or
    missing."""
    stale = [p for p in sorted(docs.glob("*.md")) if render(p.read_text(encoding="utf-8")) != p.read_text(encoding="utf-8")]
    return stale + [docs / name for name, gen in FILES.items() if _read(docs / name) != gen()]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = stale_pages()
        for p in stale:
            sys.stderr.write(f"{p}: stale; run python tools/docgen.py\n")
        return 1 if stale else 0
    for p in sorted(DOCS.glob("*.md")):
        text = p.read_text(encoding="utf-8")
        new = render(text)
        if new != text:
            p.write_text(new, encoding="utf-8")
    for name, gen in FILES.items():
        text = gen()
        if _read(DOCS / name) != text:
            (DOCS / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
