"""Qualifier, status, measure and period from the sentence and the section (seeds/lexicon/*.toml)."""

import polars as pl
import pytest

from tests.fact_sentences import extract as facts
from tests.fact_sentences import one
from transforms.context import ContextRules, split_sentences


@pytest.mark.parametrize("text, qualifier", [
    ("孵化器在孵企业超过80家", "gt"), ("引进人才突破300人", "gt"), ("备案企业逾40家", "gt"),
    ("服务企业90余家", "gt"), ("服务企业90多家", "gt"),
    ("研发投入约4.2亿元", "approx"), ("覆盖率接近90%", "approx"), ("参训人员近600人", "approx"),
    ("项目经费6000万元左右", "approx"),
    ("孵化面积不低于2万平方米", "gte"), ("入库企业50家以上", "gte"), ("新增企业不少于6家", "gte"),
    ("申报项目控制在20项以内", "lte"), ("引进团队2-4个", "range"), ("认定企业12家", "eq"),
])
def test_qualifier(seeds, text, qualifier):
    assert one(seeds, text)["qualifier"] == qualifier


def test_status_follows_the_kind_of_report(seeds):
    assert one(seeds, "认定科技型企业85家。", doc_type="summary")["status"] == "actual"
    assert one(seeds, "认定科技型企业85家。", doc_type="plan")["status"] == "target"


@pytest.mark.parametrize("text", ["力争引进团队6个。", "确保认定企业20家。", "年度目标为成交额2亿元。", "计划新建基地3个。"])
def test_target_cues_in_a_summary(seeds, text):
    assert one(seeds, text)["status"] == "target"


def test_estimate_cue_reaches_later_clauses(seeds):
    rows = facts(seeds, "预计全年研发投入达到5.6亿元，增长18%。")
    assert [r["status"] for r in rows] == ["estimate", "estimate"]


def test_task_after_the_number_is_a_target(seeds):
    assert one(seeds, "完成年度成交额2.1亿元，超额完成1.5亿元的目标任务。".split("，")[1])["status"] == "target"


def test_plan_sentence_reporting_the_past_is_actual(seeds):
    assert one(seeds, "去年已认定企业技术中心9家。", doc_type="plan")["status"] == "actual"


def test_plan_part_of_a_summary(seeds):
    text = "一、2023年工作总结\n认定企业技术中心9家。\n二、2024年工作计划\n新增企业技术中心5家。"
    rows = facts(seeds, text, doc_type="summary_and_plan", year=2023)
    assert [(r["status"], r["period_year"]) for r in rows] == [("actual", 2023), ("target", 2024)]


def test_sections_give_part_and_year(seeds):
    text = "打算\n新增企业技术中心5家。"
    secs = pl.DataFrame({"doc": ["r"], "section_id": ["r#s1"], "level": [1], "span_start": [0], "span_end": [len(text)],
                         "part": ["plan"], "period_year": [2025]})
    r = one(seeds, text, doc_type="summary_and_plan", year=2023, sections=secs)
    assert (r["status"], r["period_year"], r["section_id"]) == ("target", 2025, "r#s1")


@pytest.mark.parametrize("text, measure", [
    ("新增科技型企业15家", "increase"), ("净增企业8家", "increase"), ("新建研发中心3个", "increase"),
    ("引进科技团队4个", "increase"), ("成功培育瞪羚企业2家", "increase"), ("新认定科普基地5家", "increase"),
    ("科技型企业总数达到420家", "level"), ("组织申报企业31家", "level"), ("入库科技型中小企业60家", "level"),
    ("技术合同成交额同比增长21.5%", "growth_rate"), ("研发投入增幅达到9%", "growth_rate"),
    ("研发投入强度达到2.3%", "share"), ("新产品产值占比42%", "share"), ("项目验收通过率95%", "share"),
    ("有效发明专利数比去年多60件", "difference"),
])
def test_measure(seeds, text, measure):
    assert one(seeds, text)["measure"] == measure


def test_verbless_list_item_keeps_the_measure(seeds):
    rows = facts(seeds, "新建市级企业技术中心4家，区级企业技术中心6家。")
    assert [r["measure"] for r in rows] == ["increase", "increase"]


def test_first_verb_governs(seeds):
    assert one(seeds, "召开科技型企业培育专题培训会5次")["measure"] == "level"


def test_period_from_the_sentence_not_the_comparison_base(seeds):
    rows = facts(seeds, "2021年新增高新技术企业12家，研发投入较2019年增长30%。", year=2022)
    assert [r["period_year"] for r in rows] == [2021, 2021]


def test_period_defaults_to_the_report_year(seeds):
    assert one(seeds, "认定企业9家。", year=2021)["period_year"] == 2021


def test_sentences_split_before_headings():
    text = "认定企业9家\n(二)强化平台\n新增平台3家。"
    spans = split_sentences(text)
    assert any(text[s:e].startswith("(二)") for s, e in spans)


def test_qualifier_rule_object(seeds):
    rules = ContextRules(seeds.lexicon)
    t = "不低于15%"
    assert rules.qualifier(t, 3, 6, None, None) == "gte"


def test_percentage_points_up_is_an_increase(seeds):
    assert one(seeds, "研发投入强度较上年提高0.3个百分点")["measure"] == "increase"
    assert one(seeds, "增速比全省高出1.2个百分点")["measure"] == "difference"


def test_plan_as_part_of_a_name_is_not_a_target(seeds):
    assert one(seeds, "组织实施市重点研发计划项目35项。")["status"] == "actual"
    assert one(seeds, "全年计划新建孵化器3家。")["status"] == "target"


def test_past_year_in_a_plan_is_actual(seeds):
    rows = facts(seeds, "2022年全县科技型企业达到90家，今年新增20家。", doc_type="plan", year=2023)
    assert [r["status"] for r in rows] == ["actual", "target"]
