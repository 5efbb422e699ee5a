"""build_sections: heading styles, the tree, spans and parts, and the outline of each sample report."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import polars as pl
import pytest

from transforms.documents import build_documents
from transforms.sections import (
    SCHEMA,
    build_sections,
    compile_heading_rules,
    parse_heading,
)

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "seeds" / "reports").glob("*.txt"))
GOLD = ROOT.parent / "shared" / "eval" / "gold"


@pytest.fixture(scope="module")
def rules(seeds):
    return compile_heading_rules(seeds.lexicon["headings"])


def outline(seeds, text: str, doc_type: str | None = "summary", report_year: int | None = 2023) -> pl.DataFrame:
    docs = pl.DataFrame({"doc": ["d"], "text": [text], "doc_type": [doc_type], "report_year": [report_year]})
    return build_sections(docs, seeds)


@pytest.mark.parametrize("line, parsed", [
    ("一、主要成效", (1, "一、", "一、主要成效")),
    ("(三)强化平台建设", (2, "(三)", "(三)强化平台建设")),
    ("12.推进成果转化。鼓励企业与高校合作。", (3, "12.", "12.推进成果转化")),
    ("3、抓好科普宣传,营造创新氛围", (3, "3、", "3、抓好科普宣传,营造创新氛围")),
    ("(2)兑现奖补资金。按季度兑现。", (4, "(2)", "(2)兑现奖补资金")),
    ("3.2亿元的研发投入", None),
    ("(2022-2023年)行动计划", None),
    ("2022年,全区科技工作稳步推进。", None),
    ("1.通过组织专家走访、线上培训、政策宣讲和现场辅导等多种方式,帮助全区一百余家企业完成申报材料的准备工作。", None),
    ("一是加强培训。", None),
])
def test_parse_heading(rules, line, parsed):
    assert parse_heading(line, rules) == parsed


def test_tree_spans_and_ordinals(seeds):
    text = "标题\n一、甲项\n(一)乙项\n1.丙项。正文。\n2.丁项。正文。\n(二)戊项\n二、己项\n正文。"
    s = outline(seeds, text)
    assert s.schema == pl.Schema(SCHEMA)
    assert s["section_id"].to_list() == [f"d#s{i}" for i in range(1, 7)]
    assert s["parent_id"].to_list() == [None, "d#s1", "d#s2", "d#s2", "d#s1", None]
    spans = [text[a:b] for a, b in zip(s["span_start"], s["span_end"])]
    assert spans[0] == "一、甲项\n(一)乙项\n1.丙项。正文。\n2.丁项。正文。\n(二)戊项"
    assert spans[2] == "1.丙项。正文。"
    assert spans[5] == "二、己项\n正文。"


def test_a_level_is_the_heading_style_not_the_depth(seeds):
    s = outline(seeds, "一、甲项工作\n1.子项工作。正文。")
    assert s["level"].to_list() == [1, 3]
    assert s["parent_id"].to_list() == [None, "d#s1"]


def test_numbering_mistakes_do_not_break_the_tree(seeds):
    s = outline(seeds, "一、甲项工作\n1.子项一\n正文。\n9.子项二\n正文。\n9.子项三\n正文。\n6.子项四\n正文。")
    assert s["parent_id"].to_list() == [None] + ["d#s1"] * 4
    assert s["numbering"].to_list() == ["一、", "1.", "9.", "9.", "6."]


def test_parts_of_a_summary_and_plan(seeds):
    text = "一、2023年工作总结\n(一)培育企业\n二、存在的问题\n三、2024年工作打算\n(一)壮大主体\n(二)强化服务"
    s = outline(seeds, text, "summary_and_plan", 2023)
    assert s["part"].to_list() == ["summary", "summary", "summary", "plan", "plan", "plan"]
    assert s["period_year"].to_list() == [2023, None, None, 2024, None, None]


def test_a_later_year_opens_the_plan_part(seeds):
    s = outline(seeds, "一、主要成效\n二、2024年重点工作\n(一)培育企业", "summary_and_plan", 2023)
    assert s["part"].to_list() == ["summary", "plan", "plan"]


def test_a_plain_summary_is_all_summary(seeds):
    s = outline(seeds, "一、精心安排部署\n二、主要成效", "summary", 2023)
    assert s["part"].to_list() == ["summary", "summary"]


def test_a_plain_summary_with_a_closing_plan_heading_has_a_plan_part(seeds):
    text = "一、主要成效\n(一)培育企业\n二、存在的问题\n三、2022年工作打算\n(一)壮大主体\n1.培育企业"
    s = outline(seeds, text, "summary", 2021)
    assert s["part"].to_list() == ["summary", "summary", "summary", "plan", "plan", "plan"]
    s = outline(seeds, "一、工作成效\n二、下一步工作\n(一)强化平台", "summary", 2021)
    assert s["part"].to_list() == ["summary", "plan", "plan"]


def test_a_text_without_headings_has_no_sections(seeds):
    assert outline(seeds, "全年工作稳步推进。").height == 0


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))[:12]


@pytest.fixture(scope="module")
def sample_sections(seeds) -> pl.DataFrame:
    raw = pl.DataFrame({"doc": [p.stem for p in REPORTS], "file_name": [p.name for p in REPORTS],
                        "content": [p.read_bytes() for p in REPORTS]})
    return build_sections(build_documents(raw, seeds), seeds)


@pytest.mark.skipif(not GOLD.exists(), reason="gold annotations not available")
@pytest.mark.parametrize("doc", [p.stem for p in REPORTS])
def test_sample_outline_matches_the_gold_headings(sample_sections, doc):
    gold = json.loads((GOLD / f"{doc}.meta.json").read_text(encoding="utf-8"))["headings"]
    ours = sample_sections.filter(pl.col("doc") == doc).sort("ordinal")
    assert list(zip(ours["level"], map(norm, ours["heading"]))) == [(h["level"], norm(h["text"])) for h in gold]


def test_sample_004_has_a_summary_part_then_a_plan_part(sample_sections):
    s = sample_sections.filter(pl.col("doc") == "004_368a8538f6d86321").sort("ordinal")
    parts = dict(zip(s["heading"], s["part"]))
    assert parts["一、2022年工作总结"] == "summary"
    assert parts["9.加强科普宣传力度,营造浓厚科技宣传氛围"] == "summary"
    assert parts["三、下一步工作计划"] == "plan"
    assert parts["(一)突出创新主体培育,着力壮大创新动力源"] == "plan"


def test_sample_002_starts_at_level_two(sample_sections):
    s = sample_sections.filter(pl.col("doc") == "002_7a4c22083b724c84").sort("ordinal")
    assert s["level"][0] == 2 and s["parent_id"][0] is None
    assert set(s["part"]) == {"plan"}


def test_sample_spans_start_at_their_heading(seeds, sample_sections):
    raw = pl.DataFrame({"doc": [p.stem for p in REPORTS], "file_name": [p.name for p in REPORTS],
                        "content": [p.read_bytes() for p in REPORTS]})
    texts = dict(build_documents(raw, seeds).select("doc", "text").iter_rows())
    for row in sample_sections.iter_rows(named=True):
        span = texts[row["doc"]][row["span_start"]:row["span_end"]]
        assert span.startswith(row["heading"])


def test_a_programme_named_plan_does_not_open_the_plan_part(seeds):
    s = outline(seeds, "一、深入实施人才计划\n二、下步工作打算\n(一)培育企业", "summary_and_plan", 2023)
    assert s["part"].to_list() == ["summary", "plan", "plan"]


@pytest.mark.parametrize("line, heading", [
    ("(一)主要目标:力争新增高新技术企业80家以上,科技型中小企业达到500家。", "(一)主要目标"),
    ("三 、强化科技服务", "三 、强化科技服务"),
])
def test_heading_title_ends_at_a_colon_and_markers_may_have_a_space(rules, line, heading):
    assert parse_heading(line, rules)[2] == heading


def test_everything_under_the_plan_heading_is_plan(seeds):
    text = "一、2023年工作总结\n(一)培育企业\n二、2024年工作计划\n(一)巩固工作成效\n(二)解决存在的问题\n1.总结经验"
    s = outline(seeds, text, "summary_and_plan", 2023)
    assert s["part"].to_list() == ["summary", "summary", "plan", "plan", "plan", "plan"]


def test_a_plan_heading_under_a_summary_heading_opens_the_plan_part(seeds):
    text = "一、工作开展情况\n(一)主要成效\n(二)存在问题\n(三)下一步工作打算\n1.壮大主体\n二、工作成效"
    s = outline(seeds, text, "summary_and_plan", 2023)
    assert s["part"].to_list() == ["summary", "summary", "summary", "plan", "plan", "summary"]


@pytest.mark.parametrize("heading, year", [("一、2023年工作基础", 2023), ("一、2023年工作完成情况", 2023), ("一、工作回顾", 2023)])
def test_a_section_about_the_past_year_in_a_plan_is_summary(seeds, heading, year):
    text = heading + "\n(一)主要指标\n(二)2024年还要巩固\n二、2024年主要目标\n三、重点工作\n(一)存在问题的整改"
    s = outline(seeds, text, "plan", 2024)
    assert s["part"].to_list() == ["summary", "summary", "summary", "plan", "plan", "plan"]
    assert s["period_year"].to_list() == [year, None, 2024, 2024, None, None]


def test_a_plan_without_a_review_is_all_plan(seeds):
    s = outline(seeds, "一、总体要求\n二、重点任务\n(一)培育企业", "plan", 2024)
    assert set(s["part"]) == {"plan"}
    assert s["period_year"].to_list() == [None, None, None]


def test_a_duty_report_has_its_plan_part(seeds):
    text = "一、履职尽责情况\n(一)狠抓落实\n二、廉洁自律情况\n三、存在的不足\n四、2024年工作打算\n(一)强化主体"
    s = outline(seeds, text, "report", 2023)
    assert s["part"].to_list() == [None, None, None, "summary", "plan", "plan"]


@pytest.mark.parametrize("line, parsed", [
    ("第一部分 2023年工作总结", (1, "第一部分 ", "第一部分 2023年工作总结")),
    ("第二部分:2024年工作计划", (1, "第二部分:", "第二部分:2024年工作计划")),
    ("第三章 保障措施", (1, "第三章 ", "第三章 保障措施")),
    ("①用活上级政策。全年兑现资金300万元。", (4, "①", "①用活上级政策")),
    ("第一部分的内容较多,全年新增企业5家,研发投入持续增长,各项工作稳步推进,取得了显著成效,受到上级表彰和社会广泛认可。", None),
])
def test_part_and_circled_headings(rules, line, parsed):
    assert parse_heading(line, rules) == parsed


def test_parts_hold_numbered_headings_and_set_the_part(seeds):
    text = "第一部分 2023年工作总结\n一、培育企业\n(一)高企\n①申报\n②认定\n二、存在的问题\n第二部分 2024年工作计划\n一、巩固成效\n二、强化服务"
    s = outline(seeds, text, "summary_and_plan", 2023)
    assert s["level"].to_list() == [1, 1, 2, 4, 4, 1, 1, 1, 1]
    assert s["parent_id"].to_list() == [None, "d#s1", "d#s2", "d#s3", "d#s3", "d#s1", None, "d#s7", "d#s7"]
    assert s["part"].to_list() == ["summary"] * 6 + ["plan"] * 3
    spans = [text[a:b] for a, b in zip(s["span_start"], s["span_end"])]
    assert spans[0].endswith("二、存在的问题")
