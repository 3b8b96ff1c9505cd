"""`factbase explain`: one claim's verdict in the terminal, as its page in Datasette shows it.

The claim (id, where it is declared, statement, value as people write it, verdict), then each
citation: the source and offsets (and pages of a PDF), the cited span in its context with the
span in brackets, the typed mentions inside the span (coloured by kind, each marked as
matching the claim's value or not), and the reason for the citation's verdict: for a verified
one the mentions that support the value, otherwise the problems' messages. The claim's own
problems come last.

:func:`lines` gives rich ``Text`` lines; :func:`render` the text, plain or with terminal
styles. The plain text is the styled text without its styles, character for character.
Nothing here prints.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from ..problems import Problem
from ..results import CitationResult, ClaimResult, Evidence, Report
from .text import _SEVERITY_STYLE, _STATUS_STYLE

__all__ = ["CONTEXT", "KIND_STYLES", "context_bounds", "lines", "nearest_claims", "render"]

# Code points of context on each side of a cited span (cut back to a word boundary).
CONTEXT = 80
KIND_STYLES = {
    "date": "cyan", "money": "green", "quantity": "magenta", "entity": "yellow",
    "role": "blue", "person": "blue",
}
_SPACE = re.compile(r"\s")
_RUN = re.compile(r"\s+|\S+")


def nearest_claims(report: Report | Sequence[str], claim_id: str, n: int = 3) -> list[str]:
    """The ids closest to ``claim_id`` (for "did you mean"): close spellings first, then ids
    that contain it."""
    ids = [c.id for c in report.claims] if isinstance(report, Report) else list(report)
    close = difflib.get_close_matches(claim_id, ids, n=n, cutoff=0.6)
    containing = [i for i in ids if claim_id and claim_id in i and i not in close]
    return (close + containing)[:n]


def context_bounds(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[int, int]:
    """Where the context of ``text[start:end]`` begins and ends: up to ``width`` code points
    on each side, cut back to whole words (a word split by the limit is left out)."""
    lo = max(0, start - width)
    if lo > 0 and not text[lo - 1].isspace():
        space = _SPACE.search(text, lo, start)
        lo = space.end() if space else start
    hi = min(len(text), end + width)
    if hi < len(text) and not text[hi].isspace():
        spaces = [m.start() for m in _SPACE.finditer(text, end, hi)]
        hi = spaces[-1] if spaces else end
    return lo, hi


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` on one line, each run of whitespace one space, and where each of its
    positions (and its end) went."""
    out: list[str] = []
    where: list[int] = []
    at = 0
    for m in _RUN.finditer(text):
        where.append(at)
        if m.group().isspace():
            where.extend([at] * (len(m.group()) - 1))
            out.append(" ")
            at += 1
        else:
            where.extend(range(at + 1, at + len(m.group())))
            out.append(m.group())
            at += len(m.group())
    where.append(at)
    return "".join(out), where


def _flat(text: str) -> str:
    return _fold(text)[0]


def _header(claim: ClaimResult) -> list[Text]:
    where = f" ({claim.file}:{claim.line})" if claim.file and claim.line else (
        f" ({claim.file})" if claim.file else "")
    head = Text("claim ")
    head.append(claim.id, style="bold")
    head.append(where, style="dim")
    value = Text("  value: ")
    value.append(claim.value_type, style=KIND_STYLES.get(claim.value_type, ""))
    if claim.value_type != "quote":  # a quote value has nothing more to show
        value.append(" ")
        value.append(claim.display, style="bold")
    status = Text("  status: ")
    status.append(claim.status, style=f"bold {_STATUS_STYLE.get(claim.status, '')}".strip())
    return [head, Text(f"  {claim.statement}"), value, status]


def _span_line(text: str, citation: CitationResult) -> Text:
    assert citation.start is not None and citation.end is not None
    start, end = citation.start, citation.end
    lo, hi = context_bounds(text, start, end)
    line = Text("  ")
    if lo > 0:
        line.append("…", style="dim")
    line.append(_flat(text[lo:start]), style="dim")
    line.append("[", style="bold")
    folded, where = _fold(text[start:end])
    span = Text(folded, style="underline")
    for e in citation.evidence:
        a, b = max(e.start, start) - start, min(e.end, end) - start
        if a < b:
            kind = KIND_STYLES.get(e.kind, "")
            span.stylize(f"bold {kind}" if e.matches else kind, where[a], where[b])
    line.append_text(span)
    line.append("]", style="bold")
    line.append(_flat(text[end:hi]), style="dim")
    if hi < len(text):
        line.append("…", style="dim")
    return line


def _mention_lines(evidence: Sequence[Evidence]) -> list[Text]:
    if not evidence:
        return [Text("  mentions: none of a typed kind in the span")]
    out = [Text("  mentions:")]
    kind_width = max(len(e.kind) for e in evidence)
    texts = [f"\"{_flat(e.text)}\"" for e in evidence]
    text_width = max(len(t) for t in texts)
    for e, quoted in zip(evidence, texts, strict=True):
        line = Text("    ")
        line.append("✓ " if e.matches else "✗ ", style="green" if e.matches else "red")
        line.append(e.kind.ljust(kind_width), style=KIND_STYLES.get(e.kind, ""))
        line.append(f"  {quoted.ljust(text_width)}  {e.start}-{e.end}  = {e.display}")
        line.append("  matches" if e.matches else "  does not match",
                    style="green" if e.matches else "dim")
        out.append(line)
    return out


