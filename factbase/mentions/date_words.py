"""Word tables for the date extractor: month and weekday names, ordinals, seasons, named
events, and the words that make a four-digit number a count or a label rather than a year.

Everything here is data; the rules that use it are in ``dates.py`` (documented in
docs/dates.md).
"""

from __future__ import annotations

import datetime as dt

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
# Abbreviations are accepted only next to a day or a year ("Dec. 24", "Sept. 2019"), never
# alone, so "Mar" and "Jan" as names or words stay out.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}

ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "twenty-second": 22,
}
COUNT_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

# Meteorological seasons of the northern hemisphere: (first month, number of months).
# Winter starts in December of the year it is named by ("winter 2018" = Dec 2018 - Feb 2019).
SEASONS: dict[str, int] = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

QUALIFIER_WORDS: dict[str, str] = {
    "early": "early", "mid": "mid", "late": "late", "circa": "circa", "c.": "circa",
    "ca.": "circa", "before": "before", "after": "after", "pre": "before", "post": "after",
    "beyond": "after",
    "end": "late", "close": "late", "beginning": "early", "start": "early", "middle": "mid",
    "early part": "early", "first months": "early", "first few months": "early",
    "latter part": "late", "later part": "late", "last months": "late",
    "last few months": "late", "final months": "late", "final few months": "late",
}

# Named events: name (as written, case-sensitive) -> (first day, last day, precision).
_WW1 = (dt.date(1914, 7, 28), dt.date(1918, 11, 11), "day")
_WW2 = (dt.date(1939, 9, 1), dt.date(1945, 9, 2), "day")
_GULF = (dt.date(1990, 8, 2), dt.date(1991, 2, 28), "day")
EVENTS: dict[str, tuple[dt.date, dt.date, str]] = {
    "World War II": _WW2, "World War 2": _WW2, "World War Two": _WW2, "WWII": _WW2,
    "WW2": _WW2, "Second World War": _WW2,
    "World War I": _WW1, "World War 1": _WW1, "World War One": _WW1, "WWI": _WW1,
    "WW1": _WW1, "First World War": _WW1, "Great War": _WW1,
    "Korean War": (dt.date(1950, 6, 25), dt.date(1953, 7, 27), "day"),
    "Vietnam War": (dt.date(1955, 11, 1), dt.date(1975, 4, 30), "day"),
    "Gulf War": _GULF, "Persian Gulf War": _GULF,
    "Iraq War": (dt.date(2003, 3, 20), dt.date(2011, 12, 18), "day"),
    "Cold War": (dt.date(1947, 1, 1), dt.date(1991, 12, 31), "year"),
    "Great Depression": (dt.date(1929, 1, 1), dt.date(1939, 12, 31), "year"),
    "Great Recession": (dt.date(2007, 12, 1), dt.date(2009, 6, 30), "month"),
    "9/11": (dt.date(2001, 9, 11), dt.date(2001, 9, 11), "day"),
}
# "a new Cold War", "a second Korean War" are not the historical events.
EVENT_BLOCKERS = ("new", "New", "second", "another", "next", "own")

