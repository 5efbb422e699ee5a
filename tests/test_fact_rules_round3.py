"""Round-3 rules for status, measure, period and indicator; every sentence is written for this file."""

import polars as pl

from tests.fact_sentences import extract as facts


def by_mention(rows):
    return {r["mention"]: r for r in rows}


def sections_of(text, headings, parts):
    rows, starts = [], [text.index(h) for h in headings]
    for i, (h, a) in enumerate(zip(headings, starts)):
        b = starts[i + 1] if i + 1 < len(starts) else len(text)
        rows.append({"doc": "r", "section_id": f"r#s{i + 1}", "level": 1, "heading": h, "span_start": a,
                     "span_end": b, "part": parts[i], "period_year": None})
    return pl.DataFrame(rows)


# ---------------------------------------------------------------- period and status
def test_a_paragraph_opened_by_a_past_year_in_a_plan_reports_that_year(seeds):
    text = "2023年，全镇科技工作稳步推进。全年新认定科技型企业14家。2024年，力争新认定科技型企业20家。"
    r = by_mention(facts(seeds, text, doc_type="plan", year=2024))
    assert (r["14家"]["status"], r["14家"]["period_year"]) == ("actual", 2023)
    assert (r["20家"]["status"], r["20家"]["period_year"]) == ("target", 2024)


def test_this_year_overrides_the_paragraph_year(seeds):
    text = "2023年，全镇已有众创空间3家。今年力争新建众创空间2家。"
    r = by_mention(facts(seeds, text, doc_type="plan", year=2024))
    assert (r["2家"]["status"], r["2家"]["period_year"]) == ("target", 2024)


def test_a_second_half_plan_is_about_the_report_year(seeds):
    text = "一、上半年工作情况\n新增星创天地1家。\n二、下半年工作安排\n力争新增星创天地2家。"
    secs = sections_of(text, ["一、上半年工作情况", "二、下半年工作安排"], ["summary", "plan"])
    rows = facts(seeds, text, doc_type="summary_and_plan", year=2023, sections=secs)
    assert [(r["status"], r["period_year"]) for r in rows] == [("actual", 2023), ("target", 2023)]


def test_a_looking_ahead_sentence_in_a_report_is_next_year(seeds):
    r = facts(seeds, "下一步，我们将持续发力，新增科技型企业60家以上。", doc_type="report", year=2022)[0]
    assert (r["status"], r["period_year"]) == ("target", 2023)


def test_a_share_of_a_target_achieved_is_actual(seeds):
    r = facts(seeds, "全区专利授权量完成市下达目标任务的108%。", doc_type="summary", year=2023)[0]
    assert (r["status"], r["measure"]) == ("actual", "share")


def test_a_year_inside_a_title_is_not_the_period(seeds):
    r = facts(seeds, "印发《科技型企业培育方案(2021—2025年)》,对入库企业每家补助3万元。", year=2021)[0]
    assert r["period_year"] == 2021


# ---------------------------------------------------------------- measure
def test_raised_over_last_year_in_points_is_an_increase_not_a_difference(seeds):
    rows = by_mention(facts(seeds, "全市研发投入强度达到2.1%,比上年提高0.15个百分点。"))
    assert rows["0.15个百分点"]["measure"] == "increase"
    rows = by_mention(facts(seeds, "转化率占比比重较上年提高3个百分点。"))
    assert rows["3个百分点"]["measure"] == "increase"


def test_a_gap_to_the_average_stays_a_difference(seeds):
    r = facts(seeds, "研发投入强度比全省平均水平高0.3个百分点。")[0]
    assert r["measure"] == "difference"


def test_raised_to_a_percentage_is_a_share(seeds):
    r = facts(seeds, "企业研发费用加计扣除比例提高到100%。")[0]
    assert r["measure"] == "share"


def test_yield_gain_is_a_growth_rate(seeds):
    r = facts(seeds, "示范田小麦亩均增产12%。")[0]
    assert r["measure"] == "growth_rate"


def test_co_building_and_newly_registered_are_increases(seeds):
    rows = by_mention(facts(seeds, "与高校院所共建研究院3个,新评价入库科技型中小企业25家。"))
    assert rows["3个"]["measure"] == "increase" and rows["3个"]["indicator"] == "rd_centers"
    assert rows["25家"]["measure"] == "increase" and rows["25家"]["indicator"] == "tech_smes"


def test_respectively_are_levels(seeds):
    rows = facts(seeds, "新认定市级科普基地2家,全县省、市两级科普基地分别为5家和11家。")
    assert [r["measure"] for r in rows] == ["increase", "level", "level"]


