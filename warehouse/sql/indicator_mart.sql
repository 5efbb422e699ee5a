-- indicator_mart: one row per bureau (document) x indicator x period_year x status x measure.
-- When a report states the same key more than once, the row keeps one fact:
--   1. a fact in the indicator's canonical unit before one in another unit,
--   2. a stated value before a masked or blank one,
--   3. the largest value (a report's total before its parts),
--   4. the first stated.
-- `supporting_facts` counts every fact of the key.
CREATE OR REPLACE TABLE indicator_mart AS
WITH candidates AS (
    SELECT
        f.*,
        i.unit AS indicator_unit,
        count(*) OVER key AS supporting_facts,
        row_number() OVER (
            PARTITION BY f.doc, f.indicator, f.period_year, f.status, f.measure
            ORDER BY (f.unit = i.unit) DESC, (f.value IS NULL), f.value DESC, f.span_start
        ) AS preference
    FROM facts AS f
    JOIN indicators AS i ON i.code = f.indicator
    WINDOW key AS (PARTITION BY f.doc, f.indicator, f.period_year, f.status, f.measure)
)
SELECT
    c.doc,
    d.bureau,
    d.province,
    d.city,
    d.county,
    d.admin_level,
    d.doc_type,
    d.report_year,
    c.indicator,
    c.period_year,
    c.status,
    c.measure,
    c.value,
    c.value_high,
    c.unit,
    c.qualifier,
    c.supporting_facts,
    c.fact_id,
    c.mention,
    c.span_start,
    c.span_end,
    c.sentence
FROM candidates AS c
JOIN documents AS d USING (doc)
WHERE c.preference = 1
ORDER BY c.doc, c.indicator, c.period_year, c.status, c.measure;
