"""Generate the reference pages of docs/ from code, so that they cannot drift.

``python tools/docgen.py`` rewrites the generated blocks; ``--check`` exits 1 when a page is
stale (tests/test_docs.py runs the check). It lives outside the package: editing it changes
no user's cache key (the cache hashes factbase's own code). A generated block sits between
``<!-- generated: NAME -->`` and ``<!-- /generated -->`` markers.
"""

from __future__ import annotations

import json
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


def format_reference() -> str:
    from pydantic import BaseModel

    from factbase import model

    out: list[str] = []
    models: list[type[BaseModel]] = [
        model.FactsFile, model.Source, model.Entity, model.Role, model.Claim, model.Citation,
        model.DateValue, model.MoneyValue, model.QuantityValue, model.ChangeValue,
        model.ChangePart, model.PersonValue, model.EntityValue, model.QuoteValue,
        model.ProblemIgnore, model.CoverageIgnore,
    ]
    for m in models:
        doc = " ".join((m.__doc__ or "").split())
        out.append(f"### {m.__name__}\n\n{doc}\n\n| field | type | required | description |\n| --- | --- | --- | --- |")
        for name, info in m.model_fields.items():
            key = info.alias or name
            kind = _type_name(info.annotation)
            desc = " ".join((info.description or "").split()).replace("|", "\\|")
            out.append(f"| `{key}` | {kind} | {'yes' if info.is_required() else 'no'} | {desc} |")
        out.append("")
    return "\n".join(out)


def _type_name(annotation: object) -> str:
    text = repr(annotation)
    text = re.sub(r"typing\.|factbase\.model\.|<class '|'>|Annotated\[|, .*?\]", "", text)
    text = re.sub(r"\bNoneType\b", "null", text)
    return text.replace("|", "\\|")


def json_schema_reference() -> str:
    from factbase.model import json_schema

    return "```json\n" + json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n```\n"


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
    "json-schema": json_schema_reference,
    "results": results_reference,
}


def render(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        gen = GENERATORS.get(m.group("name"))
        if gen is None:
            return m.group(0)
        return m.group(1) + gen().rstrip() + "\n" + m.group(4)

    return _BLOCK.sub(repl, text)


def stale_pages(docs: Path = DOCS) -> list[Path]:
    return [p for p in sorted(docs.glob("*.md")) if render(p.read_text(encoding="utf-8")) != p.read_text(encoding="utf-8")]


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
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
