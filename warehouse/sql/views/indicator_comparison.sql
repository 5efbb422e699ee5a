-- indicator_comparison: bureaus as rows, the main indicators as columns, units in the column names.
-- GENERATED from seeds/indicators.csv by orchestration/assets/mart.py (comparison_sql);
-- regenerate with `uv run python -m orchestration.assets.mart`, do not edit by hand.
--
-- One row per bureau_key x period_year x status that has at least one indicator_mart row. A cell
-- is the mart's chosen value for that indicator and measure, in the unit of the column name
-- (low end of a range; null when the bureau states none, states it masked, or only in another
-- unit). Qualifiers (以上, 约 …), ranges and evidence are in indicator_mart.
--
-- Columns
--   bureau_key, bureau_label                 the bureau (see indicator_mart)
--   province, city, county                   its region (null when masked)
--   admin_level                              province / city / district / county
--   period_year                              the year the numbers are about
--   status                                   actual / target / estimate
--   indicators_stated                        how many indicators have a stated value in this row's mart rows
--   high_tech_enterprises_家                  高新技术企业, level, in 家
--   tech_smes_家                              科技型中小企业, level, in 家
--   tech_enterprises_家                       科技型企业, level, in 家
--   rd_expenditure_亿元                        全社会研发投入, level, in 亿元
--   rd_intensity_%                           研发投入强度, share, in %
--   tech_contract_turnover_亿元                技术合同成交额, level, in 亿元
--   high_tech_industry_output_亿元             高新技术产业产值, level, in 亿元
--   high_tech_industry_value_added_亿元        高新技术产业增加值, level, in 亿元
--   external_st_funding_亿元                   争取上级科技资金, level, in 亿元
--   st_commissioners_人                       科技特派员, level, in 人
--   incubation_platforms_家                   孵化平台, level, in 家
--   key_laboratories_家                       重点实验室, level, in 家
--   rd_centers_家                             研发平台, level, in 家
--   science_popularization_bases_家           科普基地, level, in 家
--   tech_achievements_项                      科技成果, level, in 项
--   st_talent_人                              科技人才, level, in 人
--   tech_finance_亿元                          科技金融, level, in 亿元
--   st_projects_项                            科技项目, level, in 项
--   enterprise_subsidies_亿元                  企业奖补资金, level, in 亿元
--   training_and_outreach_人次                 培训与科普活动, level, in 人次
--   high_tech_enterprises_increase_家         高新技术企业, increase (新增), in 家
--   tech_smes_increase_家                     科技型中小企业, increase (新增), in 家
--   tech_enterprises_increase_家              科技型企业, increase (新增), in 家
--   incubation_platforms_increase_家          孵化平台, increase (新增), in 家
--   key_laboratories_increase_家              重点实验室, increase (新增), in 家
--   rd_centers_increase_家                    研发平台, increase (新增), in 家
--   science_popularization_bases_increase_家  科普基地, increase (新增), in 家
--   rd_expenditure_growth_%                  全社会研发投入, growth rate (增长), in %
--   tech_contract_turnover_growth_%          技术合同成交额, growth rate (增长), in %
--   high_tech_industry_output_growth_%       高新技术产业产值, growth rate (增长), in %
--   high_tech_industry_value_added_growth_%  高新技术产业增加值, growth rate (增长), in %
--   external_st_funding_growth_%             争取上级科技资金, growth rate (增长), in %
--   tech_finance_growth_%                    科技金融, growth rate (增长), in %
--   enterprise_subsidies_growth_%            企业奖补资金, growth rate (增长), in %
CREATE OR REPLACE VIEW indicator_comparison AS
SELECT
    bureau_key,
    min(bureau_label) AS bureau_label,
    min(province) AS province,
    min(city) AS city,
    min(county) AS county,
    min(admin_level) AS admin_level,
    period_year,
    status,
    count(DISTINCT indicator) FILTER (WHERE value IS NOT NULL) AS indicators_stated,
    max(value) FILTER (WHERE indicator = 'high_tech_enterprises' AND measure = 'level' AND unit = '家') AS "high_tech_enterprises_家",
    max(value) FILTER (WHERE indicator = 'tech_smes' AND measure = 'level' AND unit = '家') AS "tech_smes_家",
    max(value) FILTER (WHERE indicator = 'tech_enterprises' AND measure = 'level' AND unit = '家') AS "tech_enterprises_家",
    max(value) FILTER (WHERE indicator = 'rd_expenditure' AND measure = 'level' AND unit = '亿元') AS "rd_expenditure_亿元",
    max(value) FILTER (WHERE indicator = 'rd_intensity' AND measure = 'share' AND unit = '%') AS "rd_intensity_%",
    max(value) FILTER (WHERE indicator = 'tech_contract_turnover' AND measure = 'level' AND unit = '亿元') AS "tech_contract_turnover_亿元",
    max(value) FILTER (WHERE indicator = 'high_tech_industry_output' AND measure = 'level' AND unit = '亿元') AS "high_tech_industry_output_亿元",
    max(value) FILTER (WHERE indicator = 'high_tech_industry_value_added' AND measure = 'level' AND unit = '亿元') AS "high_tech_industry_value_added_亿元",
    max(value) FILTER (WHERE indicator = 'external_st_funding' AND measure = 'level' AND unit = '亿元') AS "external_st_funding_亿元",
    max(value) FILTER (WHERE indicator = 'st_commissioners' AND measure = 'level' AND unit = '人') AS "st_commissioners_人",
    max(value) FILTER (WHERE indicator = 'incubation_platforms' AND measure = 'level' AND unit = '家') AS "incubation_platforms_家",
    max(value) FILTER (WHERE indicator = 'key_laboratories' AND measure = 'level' AND unit = '家') AS "key_laboratories_家",
    max(value) FILTER (WHERE indicator = 'rd_centers' AND measure = 'level' AND unit = '家') AS "rd_centers_家",
    max(value) FILTER (WHERE indicator = 'science_popularization_bases' AND measure = 'level' AND unit = '家') AS "science_popularization_bases_家",
    max(value) FILTER (WHERE indicator = 'tech_achievements' AND measure = 'level' AND unit = '项') AS "tech_achievements_项",
    max(value) FILTER (WHERE indicator = 'st_talent' AND measure = 'level' AND unit = '人') AS "st_talent_人",
    max(value) FILTER (WHERE indicator = 'tech_finance' AND measure = 'level' AND unit = '亿元') AS "tech_finance_亿元",
    max(value) FILTER (WHERE indicator = 'st_projects' AND measure = 'level' AND unit = '项') AS "st_projects_项",
    max(value) FILTER (WHERE indicator = 'enterprise_subsidies' AND measure = 'level' AND unit = '亿元') AS "enterprise_subsidies_亿元",
    max(value) FILTER (WHERE indicator = 'training_and_outreach' AND measure = 'level' AND unit = '人次') AS "training_and_outreach_人次",
    max(value) FILTER (WHERE indicator = 'high_tech_enterprises' AND measure = 'increase' AND unit = '家') AS "high_tech_enterprises_increase_家",
    max(value) FILTER (WHERE indicator = 'tech_smes' AND measure = 'increase' AND unit = '家') AS "tech_smes_increase_家",
    max(value) FILTER (WHERE indicator = 'tech_enterprises' AND measure = 'increase' AND unit = '家') AS "tech_enterprises_increase_家",
    max(value) FILTER (WHERE indicator = 'incubation_platforms' AND measure = 'increase' AND unit = '家') AS "incubation_platforms_increase_家",
    max(value) FILTER (WHERE indicator = 'key_laboratories' AND measure = 'increase' AND unit = '家') AS "key_laboratories_increase_家",
    max(value) FILTER (WHERE indicator = 'rd_centers' AND measure = 'increase' AND unit = '家') AS "rd_centers_increase_家",
    max(value) FILTER (WHERE indicator = 'science_popularization_bases' AND measure = 'increase' AND unit = '家') AS "science_popularization_bases_increase_家",
    max(value) FILTER (WHERE indicator = 'rd_expenditure' AND measure = 'growth_rate' AND unit = '%') AS "rd_expenditure_growth_%",
    max(value) FILTER (WHERE indicator = 'tech_contract_turnover' AND measure = 'growth_rate' AND unit = '%') AS "tech_contract_turnover_growth_%",
    max(value) FILTER (WHERE indicator = 'high_tech_industry_output' AND measure = 'growth_rate' AND unit = '%') AS "high_tech_industry_output_growth_%",
    max(value) FILTER (WHERE indicator = 'high_tech_industry_value_added' AND measure = 'growth_rate' AND unit = '%') AS "high_tech_industry_value_added_growth_%",
    max(value) FILTER (WHERE indicator = 'external_st_funding' AND measure = 'growth_rate' AND unit = '%') AS "external_st_funding_growth_%",
    max(value) FILTER (WHERE indicator = 'tech_finance' AND measure = 'growth_rate' AND unit = '%') AS "tech_finance_growth_%",
    max(value) FILTER (WHERE indicator = 'enterprise_subsidies' AND measure = 'growth_rate' AND unit = '%') AS "enterprise_subsidies_growth_%"
FROM indicator_mart
GROUP BY bureau_key, period_year, status
ORDER BY bureau_label, period_year, status;
