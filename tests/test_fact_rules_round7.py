"""Round-7 rules (second session); every sentence is written for this file."""

import pytest

from tests.fact_sentences import by_mention as facts, field


# ---------------------------------------------------------------- indicator: the counted noun after its level word
@pytest.mark.parametrize("text, mention, code", [
    ("全年新增3家省级重点实验室。", "3家", "key_laboratories"),
    ("建成2个国家级星创天地。", "2个", "incubation_platforms"),
    ("力争新增2家县级科普基地。", "2家", "science_popularization_bases"),
])
def test_a_level_word_between_the_unit_and_the_counted_noun(seeds, text, mention, code):
    assert field(seeds, text, mention, "indicator") == code


def test_a_level_word_before_a_generic_noun_names_no_indicator(seeds):
    assert field(seeds, "走访3家省级企业。", "3家", "indicator") is None


# ---------------------------------------------------------------- period: 到2025年 and years counted from the report's
def test_a_target_for_a_later_year_is_about_that_year(seeds):
    r = facts(seeds, "到2025年，全社会研发投入强度达到2.5%以上。", doc_type="plan", year=2024)["2.5%"]
    assert (r["period_year"], r["status"]) == (2025, "target")


def test_a_range_of_years_is_not_a_period(seeds):
    assert field(seeds, "2021至2025年，新增高企100家。", "100家", "period_year", doc_type="plan", year=2024) == 2024


def test_last_year_in_a_plan_is_a_past_result_and_this_year_a_target(seeds):
    rows = facts(seeds, "去年全县技术合同成交额达到3.2亿元，今年目标5亿元。", doc_type="plan", year=2024)
    assert (rows["3.2亿元"]["period_year"], rows["3.2亿元"]["status"]) == (2023, "actual")
    assert (rows["5亿元"]["period_year"], rows["5亿元"]["status"]) == (2024, "target")


def test_this_year_after_a_past_year_in_a_plan(seeds):
    r = facts(seeds, "2023年我市高新技术企业达到520家，今年力争突破600家。", doc_type="plan", year=2024)["600家"]
    assert (r["period_year"], r["status"]) == (2024, "target")


@pytest.mark.parametrize("text, mention, year", [
    ("去年全区高新技术企业为42家。", "42家", 2022),
    ("全区高新技术企业达到56家，比去年增加14家。", "14家", 2023),
    ("技术合同成交额较去年同期增长12%。", "12%", 2023),
])
def test_relative_years_in_a_summary(seeds, text, mention, year):
    assert field(seeds, text, mention, "period_year", year=2023) == year


# ---------------------------------------------------------------- masked numbers (document sites mask every figure)
def test_a_masked_rank_is_no_fact(seeds):
    rows = facts(seeds, "全区科技型中小企业较去年增加**家，数量全市第*位，排名第**名。")
    assert list(rows) == ["**家"]


@pytest.mark.parametrize("text, mention, qualifier", [
    ("力争新增高企不少于**家。", "**家", "gte"),
    ("争取上级资金**余万元。", "**余万元", "gt"),
    ("认定企业X家以上。", "X家", "gte"),
])
def test_a_masked_number_keeps_its_qualifier(seeds, text, mention, qualifier):
    r = facts(seeds, text)[mention]
    assert (r["value"], r["qualifier"]) == (None, qualifier)


# ---------------------------------------------------------------- indicator: a comparison basis names no subject
@pytest.mark.parametrize("text, mention, code", [
    ("全社会研发投入367.1亿元，同口径增长17.1%。", "17.1%", "rd_expenditure"),
    ("高新技术产业增加值56亿元，按可比价格计算增长8.5%。", "8.5%", "high_tech_industry_value_added"),
])
def test_a_growth_on_a_comparable_basis_keeps_the_subject(seeds, text, mention, code):
    assert field(seeds, text, mention, "indicator") == code


