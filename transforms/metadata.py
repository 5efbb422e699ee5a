"""Read a report's metadata from its cleaned text: title, bureau and place, kind, year, date.

Patterns come from `seeds/lexicon/metadata.toml`; place names from `seeds/places.csv`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import polars as pl


@dataclass(frozen=True)
class MetadataRules:
    summary_cue: re.Pattern
    plan_cue: re.Pattern
    title_patterns: list[re.Pattern]
    title_search_lines: int
    year: re.Pattern
    bureau_org: re.Pattern
    masked_place: re.Pattern
    level_by_suffix: list[tuple[str, str]]
    max_place_chars: int
    date: re.Pattern
    issued_after_date: re.Pattern
    signature_prefix_max_chars: int
    sentence_punctuation: re.Pattern
    numerals: dict[str, int]


@dataclass(frozen=True)
class Place:
    province: str | None
    city: str | None
    county: str | None
    level: str


@dataclass(frozen=True)
class Bureau:
    name: str | None  # null when the place is masked
    place: Place | None


def compile_metadata_rules(lexicon: dict[str, Any]) -> MetadataRules:
    return MetadataRules(
        summary_cue=re.compile("|".join(lexicon["doc_type_cues"]["summary"])),
        plan_cue=re.compile("|".join(lexicon["doc_type_cues"]["plan"])),
        title_patterns=[re.compile(p) for p in lexicon["title_patterns"]],
        title_search_lines=lexicon["title_search_lines"],
        year=re.compile(lexicon["year"]),
        bureau_org=re.compile("|".join(lexicon["bureau_orgs"])),
        masked_place=re.compile(lexicon["masked_place"]),
        level_by_suffix=[tuple(pair) for pair in lexicon["level_by_suffix"]],
        max_place_chars=lexicon["max_place_chars"],
        date=re.compile(lexicon["date"]),
        issued_after_date=re.compile(lexicon["issued_after_date"]),
        signature_prefix_max_chars=lexicon["signature_prefix_max_chars"],
        sentence_punctuation=re.compile("[" + re.escape(lexicon["sentence_punctuation"]) + "]"),
        numerals=dict(lexicon["numerals"]),
    )


# --- title, kind and year -------------------------------------------------------------

def find_title(text: str, rules: MetadataRules) -> str | None:
    """The fullest title among the opening lines: a cover notice may quote `2022年工作要点`
    where the title line below says `重庆市綦江区科学技术局2022年工作要点`."""
    candidates = [
        match.group("title")
        for line in text.split("\n")[: rules.title_search_lines]
        for pattern in rules.title_patterns
        if (match := pattern.search(line))
    ]
    return max(candidates, key=len, default=None)


def doc_type(title: str | None, part_cues: set[str], rules: MetadataRules) -> str:
    """summary / plan / summary_and_plan / report, from the title and the parts the report has."""
    kinds = set(part_cues)
    if title and rules.summary_cue.search(title):
        kinds.add("summary")
    if title and rules.plan_cue.search(title):
        kinds.add("plan")
    if {"summary", "plan"} <= kinds:
        return "summary_and_plan"
    return next(iter(kinds)) if kinds else "report"


def chinese_number(digits: str, rules: MetadataRules) -> int:
    """二〇二三 -> 2023 (digit by digit); 十六 -> 16, 二十 -> 20, 十 -> 10 (with tens)."""
    if digits.isdigit():
        return int(digits)
    values = [rules.numerals[ch] for ch in digits]
    if 10 not in values:
        return int("".join(str(v) for v in values))
    tens_at = values.index(10)
    tens = values[tens_at - 1] if tens_at > 0 else 1
    units = values[tens_at + 1] if tens_at + 1 < len(values) else 0
    return tens * 10 + units


def first_year(text: str | None, rules: MetadataRules) -> int | None:
    match = rules.year.search(text or "")
    return chinese_number(match.group(1), rules) if match else None


def report_year(title: str | None, text: str, rules: MetadataRules) -> int | None:
    """The year the title names; else the first year of the opening line, or of the opening text."""
    return first_year(title, rules) or first_year(text.split("\n", 1)[0], rules) or first_year(text[:300], rules)


# --- publication date -------------------------------------------------------------------

def to_date(match: re.Match, rules: MetadataRules) -> dt.date | None:
    try:
        return dt.date(*(chinese_number(match.group(k), rules) for k in ("y", "m", "d")))
    except (ValueError, KeyError):
        return None


def signature_date(line: str, rules: MetadataRules) -> tuple[dt.date | None, bool] | None:
    """(date, issued) when `line` is a signature: a short name, then a date that ends the line."""
    match = rules.date.search(line)
    if not match:
        return None
    prefix = re.sub(r"\s+", "", line[: match.start()]).strip("()")
    rest = line[match.end():]
    issued = rules.issued_after_date.fullmatch(rest) is not None
    ends_line = issued or not rest.strip(" ()")
    if (
        not ends_line
        or len(prefix) > rules.signature_prefix_max_chars
        or rules.sentence_punctuation.search(prefix)
        or rules.year.search(prefix)
    ):
        return None
    return to_date(match, rules), issued


def published_on(text: str, rules: MetadataRules) -> dt.date | None:
    """The date of a 印发 signature line if there is one, else of the first signature line."""
    signatures = [s for line in text.split("\n") if (s := signature_date(line, rules))]
    issued = [date for date, is_issued in signatures if is_issued]
    return (issued or [date for date, _ in signatures] or [None])[0]


# --- bureau and place -------------------------------------------------------------------

class PlaceIndex:
    """Administrative divisions by full name, for reading place-name chains like 重庆市黔江区."""

    def __init__(self, places: pl.DataFrame):
        self.by_name: dict[str, list[dict]] = {}
        for row in places.iter_rows(named=True):
            self.by_name.setdefault(row["name"], []).append(row)
        self.max_name_chars = max((len(n) for n in self.by_name), default=0)

    def chain_before(self, text: str, end: int, max_chars: int) -> list[str]:
        """Place names that end exactly at `end`, read backwards, outermost first."""
        chain: list[str] = []
        start_limit = max(0, end - max_chars)
        while end > start_limit:
            name = next(
                (text[end - n:end] for n in range(min(self.max_name_chars, end - start_limit), 1, -1)
                 if text[end - n:end] in self.by_name),
                None,
            )
            if name is None:
                break
            chain.insert(0, name)
            end -= len(name)
        return chain

    def resolve(self, chain: list[str]) -> dict | None:
        """The row of the innermost name, preferring one whose parents are named before it."""
        candidates = self.by_name[chain[-1]]
        context = set(chain[:-1])
        consistent = [r for r in candidates if context <= {r["province"], r["city"]}]
        rows = consistent or candidates
        return rows[0] if len(rows) == 1 or consistent else None


def level_of_suffix(name: str, rules: MetadataRules) -> str | None:
    return next((level for suffix, level in rules.level_by_suffix if name.endswith(suffix)), None)


def place_from_row(row: dict) -> Place:
    return Place(row["province"] or None, row["city"] or None, row["county"] or None, row["level"])


def bureau_at(text: str, org: re.Match, places: PlaceIndex, rules: MetadataRules) -> Bureau | None:
    """The bureau whose organisation name is `org`, if a real or masked place stands before it."""
    window = text[max(0, org.start() - rules.max_place_chars):org.start()]
    masked = rules.masked_place.search(window)
    if masked:
        return Bureau(None, Place(None, None, None, level_of_suffix(masked.group(0), rules)))
    chain = places.chain_before(text, org.start(), rules.max_place_chars)
    if not chain:
        return None
    row = places.resolve(chain)
    place = place_from_row(row) if row else Place(None, None, None, level_of_suffix(chain[-1], rules))
    return Bureau("".join(chain) + org.group(0), place)


def find_bureau(title: str | None, text: str, places: PlaceIndex, rules: MetadataRules) -> Bureau | None:
    """The first bureau named in the title, else in the text (a signature or cover line comes first)."""
    for source in (title or "", text):
        for org in rules.bureau_org.finditer(source):
            bureau = bureau_at(source, org, places, rules)
            if bureau:
                return bureau
    return None