# A four-digit number followed by one of these nouns counts things: "1500 troops",
# "2000 people", "1600 megawatts", "1930 GMT". Counted nouns are plural (a singular noun
# after a year is usually what happened then: "the 2019 election"); units may be singular.
COUNT_NOUNS = frozenset({
    "people", "persons", "men", "women", "children", "adults", "students", "workers", "employees",
    "staff", "jobs", "members", "troops", "soldiers", "officers", "police", "protesters",
    "demonstrators", "refugees", "migrants", "residents", "families", "households", "homes",
    "houses", "apartments", "buildings", "villages", "towns", "schools", "hospitals", "beds",
    "patients", "cases", "deaths", "victims", "casualties", "infections", "tests", "doses",
    "vaccines", "samples", "companies", "firms", "businesses", "banks", "stores", "shops",
    "factories", "plants", "farms", "units", "vehicles", "cars", "trucks", "buses", "ships",
    "boats", "aircraft", "planes", "jets", "flights", "passengers", "visitors", "tourists", "fans",
    "spectators", "customers", "clients", "users", "subscribers", "followers", "votes", "voters",
    "ballots", "seats", "delegates", "participants", "attendees", "signatures", "copies", "books",
    "pages", "words", "items", "documents", "files", "emails", "messages", "tweets", "posts",
    "species", "animals", "trees", "acres", "hectares", "miles", "kilometers", "kilometres", "km",
    "meters", "metres", "feet", "foot", "ft", "yards", "tons", "tonnes", "kg", "kilograms",
    "pounds", "lbs", "barrels", "gallons", "liters", "litres", "megawatts", "gigawatts", "mw",
    "gw", "calories", "points", "shares", "dollars", "euros", "yen", "yuan", "rupees",
    "pesos", "francs", "hours", "hrs", "minutes", "seconds", "GMT", "UTC", "BST", "CET", "EST",
    "EDT", "PST", "PDT", "ET", "rounds", "games", "matches", "goals", "runs", "laps", "projects",
    "sites", "cities", "countries", "nations", "candidates", "lawmakers", "senators",
    "legislators", "teachers", "doctors", "nurses", "athletes", "players", "runners", "prisoners",
    "detainees", "inmates", "hostages", "civilians", "fighters", "militants", "rebels", "judges",
    "lawyers", "scientists", "researchers", "experts", "journalists", "reporters", "volunteers",
    "donors", "investors", "meter", "metre", "mile", "kilometer", "kilometre", "ton", "tonne",
    "acre", "hectare", "gram", "megawatt"
})

# A four-digit number after one of these words is a label: "No. 1965", "Section 1983",
# "Room 1204", "Resolution 2231", "Russell 2000".
LABEL_WORDS = frozenset({
    "no", "no.", "nos.", "number", "#", "§", "section", "sec.", "sections", "article", "art.",
    "articles", "chapter", "ch.", "rule", "rules", "resolution", "resolutions", "flight", "room",
    "suite", "route", "highway", "interstate", "page", "pages", "p.", "pp.", "bill", "form",
    "model", "case", "code", "unit", "apt.", "box", "gate", "platform", "item", "exhibit",
    "paragraph", "para.", "clause", "amendment", "version", "v.", "vol.", "volume", "issue",
    "order", "russell", "fortune", "global", "windows", "office", "ftse", "nasdaq", "stoxx",
    "dax", "nikkei", "kospi", "topix", "index"
})

# Quantity words before a number that make it a count: "more than 1500", "nearly 2000".
APPROXIMATORS = (
    "more than", "less than", "fewer than", "nearly", "almost", "approximately", "roughly",
    "some", "up to", "at least", "at most", "over", "under", "about", "exactly", "only",
)

# Weekdays in holiday and newspaper names ("Black Friday", "Sunday Times").
WEEKDAY_BLOCKERS_BEFORE = frozenset({
    "Black", "Super", "Good", "Easter", "Palm", "Ash", "Bloody", "Cyber", "Holy", "Maundy",
    "Shrove", "Giving", "Man", "Girl", "every", "Every", "each", "Each"
})

# Occasions a month alone can date when it stands before them: "the December auction", "an
# expected May election", "for February delivery".
OCCASIONS = frozenset({
    "election", "elections", "poll", "polls", "vote", "referendum", "summit", "meeting",
    "meetings", "auction", "deadline", "budget", "figures", "data", "delivery", "deliveries",
    "contract", "contracts", "launch", "release", "conference", "talks", "visit", "hearing",
    "session", "statement", "announcement", "issue", "edition", "sales", "payroll", "payrolls",
    "inflation", "unemployment", "survey", "report", "reading", "rally",
})