# ---------------------------------------------------------------- 分别 over listed items that are not all terms
def test_a_listed_item_without_a_term_after_the_terms_names_another_thing(seeds):
    rows = facts(seeds, "高新技术企业、科技型中小企业、专精特新“小巨人”企业分别达到402家、986家、21家，分别增长18.2%、24.5%、40%。")
    assert [rows[m]["indicator"] for m in ("402家", "986家", "21家")] == ["high_tech_enterprises", "tech_smes", None]
    assert [rows[m]["indicator"] for m in ("18.2%", "24.5%", "40%")] == ["high_tech_enterprises", "tech_smes", None]


def test_listed_modifiers_share_the_head_term_after_them(seeds):
    rows = facts(seeds, "全区拥有国家级、市级重点实验室分别为2家、21家。")
    assert rows["2家"]["indicator"] == rows["21家"]["indicator"] == "key_laboratories"


# ---------------------------------------------------------------- indicator: the bureau's own cadres trained
@pytest.mark.parametrize("text, mention", [
    ("全年组织干部业务培训6期以上，培训干部600人次以上。", "6期"),
    ("全年组织干部业务培训6期以上，培训干部600人次以上。", "600人次"),
    ("组织党员干部参加集中学习培训9期。", "9期"),
])
def test_training_the_bureaus_own_cadres_is_no_outreach(seeds, text, mention):
    assert field(seeds, text, mention, "indicator") is None


def test_training_farmers_and_village_cadres_is_outreach(seeds):
    assert field(seeds, "培训村干部和农民3200人次。", "3200人次", "indicator") == "training_and_outreach"


# ---------------------------------------------------------------- indicator: money received for projects won from above
@pytest.mark.parametrize("text, mention", [
    ("争取省重大科技专项4项，获支持资金4,600万元。", "4,600万元"),
    ("其中，省重点研发计划项目3项，获得资金650万元。", "650万元"),
    ("全年争取省、市科技项目21项，到位资金965万元。", "965万元"),
])
def test_money_received_for_projects_won_from_above_is_external_funding(seeds, text, mention):
    assert field(seeds, text, mention, "indicator") == "external_st_funding"


def test_money_the_bureau_arranges_for_its_own_projects_is_not(seeds):
    assert field(seeds, "立项市级科技计划项目50项，安排资金800万元。", "800万元", "indicator") is None


# ---------------------------------------------------------------- indicator: a rate of enterprises with R&D institutions
@pytest.mark.parametrize("text, mention", [
    ("大中型工业企业研发机构建有率达92%。", "92%"),
    ("全区规上工业企业中有研发机构的企业占比达到46.2%，较上年提高3.5个百分点。", "46.2%"),
    ("全区规上工业企业中有研发机构的企业占比达到46.2%，较上年提高3.5个百分点。", "3.5个百分点"),
])
def test_a_rate_of_enterprises_with_rd_institutions_is_no_rd_centre_count(seeds, text, mention):
    assert field(seeds, text, mention, "indicator") is None


# ---------------------------------------------------------------- status and period: baselines, tasks, nearest cue
def test_a_plans_baseline_year_is_only_the_baselines_period(seeds):
    text = "在2020年全县高新技术企业达到56家的基础上，力争新认定高新技术企业12家以上；全年入库科技型中小企业90家以上。"
    rows = facts(seeds, text, doc_type="plan", year=2021)
    assert (rows["56家"]["period_year"], rows["56家"]["status"]) == (2020, "actual")
    assert (rows["12家"]["period_year"], rows["12家"]["status"]) == (2021, "target")
    assert (rows["90家"]["period_year"], rows["90家"]["status"]) == (2021, "target")


def test_a_year_compared_to_names_no_period(seeds):
    assert field(seeds, "技术合同成交额达到6.35亿元，是2022年的1.8倍，完成全年目标任务的158.8%。", "158.8%",
                 "period_year", year=2023) == 2023


