"""Coverage: which typed mentions of each source no claim covers yet.

A date, amount, quantity or named official is covered when it lies wholly inside the anchored
span of some claim's citation. A named entity (a declared entity's name or role) counts once
per source, and is covered when some claim citing the source is about it (its subject, or its
value's entity): an article that names a company ten times needs one claim about it, not ten
quotes. Mentions inside an ``ignore:`` entry are left out. A draft (its statement still
``TODO``) covers nothing until a person writes it. The rule itself is
:meth:`factbase.results.SourceResult.coverage_states`, which the database's
``uncovered_mentions`` view shares; docs/drafting.md states it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from .mentions import Mention
from .results import Report, SourceResult
from .values import Name

CONTEXT = 40


@dataclass
class Uncovered:
    mention: Mention
    context: str
    # How many times a named entity is named in the source (it counts once); 1 otherwise.
    occurrences: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {**self.mention.to_dict(), "display": str(self.mention.value),
                "context": self.context, "occurrences": self.occurrences}


@dataclass
class SourceCoverage:
    source_id: str
    path: str
    mentions: int   # what coverage counts: each named entity once
    covered: int
    ignored: int
    uncovered: list[Uncovered] = field(default_factory=list)

    @property
    def percent(self) -> float:
        counted = self.mentions - self.ignored
        return 100.0 if counted == 0 else 100.0 * self.covered / counted

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source_id,
            "path": self.path,
            "mentions": self.mentions,
            "covered": self.covered,
            "ignored": self.ignored,
            "percent": round(self.percent, 2),
            "uncovered": [u.to_dict() for u in self.uncovered],
        }


def coverage(report: Report, kinds: Collection[str] | None = None) -> list[SourceCoverage]:
    """Per readable source, what claims cover of its mentions (of ``kinds``; all when None)."""
    return [source_coverage(s, kinds) for s in report.sources if s.text is not None]


def source_coverage(source: SourceResult, kinds: Collection[str] | None = None,
                    drafts: bool = False) -> SourceCoverage:
    """What claims cover of one source's mentions (drafts too, with ``drafts``)."""
    assert source.text is not None
    result = SourceCoverage(source.id, source.path, 0, 0, 0)
    states = source.coverage_states(kinds, drafts)
    named = Counter(m.value.entity for m, state in zip(source.mentions, states, strict=True)
                    if isinstance(m.value, Name) and state not in (None, "ignored"))
    for m, state in zip(source.mentions, states, strict=True):
        if state is None or state == "repeated":
            continue
        result.mentions += 1
        if state == "ignored":
            result.ignored += 1
        elif state == "covered":
            result.covered += 1
        else:
            times = named[m.value.entity] if isinstance(m.value, Name) else 1
            result.uncovered.append(Uncovered(m, context(source.text, m.start, m.end), times))
    return result


def uncovered_in(report: Report, source_id: str,
                 kinds: Collection[str] | None = None) -> list[Mention]:
    """The mentions of one source that no claim covers, nor any draft (a named entity's
    first mention only), outside every `ignore:` entry: what is left to draft."""
    for source in report.sources:
        if source.id == source_id and source.text is not None:
            return [u.mention for u in source_coverage(source, kinds, drafts=True).uncovered]
    return []


def context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """The mention with ``width`` characters either side, on one line, the mention in [brackets]."""
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    flat = " ".join(f"{before}[{text[start:end]}]{after}".split())
    return ("…" if start > width else "") + flat + ("…" if end + width < len(text) else "")


def total_percent(items: list[SourceCoverage]) -> float:
    counted = sum(c.mentions - c.ignored for c in items)
    covered = sum(c.covered for c in items)
    return 100.0 if counted == 0 else 100.0 * covered / counted


def outcome(items: list[SourceCoverage], minimum: float | None, errors: int) -> tuple[int, str]:
    """The exit status of ``factbase coverage`` and the line that explains it: 1 when the
    facts have errors or, with ``--min``, a source is covered less; else 0."""
    if errors:
        return 1, (f"exit 1: the facts have {errors} error{'s' if errors != 1 else ''} "
                   "(factbase check lists them)")
    overall = f"{_pct(total_percent(items))} covered overall"
    if minimum is None:
        return 0, f"exit 0: {overall} (no --min given)"
    below = [c for c in items if c.percent < minimum]
    if len(below) == 1:
        c = below[0]
        return 1, f"exit 1: source {c.source_id} is covered {_pct(c.percent)}, below --min {minimum:g}"
    if below:
        listed = ", ".join(f"{c.source_id} {_pct(c.percent)}" for c in below)
        return 1, f"exit 1: {len(below)} sources are covered below --min {minimum:g}: {listed}"
    return 0, f"exit 0: every source is covered at least {minimum:g} % (--min); {overall}"


def _pct(value: float) -> str:
    return f"{value:.1f} %"
