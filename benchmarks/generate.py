"""Generate a synthetic factbase project: news-style sources and claims about them.

Deterministic from ``--seed``: the same arguments give byte-identical files. Each source is a
short article of sentences built from templates with dates, amounts of money, counts, names
of organizations, people and their roles, and plain prose; claims cite spans of those
sentences with typed values of every kind (date, money, quantity, person, entity, quote).
About 5 % of the claims are wrong on purpose (another amount, year or entity), and about 2 %
cite a retyped quote (typographic apostrophes, a doubled space, one mistyped letter) that only
normalized or fuzzy anchoring finds.

Layout::

    OUT/facts.yaml              factbase: 1, entities, include: [facts/*.yaml]
    OUT/facts/part-0001.yaml    sources and the claims that cite them, CHUNK claims a file
    OUT/sources/NNN/sNNNNNN.txt the articles
    OUT/expected.json           expected status counts (what a correct check reports)

Run: .venv/bin/python benchmarks/generate.py OUT --claims 10000 [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
COUNT_UNITS = ["factories", "workers", "companies", "stores", "vessels", "schools", "farms",
               "flights", "projects", "clinics"]
PLACES = ["Harbor City", "Northvale", "Eastbrook", "Port Lennox", "Kestrel Bay", "Midfield",
          "Ashworth", "Silverton", "Greyhaven", "Westmarch"]
ROLE_TITLES = ["Chief Executive", "Finance Minister", "Trade Minister", "Chair", "Mayor",
               "Spokesperson", "Director", "Governor"]
FILLER_SUBJECTS = ["analysts", "critics", "officials", "economists", "residents", "lawmakers",
                   "observers", "investors", "diplomats", "editors"]
FILLER_VERBS = ["described", "questioned", "welcomed", "criticized", "examined", "doubted",
                "praised", "debated", "dismissed", "studied"]
FILLER_ADJ = ["broader", "quiet", "uneven", "steady", "sudden", "cautious", "gradual", "bold",
              "modest", "lasting", "fragile", "narrow"]
FILLER_NOUN = ["shift", "plan", "approach", "reform", "strategy", "policy", "effort", "change",
               "decision", "proposal", "review", "move"]
FILLER_OBJ = ["regional economy", "local market", "supply chain", "energy sector",
              "labor market", "housing market", "rail network", "port traffic",
              "export trade", "public budget"]


def _syllable_name(rng: random.Random, parts: int) -> str:
    onsets = ["B", "C", "D", "F", "G", "H", "K", "L", "M", "N", "P", "R", "S", "T", "V", "W",
              "Br", "Cr", "Dr", "Gr", "Pr", "St", "Th", "Tr"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
    codas = ["", "n", "r", "s", "l", "nd", "rt", "ck", "m"]
    syllables = [rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)]
    syllables += [rng.choice("lmnrstv") + rng.choice(vowels) + rng.choice(codas)
                  for _ in range(parts - 1)]
    return "".join(syllables)


@dataclass
class EntityDef:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None        # a person's role title
    role_alias: str | None = None  # how the articles write it


def make_entities(rng: random.Random, people: int, orgs: int) -> list[EntityDef]:
    out: list[EntityDef] = []
    used: set[str] = set()
    suffixes = ["Holdings", "Group", "Industries", "Partners", "Logistics", "Energy", "Bank",
                "Foundation", "Works", "Systems"]
    while len([e for e in out if e.kind == "organization"]) < orgs:
        base = _syllable_name(rng, rng.choice([2, 3]))
        name = f"{base} {rng.choice(suffixes)}"
        if base in used:
            continue
        used.add(base)
        out.append(EntityDef(f"org-{base.lower()}", name, "organization", aliases=[]))
    org_names = [e.name for e in out]
    while len([e for e in out if e.kind == "person"]) < people:
        first = _syllable_name(rng, 2)
        last = _syllable_name(rng, rng.choice([2, 3]))
        if last in used or first in used:
            continue
        used.add(last)
        title = f"{rng.choice(ROLE_TITLES)} of {rng.choice(org_names)}"
        alias = title.split(" of ")[0].lower()
        out.append(EntityDef(f"{first.lower()}-{last.lower()}", f"{first} {last}", "person",
                             aliases=[last], role=title, role_alias=f"{title.split(' of ')[1]} {alias}"))
    for place in PLACES:
        out.append(EntityDef(place.lower().replace(" ", "-"), place, "place"))
    return out


# ---------------------------------------------------------------------------- articles


@dataclass
class Fact:
    """A claimable span of an article: the quote and the typed value it supports."""

    kind: str
    quote: str
    value: dict[str, Any]
    statement: str
    subject: str | None = None
    predicate: str | None = None


class Article:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.facts: list[Fact] = []

    def sentence(self, text: str, facts: list[Fact]) -> None:
        self.parts.append(text)
        self.facts.extend(facts)

    @property
    def text(self) -> str:
        paragraphs = [" ".join(self.parts[i:i + 3]) for i in range(0, len(self.parts), 3)]
        return "\n\n".join(paragraphs) + "\n"


def _day(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(1995, 2019), rng.randint(1, 12), rng.randint(1, 28)


def _filler(rng: random.Random) -> str:
    return (f"{rng.choice(FILLER_SUBJECTS).capitalize()} {rng.choice(FILLER_VERBS)} the "
            f"{rng.choice(FILLER_ADJ)} {rng.choice(FILLER_NOUN)} as a sign of "
            f"{rng.choice(FILLER_ADJ)} change in the {rng.choice(FILLER_OBJ)} of "
            f"{rng.choice(PLACES)} after {rng.randint(2, 40) * 7} days of talks.")


def write_article(rng: random.Random, entities: list[EntityDef], facts_wanted: int) -> Article:
    """An article with at least ``facts_wanted`` claimable facts."""
    orgs = [e for e in entities if e.kind == "organization"]
    people = [e for e in entities if e.kind == "person"]
    art = Article()
    while len(art.facts) < facts_wanted:
        pick = rng.randrange(5)
        org = rng.choice(orgs)
        if pick == 0:
            y, m, d = _day(rng)
            tenths = rng.randint(11, 990)
            amount = tenths / 10
            count = rng.randint(3, 400)
            unit = rng.choice(COUNT_UNITS)
            date_text = f"On {MONTHS[m - 1]} {d}, {y}, {org.name} said"
            money_text = f"invest ${amount:g} million in"
            count_text = f"in {count} new {unit}"
            art.sentence(f"{date_text} it would {money_text[:-3]} {count_text}.", [
                Fact("date", date_text, {"type": "date", "date": f"{y}-{m:02d}-{d:02d}"},
                     f"{org.name} made an announcement on {y}-{m:02d}-{d:02d}."),
                Fact("money", f"{org.name} said it would {money_text}",
                     {"type": "money", "amount": tenths * 100_000, "currency": "USD"},
                     f"{org.name} planned to invest ${amount:g} million.", org.id, "investment"),
                Fact("quantity", count_text, {"type": "quantity", "amount": count, "unit": unit},
                     f"The investment covers {count} {unit}."),
                Fact("entity", f"{date_text} it would",
                     {"type": "entity", "entity": org.id}, f"{org.name} made the announcement."),
            ])
        elif pick == 1:
            person = rng.choice(people)
            y, m, _ = _day(rng)
            count = rng.randint(1100, 98000)
            person_text = f"{person.role_alias} {person.name}"
            art.sentence(
                f"{person_text} told reporters in {MONTHS[m - 1]} {y} "
                f"that the company employed {count:,} workers.",
                [
                    Fact("person", f"{person_text} told reporters",
                         {"type": "person", "entity": person.id, "role": person.role},
                         f"{person.name} is {person.role}.", person.id, "role"),
                    Fact("date", f"told reporters in {MONTHS[m - 1]} {y}",
                         {"type": "date", "date": f"{y}-{m:02d}"},
                         f"{person.name} spoke to reporters in {y}-{m:02d}."),
                    Fact("quantity", f"employed {count:,} workers",
                         {"type": "quantity", "amount": count, "unit": "workers"},
                         f"The company employed {count} workers."),
                ],
            )
        elif pick == 2:
            y = rng.randint(1990, 2019)
            tenths = rng.randint(12, 95)
            amount = tenths / 10
            place = rng.choice(PLACES)
            place_id = place.lower().replace(" ", "-")
            art.sentence(
                f"The agreement, signed in {y}, is worth {amount:g} billion yen, officials in "
                f"{place} said.",
                [
                    Fact("date", f"signed in {y}, is worth {amount:g} billion", {"type": "date", "date": str(y)},
                         f"The agreement was signed in {y}."),
                    Fact("money", f"is worth {amount:g} billion yen",
                         {"type": "money", "amount": tenths * 100_000_000, "currency": "JPY"},
                         f"The agreement is worth {amount:g} billion yen."),
                    Fact("entity", f"officials in {place} said",
                         {"type": "entity", "entity": place_id}, f"Officials in {place} spoke."),
                ],
            )
        elif pick == 3:
            pct = rng.randint(2, 60)
            unit = rng.choice(COUNT_UNITS)
            art.sentence(
                f"About {pct} percent of the {unit} run by {org.name} were idle last winter.",
                [Fact("quantity", f"About {pct} percent of the {unit} run by",
                      {"type": "quantity", "amount": pct, "unit": "percent", "qualifier": "about"},
                      f"About {pct} percent of the {unit} were idle.")],
            )
        else:
            # Prose between the facts, as in real reporting; some of it is quoted by claims.
            text = _filler(rng)
            art.sentence(text, [Fact("quote", text[:-1], {"type": "quote"}, text)])
            art.sentence(_filler(rng), [])
    return art


# ---------------------------------------------------------------------------- claims


def _wrong(rng: random.Random, fact: Fact, entities: list[EntityDef]) -> dict[str, Any] | None:
    value = dict(fact.value)
    if value["type"] in ("money", "quantity"):
        value["amount"] = value["amount"] * 2 + 1
    elif value["type"] == "date":
        value["date"] = str(int(value["date"][:4]) - 1) + value["date"][4:]
    elif value["type"] == "entity":
        others = [e for e in entities if e.kind == "organization" and e.id != value["entity"]]
        value["entity"] = rng.choice(others).id
    else:
        return None
    return value


def _retype(rng: random.Random, quote: str) -> str:
    if len(quote) < 30:
        return quote
    how = rng.randrange(3)
    if how == 0 and " " in quote:
        return quote.replace(" ", "  ", 1)   # normalized anchoring
    if how == 1:
        i = rng.randrange(10, len(quote) - 5)  # one letter mistyped: fuzzy anchoring
        if quote[i].isalpha():
            return quote[:i] + ("x" if quote[i] != "x" else "y") + quote[i + 1:]
    return quote.replace(",", " ,", 1) if "," in quote else quote


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _yaml_value(value: dict[str, Any]) -> str:
    inner = ", ".join(f"{k}: {_yaml_str(v) if isinstance(v, str) else v}" for k, v in value.items())
    return "{" + inner + "}"


def generate(out: Path, claims: int, seed: int = 1, per_source: int = 20, chunk: int = 10_000,
             people: int = 300, orgs: int = 200) -> dict[str, Any]:
    """Write the project to ``out`` (replacing it); returns the summary in expected.json."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "facts").mkdir(parents=True)
    entities = make_entities(rng, people, orgs)
    expected: Counter[str] = Counter()
    n_sources = max(1, -(-claims // per_source))
    written = 0
    part_lines: list[str] = []
    part_no = 0
    part_claims = 0

    def flush() -> None:
        nonlocal part_lines, part_no, part_claims
        if not part_lines:
            return
        part_no += 1
        (out / "facts" / f"part-{part_no:04d}.yaml").write_text("\n".join(part_lines) + "\n", encoding="utf-8")
        part_lines, part_claims = [], 0

    for s in range(n_sources):
        want = min(per_source, claims - written)
        art = write_article(rng, entities, 2 * want)
        sid = f"s{s:06d}"
        rel = f"sources/{s // 1000:03d}/{sid}.txt"
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(art.text, encoding="utf-8")
        if not part_lines:
            part_lines = ["sources:"]
            part_lines_claims: list[str] = []
        part_lines += [f"  - id: {sid}", f"    path: {rel}",
                       f"    title: {_yaml_str('Report ' + sid)}", "    publisher: The Synthetic Times",
                       "    published: 2020-01"]
        chosen = rng.sample(art.facts, want)
        for k, fact in enumerate(chosen):
            cid = f"{sid}-c{k:02d}"
            value = fact.value
            quote = fact.quote
            status = "verified"
            roll = rng.random()
            if roll < 0.05:
                wrong = _wrong(rng, fact, entities)
                if wrong is not None:
                    value, status = wrong, "contradicted"
            elif roll < 0.07 and fact.kind != "quote":
                quote = _retype(rng, quote)
            expected[status] += 1
            lines = [f"  - id: {cid}", f"    statement: {_yaml_str(fact.statement)}"]
            if fact.subject and fact.predicate:
                lines += [f"    subject: {fact.subject}", f"    predicate: {fact.predicate}-{cid}"]
            lines += [f"    value: {_yaml_value(value)}", f"    tags: [{fact.kind}, synthetic]",
                      "    citations:", f"      - source: {sid}", f"        quote: {_yaml_str(quote)}"]
            part_lines_claims += lines
        written += want
        part_claims += want
        if part_claims >= chunk or written >= claims:
            part_lines += ["claims:", *part_lines_claims]
            flush()

    main = ["factbase: 1", f"title: Synthetic benchmark ({claims} claims, seed {seed})",
            "include: [facts/*.yaml]", "entities:"]
    for e in entities:
        main += [f"  - id: {e.id}", f"    name: {_yaml_str(e.name)}", f"    kind: {e.kind}"]
        if e.aliases:
            main.append(f"    aliases: [{', '.join(_yaml_str(a) for a in e.aliases)}]")
        if e.role:
            main += ["    roles:", f"      - title: {_yaml_str(e.role)}",
                     f"        aliases: [{_yaml_str(e.role_alias or '')}]"]
    (out / "facts.yaml").write_text("\n".join(main) + "\n", encoding="utf-8")
    summary = {"claims": written, "sources": n_sources, "files": part_no + 1, "seed": seed,
               "statuses": dict(sorted(expected.items()))}
    (out / "expected.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder to write (replaced)")
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-source", type=int, default=20, help="claims per source")
    parser.add_argument("--chunk", type=int, default=10_000, help="claims per included file")
    args = parser.parse_args()
    print(json.dumps(generate(args.out, args.claims, args.seed, args.per_source, args.chunk)))


if __name__ == "__main__":
    main()