@pytest.mark.parametrize("text, mention, status", [
    ("全县科技型中小企业入库142家，完成市下达任务(110家)的129.1%。", "110家", "target"),
    ("全县科技型中小企业入库142家，完成市下达任务(110家)的129.1%。", "129.1%", "actual"),
    ("技术合同交易额完成2.35亿元，为市上下达任务1.8亿元的130.6%。", "1.8亿元", "target"),
    ("完成投资65.2亿元，占全年计划的108.7%。", "108.7%", "actual"),
    ("预计全年净增高企110家左右，力争年底前高新技术企业突破1,000家大关。", "110家", "estimate"),
    ("预计全年净增高企110家左右，力争年底前高新技术企业突破1,000家大关。", "1,000家", "target"),
])
def test_status_of_tasks_and_of_the_nearest_cue(seeds, text, mention, status):
    assert field(seeds, text, mention, "status") == status


# ---------------------------------------------------------------- ranges with the unit on both ends; 最高; 新评价 / 新入选
@pytest.mark.parametrize("text, mention, low, high, unit", [
    ("技术合同成交额同比增长15%—20%。", "15%—20%", 15, 20, "%"),
    ("新增高企5家—8家。", "5家—8家", 5, 8, "家"),
])
def test_a_range_with_the_unit_on_both_ends(seeds, text, mention, low, high, unit):
    r = facts(seeds, text)[mention]
    assert (r["value"], r["value_high"], r["unit"], r["qualifier"]) == (low, high, unit, "range")


def test_units_that_differ_make_no_range(seeds):
    assert sorted(facts(seeds, "签约企业10家、项目—15项。")) == ["10家", "15项"]
    assert sorted(facts(seeds, "签约企业10家—15项。")) == ["10家", "15项"]


def test_an_upper_limit(seeds):
    assert field(seeds, "对研发投入增量给予最高500万元奖励。", "500万元", "qualifier") == "lte"


@pytest.mark.parametrize("text, mention", [
    ("全年新评价雏鹰企业218家、瞪羚企业27家。", "218家"),
    ("全年新评价雏鹰企业218家、瞪羚企业27家。", "27家"),
    ("新入选省级科技创新领军人才2人。", "2人"),
])
def test_newly_rated_or_selected_is_an_increase(seeds, text, mention):
    assert field(seeds, text, mention, "measure") == "increase"


# ---------------------------------------------------------------- indicator: conventions most annotators kept
@pytest.mark.parametrize("text, mention, code", [
    # only a 重点实验室 is a key laboratory (heldout README): 省实验室, 联合实验室 and named laboratories are not
    ("新认定省级国际联合实验室15家。", "15家", None),
    ("年内力争再挂牌建设省实验室2—3家。", "2—3家", None),
    ("新建省级重点实验室2家。", "2家", "key_laboratories"),
    # money for talent is no subsidy to enterprises; 政策资金 paid out is
    ("兑现人才奖补资金4800万元。", "4800万元", None),
    ("全年兑现各级科技创新政策资金1.36亿元。", "1.36亿元", "enterprise_subsidies"),
    ("撬动社会资本投资科技型企业10亿元以上。", "10亿元", "tech_finance"),
    # industrial upgrading projects are no S&T projects unless called so
    ("实施智能化改造和数字化转型项目320个。", "320个", None),
    ("组织实施区级数字化转型科技示范项目18个。", "18个", "st_projects"),
    ("发放苏科贷5.8亿元，惠及科技型企业126家。", "126家", None),
    ("培育中原学者3—5名。", "3—5名", "st_talent"),
    ("入选省“双创计划”7人。", "7人", "st_talent"),
    # a term inside a document's title names nothing counted
    ("制定出台《曲靖市科技计划项目管理办法》等制度文件5个。", "5个", None),
])
def test_indicator_conventions(seeds, text, mention, code):
    assert field(seeds, text, mention, "indicator") == code


