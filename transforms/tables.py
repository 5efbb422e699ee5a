"""Indicator tables flattened into text: a header line, then one line per indicator (seeds/lexicon/tables.toml).

    序号 指标名称 单位 2016年完成 同比增长
    1 高新技术产业增加值 亿元 186.5 8.2%

A cell under a column is a quantity whose unit comes from the unit column (186.5 → 亿元) unless it
carries its own (8.2%). The reader only says where the cells are and what their row and column
say; `transforms.facts` gives them status, measure, period and indicator like any other fact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from transforms.numbers import ARABIC

CELL = re.compile(r"\S+")
NUMBER_CELL = re.compile(rf"[-+]?{ARABIC}")  # a change column may carry a sign


@dataclass(frozen=True)
class TableRules:
    unit_header: re.Pattern
    unit_headers: frozenset[str]
    name_headers: frozenset[str]
    index_headers: frozenset[str]
    target: re.Pattern
    estimate: re.Pattern
    actual: re.Pattern
    growth: re.Pattern


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str
    row_name: str
    unit: str
    header: str
    table_title: str


def compile_table_rules(lexicon: dict[str, Any]) -> TableRules:
    def alt(words: list[str]) -> re.Pattern:
        return re.compile("|".join(map(re.escape, words)) or "(?!)")
    return TableRules(
        unit_header=alt(lexicon.get("unit_headers", [])),
        unit_headers=frozenset(lexicon.get("unit_headers", [])),
        name_headers=frozenset(lexicon.get("name_headers", [])),
        index_headers=frozenset(lexicon.get("index_headers", [])),
        target=alt(lexicon.get("target_headers", [])),
        estimate=alt(lexicon.get("estimate_headers", [])),
        actual=alt(lexicon.get("actual_headers", [])),
        growth=alt(lexicon.get("growth_headers", [])),
    )


def cells(line: str) -> list[str]:
    return line.split()


def is_header(line: str, rules: TableRules) -> bool:
    if not rules.unit_header.search(line):  # most lines, decided without splitting them
        return False
    parts = cells(line)
    return len(parts) >= 3 and any(p in rules.unit_headers for p in parts)


def is_row(line: str, width: int) -> bool:
    """A line of `width` cells (one more or less: a missing or extra row number) with a number in it."""
    parts = cells(line)
    return abs(len(parts) - width) <= 1 and any(NUMBER_CELL.match(p) for p in parts[1:])


def table_lines(lines: list[str], rules: TableRules) -> set[int]:
    """Indexes of the header and row lines of every table in `lines` (to keep them apart when cleaning)."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        if not is_header(line, rules):
            continue
        width = len(cells(line))
        out.add(i)
        j = i + 1
        while j < len(lines) and (not lines[j] or is_row(lines[j], width)):
            if lines[j]:
                out.add(j)
            j += 1
    return out


def read_tables(text: str, rules: TableRules) -> list[Cell]:
    """The numeric cells of every table in `text` (offsets into `text`)."""
    out: list[Cell] = []
    starts = [m.start() for m in re.finditer(r"^", text, re.M)]
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not is_header(line, rules):
            continue
        header = cells(line)
        unit_col = next(k for k, c in enumerate(header) if c in rules.unit_headers)
        name_col = next((k for k, c in enumerate(header) if c in rules.name_headers), None)
        has_index = bool(header) and header[0] in rules.index_headers
        title = lines[i - 1] if i else ""
        j = i + 1
        while j < len(lines) and is_row(lines[j], len(header)):
            row = [(m.start(), m.group(0)) for m in CELL.finditer(lines[j])]
            if has_index and len(row) == len(header) - 1:
                row = [(0, "")] + row  # a row without its number
            elif not has_index and len(row) == len(header) + 1 and NUMBER_CELL.fullmatch(row[0][1]):
                row = row[1:]  # a row number the header does not name
            if len(row) == len(header):
                name = row[name_col][1] if name_col is not None else \
                    next((c for _, c in row if c and not NUMBER_CELL.fullmatch(c)), "")
                unit = row[unit_col][1]
                for k in range(unit_col + 1, len(header)):
                    at, cell = row[k]
                    if cell and NUMBER_CELL.match(cell):
                        out.append(Cell(starts[j] + at, starts[j] + at + len(cell), cell, name, unit, header[k], title))
            j += 1
    return out


def column_status(header: str, default: str, rules: TableRules) -> str:
    if rules.estimate.search(header):
        return "estimate"
    if rules.target.search(header):
        return "target"
    if rules.actual.search(header):
        return "actual"
    return default


def is_change_column(header: str, rules: TableRules) -> bool:
    return bool(rules.growth.search(header))
