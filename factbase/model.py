"""Pydantic models of the facts.yaml format (version 1).

These models are the single source of truth: they validate the file, produce the JSON Schema
(`factbase schema`), describe the database columns and feed the format reference in docs/.
Every field carries a description for that reason.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Annotated, Any, Literal

from babel.numbers import list_currencies
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    SerializationInfo,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from .location import Location, Marks
from .values import Number, exact_number, parse_exact

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=200),
    Field(description="A slug: lowercase letters, digits and hyphens, starting with a letter or digit."),
]
def _year_as_text(value: Any) -> Any:
    # `date: 2019` is an integer in YAML; a year is what the user meant.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _calendar_date(value: str) -> str:
    # The pattern admits 2019-02-30, year 0000 and (as \d is Unicode) other scripts' digits;
    # everything downstream builds datetime.date from the parts.
    parts = value.split("-")
    if not value.isascii() or int(parts[0]) < 1:
        raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD from year 0001")
    if len(parts) == 3:
        try:
            dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            year, month = int(parts[0]), int(parts[1])
            days = calendar.monthrange(year, month)[1]
            raise ValueError(f"{value} is not a day of the calendar: "
                             f"{calendar.month_name[month]} {year} has {days} days") from None
    return value


def _no_nul(value: str) -> str:
    # The OS cannot open such a path; os.stat would raise ValueError, not OSError.
    if "\x00" in value:
        raise ValueError("a path cannot contain a NUL character")
    return value


_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
_DATE_HELP = "An ISO 8601 date of year, month or day precision: YYYY, YYYY-MM or YYYY-MM-DD."
PartialDate = Annotated[
    str,
    BeforeValidator(_year_as_text),
    StringConstraints(pattern=_DATE_PATTERN),
    AfterValidator(_calendar_date),
    # The editor schema admits what the validator admits: `date: 2019` is a YAML integer.
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": _DATE_PATTERN},
                              {"type": "integer", "minimum": 1000, "maximum": 9999}],
                    "description": _DATE_HELP}),
    Field(description=_DATE_HELP),
]
_DECIMAL = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


def _number(value: Any) -> Any:
    # YAML 1.2 reads 1_000 and 1,000 as strings; Python's Decimal would quietly take the
    # first. A number in quotes is fine ("12345678901234567.89" keeps its digits in JSON).
    if isinstance(value, bool):
        raise ValueError("expected a number, not true or false")
    if isinstance(value, str) and not _DECIMAL.match(value.strip()):
        plain = value.replace("_", "").replace(",", "")
        if ("_" in value or "," in value) and _DECIMAL.match(plain):
            raise ValueError(f"{value!r} is not a number: YAML 1.2 has no digit separators; "
                             f"write {plain}")
        raise ValueError(f"{value!r} is not a number")
    return value


Amount = Annotated[Decimal, BeforeValidator(_number)]
_FRACTION = re.compile(r"^[-+]?[0-9]+/[0-9]+$")


def _exact(value: Any) -> Any:
    # "1/3" is exactly a third: kept as a Fraction (a decimal form would round it). A
    # fraction with a finite decimal form is that decimal ("3/4" is 0.75).
    if isinstance(value, str) and _FRACTION.match(value.strip()):
        return parse_exact(value.strip())
    if isinstance(value, Fraction):
        return exact_number(value)
    return _number(value)


def _exact_out(value: Decimal | Fraction, info: SerializationInfo) -> Any:
    # Python dumps keep the number itself; JSON writes it as text ("1/3", "0.75").
    if info.mode == "json":
        return f"{value.numerator}/{value.denominator}" if isinstance(value, Fraction) else str(value)
    return value


# A quantity's number: a decimal, or an exact fraction written as "1/3".
def _exact_fields(model: BaseModel) -> None:
    # Plain data written in JSON mode holds an exact fraction as its text "1/3"; a value built
    # from it with model_construct, which does not validate, gets its number back here.
    for name in ("amount", "min", "max"):
        found = model.__dict__.get(name)
        if isinstance(found, str):
            model.__dict__[name] = parse_exact(found)


ExactAmount = Annotated[
    Decimal | Fraction,
    BeforeValidator(_exact),
    PlainSerializer(_exact_out),
    WithJsonSchema({"anyOf": [
        {"type": "number"},
        {"type": "string", "pattern": r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"},
        {"type": "string", "pattern": r"^[-+]?[0-9]+/[0-9]+$"},
    ]}),
]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


@cache
def _iso_codes() -> frozenset[str]:
    # CLDR's currencies (Babel), historic ones included: a 2004 story's Deutschmarks are DEM.
    return frozenset(list_currencies())


def _currency_code(value: Any) -> Any:
    # Any case of a known code is that code ("eur" is EUR); anything else is refused here,
    # with what it is not (factbase.fixes says what to write instead, "$" -> USD).
    if not isinstance(value, str):
        return value
    code = value.strip().upper()
    if len(code) == 3 and code.isascii() and code.isalpha():
        if code in _iso_codes():
            return code
        raise ValueError(f"{value!r} is not an ISO 4217 currency code; write one such as USD, "
                         "EUR or GBP")
    raise ValueError(f"{value!r} is not an ISO 4217 currency code (three letters, such as USD)")


Currency = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z]{3}$"),
    BeforeValidator(_currency_code),
    Field(description="An ISO 4217 currency code such as USD, JPY, KRW or EUR (any case: "
          "`eur` is read as EUR)."),
]
AmountQualifier = Literal["about", "nearly", "odd", "at-least", "at-most", "more-than", "less-than"]
_QUALIFIER_HELP = ("How exact the number is: about, nearly (a little under), odd (\"50-odd\": a "
                   "little over), at-least, at-most, more-than, less-than.")
DateQualifier = Literal["early", "mid", "late", "circa", "before", "after"]
EntityKind = Literal["person", "organization", "place", "agreement", "event", "other"]
SourceFormat = Literal["text", "html", "pdf", "warc"]


class Model(BaseModel):
    """Base of every facts.yaml model: unknown fields are errors, and each object remembers
    where in which file it was written (set by the loader)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    _marks: Marks | None = PrivateAttr(default=None)

    def where(self, path: str | None = None) -> Location:
        """The location of this object, or of one of its fields (a dotted path such as
        ``value.amount`` or ``citations.0.quote``), falling back to the nearest known one."""
        if self._marks is None:
            return Location()
        return self._marks.at(path or "")