# ---------------------------------------------------------------- masks as document sites write them
@pytest.mark.parametrize("text, mention", [
    ("全区高新技术产业增加值完成xx亿元。", "xx亿元"),
    ("我区全社会研发投入为x.xx亿元。", "x.xx亿元"),
    ("技术合同成交额达X6.X亿元。", "X6.X亿元"),
    ("技术合同成交额达16.X亿元。", "16.X亿元"),
    ("研发投入强度达到x.x%。", "x.x%"),
])
def test_a_wholly_or_partly_masked_figure_has_no_value(seeds, text, mention):
    r = facts(seeds, text)[mention]
    assert r["value"] is None and r["placeholder"] == "masked"


def test_a_multiplication_sign_between_digits_is_no_mask(seeds):
    assert facts(seeds, "提供7×24小时服务，新增企业××家。").keys() == {"××家"}


# ---------------------------------------------------------------- achieved shares and explicit additions
def test_a_rate_right_after_the_task_is_how_much_was_achieved(seeds):
    rows = facts(seeds, "新培育认定高新技术企业4家，总量达8家，完成年度目标任务160%。")
    assert rows["160%"]["status"] == "actual"


@pytest.mark.parametrize("text, mention, measure", [
    ("科技型中小企业入库新增5家，总量达20家。", "5家", "increase"),
    ("全年新建5G基站326个，累计建成1012个。", "1012个", "level"),
])
def test_an_explicit_addition_right_before_the_number(seeds, text, mention, measure):
    assert field(seeds, text, mention, "measure") == measure


# ---------------------------------------------------------------- a gap to a named reference
@pytest.mark.parametrize("text, mention, status", [
    ("全市高新技术产业增加值增长7.7%，高于规上工业增加值增速0.1个百分点。", "0.1个百分点", "actual"),
    ("高新技术产业投资增速达到23.8%，高于工业投资12.8个百分点。", "12.8个百分点", "actual"),
    ("技术交易额增速144.9%，超出高线目标105个百分点。", "105个百分点", "actual"),
])
def test_a_gap_to_a_named_reference_is_a_difference(seeds, text, mention, status):
    r = facts(seeds, text)[mention]
    assert (r["measure"], r["status"]) == ("difference", status)


def test_a_gap_keeps_the_subject_for_the_share_after_it(seeds):
    text = "全市实现高新技术产业增加值630.4亿元、增长7.7%，高于规上工业增加值增速0.1个百分点，占规上工业增加值的56.83%。"
    assert field(seeds, text, "56.83%", "indicator") == "high_tech_industry_value_added"


def test_a_title_naming_both_parts_is_no_plan_heading(seeds):
    text = "科技局2020年度工作总结及2021年工作思路\n今年累计发放科技金融贷款20笔6150万元。"
    r = facts(seeds, text, doc_type="summary_and_plan", year=2020)["6150万元"]
    assert (r["status"], r["period_year"]) == ("actual", 2020)


# ---------------------------------------------------------------- round 8 (blind set l)
@pytest.mark.parametrize("text, mention, code", [
    ("获批国家自然科学基金项目4156项，资助经费23.4亿元。", "23.4亿元", "external_st_funding"),
    ("对到期的37个项目开展结题验收，收回、核减项目资金86万元。", "86万元", None),
    ("从驻永高校选派科技人员45名到企业担任“科技副总”。", "45名", None),
    ("全省选派科技特派员1.6万人，其中“三区”科技人才2400名。", "2400名", "st_commissioners"),
    ("其中，企业买入技术成交额3912亿元。", "3912亿元", "tech_contract_turnover"),
    ("带动社会资本投向科技型企业超过600亿元。", "600亿元", "tech_finance"),
    ("积极向省科技厅争取科技抗疫应急项目2项。", "2项", "st_projects"),
    ("全年新增国际科技合作项目11项。", "11项", None),
    ("全年开展入库辅导不少于10次。", "10次", "training_and_outreach"),
])
def test_round8_indicators(seeds, text, mention, code):
    assert field(seeds, text, mention, "indicator") == code


def test_a_count_of_research_tasks_is_no_target(seeds):
    r = facts(seeds, "承担国家和省级重大科研任务1100余项。")["1100余项"]
    assert (r["status"], r["indicator"]) == ("actual", "st_projects")


