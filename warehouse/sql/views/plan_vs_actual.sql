-- plan_vs_actual: a bureau's target for a year beside its actual for that year, when both exist.
-- One row per bureau_key x indicator x period_year x measure x unit that has a stated target
-- (status target) and a stated outcome (status actual, else estimate) in indicator_mart. Targets
-- and outcomes may come from different reports of the same bureau (a 2022 plan and a 2022 summary).
-- Rows without a year or without a stated value on either side are left out.
--
-- Columns
--   bureau_key, bureau_label   the bureau (see indicator_mart)
--   indicator                  indicator code
--   indicator_name             its Chinese name
--   period_year                the year both numbers are about
--   measure                    level / increase / growth_rate / share / difference
--   unit                       the unit of both numbers (亿元, %, 家, …)
--   target_value               the target (low end of a range)
--   target_value_high          high end of a target range (1-2家), else null
--   target_qualifier           eq / gte / gt / approx / lte / range, of the target (gte: 以上, 不低于)
--   actual_status              actual, or estimate (预计) when the bureau states no actual
--   actual_value               the outcome
--   actual_qualifier           qualifier of the outcome
--   gap                        actual_value - target_value, in `unit` (negative: short of target)
--   ratio                      actual_value / target_value (1.0 = exactly met; null when target is 0)
--   met                        true when the outcome reaches the target: actual <= target for an
--                              lte target (不超过), actual >= target (low end) otherwise
--   target_doc, target_mention evidence of the target (report and the mention as written)
--   actual_doc, actual_mention evidence of the outcome
CREATE OR REPLACE VIEW plan_vs_actual AS
WITH targets AS (
    SELECT * FROM indicator_mart
    WHERE status = 'target' AND period_year IS NOT NULL AND value IS NOT NULL
),
outcomes AS (
    SELECT *,
        row_number() OVER (
            PARTITION BY bureau_key, indicator, period_year, measure, unit
            ORDER BY CASE status WHEN 'actual' THEN 0 ELSE 1 END
        ) AS pick
    FROM indicator_mart
    WHERE status IN ('actual', 'estimate') AND period_year IS NOT NULL AND value IS NOT NULL
)
SELECT
    t.bureau_key,
    t.bureau_label,
    t.indicator,
    t.indicator_name,
    t.period_year,
    t.measure,
    t.unit,
    t.value AS target_value,
    t.value_high AS target_value_high,
    t.qualifier AS target_qualifier,
    o.status AS actual_status,
    o.value AS actual_value,
    o.qualifier AS actual_qualifier,
    o.value - t.value AS gap,
    CASE WHEN t.value <> 0 THEN o.value / t.value END AS ratio,
    CASE WHEN t.qualifier = 'lte' THEN o.value <= coalesce(t.value_high, t.value)
         ELSE o.value >= t.value END AS met,
    t.doc AS target_doc,
    t.mention AS target_mention,
    o.doc AS actual_doc,
    o.mention AS actual_mention
FROM targets AS t
JOIN outcomes AS o
  ON o.bureau_key = t.bureau_key
 AND o.indicator = t.indicator
 AND o.period_year = t.period_year
 AND o.measure = t.measure
 AND o.unit = t.unit
 AND o.pick = 1
ORDER BY t.bureau_key, t.indicator, t.period_year, t.measure;