# ---------------------------------------------------------------------------- sources


class Source(Model):
    """A stored document that claims cite."""

    id: Slug = Field(description="Unique id of the source, cited by claims.")
    path: Annotated[str, AfterValidator(_no_nul)] | None = Field(
        None,
        description="Path of the stored document, relative to the facts file's folder; it must "
        "stay inside that folder. A text file (.txt, .md), a web page (.html, .htm), a PDF (.pdf) "
        "or a web snapshot (.warc, .warc.gz). Give a `path` or a `text`.",
        min_length=1,
    )
    text: str | None = Field(
        None,
        description="The document's text, given inline instead of a `path` (a source built in "
        "Python, or a short text kept in the facts file). Offsets are code points into it.",
    )
    format: SourceFormat | None = Field(
        None,
        description="How to read the file: text, html, pdf or warc. When not set, the file "
        "name's ending decides (anything else than .html, .htm, .xhtml, .pdf, .warc and "
        ".warc.gz is text).",
    )
    title: str | None = Field(None, description="Title of the document.")
    publisher: str | None = Field(None, description="Who published it.")
    authors: list[str] = Field(default_factory=list, description="Authors, in byline order.")
    published: PartialDate | None = Field(
        None,
        description="Publication date (YYYY, YYYY-MM or YYYY-MM-DD): the reference date against "
        "which relative dates in the text (\"last month\") are resolved.",
    )
    url: str | None = Field(None, description="Where the document was published.")
    sha256: Sha256 | None = Field(
        None,
        description="SHA-256 of the file's bytes. When set, the file must hash to it; "
        "`factbase pin` writes it.",
    )
    text_sha256: Sha256 | None = Field(
        None,
        description="SHA-256 of the text layer factbase extracted (UTF-8) from a web page, PDF "
        "or snapshot. When set, the extracted text must hash to it, so that a new extractor "
        "that changes the text is reported as drift; `factbase pin` writes it.",
    )
    currency: Currency | None = Field(
        None,
        description="Default currency of a bare \"$\" in this source (USD when not set).",
    )

    @model_validator(mode="after")
    def _path_or_text(self) -> Source:
        if (self.path is None) == (self.text is None):
            raise ValueError("give either a `path` or a `text`, not both" if self.path is not None
                             else "give a `path` (a file) or a `text` (the document itself)")
        return self