def test_a_narrowed_gap_is_a_difference(seeds):
    assert field(seeds, "与全国平均水平的差距缩小至0.21个百分点。", "0.21个百分点", "measure") == "difference"


# ---------------------------------------------------------------- registers and parts across a sentence end
def test_enterprises_rated_into_the_register_are_tech_smes(seeds):
    assert field(seeds, "全市共有1348家企业通过评价入库，居全省第二位。", "1348家", "indicator") == "tech_smes"
    assert field(seeds, "全年评价入库60家以上。", "60家", "indicator", doc_type="plan") == "tech_smes"


def test_parts_after_a_sentence_end_keep_the_totals_indicator(seeds):
    rows = facts(seeds, "全市高新技术企业达到286家；其中，麒麟区、沾益区、宣威市分别达到96家、39家、42家。")
    assert {rows[m]["indicator"] for m in ("96家", "39家", "42家")} == {"high_tech_enterprises"}


def test_a_part_after_its_own_cue_clause(seeds):
    assert field(seeds, "全市高新技术企业达到286家，其中，麒麟区96家。", "96家", "indicator") == "high_tech_enterprises"


# ---------------------------------------------------------------- shares: cuts and terms ending in a share word
@pytest.mark.parametrize("text, mention", [
    ("项目申报材料精简40%以上。", "40%"),
    ("推行不见面审批，压缩审批时限50%以上。", "50%"),
    ("全社会研发经费投入达到6.2亿元，同比增长15.3%，研发投入强度0.66%。", "0.66%"),
])
def test_shares(seeds, text, mention):
    assert field(seeds, text, mention, "measure") == "share"


# ---------------------------------------------------------------- a report written in traditional characters
def test_a_traditional_report_is_read_in_simplified_characters_and_shown_as_written(seeds):
    import polars as pl

    from transforms.facts import build_facts
    from transforms.sections import build_sections

    text = "一、主要指標完成情況\n全年新認定高新技術企業52家，技術合同成交額達到3.5億元，研發經費投入強度達到2.5%。"
    docs = pl.DataFrame({"doc": ["t"], "text": [text], "doc_type": ["summary"], "report_year": [2021]})
    secs = build_sections(docs, seeds)
    assert secs["heading"].to_list() == ["一、主要指標完成情況"]
    rows = {r["mention"]: r for r in build_facts(docs, secs, seeds).to_dicts()}
    assert rows["3.5億元"]["indicator"] == "tech_contract_turnover" and rows["3.5億元"]["value"] == 3.5
    assert rows["52家"]["indicator"] == "high_tech_enterprises" and rows["52家"]["measure"] == "increase"
    assert rows["2.5%"]["indicator"] == "rd_intensity"
    assert "技術合同成交額" in rows["3.5億元"]["sentence"]


def test_a_traditional_character_that_is_also_simplified_is_read_only_in_a_traditional_report(seeds):
    import polars as pl

    from transforms.facts import build_facts

    text = "一是研發投入總量偏小，研發投入強度低於全省平均水平0.3個百分點。"
    docs = pl.DataFrame({"doc": ["t"], "text": [text], "doc_type": ["summary"], "report_year": [2021]})
    r = build_facts(docs, pl.DataFrame(), seeds).to_dicts()[0]
    assert (r["mention"], r["measure"], r["indicator"]) == ("0.3個百分點", "difference", "rd_intensity")


