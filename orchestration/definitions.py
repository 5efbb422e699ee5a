"""The Dagster definitions of sti-warehouse: `defs`."""
from __future__ import annotations

import dagster as dg

from orchestration.assets import charts, documents, facts, ingest, mart, sections
from orchestration.checks import all_checks
from orchestration.jobs import build_warehouse
from orchestration.resources import ReportsFolder, Warehouse, reports_dir_from_env, warehouse_path_from_env
from orchestration.schedules import nightly_full_rebuild
from orchestration.sensors import reports_folder_sensor

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([ingest, documents, sections, facts, mart, charts]),
    asset_checks=all_checks,
    jobs=[build_warehouse],
    sensors=[reports_folder_sensor],
    schedules=[nightly_full_rebuild],
    resources={
        "warehouse": Warehouse(path=warehouse_path_from_env()),
        "reports": ReportsFolder(path=reports_dir_from_env()),
    },
    # every asset writes the same DuckDB file, which admits one writer at a time
    executor=dg.in_process_executor,
)
