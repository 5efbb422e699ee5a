"""Indicator tables flattened into text (transforms/tables.py); every table is written for this file."""

import polars as pl
import pytest

from transforms.clean import clean_text
from transforms.documents import compile_document_rules
from transforms.facts import build_facts

SUMMARY_TABLE = (
    "2016年全市科技创新主要指标完成情况表\n"
    "序号 指标名称 单位 2016年完成 同比增长\n"
    "1 高新技术产业增加值 亿元 186.5 8.2%\n"
    "2 R&D经费支出占GDP比重 % 1.62 0.05个百分点\n"
    "3 高新技术企业 家 1,156 15.6%\n"
    "全年工作取得新成效。"
)
PLAN_TABLE = (
    "指标名称  单位  2024年完成  2025年目标\n"
    "高新技术企业数  家  312  350\n"
    "全社会研发投入  万元  42700  47000\n"
)


@pytest.fixture(scope="module")
def rules(seeds):
    return compile_document_rules(seeds).cleaning


def table_facts(seeds, rules, raw: str, doc_type: str, year: int) -> dict[str, dict]:
    text = clean_text(raw, rules)
    docs = pl.DataFrame({"doc": ["t"], "text": [text], "doc_type": [doc_type], "report_year": [year]})
    return {r["mention"]: r for r in build_facts(docs, pl.DataFrame(), seeds).to_dicts()}


def test_table_rows_stay_lines_of_their_own(rules):
    text = clean_text(SUMMARY_TABLE, rules)
    assert "1 高新技术产业增加值 亿元 186.5 8.2%\n2 R&D经费支出占GDP比重" in text
    assert text.endswith("\n全年工作取得新成效。")


def test_a_cell_takes_the_unit_column_and_the_rows_indicator(seeds, rules):
    rows = table_facts(seeds, rules, SUMMARY_TABLE, "summary", 2016)
    r = rows["186.5"]
    assert (r["value"], r["unit"], r["status"], r["measure"], r["period_year"], r["indicator"]) == \
        (186.5, "亿元", "actual", "level", 2016, "high_tech_industry_value_added")
    assert (rows["1,156"]["value"], rows["1,156"]["indicator"]) == (1156, "high_tech_enterprises")


def test_a_change_column_gives_growth_rates_and_increases(seeds, rules):
    rows = table_facts(seeds, rules, SUMMARY_TABLE, "summary", 2016)
    assert (rows["8.2%"]["measure"], rows["8.2%"]["indicator"]) == ("growth_rate", "high_tech_industry_value_added")
    r = rows["0.05个百分点"]
    assert (r["unit"], r["measure"], r["indicator"]) == ("百分点", "increase", "rd_intensity")
    assert (rows["1.62"]["measure"], rows["1.62"]["indicator"]) == ("share", "rd_intensity")


def test_the_column_header_gives_status_and_period(seeds, rules):
    rows = table_facts(seeds, rules, PLAN_TABLE, "plan", 2025)
    assert (rows["312"]["status"], rows["312"]["period_year"]) == ("actual", 2024)
    assert (rows["350"]["status"], rows["350"]["period_year"]) == ("target", 2025)
    assert (rows["47000"]["value"], rows["47000"]["unit"], rows["47000"]["indicator"]) == (4.7, "亿元", "rd_expenditure")


def test_prose_with_spaces_is_no_table(seeds, rules):
    raw = "全社会研发投入 367.1 亿元,同口径增长 17.1%。\n高新技术企业 6588 家。"
    rows = table_facts(seeds, rules, raw, "summary", 2022)
    assert set(rows) == {"367.1 亿元", "17.1%", "6588 家"}
