"""Pydantic models of the facts.yaml format (version 1).

These models are the single source of truth: they validate the file, produce the JSON Schema
(`factbase schema`), describe the database columns and feed the format reference in docs/.
Every field carries a description for that reason.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

from .location import Location, Marks

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
            raise ValueError(f"{value} is not a day of the calendar") from None
    return value


def _no_nul(value: str) -> str:
    # The OS cannot open such a path; os.stat would raise ValueError, not OSError.
    if "\x00" in value:
        raise ValueError("a path cannot contain a NUL character")
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(_year_as_text),
    StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"),
    AfterValidator(_calendar_date),
    Field(description="An ISO 8601 date of year, month or day precision: YYYY, YYYY-MM or YYYY-MM-DD."),
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
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Currency = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    Field(description="An ISO 4217 currency code, such as USD, JPY, KRW or EUR."),
]
AmountQualifier = Literal["about", "at-least", "at-most", "more-than", "less-than"]
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
    path: Annotated[str, AfterValidator(_no_nul)] = Field(
        description="Path of the stored document, relative to the facts file's folder; it must "
        "stay inside that folder. A text file (.txt, .md), a web page (.html, .htm), a PDF (.pdf) "
        "or a web snapshot (.warc, .warc.gz).",
        min_length=1,
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


class MoneyValue(Model):
    """An amount of money in one currency."""

    type: Literal["money"] = Field(description="Value type: money.")
    amount: Amount = Field(description="The amount, in whole units (9000000 for \"$9 million\").")
    currency: Currency
    qualifier: AmountQualifier | None = Field(
        None, description="How exact the amount is: about, at-least, at-most, more-than, less-than."
    )


class QuantityValue(Model):
    """A count or measure."""

    type: Literal["quantity"] = Field(description="Value type: a quantity.")
    amount: Amount = Field(description="The number (284, 5 for \"fivefold\", 0.5 for \"half\").")
    unit: str | None = Field(
        None,
        description="The counted noun or unit (companies, times, percent, years); singular and "
        "plural are the same.",
    )
    qualifier: AmountQualifier | None = Field(
        None, description="How exact the number is: about, at-least, at-most, more-than, less-than."
    )


class PersonValue(Model):
    """A person, optionally in a role."""

    type: Literal["person"] = Field(description="Value type: a person.")
    entity: Slug = Field(description="Id of the person entity.")
    role: str | None = Field(None, description="Title of one of the entity's roles.")


class EntityValue(Model):
    """A reference to an entity."""

    type: Literal["entity"] = Field(description="Value type: an entity.")
    entity: Slug = Field(description="Id of the entity.")


class QuoteValue(Model):
    """A qualitative claim: supported when its quote anchors."""

    type: Literal["quote"] = Field(description="Value type: a plain quoted statement.")


TypedValue = Annotated[
    DateValue | MoneyValue | QuantityValue | PersonValue | EntityValue | QuoteValue,
    Field(discriminator="type"),
]
VALUE_TYPES = ("date", "money", "quantity", "person", "entity", "quote")


# ---------------------------------------------------------------------------- claims


class Citation(Model):
    """A span of a source that a claim cites, selected by its quote."""

    source: Slug = Field(description="Id of the cited source.")
    quote: str = Field(min_length=1, description="The exact words of the source (W3C TextQuoteSelector `exact`).")
    prefix: str | None = Field(None, description="Text just before the quote, to pick one of several occurrences.")
    suffix: str | None = Field(None, description="Text just after the quote, to pick one of several occurrences.")
    start: int | None = Field(None, ge=0, description="Code-point offset where the quote starts (written by `factbase pin`).")
    end: int | None = Field(None, ge=0, description="Code-point offset where the quote ends, exclusive.")

    @model_validator(mode="after")
    def _ordered(self) -> Citation:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("`end` is before `start`")
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
