-- indicator_catalog: the indicator codes and how much of the warehouse speaks about each.
-- One row per code of `indicators` (seeds/indicators.csv), reported or not.
--
-- Columns
--   code                 indicator code (the `indicator` of facts and indicator_mart)
--   name_zh              Chinese name (高新技术企业, 全社会研发投入, …)
--   unit                 canonical unit of the indicator's level (家, 亿元, %, 人, 项, 人次)
--   description          what counts, in the reports' wording
--   bureaus              number of bureaus (bureau_key) stating at least one value of it
--   bureaus_with_actual  of those, bureaus stating an actual value
--   bureaus_with_target  of those, bureaus stating a target
--   mart_rows            indicator_mart rows of the code (stated, masked or blank)
--   facts                facts behind those rows (sum of supporting_facts)
--   first_year           earliest period_year in the mart (null: none)
--   last_year            latest period_year in the mart
--   measures             the measures stated, comma-separated (level, increase, growth_rate, …)
CREATE OR REPLACE VIEW indicator_catalog AS
SELECT
    i.code,
    i.name_zh,
    i.unit,
    i.description,
    count(DISTINCT m.bureau_key) FILTER (WHERE m.value IS NOT NULL) AS bureaus,
    count(DISTINCT m.bureau_key) FILTER (WHERE m.value IS NOT NULL AND m.status = 'actual') AS bureaus_with_actual,
    count(DISTINCT m.bureau_key) FILTER (WHERE m.value IS NOT NULL AND m.status = 'target') AS bureaus_with_target,
    count(m.bureau_key) AS mart_rows,
    CAST(coalesce(sum(m.supporting_facts), 0) AS BIGINT) AS facts,
    min(m.period_year) AS first_year,
    max(m.period_year) AS last_year,
    string_agg(DISTINCT m.measure, ', ' ORDER BY m.measure) AS measures
FROM indicators AS i
LEFT JOIN indicator_mart AS m ON m.indicator = i.code
GROUP BY i.code, i.name_zh, i.unit, i.description
ORDER BY bureaus DESC, mart_rows DESC, i.code;
