"""Checks of `documents`: one row per report, text unless an error is recorded, metadata in range."""
from __future__ import annotations

import duckdb
import polars as pl

from orchestration.checks.gx_runner import Rule, suite_check, unvalidated_rows
from orchestration.checks.quality import Quality

TABLE = "documents"
KEY = ("doc",)

FRAME_SQL = """
SELECT {required} AS required_fields_present,
       doc, error, admin_level, doc_type, report_year,
       error IS NOT NULL OR coalesce(length(trim(text)), 0) > 0 AS has_text_or_error,
       left(text, 40) AS text_start
FROM documents AS documents
WHERE doc NOT IN ({validated})
ORDER BY doc
"""

RULES = [
    Rule("required_fields_present", "The columns listed as `required` in seeds/quality.toml are never null.",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "required_fields_present", "value_set": [True]},
         show=("error",)),
    Rule("doc_is_unique", "`doc` names one report: no two rows share it.",
         "ExpectColumnValuesToBeUnique", lambda q: {"column": "doc"}),
    Rule("text_unless_error", "A report has non-empty text unless `error` says why it has none.",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "has_text_or_error", "value_set": [True]},
         show=("error", "text_start")),
    Rule("report_year_in_range", "`report_year`, when known, is within the bounds of seeds/quality.toml.",
         "ExpectColumnValuesToBeBetween",
         lambda q: {"column": "report_year", "min_value": q.table(TABLE)["report_year"]["min"],
                    "max_value": q.table(TABLE)["report_year"]["max"]},
         show=("report_year",)),
    Rule("admin_level_in_set", "`admin_level`, when known, is one of province / city / district / county.",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "admin_level", "value_set": q.table(TABLE)["admin_levels"]},
         show=("admin_level",)),
    Rule("doc_type_in_set", "`doc_type`, when known, is one of summary / plan / summary_and_plan / report.",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "doc_type", "value_set": q.table(TABLE)["doc_types"]},
         show=("doc_type",)),
]


def load_frames(con: duckdb.DuckDBPyConnection, quality: Quality) -> dict[str, pl.DataFrame]:
    return {TABLE: unvalidated_rows(con, quality, TABLE, FRAME_SQL, "documents")}


documents_quality = suite_check(
    TABLE, RULES, load_frames, KEY,
    "great-expectations suite of `documents` (seeds/quality.toml); blocks sections, facts and the mart.",
)
