"""documents: each report decoded, cleaned and described (bureau, region, year, type)."""

import dagster as dg
import polars as pl

from orchestration.metadata import markdown_table
from orchestration.resources import Warehouse
from orchestration.seeds import extraction_fingerprint, load_seeds
from orchestration.store import rows_of_docs, run_stage
from transforms.documents import build_documents


class RebuildConfig(dg.Config):
    """Which reports to rebuild although their input did not change (after an extraction change)."""

    rebuild_all: bool = False
    docs: list[str] = []


@dg.asset(group_name="text", kinds={"duckdb", "polars"}, deps=["raw_reports"])
def documents(context: dg.AssetExecutionContext, config: RebuildConfig, warehouse: Warehouse) -> dg.MaterializeResult:
    """One row per report: the cleaned text every offset refers to, its detected encoding and its
    metadata (bureau, province, city, county, admin_level, doc_type, report_year, published_on).

    A report that cannot be decoded or is empty keeps its row with the reason in `error`.
    Only reports whose content changed are rebuilt, and all of them when the extraction code or
    the seeds changed; set `rebuild_all` or list `docs` in the launchpad config to rebuild others
    (sections and facts follow).
    """
    seeds = load_seeds()
    with warehouse.connect() as con:
        # a report is rebuilt when its content or the extraction rules (code and seeds) changed
        source = con.sql(
            "SELECT doc, min(sha256) || ':' || ? AS source_version FROM raw_reports GROUP BY doc",
            params=[extraction_fingerprint()],
        ).pl()

        def build(docs: list[str]) -> dict[str, pl.DataFrame]:
            raw = rows_of_docs(con, docs, (
                "SELECT doc, min(file_name) AS file_name, any_value(content) AS content FROM raw_reports "
                "WHERE doc IN (SELECT doc FROM wanted) GROUP BY doc ORDER BY doc"
            ))
            return {"documents": build_documents(raw, seeds)}

        plan = run_stage(con, "documents", source, build, config.rebuild_all, config.docs)
        stats = con.sql(
            "SELECT count(*) AS documents, count(error) AS with_error, sum(length(text)) AS characters FROM documents"
        ).fetchall()[0]
        preview = con.sql(
            "SELECT doc, bureau, admin_level, doc_type, report_year, published_on, encoding, error "
            "FROM documents ORDER BY doc LIMIT 50"
        ).pl()
    context.log.info(f"rebuilt {len(plan.docs)} report(s), removed {len(plan.removed)}")
    return dg.MaterializeResult(metadata={
        "documents": stats[0],
        "with_error": stats[1],
        "characters": stats[2] or 0,
        "rebuilt": len(plan.docs),
        "removed": len(plan.removed),
        "preview": markdown_table(preview),
    })
