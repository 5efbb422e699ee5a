"""Checks of `indicator_mart`: one row per key, and no fact counted twice."""
from __future__ import annotations

import duckdb
import polars as pl

from orchestration.checks.gx_runner import Rule, suite_check
from orchestration.checks.quality import Quality

TABLE = "indicator_mart"
TOTALS = "indicator_mart_totals"


def rows_sql(key: list[str]) -> str:
    """The mart with, per row, how many rows share its key (null key columns compare equal)."""
    return f"""
    SELECT *, count(*) OVER (PARTITION BY {", ".join(key)}) AS rows_with_key
    FROM indicator_mart ORDER BY {", ".join(key)}, fact_id
    """


# Every fact about an indicator of a decoded report is counted in exactly one mart row's
# `supporting_facts`: the counts add up to the number of such facts, no more (counted twice) and
# no less (lost).
TOTALS_SQL = """
SELECT facts_counted, facts_with_indicator, facts_counted = facts_with_indicator AS each_fact_counted_once
FROM (
    SELECT
        (SELECT coalesce(sum(supporting_facts), 0) FROM indicator_mart) AS facts_counted,
        (SELECT count(DISTINCT f.fact_id) FROM facts AS f
         JOIN documents AS d ON d.doc = f.doc AND d.error IS NULL
         JOIN indicators AS i ON i.code = f.indicator) AS facts_with_indicator
)
"""

RULES = [
    Rule("one_row_per_key", "One row per key of seeds/quality.toml (bureau × indicator × period_year × status × measure).",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "rows_with_key", "value_set": [1]},
         show=("rows_with_key", "fact_id", "value", "unit")),
    Rule("fact_in_one_row", "A fact is the evidence of one mart row only (`fact_id` unique).",
         "ExpectColumnValuesToBeUnique", lambda q: {"column": "fact_id"}, show=("fact_id", "mention")),
    Rule("each_fact_counted_once",
         "The rows' `supporting_facts` add up to the facts about an indicator: no fact counted twice (or lost).",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "each_fact_counted_once", "value_set": [True]},
         frame=TOTALS, show=("facts_counted", "facts_with_indicator")),
]


def load_frames(con: duckdb.DuckDBPyConnection, quality: Quality) -> dict[str, pl.DataFrame]:
    return {TABLE: con.sql(rows_sql(quality.table(TABLE)["key"])).pl(), TOTALS: con.sql(TOTALS_SQL).pl()}


mart_quality = suite_check(
    TABLE, RULES, load_frames, lambda q: tuple(q.table(TABLE)["key"]),
    "great-expectations suite of `indicator_mart` (seeds/quality.toml); blocks the views, charts and the "
    "published warehouse file.",
)
