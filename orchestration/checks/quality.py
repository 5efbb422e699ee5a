"""The data-quality rules of `seeds/quality.toml`, with the seeds they refer to (units, indicators)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl

from orchestration.seeds import SEEDS_DIR, load_seeds
from transforms.unit_fit import allowed_units


@dataclass(frozen=True)
class Quality:
    rules: dict[str, Any]
    """seeds/quality.toml as read."""
    canonical_units: list[str]
    """The `canonical` column of seeds/units.csv."""
    indicator_units: dict[str, str]
    """indicator code → canonical unit (seeds/indicators.csv)."""
    heading_levels: list[int]
    """The levels seeds/lexicon/headings.toml declares a style for."""
    indicators: pl.DataFrame
    """seeds/indicators.csv."""
    unit_rules: dict[str, Any]
    """Which units measure which indicator (seeds/lexicon/indicator_units.toml)."""

    def table(self, table: str) -> dict[str, Any]:
        return self.rules.get(table, {})

    def severity_is_warn(self, table: str, check: str) -> bool:
        return check in self.table(table).get("warn", [])

    @property
    def sample_rows(self) -> int:
        return int(self.rules.get("samples", {}).get("rows", 10))

    def required_sql(self, table: str, alias: str) -> str:
        """A SQL boolean: every `required` column of the table is set (true when none is listed)."""
        columns = self.table(table).get("required", [])
        return " AND ".join(f"{alias}.{c} IS NOT NULL" for c in columns) or "true"

    def section_levels(self) -> list[int]:
        """The levels of the quality rules, plus the 一是-item level when sections emit it."""
        rules = self.table("sections")
        levels = set(rules["levels"])
        if rules.get("item_level") in self.heading_levels:
            levels.add(rules["item_level"])
        return sorted(levels)

    def compatible_units(self) -> pl.DataFrame:
        """indicator, measure, unit: every unit a fact about an indicator may have, by measure."""
        return allowed_units(self.indicators, self.unit_rules, self.table("facts")["measures"])


@lru_cache(maxsize=4)
def load_quality(seeds_dir: Path = SEEDS_DIR) -> Quality:
    seeds = load_seeds(seeds_dir)
    headings = seeds.lexicon.get("headings", {})
    return Quality(
        rules=tomllib.loads((seeds_dir / "quality.toml").read_text(encoding="utf-8")),
        canonical_units=sorted(set(seeds.units["canonical"].to_list())),
        indicator_units=dict(seeds.indicators.select("code", "unit").iter_rows()),
        heading_levels=sorted({int(style["level"]) for style in headings.get("styles", [])}),
        indicators=seeds.indicators,
        unit_rules=seeds.lexicon.get("indicator_units", {}),
    )
