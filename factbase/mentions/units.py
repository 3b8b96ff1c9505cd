"""Units of counts and measures: one normal form for claims and mentions, and conversion of
physical units.

A claim's ``unit`` and a mention's unit go through the same :func:`normalize_unit`: "%",
"per cent", "percent" and "pct" are one unit ("percent"); "percentage points" and "pp" are
"percentage point"; a plural is folded to its singular ("companies" -> "company",
"metres" -> "metre"). Count nouns (companies, vehicles, barrels, people) are ours and compare
by that normal form only. Physical units (km, miles, mg, km/h, months) are read by pint, so
5 km supports a claim of 5000 m and 24 months one of 2 years; pint is loaded only when two
units differ, which is rare.
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import lru_cache
from typing import Any

from .nouns import singular

__all__ = ["conversion", "convert", "normalize_unit", "same_unit"]

# Spellings of one unit, by their lowercased, space-folded form.
_SYNONYMS: dict[str, str] = {
    "%": "percent", "per cent": "percent", "percent": "percent", "pct": "percent",
    "pc": "percent", "percentage": "percent", "per-cent": "percent",
    "percentage point": "percentage point", "percentage points": "percentage point",
    "percentage pt": "percentage point", "percentage pts": "percentage point",
    "pp": "percentage point", "ppt": "percentage point", "ppts": "percentage point",
    "point": "point", "points": "point", "pts": "point",
    "times": "time", "x": "time", "fold": "time",
}
# Words pint reads as a unit that, in news text, are count nouns: an oil "barrel" is not
# pint's 31.5-gallon barrel, a stock-index "point" is not a typographic point.
_COUNT_NOUNS = frozenset({"barrel", "point", "time", "percent", "percentage point", "dozen",
                          "score", "gross", "pair", "count", "unit", "degree"})
# Significant digits kept after a conversion: 24 months are 2 years, not 1.99999...
_CONVERSION_DIGITS = 15


_ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")


@lru_cache(maxsize=4096)
def normalize_unit(unit: str | None) -> str | None:
    """The normal form of a unit: "per cent" -> "percent", "Companies" -> "company",
    "percentage points" -> "percentage point"; None stays None. Case is kept only where it
    tells units apart ("Mbps" vs "mbps")."""
    if unit is None:
        return None
    text = " ".join(unit.replace("’", "'").split())
    if not text:
        return None
    lowered = text.lower()
    if lowered in _SYNONYMS:
        return _SYNONYMS[lowered]
    if not any(c.isalpha() for c in text) or re.search(r"[/^*\d]", text):
        return text  # "km/h", "m^2", "m2": a symbol, kept as written
    words = text.split(" ")
    last = words[-1]
    if _ACRONYM_PLURAL.match(last):  # "MPs", "CDs": counted, not a symbol
        return " ".join([*(w.lower() for w in words[:-1]), last[:-1].lower()])
    if any(c.isupper() for c in last[1:]) or (len(last) <= 4 and last[0].isupper()):
        return text  # "Mbps", "kWh", "MW": a symbol, whose case matters
    words[-1] = singular(last)
    return " ".join(w.lower() for w in words)


def same_unit(a: str | None, b: str | None) -> bool:
    """Whether two units are the same once normalized (None is no unit)."""
    return normalize_unit(a) == normalize_unit(b)


def conversion(found: str | None, claimed: str | None) -> Decimal | None:
    """The factor that turns an amount in unit ``found`` into unit ``claimed``: 1 when they are
    the same unit, 1000 from km to m, None when they are not the same measure (another count
    noun, a physical unit of another dimension, or no unit on one side only)."""
    a, b = normalize_unit(found), normalize_unit(claimed)
    if a == b:
        return Decimal(1)
    if a is None or b is None or a in _COUNT_NOUNS or b in _COUNT_NOUNS:
        return None
    assert found is not None and claimed is not None
    # pint reads the units as written ("kbps") or, failing that, in their singular ("metres").
    factor = _physical_factor(" ".join(found.split()), " ".join(claimed.split()))
    return factor if factor is not None else _physical_factor(a, b)


def convert(amount: Decimal | Fraction, factor: Decimal) -> Decimal | Fraction:
    """``amount`` times ``factor``, rounded to the digits a conversion can vouch for (an exact
    fraction ("a third of a mile") too: a converted third is no longer exact)."""
    if factor == 1:
        return amount
    with localcontext() as ctx:
        ctx.prec = _CONVERSION_DIGITS
        if isinstance(amount, Fraction):
            return +(Decimal(amount.numerator) / Decimal(amount.denominator) * factor)
        return +(amount * factor)


@lru_cache(maxsize=1024)
def _physical_factor(found: str, claimed: str) -> Decimal | None:
    registry = _registry()
    try:
        a, b = registry.parse_units(found), registry.parse_units(claimed)
    except Exception:  # pint raises many kinds for words it does not know
        return None
    if a.dimensionless or b.dimensionless or a.dimensionality != b.dimensionality:
        return None
    try:
        magnitude = registry.Quantity(Decimal(1), a).to(b).magnitude
    except Exception:  # offset units (degrees Celsius) and the like
        return None
    return Decimal(magnitude) if isinstance(magnitude, Decimal) else Decimal(str(magnitude))


@lru_cache(maxsize=1)
def _registry() -> Any:
    # pint takes half a second to load; only differing units get here.
    import pint

    return pint.UnitRegistry(non_int_type=Decimal)
