"""Reference tables, the cross-bureau indicator mart, its analytics views, and the published warehouse file.

`warehouse/sql/views/indicator_comparison.sql` is generated from seeds/indicators.csv by
`comparison_sql` (regenerate with `uv run python -m orchestration.assets.mart`); a test keeps the
file and the seeds in step.
"""

from pathlib import Path

import dagster as dg
import polars as pl

from orchestration.metadata import markdown_table
from orchestration.resources import PROJECT_ROOT, Warehouse
from orchestration.seeds import load_seeds
from orchestration.store import advance_quality_watermark

SQL_DIR = PROJECT_ROOT / "warehouse" / "sql"
VIEWS_DIR = SQL_DIR / "views"
# created in this order (a view may read an earlier one)
VIEWS = ("indicator_catalog", "indicator_comparison", "plan_vs_actual")


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
def indicator_mart(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    """One row per bureau x indicator x period_year x status x measure: the value, value_high, unit
    and qualifier of the chosen fact, how many facts and reports support it, and its evidence
    (doc, fact_id, mention, span, sentence).

    A bureau is one `bureau_key` across all its reports and years (the normalized bureau name; the
    doc when the bureau is masked). The rule that picks one fact among several, and every column,
    are documented in warehouse/sql/indicator_mart.sql.

    It runs only after the blocking checks of its inputs passed, so it also moves the quality
    watermark: the next checks read only the reports loaded since (orchestration/store.py)."""
    with warehouse.connect() as con:
        run_sql_file(con, SQL_DIR / "indicator_mart.sql")
        advance_quality_watermark(con, context.run_id)
        rows, bureaus, codes, docs = con.sql(
            "SELECT count(*), count(DISTINCT bureau_key), count(DISTINCT indicator), count(DISTINCT doc) "
            "FROM indicator_mart"
        ).fetchall()[0]
        preview = con.sql(
            "SELECT bureau_label, indicator, period_year, status, measure, value, value_high, unit, qualifier, "
            "supporting_facts, doc, mention FROM indicator_mart LIMIT 50"
        ).pl()
    return dg.MaterializeResult(metadata={
        "rows": rows, "bureaus": bureaus, "indicators": codes, "evidence_documents": docs,
        "preview": markdown_table(preview),
    })


@dg.asset(group_name="mart", kinds={"duckdb"}, deps=["indicator_mart", "indicators"])
def analytics_views(warehouse: Warehouse) -> dg.MaterializeResult:
    """The analysts' views over the mart, one SQL file each in warehouse/sql/views/ (columns
    documented in each file's header): `indicator_catalog` (code, Chinese name, unit, how many
    bureaus report it), `indicator_comparison` (bureaus as rows, the main indicators as columns,
    units in the column names), `plan_vs_actual` (a bureau's target beside its actual for the
    same year, with the gap and the ratio)."""
    metadata: dict[str, object] = {}
    with warehouse.connect() as con:
        for view in VIEWS:
            run_sql_file(con, VIEWS_DIR / f"{view}.sql")
        for view in VIEWS:
            metadata[f"{view}_rows"] = con.sql(f"SELECT count(*) FROM {view}").fetchall()[0][0]
        metadata["indicator_catalog"] = markdown_table(con.sql(
            "SELECT code, name_zh, unit, bureaus, bureaus_with_actual, bureaus_with_target, facts, measures "
            "FROM indicator_catalog"
        ).pl())
        metadata["plan_vs_actual"] = markdown_table(con.sql(
            "SELECT bureau_label, indicator, period_year, measure, unit, target_value, target_qualifier, "
            "actual_status, actual_value, gap, round(ratio, 3) AS ratio, met FROM plan_vs_actual"
        ).pl())
        comparison = con.sql("SELECT * FROM indicator_comparison LIMIT 200").pl()  # a preview
    filled = [c for c in comparison.columns[COMPARISON_KEY_COLUMNS:] if comparison[c].null_count() < comparison.height]
    metadata["indicator_comparison"] = markdown_table(
        comparison.select("bureau_label", "period_year", "status", *filled), max_chars=30
    )
    return dg.MaterializeResult(metadata=metadata)


@dg.asset(group_name="mart", kinds={"duckdb"}, deps=["indicator_mart", "analytics_views"])
def published_warehouse(warehouse: Warehouse) -> dg.MaterializeResult:
    """The file analysts open (STI_WAREHOUSE): a copy of the staging warehouse, swapped in by an
    atomic rename once the mart and its views are built, so readers always see the last complete
    warehouse. Lists every report file with its document, hash, load time and status or error
    (the `report_status` view, warehouse/sql/report_status.sql)."""
    with warehouse.connect() as con:
        run_sql_file(con, SQL_DIR / "report_status.sql")
        reports = con.sql(
            "SELECT file_name, doc, duplicate_of, left(sha256, 12) AS sha256, loaded_at, status, error, "
            "sections, facts FROM report_status"
        ).pl()
    path = warehouse.publish()
    counts = reports["status"].value_counts().rows()
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(path)),
        "bytes": path.stat().st_size,
        **{f"reports_{status}": count for status, count in counts},
        "reports": markdown_table(reports, max_rows=200),
    })


