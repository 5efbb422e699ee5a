"""Checks of `sections`: levels in range, spans inside the report's text, every parent exists."""
from __future__ import annotations

import duckdb
import polars as pl

from orchestration.checks.gx_runner import Rule, suite_check, unvalidated_rows
from orchestration.checks.quality import Quality

TABLE = "sections"
KEY = ("section_id",)

# Cross-table rules are computed here, and GX expects the computed columns to be True.
FRAME_SQL = """
SELECT {required} AS required_fields_present,
       s.section_id, s.doc, s.parent_id, s.level, s.heading, s.span_start, s.span_end,
       length(d.text) AS text_length,
       d.text IS NOT NULL AND s.span_start >= 0 AND s.span_end > s.span_start
           AND s.span_end <= length(d.text) AS span_inside_text,
       s.parent_id IS NULL OR p.section_id IS NOT NULL AS parent_exists
FROM sections AS s
LEFT JOIN documents AS d ON d.doc = s.doc
LEFT JOIN sections AS p ON p.section_id = s.parent_id AND p.doc = s.doc
WHERE s.doc NOT IN ({validated})
ORDER BY s.doc, s.ordinal
"""

RULES = [
    Rule("required_fields_present", "The columns listed as `required` in seeds/quality.toml are never null.",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "required_fields_present", "value_set": [True]},
         show=("level", "heading", "span_start", "span_end")),
    Rule("section_id_is_unique", "`section_id` names one heading.",
         "ExpectColumnValuesToBeUnique", lambda q: {"column": "section_id"}, show=("heading",)),
    Rule("level_in_range", "`level` is 1–4 (5 only while seeds/lexicon/headings.toml has a 一是-item style).",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "level", "value_set": q.section_levels()},
         show=("level", "heading")),
    Rule("span_inside_text", "`span_start` < `span_end` lie inside the report's `documents.text`.",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "span_inside_text", "value_set": [True]},
         show=("span_start", "span_end", "text_length", "heading")),
    Rule("parent_exists", "Every `parent_id` is a section of the same report.",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "parent_exists", "value_set": [True]},
         show=("parent_id", "heading")),
]


def load_frames(con: duckdb.DuckDBPyConnection, quality: Quality) -> dict[str, pl.DataFrame]:
    return {TABLE: unvalidated_rows(con, quality, TABLE, FRAME_SQL, "s")}


sections_quality = suite_check(
    TABLE, RULES, load_frames, KEY,
    "great-expectations suite of `sections` (seeds/quality.toml); blocks facts and the mart.",
)