def test_an_incubation_area_is_not_an_increase(seeds):
    rows = by_mention(facts(seeds, "新认定众创空间2家,全县孵化场地面积约8万平方米。"))
    assert rows["8万平方米"]["measure"] == "level"


# ---------------------------------------------------------------- indicator
def test_the_bureaus_own_allocation_is_not_external_funding(seeds):
    r = facts(seeds, "县级科技计划安排专项资金600万元。")[0]
    assert r["indicator"] is None
    r = facts(seeds, "争取省级科技专项资金800万元。")[0]
    assert r["indicator"] == "external_st_funding"


def test_money_won_from_above_is_external_funding_whatever_it_is_called(seeds):
    r = facts(seeds, "争取省级研发后补助资金120万元。")[0]
    assert r["indicator"] == "external_st_funding"
    rows = by_mention(facts(seeds, "全年争取省级以上科技项目31项,争取资金2,600万元,其中国家级项目4项、资金900万元。"))
    assert rows["2,600万元"]["indicator"] == "external_st_funding"
    assert rows["4项"]["indicator"] == "st_projects"
    assert rows["900万元"]["indicator"] == "external_st_funding"


def test_a_part_listed_after_its_total_keeps_the_total_indicator(seeds):
    rows = facts(seeds, "全县选派科技特派员75名,其中省级5名、市级20名、县级50名。")
    assert [r["indicator"] for r in rows] == ["st_commissioners"] * 4


def test_enterprise_rd_is_not_society_wide_rd(seeds):
    r = facts(seeds, "全县规上工业企业研发经费支出3.2亿元。")[0]
    assert r["indicator"] is None


def test_a_percentage_of_gdp_of_rd_spending_is_rd_intensity(seeds):
    rows = by_mention(facts(seeds, "全社会R&D经费投入12.5亿元,占GDP比重2.4%,较上年提高0.2个百分点。"))
    assert rows["2.4%"]["indicator"] == "rd_intensity"
    assert rows["0.2个百分点"]["indicator"] == "rd_intensity"


def test_changes_after_respectively_follow_the_listed_quantities(seeds):
    rows = facts(seeds, "全市R&D经费投入9.6亿元,投入强度1.8%,分别较上年增长11.2%和提高0.1个百分点。", year=2022)
    assert [r["indicator"] for r in rows] == ["rd_expenditure", "rd_intensity", "rd_expenditure", "rd_intensity"]


def test_innovation_vouchers_and_rewards_to_enterprises_are_subsidies(seeds):
    assert facts(seeds, "全年发放科技创新券150万元。")[0]["indicator"] == "enterprise_subsidies"
    assert facts(seeds, "对首次认定的高新技术企业给予15万元奖励。")[0]["indicator"] == "enterprise_subsidies"
    assert facts(seeds, "对绩效优秀的众创空间每家奖励10万元。")[0]["indicator"] is None


def test_financing_for_tech_firms_is_tech_finance(seeds):
    assert facts(seeds, "帮助科技型企业融资3000万元。")[0]["indicator"] == "tech_finance"


def test_project_acceptance_and_transfer_projects_are_projects(seeds):
    assert facts(seeds, "全年完成项目验收12项。")[0]["indicator"] == "st_projects"
    assert facts(seeds, "实施市级科技成果转化项目18项。")[0]["indicator"] == "st_projects"
    assert facts(seeds, "实施技改项目9个。")[0]["indicator"] is None


def test_teams_brought_in_are_talent(seeds):
    assert facts(seeds, "柔性引进院士专家团队4个。")[0]["indicator"] == "st_talent"
    assert facts(seeds, "新引进“雏鹰”团队7个。")[0]["indicator"] == "st_talent"


def test_training_classes_and_science_week_events_are_outreach(seeds):
    assert facts(seeds, "举办农民培训班24期。")[0]["indicator"] == "training_and_outreach"
    assert facts(seeds, "开展科技“三下乡”活动9次。")[0]["indicator"] == "training_and_outreach"


def test_an_enterprise_reserve_pool_is_not_the_indicator(seeds):
    r = facts(seeds, "建立高新技术企业后备培育库,入库企业75家。")
    assert r[0]["indicator"] is None


def test_an_increase_over_the_same_period_keeps_the_subject(seeds):
    rows = facts(seeds, "有效期内高新技术企业达到310家,比去年同期净增42家。")
    assert [r["indicator"] for r in rows] == ["high_tech_enterprises", "high_tech_enterprises"]
    assert rows[1]["measure"] == "increase"


def test_output_of_the_high_tech_industry_with_a_verb_between(seeds):
    r = facts(seeds, "全县高新技术产业实现营业收入86亿元。")[0]
    assert r["indicator"] == "high_tech_industry_output"
