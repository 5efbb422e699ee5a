"""Recover a report's outline: numbered headings at levels 1–4, their parents, spans and part.

Heading styles, title bounds and part cues come from `seeds/lexicon/headings.toml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import polars as pl

from transforms.seeds import Seeds

SCHEMA = {
    "doc": pl.String,
    "section_id": pl.String,
    "parent_id": pl.String,
    "level": pl.Int8,
    "ordinal": pl.Int32,
    "numbering": pl.String,
    "heading": pl.String,
    "span_start": pl.Int64,
    "span_end": pl.Int64,
    "part": pl.String,
    "period_year": pl.Int32,
}
# Only a report with both parts, or of unknown kind, is split by part cues: inside a plain
# summary a heading like 精心安排部署 names no plan part.
CUED_DOC_TYPES = {"summary_and_plan", "report"}


@dataclass(frozen=True)
class HeadingRules:
    styles: list[tuple[int, re.Pattern]]
    title_end: re.Pattern
    min_chars: int
    max_chars: int
    summary_cue: re.Pattern
    plan_cue: re.Pattern
    year: re.Pattern


@dataclass(frozen=True)
class Heading:
    level: int
    numbering: str
    heading: str
    start: int


def compile_heading_rules(lexicon: dict[str, Any]) -> HeadingRules:
    title = lexicon["title"]
    return HeadingRules(
        styles=[(style["level"], re.compile(style["marker"])) for style in lexicon["styles"]],
        title_end=re.compile("[" + re.escape(title["end_chars"]) + "]"),
        min_chars=title["min_chars"],
        max_chars=title["max_chars"],
        summary_cue=re.compile("|".join(lexicon["parts"]["summary"])),
        plan_cue=re.compile("|".join(lexicon["parts"]["plan"])),
        year=re.compile(lexicon["year"]),
    )


def parse_heading(line: str, rules: HeadingRules) -> tuple[int, str, str] | None:
    """(level, numbering, heading) when `line` opens with a marker and a short title."""
    for level, marker in rules.styles:
        match = marker.match(line)
        if not match:
            continue
        title = rules.title_end.split(line[match.end():], maxsplit=1)[0].strip()
        if rules.min_chars <= len(title) <= rules.max_chars:
            return level, match.group(0), match.group(0) + title
        return None
    return None


def find_headings(text: str, rules: HeadingRules) -> list[Heading]:
    headings, offset = [], 0
    for line in text.split("\n"):
        parsed = parse_heading(line, rules)
        if parsed:
            headings.append(Heading(*parsed, start=offset))
        offset += len(line) + 1
    return headings


def heading_year(heading: str, rules: HeadingRules) -> int | None:
    match = rules.year.search(heading)
    return int(match.group(1)) if match else None


def cued_part(heading: str, report_year: int | None, rules: HeadingRules) -> str | None:
    """The part a heading announces by its words or by naming a later year, if any."""
    year = heading_year(heading, rules)
    if rules.plan_cue.search(heading) or (year and report_year and year > report_year):
        return "plan"
    if rules.summary_cue.search(heading):
        return "summary"
    return None


def default_part(doc_type: str | None) -> str | None:
    return {"summary": "summary", "summary_and_plan": "summary", "plan": "plan"}.get(doc_type or "")


def outline_rows(doc: str, text: str, doc_type: str | None, report_year: int | None, rules: HeadingRules) -> list[dict]:
    headings = find_headings(text, rules)
    rows: list[dict] = []
    stack: list[dict] = []  # open ancestors, shallowest first
    current_part = default_part(doc_type)
    for ordinal, heading in enumerate(headings, start=1):
        while stack and stack[-1]["level"] >= heading.level:
            stack.pop()
        parent = stack[-1] if stack else None
        part = cued_part(heading.heading, report_year, rules) if doc_type in CUED_DOC_TYPES else None
        if part and parent is None:
            current_part = part
        row = {
            "doc": doc,
            "section_id": f"{doc}#s{ordinal}",
            "parent_id": parent["section_id"] if parent else None,
            "level": heading.level,
            "ordinal": ordinal,
            "numbering": heading.numbering,
            "heading": heading.heading,
            "span_start": heading.start,
            "span_end": span_end(headings, ordinal - 1, len(text)),
            "part": part or (parent["part"] if parent else current_part),
            "period_year": heading_year(heading.heading, rules),
        }
        rows.append(row)
        stack.append(row)
    return rows


def span_end(headings: list[Heading], index: int, text_length: int) -> int:
    """A section runs until the next heading of the same or a higher (smaller) level."""
    level = headings[index].level
    for later in headings[index + 1:]:
        if later.level <= level:
            return later.start - 1
    return text_length


def build_sections(documents: pl.DataFrame, seeds: Seeds) -> pl.DataFrame:
    rules = compile_heading_rules(seeds.lexicon["headings"])
    rows = [
        row
        for doc in documents.select("doc", "text", "doc_type", "report_year").iter_rows(named=True)
        if doc["text"]
        for row in outline_rows(doc["doc"], doc["text"], doc["doc_type"], doc["report_year"], rules)
    ]
    return pl.DataFrame(rows, schema=SCHEMA, orient="row") if rows else pl.DataFrame(schema=SCHEMA)
