"""The JSON report (SPEC §6): ``ok``, ``stats``, ``claims``, ``sources`` and ``problems``.

Each problem carries its ``fingerprint``, so that this file can serve as a ``--baseline``.
Its JSON Schema is :func:`factbase.report_schema.report_schema` (``factbase schema --report``).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from .baseline import fingerprint
from .outcome import Outcome, tool_version

REPORT_VERSION = 1


def to_dict(result: Outcome) -> dict[str, Any]:
    data = result.to_dict()
    return {
        "report": REPORT_VERSION,
        "version": tool_version(),
        "facts": result.facts_path,
        "ok": result.ok,
        "stats": data["stats"],
        "suppressed": result.suppressed,
        "claims": data["claims"],
        "sources": data["sources"],
        "problems": [{**p.to_dict(), "fingerprint": fingerprint(p)} for p in result.problems],
    }


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, PurePath):
        return value.as_posix()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def render(result: Outcome, *, indent: int | None = 2, **_: Any) -> str:
    return json.dumps(to_dict(result), indent=indent, ensure_ascii=False, default=_plain) + "\n"
