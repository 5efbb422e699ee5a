"""The indicator mart, its views and its chart: the SQL on hand-made rows, then the sample build."""
from __future__ import annotations

import base64
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

from orchestration.assets import charts
from orchestration.assets.mart import SQL_DIR, VIEWS, VIEWS_DIR, comparison_columns, comparison_sql

QIANJIANG = "000_bc41b18d25dc496a"
QIJIANG = "001_67090e3a486cd3e7"
SOME_COUNTY = "002_7a4c22083b724c84"
BAZHONG = "003_2340de9d39a0239f"
MASKED_DISTRICT = "004_368a8538f6d86321"
BAZHONG_KEY = "四川省巴中市科学技术局"

# A summary of the same bureau as the 巴中市 2022 plan, under another spelling (科技局), written for this test.
BAZHONG_SUMMARY = """巴中市科技局2022年工作总结

2022年，市科技局坚持创新驱动发展战略，全市科技工作取得明显成效。

一、主要成效

（一）创新投入持续加大。2022年全社会研发投入达到2.8亿元，增长18%。
（二）创新主体不断壮大。新增国家高新技术企业12家，备案入库国家科技型中小企业163家。
（三）成果转化加快。技术合同成交额达到47.5亿元。

巴中市科学技术局
2023年1月10日
"""


# --- the SQL on hand-made rows -----------------------------------------------------------------

DOC_SCHEMA = {
    "doc": pl.String, "error": pl.String, "bureau": pl.String, "province": pl.String, "city": pl.String,
    "county": pl.String, "admin_level": pl.String, "doc_type": pl.String, "report_year": pl.Int32,
    "published_on": pl.Date,
}
FACT_COLUMNS = ["doc", "indicator", "period_year", "status", "measure", "value", "value_high", "unit", "qualifier",
                "span_start"]


