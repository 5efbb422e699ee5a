"""Data-quality checks: each great-expectations rule passes on good data, fails on bad data, reports
counts and samples, and — being blocking — keeps the downstream assets from being built.

Two graphs: a small stand-in graph (assets with the real table names writing hand-made rows, the
real checks) that tests every rule in isolation, and the real pipeline on the sample reports with
bad rows injected into the transforms' output.
"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import dagster as dg
import duckdb
import polars as pl
import pytest

from orchestration.checks import all_checks
from orchestration.checks.quality import load_quality
from orchestration.resources import PROJECT_ROOT, Warehouse
from orchestration.seeds import load_seeds

CHECKED = ("documents", "sections", "facts", "indicator_mart")
DOWNSTREAM = {
    "documents": ("sections", "facts", "indicator_mart", "published_warehouse"),
    "sections": ("facts", "indicator_mart", "published_warehouse"),
    "facts": ("indicator_mart", "published_warehouse", "analytics_views", "indicator_charts"),
    "indicator_mart": ("published_warehouse", "analytics_views", "indicator_charts"),
}


# --- a stand-in graph with hand-made rows ---------------------------------------------------

TEXT = (
    "一、2023年工作总结\n"
    "(一)企业培育\n全年新增高新技术企业52家,研发投入强度达2.5%,技术合同成交额1.3亿元。\n"
    "二、2024年工作计划\n力争新增科技型中小企业10-12家。"
)


def _span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    at = text.index(needle, start)
    return at, at + len(needle)


def good_tables() -> dict[str, pl.DataFrame]:
    documents = pl.DataFrame({
        "doc": ["d1", "d2"], "encoding": ["utf-8", None], "error": [None, "empty file"], "text": [TEXT, None],
        "title": ["某区科技局2023年工作总结", None], "bureau": ["某区科技局", None], "province": [None, None],
        "city": [None, None], "county": [None, None], "admin_level": ["district", None],
        "doc_type": ["summary_and_plan", None], "report_year": [2023, None], "published_on": [None, None],
    }, schema_overrides={"report_year": pl.Int32, "province": pl.String, "city": pl.String, "county": pl.String,
                         "published_on": pl.Date})
    plan_at = TEXT.index("二、")
    sections = pl.DataFrame({
        "doc": ["d1"] * 3, "section_id": ["d1#s1", "d1#s2", "d1#s3"], "parent_id": [None, "d1#s1", None],
        "level": [1, 2, 1], "ordinal": [1, 2, 3], "numbering": ["一、", "(一)", "二、"],
        "heading": ["一、2023年工作总结", "(一)企业培育", "二、2024年工作计划"],
        "span_start": [0, TEXT.index("(一)"), plan_at], "span_end": [plan_at, plan_at, len(TEXT)],
        "part": ["summary", "summary", "plan"], "period_year": [2023, None, 2024],
    }, schema_overrides={"level": pl.Int8, "ordinal": pl.Int32, "span_start": pl.Int64, "span_end": pl.Int64,
                         "period_year": pl.Int32})
    rows = [
        # mention, value, value_high, unit, qualifier, status, measure, indicator, section
        ("52家", 52.0, None, "家", "eq", "actual", "increase", "high_tech_enterprises", "d1#s2"),
        ("2.5%", 2.5, None, "%", "eq", "actual", "level", "rd_intensity", "d1#s2"),
        ("1.3亿元", 1.3, None, "亿元", "eq", "actual", "level", "tech_contract_turnover", "d1#s2"),
        ("10-12家", 10.0, 12.0, "家", "range", "target", "increase", "tech_smes", "d1#s3"),
    ]
    facts = []
    for ordinal, (mention, value, high, unit, qualifier, status, measure, indicator, section) in enumerate(rows, 1):
        start, end = _span(TEXT, mention)
        facts.append({
            "doc": "d1", "fact_id": f"d1#f{ordinal}", "section_id": section, "mention": mention, "occurrence": 1,
            "value": value, "value_high": high, "unit": unit, "raw_unit": mention.lstrip("0123456789.-"),
            "qualifier": qualifier, "status": status, "measure": measure,
            "period_year": 2024 if status == "target" else 2023, "indicator": indicator, "subject": indicator,
            "sentence": mention, "span_start": start, "span_end": end, "placeholder": None, "optional": False,
        })
    facts = pl.DataFrame(facts, schema_overrides={
        "occurrence": pl.Int32, "value_high": pl.Float64, "period_year": pl.Int32, "span_start": pl.Int64,
        "span_end": pl.Int64, "placeholder": pl.String,
    })
    return {"documents": documents, "sections": sections, "facts": facts}


def stand_in_defs(warehouse_path, tables: dict[str, pl.DataFrame], mart_sql_after: str | None = None) -> dg.Definitions:
    """Assets named like the real ones that write `tables`; the mart runs the real mart SQL."""

    def writer(name: str, deps: list[str]):
        @dg.asset(name=name, deps=deps, required_resource_keys={"warehouse"})
        def _write(context) -> None:
            with context.resources.warehouse.connect() as con:
                con.register("rows", tables[name])
                con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM rows")
        return _write

    @dg.asset(name="indicator_mart", deps=["facts"], required_resource_keys={"warehouse"})
    def indicator_mart(context) -> None:
        with context.resources.warehouse.connect() as con:
            con.register("seed_rows", load_seeds().indicators)
            con.execute("CREATE OR REPLACE TABLE indicators AS SELECT * FROM seed_rows")
            con.execute((PROJECT_ROOT / "warehouse" / "sql" / "indicator_mart.sql").read_text(encoding="utf-8"))
            if mart_sql_after:
                con.execute(mart_sql_after)

    @dg.asset(name="published_warehouse", deps=["indicator_mart"], required_resource_keys={"warehouse"})
    def published_warehouse(context) -> None:
        context.resources.warehouse.publish()

    return dg.Definitions(
        assets=[writer("documents", []), writer("sections", ["documents"]), writer("facts", ["sections"]),
                indicator_mart, published_warehouse],
        asset_checks=all_checks,
        resources={"warehouse": Warehouse(path=str(warehouse_path))},
        executor=dg.in_process_executor,
    )


def run_stand_in(tmp_path, tables, mart_sql_after: str | None = None) -> dg.ExecuteInProcessResult:
    job = stand_in_defs(tmp_path / "warehouse.duckdb", tables, mart_sql_after).resolve_implicit_global_asset_job_def()
    return job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)


def materialized(result: dg.ExecuteInProcessResult) -> set[str]:
    return {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}


def evaluations(result: dg.ExecuteInProcessResult) -> dict[tuple[str, str], dg.AssetCheckEvaluation]:
    return {(e.asset_key.to_user_string(), e.check_name): e for e in result.get_asset_check_evaluations()}


def failed(result) -> set[tuple[str, str]]:
    return {key for key, e in evaluations(result).items() if not e.passed}


def _edit(frame: pl.DataFrame, row: int, **values) -> pl.DataFrame:
    """The frame with some cells of one row replaced."""
    return frame.with_row_index("_r").with_columns(
        [pl.when(pl.col("_r") == row).then(pl.lit(v, dtype=frame.schema[c])).otherwise(pl.col(c)).alias(c)
         for c, v in values.items()]
    ).drop("_r")


def test_good_rows_pass_every_check_and_publish(tmp_path):
    result = run_stand_in(tmp_path, good_tables())
    assert result.success
    checks = evaluations(result)
    assert len(checks) == sum(len(list(d.check_specs)) for d in all_checks) == 29
    assert failed(result) == set()
    assert "published_warehouse" in materialized(result)
    assert checks[("facts", "unit_is_canonical")].metadata["unexpected_count"].value == 0


BAD = {
    "duplicate doc": ("documents", "doc_is_unique", lambda t: {**t, "documents": pl.concat([t["documents"], t["documents"].head(1)])}),
    "empty text without error": ("documents", "text_unless_error", lambda t: {**t, "documents": _edit(t["documents"], 0, text="  ")}),
    "admin level town": ("documents", "admin_level_in_set", lambda t: {**t, "documents": _edit(t["documents"], 0, admin_level="town")}),
    "doc type memo": ("documents", "doc_type_in_set", lambda t: {**t, "documents": _edit(t["documents"], 0, doc_type="memo")}),
    "section level 6": ("sections", "level_in_range", lambda t: {**t, "sections": _edit(t["sections"], 1, level=6)}),
    "section span past the text": ("sections", "span_inside_text", lambda t: {**t, "sections": _edit(t["sections"], 2, span_end=len(TEXT) + 5)}),
    "orphan section": ("sections", "parent_exists", lambda t: {**t, "sections": _edit(t["sections"], 1, parent_id="d1#s99")}),
    "fact without unit": ("facts", "required_fields_present", lambda t: {**t, "facts": _edit(t["facts"], 0, unit=None)}),
    "section without level": ("sections", "required_fields_present", lambda t: {**t, "sections": _edit(t["sections"], 0, level=None)}),
    "fact in 万元": ("facts", "unit_is_canonical", lambda t: {**t, "facts": _edit(t["facts"], 2, unit="万元", value=13000.0)}),
    "negative count": ("facts", "value_not_negative", lambda t: {**t, "facts": _edit(t["facts"], 0, value=-52.0)}),
    "range upside down": ("facts", "value_high_not_below_value", lambda t: {**t, "facts": _edit(t["facts"], 3, value_high=8.0)}),
    "unknown qualifier": ("facts", "qualifier_in_set", lambda t: {**t, "facts": _edit(t["facts"], 0, qualifier="about")}),
    "unknown status": ("facts", "status_in_set", lambda t: {**t, "facts": _edit(t["facts"], 0, status="hoped")}),
    "unknown measure": ("facts", "measure_in_set", lambda t: {**t, "facts": _edit(t["facts"], 0, measure="stock")}),
    "unknown indicator": ("facts", "indicator_is_known", lambda t: {**t, "facts": _edit(t["facts"], 0, indicator="gdp")}),
    "count indicator in 亿元": ("facts", "unit_fits_indicator", lambda t: {**t, "facts": _edit(t["facts"], 0, unit="亿元")}),
    "span pointing elsewhere": ("facts", "span_matches_mention", lambda t: {**t, "facts": _edit(t["facts"], 1, span_start=3, span_end=7)}),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_rows_fail_their_check_and_block_downstream(tmp_path, case):
    table, check, corrupt = BAD[case]
    result = run_stand_in(tmp_path, corrupt(good_tables()))
    assert (table, check) in failed(result)
    assert {t for t, _ in failed(result)} == {table}  # later tables were not even checked
    evaluation = evaluations(result)[(table, check)]
    assert evaluation.severity == dg.AssetCheckSeverity.ERROR
    assert evaluation.metadata["unexpected_count"].value >= 1
    assert "sample" in evaluation.metadata and "expectation" in evaluation.metadata
    built = materialized(result)
    assert table in built  # the checked table itself is written …
    assert not built & set(DOWNSTREAM[table])  # … but nothing is built on it
    assert not (tmp_path / "warehouse.duckdb").exists()  # nothing published


# Plausibility bounds warn without blocking (seeds/quality.toml `warn`): a real report may exceed them.
IMPLAUSIBLE = {
    "report year 1999": ("documents", "report_year_in_range", lambda t: {**t, "documents": _edit(t["documents"], 0, report_year=1999)}),
    "money beyond bound": ("facts", "money_within_bound", lambda t: {**t, "facts": _edit(t["facts"], 2, value=1.3e7)}),
    "percent beyond range": ("facts", "percent_within_range", lambda t: {**t, "facts": _edit(t["facts"], 1, value=2500.0)}),
}


@pytest.mark.parametrize("case", sorted(IMPLAUSIBLE))
def test_implausible_values_warn_and_the_warehouse_is_still_published(tmp_path, case):
    table, check, corrupt = IMPLAUSIBLE[case]
    result = run_stand_in(tmp_path, corrupt(good_tables()))
    evaluation = evaluations(result)[(table, check)]
    assert not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.WARN
    assert evaluation.metadata["unexpected_count"].value >= 1
    assert "published_warehouse" in materialized(result)


@pytest.mark.parametrize("sql, check", [
    ("INSERT INTO indicator_mart SELECT * FROM indicator_mart LIMIT 1", "one_row_per_key"),
    ("UPDATE indicator_mart SET supporting_facts = supporting_facts + 1", "each_fact_counted_once"),
])
def test_mart_that_counts_a_fact_twice_is_not_published(tmp_path, sql, check):
    result = run_stand_in(tmp_path, good_tables(), mart_sql_after=sql)
    assert ("indicator_mart", check) in failed(result)
    assert "published_warehouse" not in materialized(result)
    assert not (tmp_path / "warehouse.duckdb").exists()


def test_failed_check_reports_count_and_sample_rows(tmp_path):
    tables = good_tables()
    tables["facts"] = _edit(_edit(tables["facts"], 0, unit="万元"), 2, unit="千元")
    evaluation = evaluations(run_stand_in(tmp_path, tables))[("facts", "unit_is_canonical")]
    assert not evaluation.passed
    assert evaluation.metadata["unexpected_count"].value == 2
    assert evaluation.metadata["checked_rows"].value == 4
    assert "ExpectColumnValuesToBeInSet" in evaluation.metadata["expectation"].value
    sample = evaluation.metadata["sample"].value
    assert "d1#f1" in sample and "万元" in sample and "千元" in sample and "d1#f2" not in sample


def test_a_check_listed_as_warn_reports_without_blocking(tmp_path, monkeypatch):
    quality = load_quality()
    rules = {**quality.rules, "facts": {**quality.rules["facts"], "warn": ["value_not_negative"]}}
    monkeypatch.setattr("orchestration.checks.gx_runner.load_quality", lambda: replace(quality, rules=rules))
    result = run_stand_in(tmp_path, {**good_tables(), "facts": _edit(good_tables()["facts"], 0, value=-1.0)})
    evaluation = evaluations(result)[("facts", "value_not_negative")]
    assert not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.WARN
    assert "published_warehouse" in materialized(result)


# --- the rules read from seeds/quality.toml ------------------------------------------------

def test_canonical_units_come_from_the_units_seed():
    quality = load_quality()
    assert set(quality.canonical_units) == set(load_seeds().units["canonical"].to_list())
    assert {"亿元", "%", "百分点", "人", "人次", "场次", "家", "个", "项", "次"} <= set(quality.canonical_units)
    assert "万元" not in quality.canonical_units


def test_unit_compatibility_follows_the_spec():
    allowed = set(load_quality().compatible_units().iter_rows())
    assert ("high_tech_enterprises", "level", "家") in allowed
    assert ("high_tech_enterprises", "level", "个") in allowed  # 家 may be counted in 个
    assert ("high_tech_enterprises", "level", "人") not in allowed
    assert ("high_tech_enterprises", "growth_rate", "%") in allowed
    assert ("high_tech_enterprises", "share", "家") not in allowed  # a share is a %
    assert ("high_tech_enterprises", "difference", "家") in allowed  # difference keeps the unit
    assert {("training_and_outreach", "level", u) for u in ("人次", "场次", "次", "期")} <= allowed
    assert {("st_talent", "increase", u) for u in ("人", "人次")} <= allowed
    assert ("rd_expenditure", "level", "家") not in allowed
    assert ("rd_intensity", "increase", "百分点") in allowed
    assert ("st_projects", "level", "个") in allowed  # 实施科技项目33个
    assert ("tech_finance", "level", "笔") in allowed  # 发放知识价值信用贷款63笔


def test_item_level_5_is_allowed_only_when_headings_emit_it():
    quality = load_quality()
    assert replace(quality, heading_levels=[1, 2, 3, 4]).section_levels() == [1, 2, 3, 4]
    assert replace(quality, heading_levels=[1, 2, 3, 4, 5]).section_levels() == [1, 2, 3, 4, 5]


def test_loading_the_definitions_does_not_import_great_expectations():
    code = "import sys, orchestration.definitions; print('great_expectations' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT, check=True)
    assert out.stdout.strip() == "False"


# --- the real pipeline on the sample reports -------------------------------------------------

def _require_transforms():
    pytest.importorskip("transforms.facts", reason="transforms/facts.py is not written yet")


def test_sample_build_passes_every_check(sample_warehouse, tmp_path):
    _require_transforms()
    result = sample_warehouse.run()
    assert result.success
    assert len(evaluations(result)) == 29
    assert failed(result) == set(), {k: e.metadata.get("sample") for k, e in evaluations(result).items() if not e.passed}


def _add_bad_fact(monkeypatch, **changes):
    import orchestration.assets.facts as facts_asset

    original = facts_asset.build_facts

    def with_bad_fact(documents, sections, seeds):
        built = original(documents, sections, seeds)
        if built.is_empty():
            return built
        row = built.filter(pl.col("value").is_not_null() & (pl.col("unit") == "家")).head(1)
        row = (row if row.height else built.head(1)).with_columns(pl.col("fact_id") + "x")
        bad = row.with_columns([
            (v if isinstance(v, pl.Expr) else pl.lit(v, dtype=built.schema[c])).alias(c) for c, v in changes.items()
        ])
        return pl.concat([built, bad.select(built.columns)])

    monkeypatch.setattr(facts_asset, "build_facts", with_bad_fact)


@pytest.mark.parametrize("case, check, changes", [
    ("fact in 万元", "unit_is_canonical", {"unit": "万元"}),
    ("negative count", "value_not_negative", {"value": -3.0}),
    ("span pointing elsewhere", "span_matches_mention",
     {"span_start": pl.col("span_start") + 1, "span_end": pl.col("span_end") + 1}),
])
def test_bad_fact_in_the_real_pipeline_blocks_the_mart(pipeline, monkeypatch, case, check, changes):
    _require_transforms()
    pipeline.add_sample_reports()
    _add_bad_fact(monkeypatch, **changes)
    result = pipeline.run()
    assert check in {name for table, name in failed(result) if table == "facts"}, case
    evaluation = evaluations(result)[("facts", check)]
    assert evaluation.metadata["unexpected_count"].value == 1  # the one injected fact …
    assert "x |" in evaluation.metadata["sample"].value  # … shown by its fact_id
    built = materialized(result)
    assert "facts" in built
    assert "indicator_mart" not in built and "published_warehouse" not in built
    assert not pipeline.warehouse_path.exists()


def test_duplicated_mart_row_keeps_the_last_good_warehouse_published(pipeline, monkeypatch):
    _require_transforms()
    pipeline.add_sample_reports()
    assert not failed(first := pipeline.run()) and "published_warehouse" in materialized(first)
    published_rows = pipeline.query("SELECT count(*) AS n FROM indicator_mart")["n"][0]

    import orchestration.assets.mart as mart_asset

    original = mart_asset.run_sql_file

    def run_and_duplicate(con, path):
        original(con, path)
        if path.name == "indicator_mart.sql":
            con.execute("INSERT INTO indicator_mart SELECT * FROM indicator_mart LIMIT 1")

    monkeypatch.setattr(mart_asset, "run_sql_file", run_and_duplicate)
    result = pipeline.run()
    assert {("indicator_mart", "one_row_per_key"), ("indicator_mart", "fact_in_one_row")} <= failed(result)
    assert "published_warehouse" not in materialized(result)
    # analysts still read the last good warehouse; the bad mart is only in the staging file
    assert pipeline.query("SELECT count(*) AS n FROM indicator_mart")["n"][0] == published_rows
    with duckdb.connect(str(pipeline.warehouse_path.with_name("warehouse.staging.duckdb")), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM indicator_mart").fetchone()[0] == published_rows + 1
