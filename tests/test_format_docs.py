"""docs/format.md as a reference: human types, allowed values, valid examples; the editor
schema shipped where the bundled facts.yaml points, and right about real files."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

import jsonschema
import pytest
from docgen import allowed_values_reference, human_type

from factbase import model
from factbase.model import VALUE_TYPES, Claim
from factbase.project import schema_text
from factbase.yamldoc import parse

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
FORMAT = (DOCS / "format.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("owner", "name", "expected"), [
    ("FactsFile", "factbase", "`1`"),
    ("FactsFile", "include", "list of strings"),
    ("FactsFile", "sources", "list of [Source](#source)"),
    ("Source", "id", "slug (lowercase letters, digits, hyphens)"),
    ("Source", "path", "non-empty string"),
    ("Source", "format", "one of: `text`, `html`, `pdf`, `warc`"),
    ("Source", "published", "date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("Source", "sha256", "sha256 (64 hex digits)"),
    ("Source", "currency", "currency code (ISO 4217, such as USD; any case)"),
    ("Entity", "kind", "one of: `person`, `organization`, `place`, `agreement`, `event`, `other`"),
    ("Claim", "citations", "list of [Citation](#citation) (at least one)"),
    ("Claim", "value", "one of [DateValue](#datevalue), [MoneyValue](#moneyvalue), "
                       "[QuantityValue](#quantityvalue), [ChangeValue](#changevalue), "
                       "[PersonValue](#personvalue), [EntityValue](#entityvalue) or "
                       "[QuoteValue](#quotevalue), by its `type`, or a shorthand string "
                       "(`\"$9 million\"`)"),
    ("Citation", "start", "integer (0 or more)"),
    ("Citation", "prefix", "string"),
    ("DateValue", "type", "`date`"),
    ("DateValue", "from_", "date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("MoneyValue", "amount", "number"),
    ("QuantityValue", "amount", "number, or a fraction such as `1/3`"),
    ("QuantityValue", "qualifier",
     "one of: `about`, `nearly`, `odd`, `at-least`, `at-most`, `more-than`, `less-than`"),
    ("ChangeValue", "by", "[ChangePart](#changepart)"),
])
def test_field_types_read_as_people_write_them(owner: str, name: str, expected: str) -> None:
    info = getattr(model, owner).model_fields[name]
    assert human_type(info.annotation, info.metadata) == expected


def test_a_type_without_a_readers_name_fails_the_generator() -> None:
    with pytest.raises(ValueError, match="no reader's name for the type"):
        human_type(dict[str, Any])


def test_the_reference_shows_no_python_reprs() -> None:
    reference = FORMAT.split("## Reference", 1)[1]
    for raw in ("Optional[", "Literal[", "Annotated[", "typing.", "decimal.", "fractions.",
                "Union[", " str ", "| None", "list[", "NoneType"):
        assert raw not in reference, raw
    assert "| `kind` | one of: `person`, `organization`, `place`, `agreement`, `event`, `other` | yes |" in FORMAT


def test_allowed_values_are_listed() -> None:
    table = allowed_values_reference()
    assert "| [Entity](#entity).`kind` | `person`, `organization`, `place`, `agreement`, `event`, `other` |" in table
    assert ("| [MoneyValue](#moneyvalue).`qualifier`, [QuantityValue](#quantityvalue).`qualifier`, "
            "[ChangePart](#changepart).`qualifier` | `about`, `nearly`, `odd`, `at-least`, "
            "`at-most`, `more-than`, `less-than` |") in table
    assert "| `value.type` ([Value types](#value-types)) | `date`, `money`, `quantity`, `change`, `person`, `entity`, `quote` |" in table
    assert ("`verified`, `contradicted`, `unsupported`, `unanchored`, `stale`, `invalid`") in table
    assert table in FORMAT


def _value_examples() -> list[str]:
    """The examples under "One example of each:", one `value:` each (some span lines)."""
    block = FORMAT.split("One example of each:\n\n```yaml\n", 1)[1].split("```", 1)[0]
    return ["value:" + chunk for chunk in re.split(r"^value:", block, flags=re.M) if chunk.strip()]


@pytest.mark.parametrize("example", _value_examples())
def test_each_value_example_is_valid(example: str) -> None:
    data, _, problems = parse(example, "format.md")
    assert problems == []
    Claim.model_validate({"id": "c", "statement": "s", "value": data["value"],
                          "citations": [{"source": "s", "quote": "q"}]})


def test_there_is_an_example_of_each_value_type() -> None:
    types = [re.search(r"type: (\w+)", e).group(1) for e in _value_examples()]  # type: ignore[union-attr]
    assert sorted(set(types)) == sorted(VALUE_TYPES)


def test_the_json_schema_has_its_own_page() -> None:
    assert "```json" not in FORMAT
    page = (DOCS / "schema.md").read_text(encoding="utf-8")
    assert "```json\n" + schema_text() + "```\n" in page


# ------------------------------------------------------------------------- the editor schema

SCHEMA = json.loads((DOCS / "facts.schema.json").read_text(encoding="utf-8"))


def test_the_bundled_facts_file_points_at_the_shipped_schema() -> None:
    first = (REPO / "facts.yaml").read_text(encoding="utf-8").splitlines()[0]
    target = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert target is not None
    assert (REPO / target.group(1)).resolve() == (DOCS / "facts.schema.json").resolve()
    assert (DOCS / "facts.schema.json").read_text(encoding="utf-8") == schema_text()


def _validator() -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    return jsonschema.Draft202012Validator(SCHEMA)


def _yaml(path: Path) -> Any:
    # YAML 1.2, as editors' language servers read it: dates stay strings.
    data, _, problems = parse(path.read_text(encoding="utf-8"), path.name)
    assert problems == []
    return data


def test_the_schema_accepts_the_bundled_facts_file() -> None:
    errors = list(_validator().iter_errors(_yaml(REPO / "facts.yaml")))
    assert [e.message for e in errors] == []


Mistake = Literal["unknown field", "wrong kind", "bad date", "bad currency", "no citations"]


@pytest.mark.parametrize(("mistake", "path", "expected"), [
    ("unknown field", ["claims", 0, "citations", 0], "'qoute' was unexpected"),
    ("wrong kind", ["entities", 0, "kind"], "'persn' is not one of"),
    ("bad date", ["sources", 0, "published"], "'2020-13' does not match"),
    ("bad currency", ["claims", 0, "value", "currency"], "'dollars' does not match"),
    ("no citations", ["claims", 0, "citations"], "[] should be non-empty"),
])
def test_the_schema_rejects_what_the_loader_rejects(mistake: Mistake, path: list[str | int],
                                                    expected: str) -> None:
    data = _yaml(REPO / "facts.yaml")
    fund = next(c for c in data["claims"] if c["value"].get("type") == "money")
    data["claims"] = [fund]
    data["entities"] = data["entities"][:1]
    data["sources"] = data["sources"][:1]
    if mistake == "unknown field":
        fund["citations"][0]["qoute"] = fund["citations"][0].pop("quote")
    elif mistake == "wrong kind":
        data["entities"][0]["kind"] = "persn"
    elif mistake == "bad date":
        data["sources"][0]["published"] = "2020-13"
    elif mistake == "bad currency":
        fund["value"]["currency"] = "dollars"
    else:
        fund["citations"] = []
    # the error an editor shows: jsonschema's best match descends into unions
    best = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    assert best is not None
    assert (list(best.absolute_path), expected in best.message) == (path, True), best.message

