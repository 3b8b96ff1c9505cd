"""A Markdown summary, written for ``$GITHUB_STEP_SUMMARY`` or a pull-request comment.

Counts of claims by status, then a table of the failing claims with their problems and links
to where they are written, then the problems that belong to no claim. ``link_base`` (such as
``https://github.com/OWNER/REPO/blob/SHA/``) turns the locations into links; the CLI builds it
from GitHub's environment variables.
"""

from __future__ import annotations

from typing import Any

from ..problems import Problem
from ..results import STATUSES
from .outcome import Outcome, docs_url

MAX_ROWS = 200  # GitHub caps a step summary at 1 MiB; past this many rows, say how many more

_STATUS_MARK = {
    "verified": "✅", "contradicted": "❌", "unsupported": "⚠️", "unanchored": "❓",
    "stale": "🕓", "invalid": "🚫",
}


def cell(text: str) -> str:
    """Text made safe for one cell of a Markdown table."""
    text = " ".join(text.split())
    for ch in "\\|`*_[]<>":
        text = text.replace(ch, "\\" + ch)
    return text


def _link(path: str | None, line: int | None, link_base: str | None) -> str:
    if not path:
        return ""
    shown = f"{path}:{line}" if line is not None else path
    target = (link_base or "") + path + (f"#L{line}" if line is not None else "")
    return f"[{cell(shown)}]({target.replace(' ', '%20').replace(')', '%29')})"


def _problem(p: Problem) -> str:
    return f"[`{p.code}`]({docs_url(p.code)}) {cell(p.message)}"


def render(result: Outcome, *, link_base: str | None = None, strict: bool = False,
           **_: Any) -> str:
    failing = result.problems if strict else result.errors
    verdict = "✅ all claims check out" if not failing else "❌ factbase found problems"
    stats = result.stats
    lines = [f"## factbase: {verdict}", ""]
    if result.loaded:
        lines += ["| Status | Claims |", "|---|---:|"]
        lines += [f"| {_STATUS_MARK[s]} {s} | {stats[s]} |" for s in STATUSES]
        lines.append(f"| **total** | **{stats['claims']}** |")
        lines.append("")
    errors, warnings = stats["errors"], stats["warnings"]
    summary = (f"{errors} error{'' if errors == 1 else 's'}, "
               f"{warnings} warning{'' if warnings == 1 else 's'}")
    if result.suppressed:
        summary += f" ({result.suppressed} more accepted by `--ignore` or the baseline)"
    lines += [summary, ""]

    rows: list[str] = []
    for claim in result.claims:
        problems = result.claim_problems(claim)
        if claim.status == "verified" and not problems:
            continue
        status = f"{_STATUS_MARK.get(claim.status, '')} {claim.status}"
        text = "<br>".join(_problem(p) for p in problems) or "—"
        rows.append(f"| {_link(claim.file, claim.line, link_base)} `{claim.id}` | {status} "
                    f"| {text} |")
    if rows:
        lines += ["### Claims with problems", "",
                  "| Claim | Status | Problems |", "|---|---|---|"]
        lines += rows[:MAX_ROWS]
        if len(rows) > MAX_ROWS:
            lines.append(f"| … | | {len(rows) - MAX_ROWS} more claims |")
        lines.append("")

    claim_ids = {c.id for c in result.claims}
    others = [p for p in result.problems if p.claim_id not in claim_ids]
    if others:
        lines += ["### Other problems", "", "| Where | Severity | Problem |", "|---|---|---|"]
        for p in others[:MAX_ROWS]:
            lines.append(f"| {_link(p.file, p.line, link_base)} | {p.severity} | {_problem(p)} |")
        if len(others) > MAX_ROWS:
            lines.append(f"| … | | {len(others) - MAX_ROWS} more problems |")
        lines.append("")
    return "\n".join(lines)