# ---------------------------------------------------------------------------- entities


class Role(Model):
    """A role an entity holds, as the sources name it."""

    title: str = Field(description="The role's title, such as \"Prime Minister of Japan\".", min_length=1)
    aliases: list[str] = Field(
        default_factory=list,
        description="Other ways sources name the role, such as \"Japanese Prime Minister\".",
    )


class Entity(Model):
    """A person, organization, place, agreement or event that claims are about."""

    id: Slug = Field(description="Unique id of the entity, referenced by claims.")
    name: str = Field(description="The entity's canonical name.", min_length=1)
    kind: EntityKind = Field(description="What sort of thing the entity is.")
    aliases: list[str] = Field(
        default_factory=list,
        description="Other names the sources use (\"Abe\", \"GSOMIA\"); matched at token "
        "boundaries, possessives included.",
    )
    roles: list[Role] = Field(default_factory=list, description="Roles the entity holds.")
    description: str | None = Field(None, description="A one-line description for readers.")
    url: str | None = Field(None, description="A reference page, such as a Wikidata item.")


# ---------------------------------------------------------------------------- values


class DateValue(Model):
    """A date at year, month or day precision, or an interval."""

    type: Literal["date"] = Field(description="Value type: a date.")
    date: PartialDate | None = Field(
        None, description="The date; its form sets the precision (YYYY, YYYY-MM, YYYY-MM-DD)."
    )
    from_: PartialDate | None = Field(
        None, alias="from", description="Start of an interval (instead of `date`)."
    )
    to: PartialDate | None = Field(None, description="End of an interval (instead of `date`).")
    qualifier: DateQualifier | None = Field(
        None,
        description="Narrows or loosens the date: early, mid, late (thirds of the period), "
        "circa, before, after.",
    )

    @model_validator(mode="after")
    def _one_form(self) -> DateValue:
        if self.date is None and (self.from_ is None or self.to is None):
            raise ValueError("give either `date`, or both `from` and `to`")
        if self.date is not None and (self.from_ is not None or self.to is not None):
            raise ValueError("give either `date`, or `from` and `to`, not both")
        if self.from_ is not None and self.to is not None and self.to < self.from_[: len(self.to)]:
            raise ValueError("`to` is before `from`")
        return self


def _amount_or_range(amount: Number | None, low: Number | None, high: Number | None) -> None:
    """A value is one number (`amount`) or a range (`min` and `max`), never both."""
    if amount is not None and (low is not None or high is not None):
        raise ValueError("give either `amount`, or `min` and `max`, not both")
    if amount is None and (low is None or high is None):
        raise ValueError("give either `amount`, or both `min` and `max`")
    if low is not None and high is not None and high < low:
        raise ValueError("`max` is less than `min`")


_MIN_HELP = "Lower end of a range (\"6-7%\": min 6, max 7), instead of `amount`."
_MAX_HELP = "Upper end of a range, with `min`."


class MoneyValue(Model):
    """An amount of money in one currency, or a range of amounts."""

    type: Literal["money"] = Field(description="Value type: money.")
    amount: Amount | None = Field(
        None, description="The amount, in whole units (9000000 for \"$9 million\")."
    )
    min: Amount | None = Field(None, description=_MIN_HELP)
    max: Amount | None = Field(None, description=_MAX_HELP)
    currency: Currency
    qualifier: AmountQualifier | None = Field(None, description=_QUALIFIER_HELP)

    @model_validator(mode="after")
    def _one_form(self) -> MoneyValue:
        _amount_or_range(self.amount, self.min, self.max)
        return self


class QuantityValue(Model):
    """A count or measure, or a range of them."""

    type: Literal["quantity"] = Field(description="Value type: a quantity.")
    amount: ExactAmount | None = Field(
        None, description="The number (284, 5 for \"fivefold\", 0.5 for \"half\"; an exact "
        "fraction as 1/3 for \"a third\")."
    )
    min: ExactAmount | None = Field(None, description=_MIN_HELP)
    max: ExactAmount | None = Field(None, description=_MAX_HELP)
    unit: str | None = Field(
        None,
        description="The counted noun or unit (companies, times, percent, percentage points, "
        "years, km); singular and plural, \"%\", \"per cent\" and \"percent\" are the same, "
        "and physical units convert (5 km is 5000 m).",
    )
    qualifier: AmountQualifier | None = Field(None, description=_QUALIFIER_HELP)

    def model_post_init(self, context: Any, /) -> None:
        _exact_fields(self)

    @model_validator(mode="after")
    def _one_form(self) -> QuantityValue:
        _amount_or_range(self.amount, self.min, self.max)
        return self