def make_warehouse(documents: list[tuple], facts: list[tuple], seeds) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse with documents, facts and indicators, the mart and the views built."""
    docs = pl.DataFrame(documents, schema=DOC_SCHEMA, orient="row")
    rows = pl.DataFrame(facts, schema=FACT_COLUMNS, orient="row").with_columns(
        pl.col("period_year").cast(pl.Int32),
        pl.col("value").cast(pl.Float64),
        pl.col("value_high").cast(pl.Float64),
        pl.col("span_start").cast(pl.Int64),
    ).with_columns(
        fact_id=pl.col("doc") + pl.lit("#f") + pl.int_range(pl.len()).cast(pl.String),
        mention=pl.col("value").cast(pl.String) + pl.col("unit"),
        span_end=pl.col("span_start") + 3,
        sentence=pl.lit("……"),
    )
    con = duckdb.connect()
    for table, frame in (("documents", docs), ("facts", rows), ("indicators", seeds.indicators)):
        con.register("rows", frame)
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM rows")
        con.unregister("rows")
    con.execute((SQL_DIR / "indicator_mart.sql").read_text(encoding="utf-8"))
    for view in VIEWS:
        con.execute((VIEWS_DIR / f"{view}.sql").read_text(encoding="utf-8"))
    return con


def doc(name, bureau, province, city, county, level, doc_type, year):
    return (name, None, bureau, province, city, county, level, doc_type, year, None)


HAND_DOCS = [
    doc("plan22", "重庆市綦江区科学技术局", "重庆市", "重庆市", "綦江区", "district", "plan", 2022),
    doc("summary22", "綦江区科技局", "重庆市", "重庆市", "綦江区", "district", "summary", 2022),
    doc("summary23", "綦江区科学技术局", "重庆市", "重庆市", "綦江区", "district", "summary_and_plan", 2023),
    doc("masked_a", None, None, None, None, "district", "summary", 2022),
    doc("masked_b", None, None, None, None, "district", "summary", 2022),
    doc("chaoyang_bj", "北京市朝阳区科学技术局", "北京市", "北京市", "朝阳区", "district", "summary", 2022),
    doc("chaoyang_cc", "朝阳区科技局", "吉林省", "长春市", "朝阳区", "district", "summary", 2022),
]
HAND_FACTS = [
    # 綦江区: a target in the 2022 plan, the actual in the 2022 summary, restated in the 2023 report
    ("plan22", "high_tech_enterprises", 2022, "target", "level", 140, None, "家", "gte", 10),
    ("summary22", "high_tech_enterprises", 2022, "actual", "level", 50, None, "家", "gt", 10),   # 突破50家
    ("summary22", "high_tech_enterprises", 2022, "actual", "level", 131, None, "家", "eq", 20),  # 达到131家
    ("summary22", "high_tech_enterprises", 2022, "actual", "level", 60, None, "次", "gt", 5),    # 辅导60余次
    ("summary23", "high_tech_enterprises", 2022, "actual", "level", 130, None, "家", "approx", 10),
    ("plan22", "rd_expenditure", 2022, "target", "level", 2.5, None, "亿元", "eq", 30),
    ("summary22", "rd_expenditure", 2022, "actual", "level", None, None, "亿元", "eq", 30),      # masked *亿元
    ("summary22", "rd_expenditure", 2022, "estimate", "level", 2.0, None, "亿元", "approx", 31),  # 预计
    ("plan22", "rd_centers", 2022, "target", "increase", 1, 2, "家", "range", 40),
    ("summary22", "rd_centers", 2022, "actual", "increase", 3, None, "家", "eq", 40),
    ("plan22", "enterprise_subsidies", 2022, "target", "level", 0.5, None, "亿元", "lte", 50),
    ("summary22", "enterprise_subsidies", 2022, "actual", "level", 0.4, None, "亿元", "eq", 50),
    # two anonymised reports stating the same indicator
    ("masked_a", "high_tech_enterprises", 2022, "actual", "level", 7, None, "家", "eq", 1),
    ("masked_b", "high_tech_enterprises", 2022, "actual", "level", 9, None, "家", "eq", 1),
    ("chaoyang_bj", "tech_smes", 2022, "actual", "level", 900, None, "家", "eq", 1),
    ("chaoyang_cc", "tech_smes", 2022, "actual", "level", 90, None, "家", "eq", 1),
    ("summary22", "high_tech_enterprises", 2022, "actual", "level", None, None, "家", "eq", 1),  # **家, stated first
]


@pytest.fixture
def hand(seeds):
    con = make_warehouse(HAND_DOCS, HAND_FACTS, seeds)
    yield con
    con.close()


def mart_row(con, bureau_key, indicator, year, status, measure) -> dict:
    rows = con.sql(
        "SELECT * FROM indicator_mart WHERE bureau_key = ? AND indicator = ? AND period_year = ? AND status = ? "
        "AND measure = ?", params=[bureau_key, indicator, year, status, measure]
    ).pl()
    assert rows.height == 1, rows
    return rows.row(0, named=True)


def test_one_bureau_across_reports_and_spellings(hand):
    keys = hand.sql(
        "SELECT DISTINCT doc, bureau_key, bureau_label FROM indicator_mart WHERE doc IN ('plan22', 'summary22')"
    ).pl()
    assert set(keys["bureau_key"]) == {"重庆市綦江区科学技术局"}
    assert set(keys["bureau_label"]) == {"綦江区"}


def test_anonymised_reports_stay_separate(hand):
    rows = hand.sql(
        "SELECT bureau_key, bureau_label, value FROM indicator_mart WHERE doc LIKE 'masked%' ORDER BY bureau_key"
    ).pl()
    assert rows["bureau_key"].to_list() == ["masked_a", "masked_b"]
    assert rows["bureau_label"].to_list() == ["某区 [masked_a]", "某区 [masked_b]"]
    assert rows["value"].to_list() == [7, 9]


def test_labels_stay_unique_when_two_bureaus_share_a_name(hand):
    labels = hand.sql(
        "SELECT DISTINCT bureau_key, bureau_label FROM indicator_mart WHERE indicator = 'tech_smes' ORDER BY 1"
    ).fetchall()
    assert labels == [("北京市朝阳区科学技术局", "北京市朝阳区"), ("吉林省长春市朝阳区科学技术局", "长春市朝阳区")]


def test_choice_rule_picks_the_reports_own_year_canonical_unit_and_largest_total(hand):
    row = mart_row(hand, "重庆市綦江区科学技术局", "high_tech_enterprises", 2022, "actual", "level")
    # 131家 of the 2022 summary: not 60余次 (other unit), not 50家 (a bound below the total),
    # not the 2023 report's restatement (a report about another year)
    assert (row["value"], row["unit"], row["qualifier"], row["doc"]) == (131, "家", "eq", "summary22")
    assert row["supporting_facts"] == 5
    assert row["supporting_docs"] == 2
    assert row["fact_id"] == "summary22#f2"


def test_masked_value_is_kept_but_never_preferred(hand):
    # only masked: the row stays, with a null value (the bureau did state the indicator)
    row = mart_row(hand, "重庆市綦江区科学技术局", "rd_expenditure", 2022, "actual", "level")
    assert (row["value"], row["supporting_facts"]) == (None, 1)
    # masked and stated: the stated one wins although the masked one comes first
    row = mart_row(hand, "重庆市綦江区科学技术局", "high_tech_enterprises", 2022, "actual", "level")
    assert row["value"] == 131


def test_plan_vs_actual_gap_ratio_and_met(hand):
    rows = {
        (r["indicator"], r["measure"]): r
        for r in hand.sql("SELECT * FROM plan_vs_actual WHERE bureau_key = '重庆市綦江区科学技术局'").pl().iter_rows(named=True)
    }
    hte = rows[("high_tech_enterprises", "level")]
    assert (hte["target_value"], hte["actual_value"], hte["gap"], hte["met"]) == (140, 131, -9, False)
    assert hte["ratio"] == pytest.approx(131 / 140)
    assert (hte["target_doc"], hte["actual_doc"]) == ("plan22", "summary22")
    # the actual is masked, so the estimate (预计) stands in
    rd = rows[("rd_expenditure", "level")]
    assert (rd["actual_status"], rd["actual_value"], rd["met"]) == ("estimate", 2.0, False)
    assert rd["gap"] == pytest.approx(-0.5)
    # a range target: met from its low end
    centers = rows[("rd_centers", "increase")]
    assert (centers["target_value"], centers["target_value_high"], centers["actual_value"], centers["met"]) == (1, 2, 3, True)
    # 不超过 0.5亿元: 0.4 meets it
    assert rows[("enterprise_subsidies", "level")]["met"] is True
    assert len(rows) == 4


def test_catalog_counts_bureaus(hand, seeds):
    catalog = hand.sql("SELECT * FROM indicator_catalog").pl()
    assert catalog.height == seeds.indicators.height
    hte = catalog.filter(pl.col("code") == "high_tech_enterprises").row(0, named=True)
    assert (hte["name_zh"], hte["unit"]) == ("高新技术企业", "家")
    assert (hte["bureaus"], hte["bureaus_with_actual"], hte["bureaus_with_target"]) == (3, 3, 1)
    assert hte["facts"] == 8


def test_comparison_has_bureaus_as_rows_and_indicators_with_units_as_columns(hand):
    frame = hand.sql("SELECT * FROM indicator_comparison").pl()
    assert frame.select("bureau_key", "period_year", "status").is_duplicated().sum() == 0
    qijiang = frame.filter((pl.col("bureau_key") == "重庆市綦江区科学技术局") & (pl.col("period_year") == 2022))
    by_status = {r["status"]: r for r in qijiang.iter_rows(named=True)}
    assert by_status["actual"]["high_tech_enterprises_家"] == 131
    assert by_status["target"]["high_tech_enterprises_家"] == 140
    assert by_status["target"]["rd_expenditure_亿元"] == 2.5
    assert by_status["actual"]["rd_expenditure_亿元"] is None  # masked
    assert by_status["estimate"]["rd_expenditure_亿元"] == 2.0
    assert by_status["actual"]["rd_centers_increase_家"] == 3


def test_comparison_sql_is_generated_from_the_indicator_seeds(seeds):
    text = (VIEWS_DIR / "indicator_comparison.sql").read_text(encoding="utf-8")
    assert text == comparison_sql(seeds.indicators), "regenerate: uv run python -m orchestration.assets.mart"
    names = [c["name"] for c in comparison_columns(seeds.indicators)]
    assert {"high_tech_enterprises_家", "rd_expenditure_亿元", "rd_intensity_%"} <= set(names)
    assert len(names) == len(set(names))


def test_every_view_documents_every_column(hand):
    for view in VIEWS:
        header = "\n".join(
            line for line in (VIEWS_DIR / f"{view}.sql").read_text(encoding="utf-8").splitlines() if line.startswith("--")
        )
        for column in hand.sql(f"SELECT * FROM {view} LIMIT 0").columns:
            assert column in header, f"{view}.{column} is not documented in its SQL header"
    header = "\n".join(l for l in (SQL_DIR / "indicator_mart.sql").read_text(encoding="utf-8").splitlines() if l.startswith("--"))
    for column in hand.sql("SELECT * FROM indicator_mart LIMIT 0").columns:
        assert column in header, f"indicator_mart.{column} is not documented"


# --- the chart, without the pipeline -------------------------------------------------------------

def chart_data(con) -> pl.DataFrame:
    return con.sql(charts.CHART_DATA_SQL).pl()


def test_chart_renders_png_and_html(hand, tmp_path):
    font, _ = charts.cjk_font()
    rows, keys, _ = charts.chart_frame(chart_data(hand), cjk=font is not None)
    assert "high_tech_enterprises:level" in keys
    errors = charts.write_outputs(charts.build_chart(rows, keys, font), tmp_path / "c.png", tmp_path / "c.html",
                                  logging.getLogger("test"))
    assert errors == {"png": None, "html": None}
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "vega" in (tmp_path / "c.html").read_text(encoding="utf-8").lower()


def test_chart_failure_is_logged_and_the_html_still_written(hand, tmp_path, monkeypatch, caplog):
    import vl_convert

    def broken(*args, **kwargs):
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(vl_convert, "vegalite_to_png", broken)
    rows, keys, _ = charts.chart_frame(chart_data(hand), cjk=False)
    with caplog.at_level(logging.WARNING):
        errors = charts.write_outputs(charts.build_chart(rows, keys, None), tmp_path / "c.png", tmp_path / "c.html",
                                      logging.getLogger("test"))
    assert "renderer exploded" in errors["png"]
    assert errors["html"] is None and (tmp_path / "c.html").exists()
    assert not (tmp_path / "c.png").exists()
    assert "renderer exploded" in caplog.text


def test_a_panel_shows_the_latest_year_of_the_bureaus_with_the_largest_values(hand):
    one = chart_data(hand).filter((pl.col("indicator") == "high_tech_enterprises") & (pl.col("measure") == "level")).head(1)
    many = pl.concat([
        one.with_columns(bureau_key=pl.lit(f"bureau {i}"), bureau_label=pl.lit(f"区{i}"), value=pl.lit(float(i)))
        for i in range(40)
    ])
    older = many.head(1).with_columns(period_year=pl.col("period_year") - 1, value=pl.lit(1000.0))
    rows, keys, _ = charts.chart_frame(pl.concat([many, older]), cjk=True)
    assert keys == ["high_tech_enterprises:level"]
    assert rows["period_year"].n_unique() == 1  # each bureau's latest year only
    assert rows["bureau_key"].n_unique() == charts.MAX_BUREAUS_PER_PANEL
    assert rows["value"].min() == 40 - charts.MAX_BUREAUS_PER_PANEL
    assert rows["title"][0].endswith(f"top {charts.MAX_BUREAUS_PER_PANEL} / 40")


def test_ascii_fallback_uses_codes(hand):
    rows, _, legend = charts.chart_frame(chart_data(hand), cjk=False)
    assert all(label.isascii() for label in rows["row_label"].to_list() + rows["title"].to_list() + rows["unit_label"].to_list())
    assert legend["code"].to_list()[:2] == ["B1", "B2"]


def test_a_cjk_font_ships_with_the_project():
    font, source = charts.cjk_font()
    assert font == "Noto Sans CJK SC", source


# --- the sample build ----------------------------------------------------------------------------

def comparison_value(pipeline, label: str, year: int, status: str, column: str):
    rows = pipeline.query(
        f'SELECT "{column}" FROM indicator_comparison WHERE bureau_label = ? AND period_year = ? AND status = ?',
        [label, year, status],
    )
    assert rows.height == 1, rows
    return rows.item()


def test_sample_qianjiang_high_tech_enterprises_actual_2022_is_52(sample_warehouse):
    assert comparison_value(sample_warehouse, "黔江区", 2022, "actual", "high_tech_enterprises_家") == 52
    row = sample_warehouse.query(
        "SELECT value, unit, doc, mention FROM indicator_mart WHERE bureau_label = '黔江区' "
        "AND indicator = 'high_tech_enterprises' AND period_year = 2022 AND status = 'actual' AND measure = 'level'"
    ).row(0, named=True)
    assert row == {"value": 52, "unit": "家", "doc": QIANJIANG, "mention": "52家"}


def test_sample_bazhong_rd_expenditure_target_2022_is_2_5(sample_warehouse):
    assert comparison_value(sample_warehouse, "巴中市", 2022, "target", "rd_expenditure_亿元") == 2.5
    row = sample_warehouse.query(
        "SELECT bureau_key, qualifier, doc, mention, sentence FROM indicator_mart WHERE bureau_label = '巴中市' "
        "AND indicator = 'rd_expenditure' AND period_year = 2022 AND status = 'target' AND measure = 'level'"
    ).row(0, named=True)
    assert (row["bureau_key"], row["doc"], row["mention"]) == (BAZHONG_KEY, BAZHONG, "2.5亿元")
    assert "研发投入" in row["sentence"]


def test_sample_bureaus_are_named_or_kept_apart(sample_warehouse):
    bureaus = dict(sample_warehouse.query("SELECT DISTINCT doc, bureau_key FROM indicator_mart").rows())
    assert bureaus[QIANJIANG] == "重庆市黔江区科学技术局"
    assert bureaus[QIJIANG] == "重庆市綦江区科学技术局"
    assert bureaus[BAZHONG] == BAZHONG_KEY
    assert bureaus[SOME_COUNTY] == SOME_COUNTY
    assert bureaus[MASKED_DISTRICT] == MASKED_DISTRICT


def test_sample_mart_grain_and_evidence(sample_warehouse):
    duplicates = sample_warehouse.query(
        "SELECT bureau_key, indicator, period_year, status, measure, count(*) FROM indicator_mart "
        "GROUP BY ALL HAVING count(*) > 1"
    )
    assert duplicates.is_empty()
    wrong = sample_warehouse.query(
        "SELECT m.fact_id FROM indicator_mart m JOIN documents d USING (doc) "
        "WHERE substring(d.text, m.span_start + 1, m.span_end - m.span_start) <> m.mention "
        "OR m.supporting_facts < 1 OR m.sentence IS NULL"
    )
    assert wrong.is_empty()


def test_sample_catalog(sample_warehouse, seeds):
    catalog = sample_warehouse.query("SELECT code, name_zh, unit, bureaus FROM indicator_catalog")
    assert catalog.height == seeds.indicators.height
    hte = catalog.filter(pl.col("code") == "high_tech_enterprises").row(0, named=True)
    assert (hte["name_zh"], hte["unit"]) == ("高新技术企业", "家")
    assert hte["bureaus"] >= 4


def test_sample_chart_is_written_next_to_the_warehouse(sample_warehouse):
    reports = sample_warehouse.warehouse_path.parent / "reports"
    assert (reports / "indicator_comparison.png").read_bytes()[:4] == b"\x89PNG"
    assert (reports / "indicator_comparison.html").stat().st_size > 0


DUCKDB_15_CLI = shutil.which("duckdb", path=str(Path(sys.executable).parent)) or shutil.which("duckdb")


@pytest.mark.skipif(DUCKDB_15_CLI is None, reason="no duckdb CLI (dev dependency duckdb-cli)")
def test_published_views_read_with_the_duckdb_15_cli(sample_warehouse):
    sql = "; ".join(f"SELECT '{view}', count(*) FROM {view}" for view in VIEWS) + ";"
    done = subprocess.run([DUCKDB_15_CLI, "-readonly", "-csv", str(sample_warehouse.warehouse_path), "-c", sql],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    for view in VIEWS:
        assert view in done.stdout


def test_plan_and_summary_of_one_bureau_meet_in_plan_vs_actual(pipeline):
    pipeline.add_sample_reports()
    (pipeline.reports_dir / "bazhong_2022_summary.txt").write_text(BAZHONG_SUMMARY, encoding="utf-8")
    result = pipeline.run()
    assert result.success

    keys = dict(pipeline.query(
        "SELECT DISTINCT doc, bureau_key FROM indicator_mart WHERE doc IN (?, 'bazhong_2022_summary')", [BAZHONG]
    ).rows())
    assert keys == {BAZHONG: BAZHONG_KEY, "bazhong_2022_summary": BAZHONG_KEY}

    rows = {
        (r["indicator"], r["measure"]): r
        for r in pipeline.query("SELECT * FROM plan_vs_actual WHERE bureau_label = '巴中市'").iter_rows(named=True)
    }
    rd = rows[("rd_expenditure", "level")]
    assert (rd["period_year"], rd["unit"], rd["target_value"], rd["actual_value"], rd["met"]) == (2022, "亿元", 2.5, 2.8, True)
    assert rd["gap"] == pytest.approx(0.3)
    assert rd["ratio"] == pytest.approx(1.12)
    assert (rd["target_doc"], rd["actual_doc"]) == (BAZHONG, "bazhong_2022_summary")
    hte = rows[("high_tech_enterprises", "increase")]
    assert (hte["target_value"], hte["target_qualifier"], hte["actual_value"], hte["met"]) == (10, "gte", 12, True)

    statuses = pipeline.query(
        "SELECT status FROM indicator_comparison WHERE bureau_key = ? AND period_year = 2022 ORDER BY status", [BAZHONG_KEY]
    )["status"].to_list()
    assert statuses == ["actual", "target"]

    # the chart asset shows its PNG in the UI through markdown metadata
    [materialization] = result.asset_materializations_for_node("indicator_charts")
    shown = materialization.metadata["chart"].value
    assert shown.startswith("![chart](data:image/png;base64,")
    encoded = shown[len("![chart](data:image/png;base64,"):].split(")")[0]
    assert base64.b64decode(encoded)[:4] == b"\x89PNG"
    assert materialization.metadata["png_error"].value == ""
    assert (pipeline.warehouse_path.parent / "reports" / "indicator_comparison.png").exists()
