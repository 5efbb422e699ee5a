"""Checks of `facts`: canonical units, sane values, vocabularies, indicators and their units, evidence."""
from __future__ import annotations

import duckdb
import polars as pl

from orchestration.checks.gx_runner import Rule, suite_check, unvalidated_rows
from orchestration.checks.quality import Quality

TABLE = "facts"
KEY = ("fact_id",)

# Cross-column and cross-table rules are computed here; GX expects the computed columns to be True.
# `compatible_units` (indicator, measure, unit) is registered from seeds/lexicon/indicator_units.toml and
# `indicator_units` (indicator, unit) from seeds/indicators.csv.
FRAME_SQL = """
SELECT {required} AS required_fields_present,
       f.fact_id, f.doc, f.mention, f.value, f.value_high, f.unit, f.raw_unit, f.qualifier, f.status,
       f.measure, f.placeholder, f.indicator, f.span_start, f.span_end, f.sentence,
       substring(d.text, f.span_start + 1, f.span_end - f.span_start) AS text_at_span,
       coalesce(substring(d.text, f.span_start + 1, f.span_end - f.span_start) = f.mention, false)
           AS span_matches_mention,
       f.indicator IS NULL OR EXISTS (
           SELECT 1 FROM compatible_units AS c
           WHERE c.indicator = f.indicator AND c.measure = f.measure AND c.unit = f.unit
       ) AS unit_fits_indicator,
       i.unit AS indicator_unit
FROM facts AS f
LEFT JOIN documents AS d ON d.doc = f.doc
LEFT JOIN indicator_units AS i ON i.indicator = f.indicator
WHERE f.doc NOT IN ({validated})
ORDER BY f.doc, f.span_start, f.fact_id
"""


def _facts(q: Quality) -> dict:
    return q.table(TABLE)


def _bounded(bound: str):
    def kwargs(q: Quality) -> dict:
        from great_expectations.expectations.row_conditions import Column  # runs inside the check only

        rule = _facts(q)[bound]
        return {"column": "value", "min_value": rule.get("min"), "max_value": rule["max"],
                "row_condition": Column("unit") == rule["unit"]}
    return kwargs


def _in_set(column: str, vocabulary: str):
    return lambda q: {"column": column, "value_set": _facts(q)[vocabulary]}


RULES = [
    Rule("required_fields_present", "The columns listed as `required` in seeds/quality.toml are never null.",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "required_fields_present", "value_set": [True]},
         show=("mention", "unit", "qualifier", "status", "measure")),
    Rule("fact_id_is_unique", "`fact_id` names one fact.",
         "ExpectColumnValuesToBeUnique", lambda q: {"column": "fact_id"}, show=("mention",)),
    Rule("unit_is_canonical", "`unit` is a canonical unit (the `canonical` column of seeds/units.csv).",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "unit", "value_set": q.canonical_units},
         show=("mention", "unit", "raw_unit")),
    Rule("value_not_negative", "`value` is ≥ 0 when not null (a decrease is a measure, not a sign).",
         "ExpectColumnValuesToBeBetween", lambda q: {"column": "value", "min_value": 0},
         show=("mention", "value", "unit")),
    Rule("value_high_not_below_value", "For a range, `value_high` ≥ `value`.",
         "ExpectColumnPairValuesAToBeGreaterThanB",
         lambda q: {"column_A": "value_high", "column_B": "value", "or_equal": True,
                    "ignore_row_if": "either_value_is_missing"},
         show=("mention", "value", "value_high")),
    Rule("money_within_bound", "Money in 亿元 is below the bound of seeds/quality.toml (a unit misread otherwise).",
         "ExpectColumnValuesToBeBetween", _bounded("money"), show=("mention", "value", "unit", "raw_unit")),
    Rule("percent_within_range", "Facts in % are within the range of seeds/quality.toml.",
         "ExpectColumnValuesToBeBetween", _bounded("percent"), show=("mention", "value", "unit")),
    Rule("percent_point_within_range", "Facts in 百分点 are within the range of seeds/quality.toml.",
         "ExpectColumnValuesToBeBetween", _bounded("percent_point"), show=("mention", "value", "unit")),
    Rule("qualifier_in_set", "`qualifier` is one of eq / gte / gt / approx / lte / range.",
         "ExpectColumnValuesToBeInSet", _in_set("qualifier", "qualifiers"), show=("mention", "qualifier")),
    Rule("status_in_set", "`status` is one of actual / target / estimate.",
         "ExpectColumnValuesToBeInSet", _in_set("status", "statuses"), show=("mention", "status")),
    Rule("measure_in_set", "`measure` is one of level / increase / growth_rate / share / difference.",
         "ExpectColumnValuesToBeInSet", _in_set("measure", "measures"), show=("mention", "measure")),
    Rule("placeholder_in_set", "`placeholder`, when set, is masked or blank.",
         "ExpectColumnValuesToBeInSet", _in_set("placeholder", "placeholders"), show=("mention", "placeholder")),
    Rule("indicator_is_known", "`indicator`, when set, is a code of the indicator table (seeds/indicators.csv).",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "indicator", "value_set": sorted(q.indicator_units)},
         show=("mention", "indicator")),
    Rule("unit_fits_indicator",
         "A fact about an indicator is in the indicator's canonical unit or an allowed alternative "
         "(seeds/lexicon/indicator_units.toml: 家→个, training_and_outreach in 场次/次/期, "
         "st_talent in 人次, share and growth_rate in %).",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "unit_fits_indicator", "value_set": [True]},
         show=("mention", "indicator", "measure", "unit", "indicator_unit")),
    Rule("span_matches_mention", "`documents.text[span_start:span_end]` is exactly the stored `mention`.",
         "ExpectColumnValuesToBeInSet", lambda q: {"column": "span_matches_mention", "value_set": [True]},
         show=("mention", "span_start", "span_end", "text_at_span")),
]


def load_frames(con: duckdb.DuckDBPyConnection, quality: Quality) -> dict[str, pl.DataFrame]:
    indicator_units = pl.DataFrame(
        list(quality.indicator_units.items()), schema={"indicator": pl.String, "unit": pl.String}, orient="row"
    )
    con.register("compatible_units", quality.compatible_units())
    con.register("indicator_units", indicator_units)
    try:
        return {TABLE: unvalidated_rows(con, quality, TABLE, FRAME_SQL, "f")}
    finally:
        con.unregister("compatible_units")
        con.unregister("indicator_units")


facts_quality = suite_check(
    TABLE, RULES, load_frames, KEY,
    "great-expectations suite of `facts` (seeds/quality.toml); blocks the indicator mart and the published file.",
)
