"""Recover a report's outline: numbered headings at levels 1–4, their parents, spans and part.

Heading styles, title bounds and part cues come from `seeds/lexicon/headings.toml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import polars as pl

from transforms.script import as_written, reading, script_rules
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
# Only a report with both parts, or of unknown kind, is split by all part cues. A plain summary
# is summary throughout except from a top-level heading with a plan cue (三、2022年工作打算,
# 四、下一步工作: a short closing plan that leaves its kind summary), whose body is plan.
CUED_DOC_TYPES = {"summary_and_plan", "report"}


@dataclass(frozen=True)
class HeadingRules:
    styles: list[tuple[int, int, re.Pattern]]  # level, depth, marker
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
    depth: int


def compile_heading_rules(lexicon: dict[str, Any]) -> HeadingRules:
    title = lexicon["title"]
    return HeadingRules(
        styles=[
            (style["level"], style.get("depth", style["level"]), re.compile(style["marker"]))
            for style in lexicon["styles"]
        ],
        title_end=re.compile("[" + re.escape(title["end_chars"]) + "]"),
        min_chars=title["min_chars"],
        max_chars=title["max_chars"],
        summary_cue=re.compile("|".join(lexicon["parts"]["summary"])),
        plan_cue=re.compile("|".join(lexicon["parts"]["plan"])),
        year=re.compile(lexicon["year"]),
    )


def parse_styled(line: str, rules: HeadingRules) -> tuple[int, int, str, str] | None:
    """(level, depth, numbering, heading) when `line` opens with a marker and a short title."""
    for level, depth, marker in rules.styles:
        match = marker.match(line)
        if not match:
            continue
        title = rules.title_end.split(line[match.end():], maxsplit=1)[0].strip()
        if rules.min_chars <= len(title) <= rules.max_chars:
            return level, depth, match.group(0), match.group(0) + title
        return None
    return None


def parse_heading(line: str, rules: HeadingRules) -> tuple[int, str, str] | None:
    """(level, numbering, heading) when `line` opens with a marker and a short title."""
    parsed = parse_styled(line, rules)
    return (parsed[0], parsed[2], parsed[3]) if parsed else None


def find_headings(text: str, rules: HeadingRules) -> list[Heading]:
    headings, offset = [], 0
    for line in text.split("\n"):
        parsed = parse_styled(line, rules)
        if parsed:
            level, depth, numbering, heading = parsed
            headings.append(Heading(level, numbering, heading, start=offset, depth=depth))
        offset += len(line) + 1
    return headings


def heading_as_written(heading: Heading, text: str, written: str) -> str:
    """A heading found in the simplified reading of a report, in the report's own characters."""
    end = text.find("\n", heading.start)
    end = len(text) if end < 0 else end
    return as_written(heading.heading, text[heading.start:end], written[heading.start:end])


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


def plan_part(heading: str, report_year: int | None, rules: HeadingRules) -> str:
    """In a plan, a top-level heading about the past (an earlier year, or a summary cue without
    a plan cue: 一、2023年工作基础, 一、工作回顾) is summary; any other is plan."""
    year = heading_year(heading, rules)
    if year and report_year and year < report_year:
        return "summary"
    if rules.summary_cue.search(heading) and not rules.plan_cue.search(heading) and not (year and year == report_year):
        return "summary"
    return "plan"


def section_part(heading: Heading, parent: dict | None, current: str | None, doc_type: str | None,
                 report_year: int | None, rules: HeadingRules) -> str | None:
    """The part a heading is in: see the [parts] notes in headings.toml."""
    if doc_type == "plan":
        return plan_part(heading.heading, report_year, rules) if parent is None else parent["part"]
    inherited = parent["part"] if parent else current
    if doc_type == "summary" and parent is None:
        if rules.plan_cue.search(heading.heading):
            return "plan"
        return "summary" if rules.summary_cue.search(heading.heading) else inherited
    if doc_type not in CUED_DOC_TYPES:
        return inherited
    cue = cued_part(heading.heading, report_year, rules)
    if parent is None:
        return cue or inherited
    return "plan" if cue == "plan" or inherited == "plan" else inherited


def outline_rows(doc: str, text: str, doc_type: str | None, report_year: int | None, rules: HeadingRules,
                 written: str | None = None) -> list[dict]:
    """The outline of `text` (read in simplified characters); headings as `written` when it differs."""
    headings = find_headings(text, rules)
    if written is not None and written is not text:
        headings = [replace(h, heading=heading_as_written(h, text, written)) for h in headings]
    rows: list[dict] = []
    stack: list[dict] = []  # open ancestors, shallowest first
    current_part = default_part(doc_type)
    for ordinal, heading in enumerate(headings, start=1):
        while stack and stack[-1]["depth"] >= heading.depth:
            stack.pop()
        parent = stack[-1] if stack else None
        part = section_part(heading, parent, current_part, doc_type, report_year, rules)
        if parent is None and (doc_type in CUED_DOC_TYPES or doc_type == "summary"):
            current_part = part
        year = heading_year(heading.heading, rules)
        if year is None and parent is None and doc_type == "plan" and part == "summary" and report_year:
            year = report_year - 1  # 一、工作回顾 in a plan is about the year before
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
            "part": part,
            "period_year": year,
            "depth": heading.depth,
        }
        rows.append(row)
        stack.append(row)
    return [{k: v for k, v in row.items() if k != "depth"} for row in rows]


def span_end(headings: list[Heading], index: int, text_length: int) -> int:
    """A section runs until the next heading of the same or a higher (smaller) depth."""
    depth = headings[index].depth
    for later in headings[index + 1:]:
        if later.depth <= depth:
            return later.start - 1
    return text_length


def build_sections(documents: pl.DataFrame, seeds: Seeds) -> pl.DataFrame:
    rules = compile_heading_rules(seeds.lexicon["headings"])
    script = script_rules(seeds)
    rows = [
        row
        for doc in documents.select("doc", "text", "doc_type", "report_year").iter_rows(named=True)
        if doc["text"]
        for row in outline_rows(doc["doc"], reading(doc["text"], script), doc["doc_type"], doc["report_year"],
                                rules, written=doc["text"])
    ]
    return pl.DataFrame(rows, schema=SCHEMA, orient="row") if rows else pl.DataFrame(schema=SCHEMA)