# ---------------------------------------------------------------- round 11 (blind sets o, p)
@pytest.mark.parametrize("text, mention, code", [
    ("新设立天使投资基金1支，规模5000万元。", "1支", None),
    ("市科技成果转化引导基金累计投资项目14个。", "14个", "tech_finance"),
    ("选派科技特派团45个、科技特派员386名。", "45个", None),
    ("选派科技特派团45个、科技特派员386名。", "386名", "st_commissioners"),
    ("新增省“双千计划”人选7人。", "7人", "st_talent"),
    ("遴选“专精特新”科技型企业100家进行重点培育。", "100家", None),
    ("确保项目结题率达到95%以上。", "95%", None),
    ("立项支持应急科技攻关项目8项，投入市级科技资金260万元。", "260万元", None),
    ("帮助市内12家科技型企业协调解决复工复产中的问题。", "12家", None),
    ("年接待科普研学游客50万人次左右。", "50万人次", "training_and_outreach"),
])
def test_round11_indicators(seeds, text, mention, code):
    assert field(seeds, text, mention, "indicator") == code


def test_a_year_things_date_from_names_no_period(seeds):
    assert field(seeds, "对2020年以来立项的县级科技项目开展全面清理，确保项目结题率达到95%以上。", "95%",
                 "period_year", doc_type="plan", year=2023) == 2023


def test_a_past_year_governs_its_whole_year(seeds):
    r = field(seeds, "2021年，全省科技工作取得明显成效：全年新增高新技术企业683家。", "683家", "status",
              doc_type="plan", year=2022)
    assert r == "actual"


def test_an_upper_limit_with_a_verb_between(seeds):
    assert field(seeds, "单个项目最高支持500万元。", "500万元", "qualifier") == "lte"


def test_a_change_in_applications_is_not_the_indicator(seeds):
    assert field(seeds, "组织申报高新技术企业XX家，较去年同期增加23家。", "23家", "indicator") is None


@pytest.mark.parametrize("text, mention", [
    ("科技特派员领办创办经济实体154个。", "154个"),
    ("五邑大学等2家新型研发机构通过省级备案。", "2家"),
])
def test_set_up_and_filed_are_additions(seeds, text, mention):
    assert field(seeds, text, mention, "measure") == "increase"


def test_a_table_row_of_additions_counts_an_increase(seeds):
    import polars as pl

    from transforms.facts import build_facts

    text = "指标\t单位\t目标值\t完成值\n新增省级以上研发平台\t个\t8\t10\n"
    docs = pl.DataFrame({"doc": ["t"], "text": [text], "doc_type": ["summary"], "report_year": [2021]})
    rows = {r["mention"]: r for r in build_facts(docs, pl.DataFrame(), seeds).to_dicts()}
    assert (rows["8"]["status"], rows["8"]["measure"]) == ("target", "increase")
    assert (rows["10"]["status"], rows["10"]["measure"], rows["10"]["indicator"]) == ("actual", "increase", "rd_centers")


# ---------------------------------------------------------------- round 13 (blind sets q, r)
@pytest.mark.parametrize("text, mention, code", [
    ("全区高新技术产品产值达到1186亿元，同比增长8.7%。", "1186亿元", "high_tech_industry_output"),
    ("举办银企对接会4场，帮助企业获得授信12.3亿元。", "12.3亿元", "tech_finance"),
    ("组织开展企业科技人员培训12场，受训人员860人次。", "860人次", "training_and_outreach"),
    ("开展科普进社区、进校园、进企业等活动30余场。", "30余场", "training_and_outreach"),
    ("推动科技型中小企业享受研发费用加计扣除比例提高至100%。", "100%", None),
])
def test_round13_indicators(seeds, text, mention, code):
    assert field(seeds, text, mention, "indicator") == code


# ---------------------------------------------------------------- round 14 (blind sets s, t)
@pytest.mark.parametrize("text, mention, code", [
    ("高新技术企业保有量达到135家。", "135家", "high_tech_enterprises"),
    ("全年新增国家级重大人才工程入选者26人。", "26人", "st_talent"),
    ("新入选省“双创计划”人才52人、双创团队4个。", "4个", "st_talent"),
    ("安排州级科技计划项目资金1200万元，支持项目85项。", "85项", "st_projects"),
    ("对考核优秀的科技特派员给予每人2000元奖励。", "2000元", None),
])
def test_round14_indicators(seeds, text, mention, code):
    assert field(seeds, text, mention, "indicator") == code
