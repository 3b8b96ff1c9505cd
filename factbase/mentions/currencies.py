"""Currencies as CLDR knows them in English (through Babel): codes, names and their plurals,
symbols, regional dollar forms, minor units; and the rule that picks one currency for a name
or a sign that several share.

Everything is derived from CLDR at first use (``tables()``, cached once per process); the few
hand tables below say what CLDR does not: which shared names and signs usually mean which
currency (``MOST_USED``), spellings that English news uses but CLDR does not list
(``NAME_ALIASES``, ``SYMBOL_ALIASES``), the names of minor units (``MINOR_UNITS``), and
the ISO codes that are also English words (``WORDLIKE_CODES``).

The ambiguity rule (documented in docs/mentions.md): explicit evidence in the phrase decides
("Danish kroner", "C$", "HK$", "DKK"); else the source's default currency when it is one of the
candidates; else the most-used candidate: the order of ``MOST_USED``, then currencies in use
today (alphabetical), then historic ones.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from babel import Locale, localedata
from babel.core import get_global
from babel.numbers import get_currency_name, get_currency_precision

# CLDR codes that are not money one pays with: precious metals, test and unknown codes,
# accounting and indexed units, same-day/next-day dollars.
NOT_MONEY = frozenset({
    "XAU", "XAG", "XPT", "XPD", "XTS", "XXX", "XBA", "XBB", "XBC", "XBD", "XRE", "XUA",
    "XSU", "XFO", "XFU", "XDR", "COU", "ECV", "MXV", "UYW", "UYI", "BOV", "CHE", "CHW", "CLF",
    "USN", "USS", "ZWG",
})

# The usual reading of a name or sign several currencies share: foreign-exchange turnover
# (BIS Triennial Survey 2022, in order), then the larger economies outside the survey. Only
# the order matters; it is a tie-break after the phrase and the source's default.
MOST_USED = (
    "USD", "EUR", "JPY", "GBP", "CNY", "AUD", "CAD", "CHF", "HKD", "SGD", "SEK", "KRW", "NOK",
    "NZD", "INR", "MXN", "TWD", "ZAR", "BRL", "DKK", "PLN", "THB", "ILS", "IDR", "CZK", "AED",
    "TRY", "HUF", "CLP", "SAR", "PHP", "MYR", "COP", "RUB", "RON", "PEN", "ARS",
    # the survey's smallest, and the currencies outside it, roughly by the size of the
    # issuer's economy
    "EGP", "NGN", "PKR", "BDT", "VND", "IRR", "IQD", "KZT", "QAR", "KWD", "UAH", "MAD",
    "DZD", "KES", "ETB", "LKR", "DOP", "GHS", "OMR", "UZS", "AOA", "GTQ", "TZS", "BGN", "RSD",
    "JOD", "TND", "BHD", "LYD", "UGX", "NPR", "ISK", "CRC", "UYU", "MMK", "BYN", "AZN",
)

# ISO codes that are also English words or common names: matched only in capitals, and not
# in an all-capitals passage ("TOP 10", "ALL 5 SEATS").
WORDLIKE_CODES = frozenset({
    "ALL", "AMD", "ANG", "BAM", "BOB", "CAD", "CUP", "DOP", "ERN", "GEL", "HUF", "KES", "MAD",
    "MOP", "PEN", "PHP", "RON", "RUB", "SOS", "TOP", "TRY", "ARS", "BAN", "BAD", "ARM", "SIT",
    "DEM", "SUR", "ESP", "PES", "PEI", "MAF", "CLE", "GNS",
})

# Codes that are common words in capitals too ("TOP 10", "ALL 5"): before a small whole
# number without a scale they are read as the word.
CAPITAL_WORDS = frozenset({
    "ALL", "TOP", "TRY", "CUP", "PEN", "BOB", "SOS", "MOP", "GEL", "BAN", "BAD", "ARM", "SIT",
    "DEM", "MAD",
})

# Names English news writes that CLDR does not list (folded, lower case) -> currencies.
NAME_ALIASES: dict[str, tuple[str, ...]] = {
    "u.s. dollar": ("USD",), "u.s. dollars": ("USD",), "american dollar": ("USD",),
    "american dollars": ("USD",), "us dollar": ("USD",), "greenback": ("USD",),
    "greenbacks": ("USD",), "sterling": ("GBP",), "pounds sterling": ("GBP",),
    "pound sterling": ("GBP",), "uk pounds": ("GBP",), "uk pound": ("GBP",),
    "renminbi": ("CNY",), "yuan renminbi": ("CNY",), "rmb": ("CNY",), "reais": ("BRL",),
    "brazilian reais": ("BRL",), "rouble": ("RUB",), "roubles": ("RUB",),
    "russian rouble": ("RUB",), "russian roubles": ("RUB",), "deutschmark": ("DEM",),
    "deutschmarks": ("DEM",), "deutsche mark": ("DEM",), "deutsche marks": ("DEM",),
    "d-marks": ("DEM",), "d-mark": ("DEM",), "lire": ("ITL", "TRY"), "italian lire": ("ITL",),
    "zlotych": ("PLN",), "zloties": ("PLN",), "hryvna": ("UAH",), "hryvnas": ("UAH",),
    "hryvnia": ("UAH",), "shekel": ("ILS",), "shekels": ("ILS",), "new shekels": ("ILS",),
    "rand": ("ZAR",), "yen": ("JPY",), "bucks": ("USD",), "rupiah": ("IDR",),
    "naira": ("NGN",), "cedi": ("GHS",), "cfa francs": ("XOF", "XAF"),
    "cfa franc": ("XOF", "XAF"), "kwacha": ("ZMW", "MWK"), "dinar": (), "euro": ("EUR",),
    "swiss franc": ("CHF",), "swiss francs": ("CHF",), "quid": ("GBP",),
    "korean won": ("KRW",), "israeli shekel": ("ILS",), "israeli shekels": ("ILS",),
    "turkish liras": ("TRY",), "czech koruny": ("CZK",), "nepali rupees": ("NPR",),
    "nepali rupee": ("NPR",), "hk dollars": ("HKD",), "nz dollars": ("NZD",),
    "aussie dollars": ("AUD",), "nt dollars": ("TWD",), "danish crowns": ("DKK",),
    "norwegian crowns": ("NOK",), "swedish crowns": ("SEK",), "czech crowns": ("CZK",),
    "slovak crowns": ("SKK",), "estonian crowns": ("EEK",), "icelandic crowns": ("ISK",),
}
# Signs English news writes that CLDR does not list for the currency.
SYMBOL_ALIASES: dict[str, tuple[str, ...]] = {
    "US$": ("USD",), "U.S.$": ("USD",), "USD$": ("USD",), "RMB": ("CNY",), "Rmb": ("CNY",),
    "Rs": ("INR",), "Rs.": ("INR",), "SFr": ("CHF",), "SFr.": ("CHF",), "Fr.": ("CHF",),
    "DM": ("DEM",), "NIS": ("ILS",), "TL": ("TRY",), "YTL": ("TRY",), "Dhs": ("AED",),
    "C$": ("CAD",), "S$": ("SGD",), "N$": ("NAD",), "J$": ("JMD",), "TT$": ("TTD",),
    "BZ$": ("BZD",), "Bds$": ("BBD",), "RD$": ("DOP",), "Z$": ("ZWL",), "NT$": ("TWD",),
    "R$": ("BRL",), "A$": ("AUD",), "AU$": ("AUD",), "EC$": ("XCD",), "KSh": ("KES",),
    "CFA": ("XOF", "XAF"), "FCFA": ("XAF", "XOF"), "F CFA": ("XOF", "XAF"),
    "Can$": ("CAD",), "Aus$": ("AUD",), "AUS$": ("AUD",), "Mex$": ("MXN",), "Col$": ("COP",),
    "CI$": ("KYD",), "SI$": ("SBD",), "B$": ("BND", "BSD"), "E£": ("EGP",), "LE": ("EGP",),
    "L£": ("LBP",), "LL": ("LBP",), "S£": ("SYP",), "KD": ("KWD",), "BD": ("BHD",),
    "QR": ("QAR",), "SR": ("SAR",), "RO": ("OMR",), "JD": ("JOD",), "Tk": ("BDT",),
    "ZK": ("ZMW",), "GH¢": ("GHS",), "IR£": ("IEP",), "C£": ("CYP",), "S/.": ("PEN",),
    "R": ("ZAR",),
}
# Names that are everyday English words: a currency only with an adjective ("Brazilian real",
# "German marks") or after a number in a pattern that says money ("won" not before "the").
COMMON_WORDS = frozenset({
    "mark", "marks", "real", "reals", "dram", "drams", "colon", "colons", "sol", "soles",
    "sols", "unit", "units", "gold", "crown", "crowns", "para", "kip", "kips",
})

# Minor units (names CLDR does not give) -> the major units they divide; their worth is
# 10**-digits of the currency (CLDR's decimal digits: 0.01 of a euro, 0.001 of a Kuwaiti dinar).
MINOR_UNITS: dict[str, frozenset[str]] = {
    "cent": frozenset({"dollar", "euro", "rand", "shilling", "guilder", "florin", "rupee",
                       "birr", "leone", "dollars", "euros", "shillings", "rupees"}),
    "pence": frozenset({"pound"}), "penny": frozenset({"pound"}), "p": frozenset({"pound"}),
    "centime": frozenset({"franc", "dirham", "dinar", "gourde"}),
    "rappen": frozenset({"franc"}),
    "centavo": frozenset({"peso", "real", "escudo", "boliviano", "sucre", "colon", "cordoba",
                          "quetzal", "lempira", "kwanza", "metical", "dobra"}),
    "centesimo": frozenset({"lira", "peso", "balboa"}),
    "centimo": frozenset({"peseta", "bolivar", "sol", "colon", "guarani"}),
    "kopek": frozenset({"ruble", "rouble", "hryvnia"}),
    "kopeck": frozenset({"ruble", "rouble", "hryvnia"}),
    "kopiyka": frozenset({"hryvnia"}),
    "paisa": frozenset({"rupee", "taka"}), "paise": frozenset({"rupee", "taka"}),
    "fils": frozenset({"dinar", "dirham"}), "halala": frozenset({"riyal"}),
    "dirham": frozenset({"riyal"}),
    "ore": frozenset({"krone", "krona"}), "øre": frozenset({"krone"}),
    "öre": frozenset({"krona"}), "sen": frozenset({"ringgit", "rupiah", "riel"}),
    "fen": frozenset({"yuan", "renminbi"}), "kobo": frozenset({"naira"}),
    "pesewa": frozenset({"cedi"}), "satang": frozenset({"baht"}),
    "agora": frozenset({"shekel"}), "agorot": frozenset({"shekel"}),
    "kurus": frozenset({"lira"}), "kuruş": frozenset({"lira"}),
    "grosz": frozenset({"zloty"}), "groszy": frozenset({"zloty"}),
    "haler": frozenset({"koruna"}), "haleru": frozenset({"koruna"}),
    "filler": frozenset({"forint"}), "stotinka": frozenset({"lev"}),
    "stotinki": frozenset({"lev"}), "ban": frozenset({"leu"}), "bani": frozenset({"leu"}),
    "tetri": frozenset({"lari"}), "piastre": frozenset({"pound"}),
    "piaster": frozenset({"pound"}), "qirsh": frozenset({"pound", "riyal"}),
    "chon": frozenset({"won"}), "jeon": frozenset({"won"}), "luma": frozenset({"dram"}),
    "tiyin": frozenset({"som", "tenge"}), "baisa": frozenset({"rial"}),
    "lisente": frozenset({"loti"}), "thebe": frozenset({"pula"}), "toea": frozenset({"kina"}),
    "xu": frozenset({"dong"}),
}
# Plural spellings of the minor units (the keys above are singular).
MINOR_PLURALS: dict[str, str] = {
    "cents": "cent", "pennies": "penny", "centimes": "centime", "centavos": "centavo",
    "centesimos": "centesimo", "centesimi": "centesimo", "centimos": "centimo",
    "kopeks": "kopek", "kopecks": "kopeck", "kopiyok": "kopiyka", "kopiykas": "kopiyka",
    "paisas": "paisa", "halalas": "halala", "dirhams": "dirham", "pesewas": "pesewa",
    "kurush": "kurus", "agorots": "agorot", "halers": "haler", "fillers": "filler",
    "piastres": "piastre", "piasters": "piaster", "tiyins": "tiyin", "baisas": "baisa",
    "thebes": "thebe", "toeas": "toea",
}
# Signs that are one Latin letter ("K", "L", "Q", "P") are never read as money: "Q3", "K2"
# and "5 K" say other things too often. The rand's "R" is the exception (SYMBOL_ALIASES),
# read only before an amount that says money (see money.py).
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Currency:
    """One currency: CLDR's English names and signs, decimal digits, and whether it is in
    use today."""

    code: str
    name: str
    plural: str
    symbols: tuple[str, ...]
    digits: int
    current: bool

    @property
    def unit(self) -> str:
        """The unit word of the name, folded: 'krone' for 'Danish Krone'."""
        return fold(self.name).split()[-1]


@dataclass(frozen=True)
class Tables:
    """The lookups money extraction needs, built once from CLDR."""

    currencies: dict[str, Currency]
    # folded lower-case name ("danish kroner", "kroner", "dollars") -> candidates, best first
    names: dict[str, tuple[str, ...]]
    # exact sign ("€", "kr", "HK$", "zł") -> candidates, best first
    symbols: dict[str, tuple[str, ...]]
    # lower-case letters before "$" ("hk", "usd", "c") -> candidates, best first
    dollar_prefixes: dict[str, tuple[str, ...]]
    # every code with an English name, and the ones matched in any case
    codes: frozenset[str]
    anycase_codes: frozenset[str]
    # unit words (folded) of each currency: "krone", "kroner" for DKK
    units: dict[str, frozenset[str]]
    # the tie-break order of every currency (lower is more used)
    order: dict[str, int]

    def ranked(self, codes: set[str] | frozenset[str]) -> tuple[str, ...]:
        """``codes`` best first."""
        return tuple(sorted(codes, key=lambda code: self.order.get(code, len(self.order))))


def fold(text: str) -> str:
    """Lower case, accents dropped, spacing collapsed: 'Icelandic Krónur' ->
    'icelandic kronur'; the form names are looked up by."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ʻ", "'").replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def _rank(code: str, currencies: dict[str, Currency]) -> tuple[int, int, str]:
    if code in MOST_USED:
        return (0, MOST_USED.index(code), code)
    currency = currencies.get(code)
    return (1 if currency is not None and currency.current else 2, 0, code)