# --- indicator_comparison: generated from the indicator seeds ---------------------------------

# bureau_key, bureau_label, province, city, county, admin_level, period_year, status, indicators_stated
COMPARISON_KEY_COLUMNS = 9


def comparison_columns(indicators: pl.DataFrame) -> list[dict[str, str]]:
    """The value columns of indicator_comparison, in the order of seeds/indicators.csv:

    - `{code}_{unit}` for every indicator: its level in the canonical unit (its share for an
      indicator measured in %, such as rd_intensity);
    - `{code}_increase_{unit}` for indicators counted in 家 (新增 / 新认定 / 新建 …);
    - `{code}_growth_%` for indicators in 亿元 (增长 / 增幅).
    """
    columns = []
    for code, name, unit in indicators.select("code", "name_zh", "unit").iter_rows():
        headline = "share" if unit == "%" else "level"
        columns.append({"name": f"{code}_{unit}", "indicator": code, "measure": headline, "unit": unit,
                        "doc": f"{name}, {headline}, in {unit}"})
    for code, name, unit in indicators.select("code", "name_zh", "unit").iter_rows():
        if unit == "家":
            columns.append({"name": f"{code}_increase_{unit}", "indicator": code, "measure": "increase", "unit": unit,
                            "doc": f"{name}, increase (新增), in {unit}"})
    for code, name, unit in indicators.select("code", "name_zh", "unit").iter_rows():
        if unit == "亿元":
            columns.append({"name": f"{code}_growth_%", "indicator": code, "measure": "growth_rate", "unit": "%",
                            "doc": f"{name}, growth rate (增长), in %"})
    return columns


def comparison_sql(indicators: pl.DataFrame) -> str:
    """The SQL of the indicator_comparison view (deterministic: same seeds, same text)."""
    columns = comparison_columns(indicators)
    width = max(len("bureau_key, bureau_label"), *(len(c["name"]) for c in columns)) + 1
    header = [
        "-- indicator_comparison: bureaus as rows, the main indicators as columns, units in the column names.",
        "-- GENERATED from seeds/indicators.csv by orchestration/assets/mart.py (comparison_sql);",
        "-- regenerate with `uv run python -m orchestration.assets.mart`, do not edit by hand.",
        "--",
        "-- One row per bureau_key x period_year x status that has at least one indicator_mart row. A cell",
        "-- is the mart's chosen value for that indicator and measure, in the unit of the column name",
        "-- (low end of a range; null when the bureau states none, states it masked, or only in another",
        "-- unit). Qualifiers (以上, 约 …), ranges and evidence are in indicator_mart.",
        "--",
        "-- Columns",
    ]
    fixed = [
        ("bureau_key, bureau_label", "the bureau (see indicator_mart)"),
        ("province, city, county", "its region (null when masked)"),
        ("admin_level", "province / city / district / county"),
        ("period_year", "the year the numbers are about"),
        ("status", "actual / target / estimate"),
        ("indicators_stated", "how many indicators have a stated value in this row's mart rows"),
    ]
    header += [f"--   {name:<{width}} {doc}" for name, doc in fixed]
    header += [f"--   {c['name']:<{width}} {c['doc']}" for c in columns]
    select = [
        "    bureau_key,",
        "    min(bureau_label) AS bureau_label,",
        "    min(province) AS province,",
        "    min(city) AS city,",
        "    min(county) AS county,",
        "    min(admin_level) AS admin_level,",
        "    period_year,",
        "    status,",
        "    count(DISTINCT indicator) FILTER (WHERE value IS NOT NULL) AS indicators_stated",
    ]
    select[-1] += ","
    cells = [
        f"    max(value) FILTER (WHERE indicator = '{c['indicator']}' AND measure = '{c['measure']}' "
        f"AND unit = '{c['unit']}') AS \"{c['name']}\""
        for c in columns
    ]
    body = select + [cell + "," for cell in cells[:-1]] + [cells[-1]]
    return "\n".join(header + [
        "CREATE OR REPLACE VIEW indicator_comparison AS",
        "SELECT",
        *body,
        "FROM indicator_mart",
        "GROUP BY bureau_key, period_year, status",
        "ORDER BY bureau_label, period_year, status;",
        "",
    ])


if __name__ == "__main__":
    target = VIEWS_DIR / "indicator_comparison.sql"
    target.write_text(comparison_sql(load_seeds().indicators), encoding="utf-8")
    print(f"wrote {target}")