class ChangePart(Model):
    """One part of a change: how much it moved (`by`), or the level it reached (`to`) or left
    (`from`)."""

    amount: ExactAmount | None = Field(None, description="The number (43 for \"43%\").")
    min: ExactAmount | None = Field(None, description=_MIN_HELP)
    max: ExactAmount | None = Field(None, description=_MAX_HELP)
    currency: Currency | None = Field(
        None, description="The currency, for an amount of money (required on `to`/`from` of a "
        "change of money).")
    unit: str | None = Field(
        None, description="The unit or counted noun (percent, percentage points, vehicles).")
    qualifier: AmountQualifier | None = Field(None, description=_QUALIFIER_HELP)

    def model_post_init(self, context: Any, /) -> None:
        _exact_fields(self)

    @model_validator(mode="after")
    def _one_form(self) -> ChangePart:
        _amount_or_range(self.amount, self.min, self.max)
        if self.currency is not None and self.unit is not None:
            raise ValueError("give a `currency` or a `unit`, not both")
        return self


class ChangeValue(Model):
    """A movement of money or of a quantity: by how much, to what and from what level; each
    part optional, each checked against the linked mentions of the span."""

    type: Literal["change"] = Field(description="Value type: a change.")
    of: Literal["money", "quantity"] = Field(description="What moved: money or a quantity.")
    direction: Literal["up", "down"] | None = Field(
        None, description="Which way it moved: up (rose, increased) or down (fell, cut).")
    by: ChangePart | None = Field(
        None, description="How much it moved: an amount of money (`currency`) or a number with "
        "a unit (43 percent, 0.25 percentage points, 10000 vehicles).")
    to: ChangePart | None = Field(None, description="The level it reached, of the `of` kind.")
    from_: ChangePart | None = Field(
        None, alias="from", description="The level it left, of the `of` kind.")

    @model_validator(mode="after")
    def _parts(self) -> ChangeValue:
        if self.by is None and self.to is None and self.from_ is None:
            raise ValueError("give at least one of `by`, `to` and `from`")
        if self.of == "quantity" and self.by is not None and self.by.currency is not None:
            raise ValueError("`by` of a change of quantity has no `currency`")
        for name, part in (("to", self.to), ("from", self.from_)):
            if part is None:
                continue
            if self.of == "money" and part.currency is None:
                raise ValueError(f"`{name}` of a change of money needs a `currency`")
            if self.of == "quantity" and part.currency is not None:
                raise ValueError(f"`{name}` of a change of quantity has no `currency`")
        return self


class PersonValue(Model):
    """A person, optionally in a role."""

    type: Literal["person"] = Field(description="Value type: a person.")
    entity: Slug = Field(description="Id of the person entity.")
    role: str | None = Field(None, description=(
        "The person's role: the title or an alias of one of the entity's roles, or a role "
        "as written (then matched literally, with the `undeclared-role` warning)."))


class EntityValue(Model):
    """A reference to an entity."""

    type: Literal["entity"] = Field(description="Value type: an entity.")
    entity: Slug = Field(description="Id of the entity.")


class QuoteValue(Model):
    """A qualitative claim: supported when its quote anchors."""

    type: Literal["quote"] = Field(description="Value type: a plain quoted statement.")


TypedValue = Annotated[
    DateValue | MoneyValue | QuantityValue | ChangeValue | PersonValue | EntityValue | QuoteValue,
    Field(discriminator="type"),
]
VALUE_TYPES = ("date", "money", "quantity", "change", "person", "entity", "quote")


# ---------------------------------------------------------------------------- claims