# Currencies whose shared signs and names English news uses for them wherever the story is
# ("$" in a story about Canada is still US dollars unless the source says otherwise).
WORLD_CURRENCIES = frozenset({"USD", "GBP"})


def resolve(
    candidates: tuple[str, ...], default: str | None, mentioned: frozenset[str] = frozenset()
) -> str:
    """The currency a name or sign means: the source's default when it is a candidate; else
    the one candidate whose country the text names ("dinars" in a story that names Algeria
    and not Iraq), unless the most used is USD or GBP; else the best-ranked candidate
    (``candidates`` are ranked already)."""
    if default is not None and default in candidates:
        return default
    if len(candidates) > 1 and candidates[0] not in WORLD_CURRENCIES:
        named = [code for code in candidates if code in mentioned]
        if len(named) == 1:
            return named[0]
    return candidates[0]


def countries() -> dict[str, frozenset[str]]:
    """Words that name a country in text (CLDR's English territory names, and the adjectives
    of CLDR's currency names: "Algeria", "Algerian") -> the currencies in use there."""
    return _countries()


@cache
def _countries() -> dict[str, frozenset[str]]:
    table = tables()
    territory_names = Locale("en").territories
    found: dict[str, set[str]] = {}
    for territory, history in get_global("territory_currencies").items():
        name = territory_names.get(territory)
        codes = {c for c, _s, end, tender in history if end is None and tender}
        if name and codes and len(name) > 3:
            found.setdefault(name, set()).update(codes)
    for code, currency in table.currencies.items():
        words = currency.name.split()
        if currency.current and len(words) > 1 and "(" not in currency.name:
            adjective = " ".join(words[:-1])
            if len(adjective) > 3 and adjective[0].isupper():
                found.setdefault(adjective, set()).add(code)
    return {word: frozenset(codes) for word, codes in found.items()}


