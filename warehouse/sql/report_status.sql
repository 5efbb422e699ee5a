-- report_status: which reports are in the warehouse, from which files, and how each one fared.
-- One row per file of the reports folder (raw_reports).
--
-- Columns
--   file_name        the file in the reports folder
--   doc              the document it belongs to (files with the same content share one doc)
--   duplicate_of     the doc's first file when this file repeats another file's content, else null
--   sha256           content hash of the file
--   size             bytes
--   first_seen_at    when the file name first appeared (UTC)
--   changed_at       when its content last changed (UTC)
--   loaded_at        when its document was last built by the documents stage (UTC)
--   status           loaded · error (see `error`) · pending (not built yet)
--   error            why the document produced no text (empty, undecodable, …)
--   encoding         detected encoding
--   sections         number of sections of the document
--   facts            number of facts of the document
CREATE OR REPLACE VIEW report_status AS
WITH firsts AS (
    SELECT doc, min(file_name) AS first_file FROM raw_reports GROUP BY doc
)
SELECT
    r.file_name,
    r.doc,
    CASE WHEN r.file_name <> f.first_file THEN f.first_file END AS duplicate_of,
    r.sha256,
    r.size,
    r.first_seen_at,
    r.changed_at,
    l.loaded_at,
    CASE WHEN d.doc IS NULL THEN 'pending' WHEN d.error IS NOT NULL THEN 'error' ELSE 'loaded' END AS status,
    d.error,
    d.encoding,
    (SELECT count(*) FROM sections s WHERE s.doc = r.doc) AS sections,
    (SELECT count(*) FROM facts x WHERE x.doc = r.doc) AS facts
FROM raw_reports AS r
JOIN firsts AS f USING (doc)
LEFT JOIN documents AS d USING (doc)
LEFT JOIN stage_ledger AS l ON l.stage = 'documents' AND l.doc = r.doc
ORDER BY r.file_name;
