"""raw_reports: the files of the reports folder, hashed, with their bytes."""

import hashlib
from datetime import datetime, timezone

import dagster as dg
import polars as pl

from orchestration.metadata import markdown_table
from orchestration.resources import ReportsFolder, Warehouse
from orchestration.store import table_exists

RAW_REPORTS_SCHEMA = {
    "file_name": pl.String,
    "path": pl.String,
    "size": pl.Int64,
    "mtime_ns": pl.Int64,
    "sha256": pl.String,
    "content": pl.Binary,
    "first_seen_at": pl.Datetime("us"),
    "changed_at": pl.Datetime("us"),
}


@dg.asset(group_name="ingest", kinds={"duckdb"})
def raw_reports(context: dg.AssetExecutionContext, reports: ReportsFolder, warehouse: Warehouse) -> dg.MaterializeResult:
    """One row per file in the reports folder (STI_REPORTS_DIR): name, path, size, sha256 and bytes.

    Only files whose size or modification time moved are read and hashed again; deleted files
    leave the table. `doc` names the document a file's content belongs to: files with the same
    content share one `doc` (the first file name, without extension), so nothing is counted twice.
    """
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    listing = pl.DataFrame(
        [(p.name, str(p), st.st_size, st.st_mtime_ns) for p in reports.files() for st in [p.stat()]],
        schema={k: RAW_REPORTS_SCHEMA[k] for k in ("file_name", "path", "size", "mtime_ns")},
        orient="row",
    )
    with warehouse.connect() as con:
        if not table_exists(con, "raw_reports"):
            con.register("empty_raw", pl.DataFrame(schema={**RAW_REPORTS_SCHEMA, "doc": pl.String}))
            con.execute("CREATE TABLE raw_reports AS SELECT * FROM empty_raw")
        known = con.sql(
            "SELECT file_name, size, mtime_ns, first_seen_at, changed_at, sha256 AS known_sha FROM raw_reports"
        ).pl()
        moved = listing.join(known, on=["file_name", "size", "mtime_ns"], how="anti")
        removed = sorted(set(known["file_name"]) - set(listing["file_name"]))
        fresh = _read_and_hash(moved, known, now)
        changed = fresh.filter(pl.col("sha256") != pl.col("known_sha").fill_null("")).height
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("gone", pl.DataFrame({"file_name": removed + moved["file_name"].to_list()}, schema={"file_name": pl.String}))
            con.execute("DELETE FROM raw_reports WHERE file_name IN (SELECT file_name FROM gone)")
            con.register("fresh", fresh.drop("known_sha").with_columns(pl.lit(None, pl.String).alias("doc")))
            con.execute("INSERT INTO raw_reports BY NAME SELECT * FROM fresh")
            con.execute(ASSIGN_DOCS_SQL)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        summary = con.sql(
            "SELECT count(*) AS files, count(DISTINCT doc) AS documents, sum(size) AS bytes FROM raw_reports"
        ).fetchall()[0]
        preview = con.sql(
            "SELECT file_name, doc, size, left(sha256, 12) AS sha256, changed_at FROM raw_reports ORDER BY file_name LIMIT 50"
        ).pl()
    context.log.info(f"{len(removed)} file(s) removed, {moved.height} re-read, {changed} with new content")
    return dg.MaterializeResult(metadata={
        "files": summary[0],
        "documents": summary[1],
        "bytes": summary[2] or 0,
        "files_read": moved.height,
        "files_with_new_content": changed,
        "files_removed": len(removed),
        "preview": markdown_table(preview),
    })


def _read_and_hash(moved: pl.DataFrame, known: pl.DataFrame, now: datetime) -> pl.DataFrame:
    rows = []
    previous = {r["file_name"]: r for r in known.iter_rows(named=True)}
    for file_name, path in moved.select("file_name", "path").iter_rows():
        with open(path, "rb") as handle:
            content = handle.read()
        sha = hashlib.sha256(content).hexdigest()
        before = previous.get(file_name)
        rows.append({
            "file_name": file_name,
            "sha256": sha,
            "content": content,
            "first_seen_at": before["first_seen_at"] if before else now,
            "changed_at": before["changed_at"] if before and before["known_sha"] == sha else now,
            "known_sha": before["known_sha"] if before else None,
        })
    hashed = pl.DataFrame(rows, schema={
        "file_name": pl.String, "sha256": pl.String, "content": pl.Binary,
        "first_seen_at": pl.Datetime("us"), "changed_at": pl.Datetime("us"), "known_sha": pl.String,
    })
    return moved.join(hashed, on="file_name", how="left")


# Every content gets one document, named after the first of its files (without extension).
ASSIGN_DOCS_SQL = """
UPDATE raw_reports AS r SET doc = d.doc
FROM (
    SELECT sha256, min(regexp_replace(file_name, '\\.[^.]*$', '')) AS doc FROM raw_reports GROUP BY sha256
) AS d
WHERE r.sha256 = d.sha256;
"""