def _current_codes() -> set[str]:
    found: set[str] = set()
    for history in get_global("territory_currencies").values():
        found.update(code for code, _start, end, tender in history if end is None and tender)
    return found


def _local_symbols(current: set[str]) -> dict[str, set[str]]:
    """Each current currency's signs in its own territories' official languages ("kr" for
    DKK from da_DK, "zł" for PLN from pl_PL, "₴" for UAH from uk_UA)."""
    available = set(localedata.locale_identifiers())
    languages = get_global("territory_languages")
    found: dict[str, set[str]] = {}
    for territory, history in get_global("territory_currencies").items():
        codes = [c for c, _s, end, tender in history if end is None and tender and c in current]
        if not codes:
            continue
        for language, info in languages.get(territory, {}).items():
            if "official" not in str(info.get("official_status", "")):
                continue
            identifier = f"{language}_{territory}"
            if identifier not in available:
                continue
            symbols = Locale.parse(identifier).currency_symbols
            for code in codes:
                symbol = symbols.get(code)
                if symbol:
                    found.setdefault(code, set()).add(symbol)
    return found


def _usable_symbol(symbol: str, code: str) -> bool:
    if symbol == code or _LETTERS.fullmatch(symbol):
        return False
    # signs in other scripts (Arabic, Cyrillic letters) are not written in English text
    return all(
        not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in symbol
    ) and not any(unicodedata.category(c) == "Cf" for c in symbol)