class Citation(Model):
    """A span of a source that a claim cites, selected by its quote."""

    source: Slug = Field(description="Id of the cited source.")
    quote: str = Field(min_length=1, description="The exact words of the source (W3C TextQuoteSelector `exact`).")
    prefix: str | None = Field(None, description="Text just before the quote, to pick one of several occurrences.")
    suffix: str | None = Field(None, description="Text just after the quote, to pick one of several occurrences.")
    start: int | None = Field(None, ge=0, description="Code-point offset where the quote starts (written by `factbase pin`).")
    end: int | None = Field(None, ge=0, description="Code-point offset where the quote ends, exclusive.")
    mention: str | None = Field(
        None, min_length=1,
        description="Words of the quote that pinpoint the mention carrying the claimed value "
        "(\"to 4.5%\" in \"cut to 4.5% from 4.75%\"), when the span holds several. Never "
        "guessed: `factbase pin` leaves it as written.")

    @model_validator(mode="after")
    def _ordered(self) -> Citation:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("`end` is before `start`")
        if self.mention is not None and not self.mention.strip():
            raise ValueError("`mention` is blank")
        return self


class ProblemIgnore(Model):
    """A problem code a claim accepts, with the reason."""

    code: str = Field(description="The problem code to ignore for this claim.")
    reason: str = Field(min_length=1, description="Why the problem is acceptable.")


class Claim(Model):
    """A factual claim with a typed value, citing one or more spans."""

    id: Slug = Field(description="Unique id of the claim.")
    statement: str = Field(min_length=1, description="The claim in one sentence, for readers.")
    subject: Slug | None = Field(None, description="Id of the entity the claim is about.")
    predicate: str | None = Field(
        None,
        description="What the claim says of its subject (fund-amount, took-office). Two claims "
        "with the same subject and predicate must not conflict.",
    )
    value: TypedValue | str = Field(
        description="The typed value that the cited spans must support, or a shorthand string "
        "(\"$9 million\", \"Dec. 24, 2019\") parsed by the extractors."
    )
    tags: list[str] = Field(default_factory=list, description="Free-form tags for faceting.")
    citations: list[Citation] = Field(min_length=1, description="The spans that support the value.")
    ignore: list[ProblemIgnore] = Field(
        default_factory=list, description="Problem codes accepted for this claim, each with a reason."
    )
    note: str | None = Field(None, description="An editor's note, published with the claim.")


class CoverageIgnore(Model):
    """A span of a source that needs no claim (boilerplate, teasers), with the reason."""

    source: Slug = Field(description="Id of the source.")
    quote: str | None = Field(None, min_length=1, description="The ignored text (anchored like a citation).")
    start: int | None = Field(None, ge=0, description="Start of an ignored range, instead of a quote.")
    end: int | None = Field(None, ge=0, description="End of an ignored range, exclusive.")
    reason: str = Field(min_length=1, description="Why this text needs no claim.")

    @model_validator(mode="after")
    def _quote_or_range(self) -> CoverageIgnore:
        if self.quote is None and (self.start is None or self.end is None):
            raise ValueError("give a `quote`, or both `start` and `end`")
        return self


class FactsFile(Model):
    """A facts.yaml file."""

    factbase: Literal[1] | None = Field(
        None, description="Format version; required in the main file, optional in included files."
    )
    title: str | None = Field(None, description="Title of the published database.")
    description: str | None = Field(None, description="Description of the published database.")
    license: str | None = Field(None, description="License of the facts (an SPDX id such as CC-BY-4.0).")
    license_url: str | None = Field(None, description="Where the license text is.")
    include: list[str] = Field(
        default_factory=list,
        description="More files (glob patterns relative to this file) with sources, entities, "
        "claims and ignores.",
    )
    sources: list[Source] = Field(default_factory=list, description="The stored documents.")
    entities: list[Entity] = Field(default_factory=list, description="People, organizations, places, agreements, events.")
    claims: list[Claim] = Field(default_factory=list, description="The claims.")
    ignore: list[CoverageIgnore] = Field(
        default_factory=list, description="Spans of sources that coverage should not count."
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema of facts.yaml, for editors' YAML language servers."""
    schema = FactsFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://factbase.dev/schema/facts-1.json"
    schema["title"] = "factbase facts file, format version 1"
    return schema


def field_descriptions(model: type[BaseModel]) -> dict[str, str]:
    """Field name (by alias) -> description, for database columns and docs."""
    out: dict[str, str] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if info.description:
            out[key] = re.sub(r"\s+", " ", info.description)
    return out
