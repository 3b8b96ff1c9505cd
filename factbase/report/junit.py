"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI).

One testcase per claim, in a testsuite per source: a claim lives in the suite of the first
source it cites. A source's own problems (changed, unused) are a testcase named after the
source in its suite, and problems of the facts file itself are testcases of a suite named after
that file. A testcase fails on errors (and on warnings with ``strict``); its failure text lists
every problem, one per line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree as ET

from ..problems import Problem
from .outcome import Outcome

# XML 1.0 cannot hold most control characters, not even escaped
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", text)


@dataclass
class Case:
    name: str
    classname: str
    file: str | None
    line: int | None
    problems: list[Problem]
    out: list[str] = field(default_factory=list)


def _line(p: Problem) -> str:
    where = p.location
    return f"{where}: {p.severity} {p.code}: {p.message}"


def _cases(result: Outcome) -> dict[str, list[Case]]:
    suites: dict[str, list[Case]] = {}
    claimed: set[int] = set()
    for claim in result.claims:
        suite = claim.citations[0].source if claim.citations else "(no source)"
        problems = result.claim_problems(claim)
        claimed.update(id(p) for p in problems)
        case = Case(claim.id, f"factbase.{suite}", claim.file, claim.line, problems)
        case.out.append(f"{claim.status}: {claim.statement}")
        suites.setdefault(suite, []).append(case)
    by_source: dict[str, Case] = {}
    for p in result.problems:
        if id(p) in claimed:
            continue
        if p.source_id is not None and p.claim_id is None:
            if p.source_id not in by_source:
                case = Case(f"source {p.source_id}", f"factbase.{p.source_id}", p.file, p.line, [])
                by_source[p.source_id] = case
                suites.setdefault(p.source_id, []).append(case)
            by_source[p.source_id].problems.append(p)
        else:
            suite = p.file or result.facts_path or "facts"
            name = f"{p.code} at {p.location}"
            suites.setdefault(suite, []).append(Case(name, "factbase.facts", p.file, p.line, [p]))
    return suites


def _fails(problems: Sequence[Problem], strict: bool) -> list[Problem]:
    return [p for p in problems if strict or p.severity == "error"]


def to_element(result: Outcome, *, strict: bool = False) -> ET.Element:
    suites = _cases(result)
    root = ET.Element("testsuites", name="factbase")
    total = failed = 0
    for suite_name, cases in suites.items():
        suite = ET.SubElement(root, "testsuite", name=suite_name)
        suite_failed = 0
        for case in cases:
            attrs = {"name": _xml(case.name), "classname": _xml(case.classname), "time": "0"}
            if case.file:
                attrs["file"] = _xml(case.file)
            if case.line is not None:
                attrs["line"] = str(case.line)
            el = ET.SubElement(suite, "testcase", attrs)
            fails = _fails(case.problems, strict)
            if fails:
                suite_failed += 1
                failure = ET.SubElement(el, "failure", message=_xml(fails[0].message),
                                        type=fails[0].code)
                failure.text = _xml("\n".join(_line(p) for p in fails))
            notes = [_line(p) for p in case.problems if p not in fails]
            out = case.out + notes
            if out:
                ET.SubElement(el, "system-out").text = _xml("\n".join(out))
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(suite_failed))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        suite.set("time", "0")
        total += len(cases)
        failed += suite_failed
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    root.set("time", "0")
    return root


def render(result: Outcome, *, strict: bool = False, **_: Any) -> str:
    root = to_element(result, strict=strict)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