@cache
def tables() -> Tables:
    """The currency tables, built from CLDR once per process."""
    english = Locale("en")
    current = _current_codes()
    local = _local_symbols(current)
    currencies: dict[str, Currency] = {}
    for code, name in english.currencies.items():
        if code in NOT_MONEY or not re.fullmatch(r"[A-Z]{3}", code):
            continue
        signs = {english.currency_symbols.get(code) or code, *local.get(code, ())}
        currencies[code] = Currency(
            code=code,
            name=name,
            plural=get_currency_name(code, count=2, locale="en"),
            symbols=tuple(sorted(s for s in signs if _usable_symbol(s, code))),
            digits=get_currency_precision(code),
            current=code in current,
        )

    def ranked(codes: set[str] | tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(set(codes), key=lambda c: _rank(c, currencies)))

    names: dict[str, set[str]] = {}
    units: dict[str, set[str]] = {}
    territory_names = english.territories
    territories_of: dict[str, set[str]] = {}
    for territory, history in get_global("territory_currencies").items():
        for code, _start, end, tender in history:
            if end is None and tender:
                territories_of.setdefault(code, set()).add(territory)
    for code, currency in currencies.items():
        if "(" in currency.name or "(" in currency.plural:
            continue  # "Belgian Franc (convertible)": not how text names a currency
        forms = {fold(currency.name), fold(currency.plural)}
        unit_words = {form.split()[-1] for form in forms}
        # territory names give "Bahamas dollars"-style phrases for the currency's unit
        for territory in territories_of.get(code, ()):
            place = territory_names.get(territory)
            if place:
                forms.update(f"{fold(place)} {word}" for word in unit_words)
        forms.update([form.replace("&", "and") for form in forms if "&" in form])
        units[code] = unit_words
        for form in forms:
            names.setdefault(form, set()).add(code)
        for word in unit_words:
            if word not in COMMON_WORDS:
                names.setdefault(word, set()).add(code)
    for alias, codes in NAME_ALIASES.items():
        if codes:
            names.setdefault(alias, set()).update(c for c in codes if c in currencies)
    symbols: dict[str, set[str]] = {}
    for code, currency in currencies.items():
        for symbol in currency.symbols:
            symbols.setdefault(symbol, set()).add(code)
    for symbol, codes in SYMBOL_ALIASES.items():
        symbols.setdefault(symbol, set()).update(c for c in codes if c in currencies)
    # "$" is every dollar's and many pesos' sign in its own country
    dollars = {
        c for c, cur in currencies.items()
        if cur.unit == "dollar" or any("$" in s for s in cur.symbols)
    }
    symbols.setdefault("$", set()).update(c for c in dollars if currencies[c].current)
    # Letters before "$", in tiers: the spellings news uses (SYMBOL_ALIASES: "C$" is the
    # Canadian dollar), then CLDR's own signs ("T$" the Tongan paʻanga), then the ISO code and
    # its country letters ("CAD$", "CA$"), then the initial of a dollar's code.
    tiers: dict[str, list[set[str]]] = {}

    def add(prefix: str, tier: int, code: str) -> None:
        tiers.setdefault(prefix.lower(), [set(), set(), set(), set()])[tier].add(code)

    for symbol, codes in SYMBOL_ALIASES.items():
        if symbol.endswith("$") and len(symbol) > 1:
            for code in codes:
                add("US" if symbol == "U.S.$" else symbol[:-1], 0, code)
    for code in dollars:
        for symbol in currencies[code].symbols:
            if symbol.endswith("$") and len(symbol) > 1 and symbol[:-1].isalpha():
                add(symbol[:-1], 1, code)
        add(code, 2, code)
        add(code[:2], 2, code)
        if currencies[code].current and currencies[code].unit == "dollar":
            add(code[0], 3, code)
    prefixes = {
        prefix: tuple(dict.fromkeys(c for tier in levels for c in ranked(tier)))
        for prefix, levels in tiers.items()
    }

    return Tables(
        currencies=currencies,
        names={name: ranked(codes) for name, codes in names.items() if codes},
        symbols={
            s: (SYMBOL_ALIASES[s] + tuple(c for c in ranked(codes) if c not in SYMBOL_ALIASES[s]))
            if s in SYMBOL_ALIASES else ranked(codes)
            for s, codes in symbols.items() if codes
        },
        dollar_prefixes=prefixes,
        codes=frozenset(currencies),
        anycase_codes=frozenset(
            c for c, cur in currencies.items() if cur.current and c not in WORDLIKE_CODES
        ),
        units={code: frozenset(words) for code, words in units.items()},
        order={
            code: index
            for index, code in enumerate(sorted(currencies, key=lambda c: _rank(c, currencies)))
        },
    )


