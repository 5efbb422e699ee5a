"""Which units can measure which indicator (rules: seeds/lexicon/indicator_units.toml).

A fact whose unit cannot measure the indicator its subject names (a count of 家 linked to
研发投入 in 亿元) keeps its value but loses the indicator, so the mart never compares 家 with 亿元.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl


def allowed_units(indicators: pl.DataFrame, rules: dict[str, Any], measures: Iterable[str]) -> pl.DataFrame:
    """indicator, measure, unit: every unit a fact about an indicator may have, by measure."""
    by_unit, by_indicator, by_measure, also_by_measure = (
        rules.get(key, {}) for key in ("by_unit", "by_indicator", "by_measure", "also_by_measure")
    )
    rows = []
    for indicator, unit in indicators.select("code", "unit").iter_rows():
        own = {unit, *by_unit.get(unit, []), *by_indicator.get(indicator, [])}
        for measure in measures:
            units = set(by_measure.get(measure, own)) | set(also_by_measure.get(measure, []))
            rows += [(indicator, measure, u) for u in sorted(units)]
    return pl.DataFrame(rows, schema={"indicator": pl.String, "measure": pl.String, "unit": pl.String}, orient="row")


def keep_fitting_indicators(facts: pl.DataFrame, indicators: pl.DataFrame, rules: dict[str, Any]) -> pl.DataFrame:
    """`facts` with `indicator` set to null where the fact's unit cannot measure that indicator."""
    allowed = allowed_units(indicators, rules, facts["measure"].unique().drop_nulls().to_list())
    fits = facts.select("indicator", "measure", "unit").join(
        allowed.with_columns(pl.lit(True).alias("fits")), on=["indicator", "measure", "unit"], how="left",
        maintain_order="left",
    )["fits"].fill_null(False)
    return facts.with_columns(pl.when(fits).then(pl.col("indicator")).alias("indicator"))
