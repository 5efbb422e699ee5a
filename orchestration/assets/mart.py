"""Reference tables, the cross-bureau indicator mart, and the published warehouse file."""
from __future__ import annotations

from pathlib import Path

import dagster as dg

from orchestration.metadata import markdown_table
from orchestration.resources import PROJECT_ROOT, Warehouse
from orchestration.seeds import load_seeds

SQL_DIR = PROJECT_ROOT / "warehouse" / "sql"


def run_sql_file(con, path: Path) -> None:
    con.execute(path.read_text(encoding="utf-8"))


@dg.asset(group_name="reference", kinds={"duckdb"})
def indicators(warehouse: Warehouse) -> dg.MaterializeResult:
    """The indicator codes of the spec (seeds/indicators.csv) and the unit table (seeds/units.csv)."""
    seeds = load_seeds()
    with warehouse.connect() as con:
        for table, frame in (("indicators", seeds.indicators), ("units", seeds.units)):
            con.register("seed_rows", frame)
            con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM seed_rows")
            con.unregister("seed_rows")
    return dg.MaterializeResult(metadata={
        "indicators": seeds.indicators.height,
        "units": seeds.units.height,
        "preview": markdown_table(seeds.indicators.select("code", "name_zh", "unit")),
    })


@dg.asset(group_name="mart", kinds={"duckdb"}, deps=["facts", "documents", "indicators"])
def indicator_mart(warehouse: Warehouse) -> dg.MaterializeResult:
    """One row per bureau (report) x indicator x period_year x status x measure, with the value,
    unit and qualifier of the chosen fact, how many facts support it, and the evidence.
    The choice rule is documented in warehouse/sql/indicator_mart.sql."""
    with warehouse.connect() as con:
        run_sql_file(con, SQL_DIR / "indicator_mart.sql")
        rows, bureaus, codes = con.sql(
            "SELECT count(*), count(DISTINCT doc), count(DISTINCT indicator) FROM indicator_mart"
        ).fetchone()
        preview = con.sql(
            "SELECT doc, bureau, indicator, period_year, status, measure, value, unit, qualifier, supporting_facts "
            "FROM indicator_mart LIMIT 50"
        ).pl()
    return dg.MaterializeResult(metadata={
        "rows": rows, "documents": bureaus, "indicators": codes, "preview": markdown_table(preview),
    })


@dg.asset(group_name="mart", kinds={"duckdb"}, deps=["indicator_mart"])
def published_warehouse(warehouse: Warehouse) -> dg.MaterializeResult:
    """The file analysts open (STI_WAREHOUSE): a copy of the staging warehouse, swapped in by an
    atomic rename once the mart is built, so readers always see the last complete warehouse."""
    path = warehouse.publish()
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(path)),
        "bytes": path.stat().st_size,
    })