def minor_factor(minor: str, code: str) -> int | None:
    """How many decimal places a minor unit named ``minor`` ("cents", "p", "centimes") shifts
    an amount of ``code``: 2 for cents of a dollar, 3 for fils of a Kuwaiti dinar; None when
    that minor unit does not divide that currency, or the currency has no decimal digits."""
    table = tables()
    currency = table.currencies.get(code)
    if currency is None or currency.digits == 0:
        return None
    key = fold(minor)
    key = MINOR_PLURALS.get(key, key)
    majors = MINOR_UNITS.get(key)
    if majors is None:
        return None
    unit_words = table.units.get(code, frozenset())
    if majors & unit_words or any(w.rstrip("s") in majors for w in unit_words):
        return currency.digits
    return None


def minor_candidates(minor: str) -> tuple[str, ...]:
    """The currencies a minor unit alone may be part of, best first: "cents" -> USD, EUR,
    AUD, ...; "pence" -> GBP."""
    table = tables()
    key = fold(minor)
    key = MINOR_PLURALS.get(key, key)
    majors = MINOR_UNITS.get(key, frozenset())
    codes = {
        code for code, words in table.units.items()
        if table.currencies[code].current and (words & majors or any(w.rstrip("s") in majors for w in words))
        and table.currencies[code].digits
    }
    return table.ranked(codes)


def minor_names() -> list[str]:
    """Every written form of a minor unit, singular and plural."""
    return sorted({*MINOR_UNITS, *MINOR_PLURALS} - {"p"})
