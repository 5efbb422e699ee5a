-- indicator_mart: one row per bureau_key x indicator x period_year x status x measure.
-- Built by the `indicator_mart` asset from `facts`, `documents` and `indicators`; rebuilt whole on
-- every run (a few thousand rows at most per hundred reports).
--
-- Facts enter the mart when they carry an indicator code. A bureau's facts from all its reports are
-- pooled, so the same 綦江区科学技术局 in a 2022 plan and in a 2022 summary is one bureau.
--
-- Bureau identity
--   bureau_key    the normalized bureau name when the report names its bureau: the region path
--                 (province, then city when it differs from the province, then county) followed by
--                 the bureau name with its own region prefix removed and 科技局 spelt 科学技术局,
--                 e.g. 重庆市綦江区科学技术局 for both "重庆市綦江区科学技术局" and "綦江区科技局",
--                 四川省巴中市科学技术局 for "巴中市科学技术局". When the bureau is masked or absent
--                 (某县科技局, **区科学技术局) it is the report's `doc`, so anonymised reports stay
--                 separate from each other and from every named bureau.
--   bureau_label  a short display name, unique per bureau_key: the county, else the city, else the
--                 province, else the bureau name (黔江区, 巴中市); a masked bureau shows its level
--                 and its doc (某区 [004_368a8538f6d86321]); when two keys would share a label
--                 (朝阳区 of 北京市 and of 长春市) the city is put in front.
--
-- Choice rule: when a bureau states the same key more than once (in one report or in several), the
-- row keeps one fact, the first by
--   1. a stated value before a masked or blank one,
--   2. a fact in the indicator's canonical unit before one in another unit (measure level/increase;
--      growth rates and shares are in % anyway),
--   3. a fact from the report about that year (report_year = period_year) before others, then the
--      most recent report (report_year, then published_on, then doc, descending),
--   4. the largest value (a total before its parts: 有效期内高企 52家 before 其中 30家; 达到52家
--      before 突破50家),
--   5. an exact number (qualifier eq) before a bounded one,
--   6. the first stated in its report (span_start).
-- `supporting_facts` counts every fact of the key (stated, masked or blank, in any report);
-- `supporting_docs` the reports they come from.
--
-- Columns
--   bureau_key, bureau_label   as above
--   bureau                     the bureau as the chosen fact's report names it (null when masked)
--   province, city, county     region of the bureau (documents metadata; null when masked/absent)
--   admin_level                province / city / district / county
--   indicator                  indicator code (indicators.code; seeds/indicators.csv)
--   indicator_name             its Chinese name (indicators.name_zh)
--   indicator_unit             the indicator's canonical unit (indicators.unit)
--   period_year                the year the number is about (null: the report gives none)
--   status                     actual / target / estimate
--   measure                    level / increase / growth_rate / share / difference
--   value                      the chosen number in `unit` (low end of a range; null when masked/blank)
--   value_high                 high end of a range, else null
--   unit                       canonical unit of the chosen fact (亿元, %, 家, 人, 项, …)
--   qualifier                  eq / gte / gt / approx / lte / range: how the number bounds the truth
--   supporting_facts           number of facts of this key (>= 1)
--   supporting_docs            number of reports those facts come from (>= 1)
--   doc                        evidence: the report of the chosen fact
--   doc_type                   summary / plan / summary_and_plan / report, of that report
--   report_year                the year that report is about
--   fact_id                    evidence: the chosen fact (facts.fact_id)
--   mention                    evidence: the number and unit as written (52家, 2.5亿元)
--   span_start, span_end       evidence: offsets of the mention in documents.text of `doc`
--   sentence                   evidence: the sentence that states it
CREATE OR REPLACE TABLE indicator_mart AS
WITH docs AS (
    SELECT
        d.*,
        replace(regexp_replace(d.bureau, '\s+', '', 'g'), '科技局', '科学技术局') AS bureau_norm,
        concat(
            coalesce(d.province, ''),
            CASE WHEN d.city IS DISTINCT FROM d.province THEN coalesce(d.city, '') ELSE '' END,
            coalesce(d.county, '')
        ) AS region_path
    FROM documents AS d
    WHERE d.error IS NULL
),
stripped AS (
    -- the bureau name without its own region prefix (重庆市 / 綦江区 / 巴中市 …)
    SELECT
        doc,
        CASE WHEN county IS NOT NULL AND starts_with(s2, county) THEN substr(s2, length(county) + 1) ELSE s2 END AS agency
    FROM (
        SELECT doc, county,
            CASE WHEN city IS NOT NULL AND starts_with(s1, city) THEN substr(s1, length(city) + 1) ELSE s1 END AS s2
        FROM (
            SELECT doc, city, county,
                CASE WHEN province IS NOT NULL AND starts_with(bureau_norm, province)
                     THEN substr(bureau_norm, length(province) + 1) ELSE bureau_norm END AS s1
            FROM docs
        )
    )
),
keyed AS (
    SELECT
        d.*,
        CASE WHEN d.bureau_norm IS NULL OR d.bureau_norm = '' THEN d.doc
             ELSE d.region_path || s.agency END AS bureau_key,
        CASE WHEN d.bureau_norm IS NULL OR d.bureau_norm = ''
             THEN CASE d.admin_level WHEN 'province' THEN '某省' WHEN 'city' THEN '某市'
                                     WHEN 'district' THEN '某区' WHEN 'county' THEN '某县' ELSE '匿名' END
                  || ' [' || d.doc || ']'
             ELSE coalesce(d.county, d.city, d.province, d.bureau_norm) END AS label_short
    FROM docs AS d
    JOIN stripped AS s USING (doc)
),
labels AS (
    -- a label shared by two bureaus gets the city (or province) in front
    SELECT bureau_key,
        CASE WHEN count(*) OVER (PARTITION BY label_short) > 1
             THEN coalesce(CASE WHEN city <> label_short THEN city END, province, '') || label_short
             ELSE label_short END AS bureau_label
    FROM (
        SELECT bureau_key, min(label_short) AS label_short, min(city) AS city, min(province) AS province
        FROM keyed GROUP BY bureau_key
    )
),
candidates AS (
    SELECT
        k.bureau_key,
        f.*,
        k.doc_type,
        k.report_year,
        k.published_on,
        i.name_zh AS indicator_name,
        i.unit AS indicator_unit,
        count(*) OVER key AS supporting_facts,
        count(DISTINCT f.doc) OVER key AS supporting_docs,
        row_number() OVER (
            PARTITION BY k.bureau_key, f.indicator, f.period_year, f.status, f.measure
            ORDER BY
                (f.value IS NULL),
                (f.unit = i.unit) DESC,
                (k.report_year IS NOT DISTINCT FROM f.period_year) DESC,
                k.report_year DESC NULLS LAST,
                k.published_on DESC NULLS LAST,
                f.doc DESC,
                f.value DESC NULLS LAST,
                (f.qualifier = 'eq') DESC,
                f.span_start,
                f.fact_id
        ) AS preference
    FROM facts AS f
    JOIN keyed AS k USING (doc)
    JOIN indicators AS i ON i.code = f.indicator
    WINDOW key AS (PARTITION BY k.bureau_key, f.indicator, f.period_year, f.status, f.measure)
)
SELECT
    c.bureau_key,
    l.bureau_label,
    k.bureau,
    k.province,
    k.city,
    k.county,
    k.admin_level,
    c.indicator,
    c.indicator_name,
    c.indicator_unit,
    c.period_year,
    c.status,
    c.measure,
    c.value,
    c.value_high,
    c.unit,
    c.qualifier,
    c.supporting_facts,
    c.supporting_docs,
    c.doc,
    c.doc_type,
    c.report_year,
    c.fact_id,
    c.mention,
    c.span_start,
    c.span_end,
    c.sentence
FROM candidates AS c
JOIN keyed AS k USING (doc)
JOIN labels AS l ON l.bureau_key = c.bureau_key
WHERE c.preference = 1
ORDER BY c.bureau_key, c.indicator, c.period_year, c.status, c.measure;
