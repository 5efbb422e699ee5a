"""Subjects and indicator codes: jieba segmentation + the synonym table seeds/indicator_terms.csv."""
import unicodedata

import polars as pl
import pytest

from transforms.facts import build_facts, engine_for


def facts(seeds, text, doc_type="summary"):
    text = unicodedata.normalize("NFKC", text)
    docs = pl.DataFrame({"doc": ["x"], "text": [text], "doc_type": [doc_type], "report_year": [2023]})
    return build_facts(docs, pl.DataFrame(), seeds).to_dicts()


def codes(seeds, text, **kw):
    return [r["indicator"] for r in facts(seeds, text, **kw)]


def test_every_term_names_a_known_code(seeds):
    known = set(seeds.indicators["code"])
    assert set(seeds.indicator_terms["indicator"]) <= known


def test_domain_words_stay_whole(seeds):
    seg = engine_for(seeds).segmenter
    assert "科技型中小企业" in seg.cut("全县科技型中小企业数量")
    assert "科技计划项目" in seg.cut("加强科技计划项目管理")


@pytest.mark.parametrize("text, code", [
    ("全区有效期内高新技术企业达到78家", "high_tech_enterprises"),
    ("国家科技型中小企业入库210家", "tech_smes"),
    ("省级科技型企业累计640家", "tech_enterprises"),
    ("全社会R&D经费投入9.3亿元", "rd_expenditure"),
    ("研发投入强度2.4%", "rd_intensity"),
    ("技术合同交易额6.7亿元", "tech_contract_turnover"),
    ("高新技术产业产值320亿元", "high_tech_industry_output"),
    ("高新技术产业增加值95亿元", "high_tech_industry_value_added"),
    ("争取上级科技专项资金2600万元", "external_st_funding"),
    ("选派科技特派员45名", "st_commissioners"),
    ("建成星创天地4家", "incubation_platforms"),
    ("新建省级重点实验室2家", "key_laboratories"),
    ("新认定新型研发机构3家", "rd_centers"),
    ("命名科普教育基地6个", "science_popularization_bases"),
    ("登记科技成果58项", "tech_achievements"),
    ("引进高层次科技人才37人", "st_talent"),
    ("发放知识价值信用贷款1.8亿元", "tech_finance"),
    ("兑现企业奖补资金450万元", "enterprise_subsidies"),
    ("实施市级科技项目26项", "st_projects"),
    ("开展技术培训3200人次", "training_and_outreach"),
])
def test_synonyms(seeds, text, code):
    assert codes(seeds, text) == [code]


def test_unmatched_subject_keeps_null(seeds):
    assert codes(seeds, "走访村民家庭120户") == [None]


def test_counted_noun_after_the_unit(seeds):
    assert codes(seeds, "完成4个众创空间备案") == ["incubation_platforms"]
    assert codes(seeds, "建成18个村级服务站") == [None]


def test_generic_counted_noun_applying_is_not_the_indicator(seeds):
    assert codes(seeds, "推荐31家企业申报高新技术企业") == [None]
    assert codes(seeds, "已有6家企业成功申报为高新技术企业") == ["high_tech_enterprises"]


def test_topic_carries_to_the_next_clause(seeds):
    rows = facts(seeds, "组织17家企业申报高新技术企业，通过认定11家，总数达到64家。")
    assert [r["indicator"] for r in rows] == [None, "high_tech_enterprises", "high_tech_enterprises"]


def test_term_modifying_another_noun_is_not_the_subject(seeds):
    assert codes(seeds, "召开研发投入调度会4次") == [None]
    assert codes(seeds, "收集科技成果信息80条") == [None]


def test_coordinated_subjects_take_the_first(seeds):
    assert codes(seeds, "选派科技特派员、“三区”科技人才95人") == ["st_commissioners"]


def test_unit_must_fit_the_indicator(seeds):
    assert codes(seeds, "举办科技项目路演活动4场") == [None]          # 场次 is not a count of projects
    assert codes(seeds, "获得高新技术企业奖励资金300万元") == ["enterprise_subsidies"]


def test_attribute_clause_takes_the_previous_base(seeds):
    rows = facts(seeds, "全社会研发经费投入4.2亿元、强度达到1.9%；高新技术产业产值120亿元，增加值36亿元。")
    assert [r["indicator"] for r in rows] == ["rd_expenditure", "rd_intensity",
                                               "high_tech_industry_output", "high_tech_industry_value_added"]


def test_respectively_distributes_subjects(seeds):
    rows = facts(seeds, "星创天地、科普基地分别达到12家、30家，分别增长20%、25%。")
    assert [r["indicator"] for r in rows] == ["incubation_platforms", "science_popularization_bases"] * 2
    assert [r["measure"] for r in rows] == ["level", "level", "growth_rate", "growth_rate"]


def test_respectively_distributes_years(seeds):
    rows = facts(seeds, "组织企业申报2021年、2022年扶持政策，分别兑现企业奖补资金120万元、180万元。")
    assert [r["period_year"] for r in rows] == [2021, 2022]


def test_longer_term_at_the_end_of_a_word_run(seeds):
    assert codes(seeds, "全社会研发投入强度达到2.2%") == ["rd_intensity"]


def test_attribute_after_a_term_keeps_it(seeds):
    assert codes(seeds, "技术合同登记成交额8.1亿元") == ["tech_contract_turnover"]


def test_every_indicator_code_named_in_the_rule_tables_is_known(seeds):
    """A code mistyped in a rule table would put an unknown indicator into facts (a blocking check)."""
    known = set(seeds.indicators["code"])
    subjects = seeds.lexicon["subjects"]
    named = set()
    for table in ("not_indicator", "clause_patterns", "clause_overrides", "ratio_of"):
        named |= set(subjects.get(table, {}))
    named |= set(subjects.get("verb_indicators", {}).values())
    for remap in subjects.get("unit_remap", {}).values():
        named |= set(remap) | set(remap.values())
    named |= {target for target, _ in subjects.get("ratio_of", {}).values()}
    named |= set(seeds.lexicon["indicator_units"].get("by_indicator", {}))
    assert named and named <= known, named - known