def _reason(claim: ClaimResult, citation: CitationResult) -> tuple[Text, list[Problem]]:
    """The verdict line of a citation, and the problems it states (not to be listed again)."""
    line = Text("  verdict: ")
    line.append(citation.status, style=f"bold {_STATUS_STYLE.get(citation.status, '')}".strip())
    stated: list[Problem] = []
    if citation.status == "verified":
        matching = [e for e in citation.evidence if e.matches]
        if claim.value_type == "quote":
            reason = "the quote is in the source, and a quote value asks nothing more"
        elif matching:
            named = [f"\"{_flat(e.text)}\" ({e.kind} {e.display})" for e in matching]
            verb = "supports" if len(named) == 1 else "support"
            reason = f"{_join(named)} {verb} {claim.display}"
        else:
            reason = f"the span supports {claim.display}"
    else:
        stated = [p for p in citation.problems if p.severity == "error"]
        if stated:
            line.append(f" ({', '.join(dict.fromkeys(p.code for p in stated))})", style="cyan")
        reason = ("; ".join(dict.fromkeys(p.message for p in stated)) if stated
                  else _STATUS_REASONS.get(citation.status, ""))
    if reason:
        line.append(f": {reason}")
    return line, stated


_STATUS_REASONS = {
    "contradicted": "the span holds a value of the claim's type that differs",
    "unsupported": "no mention in the span matches the value",
    "unanchored": "the quote is not in the source",
    "stale": "the source changed since it was pinned",
    "invalid": "the claim's value is not valid (see the claim's problems)",
}


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _problem_line(p: Problem, indent: str) -> Text:
    line = Text(indent)
    line.append(p.severity, style=_SEVERITY_STYLE.get(p.severity, ""))
    line.append(" ")
    line.append(p.code, style="cyan")
    line.append(f": {p.message}")
    return line


def _citation_lines(report: Report, claim: ClaimResult, citation: CitationResult) -> list[Text]:
    head = Text(f"citation {citation.index + 1} of {len(claim.citations)}: source ")
    head.append(citation.source, style="bold")
    source = next((s for s in report.sources if s.id == citation.source), None)
    if source is not None and source.source is not None and source.source.title:
        head.append(f" ({source.source.title})")
    if citation.start is not None and citation.end is not None:
        pages = ""
        if citation.page is not None:
            pages = (f"page {citation.page}, " if citation.page_end in (None, citation.page)
                     else f"pages {citation.page}-{citation.page_end}, ")
        score = (f", score {citation.score:.1f}"
                 if citation.anchor == "fuzzy" and citation.score is not None else "")
        head.append(f", {pages}characters {citation.start}-{citation.end} "
                    f"(anchored {citation.anchor}{score})", style="dim")
    else:
        head.append(", not anchored", style="dim")
    out = [head]
    text = source.text if source is not None else None
    if text is not None and citation.start is not None and citation.end is not None:
        out.append(_span_line(text, citation))
        if citation.mention is not None:
            found = (f"characters {citation.mention_start}-{citation.mention_end}"
                     if citation.mention_start is not None else "not found in the span")
            out.append(Text(f"  pinpointed mention: \"{citation.mention}\" ({found})"))
        out.extend(_mention_lines(citation.evidence))
    else:
        out.append(Text(f"  quote: \"{_flat(citation.quote)}\""))
    verdict, stated = _reason(claim, citation)
    out.append(verdict)
    rest = [p for p in citation.problems if all(p is not s for s in stated)]
    if rest:
        out.append(Text("  also:" if stated else "  problems:"))
        out.extend(_problem_line(p, "    ") for p in rest)
    return out


def lines(report: Report, claim_id: str) -> list[Text]:
    """The explanation of claim ``claim_id`` of a checked report, line by line.

    Raises ``KeyError`` when the report has no such claim."""
    claim = report.claim(claim_id)
    out = _header(claim)
    for citation in claim.citations:
        out.append(Text())
        out.extend(_citation_lines(report, claim, citation))
    own = list(claim.problems)
    attached = {id(p) for c in claim.citations for p in c.problems} | {id(p) for p in own}
    own += [p for p in report.problems if p.claim_id == claim_id and p.citation_id is None
            and id(p) not in attached and p not in own]
    if own:
        out.append(Text())
        out.append(Text("claim problems:"))
        out.extend(_problem_line(p, "  ") for p in own)
    return out


def render(report: Report, claim_id: str, *, color: bool = False, width: int = 100) -> str:
    """The explanation as text: plain, or with terminal styles when ``color``."""
    explained = lines(report, claim_id)
    if not color:
        return "".join(t.plain + "\n" for t in explained)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=width, highlight=False,
                      soft_wrap=True)
    for t in explained:
        console.print(t)
    return buffer.getvalue()
