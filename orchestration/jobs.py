"""Jobs: the whole warehouse, incremental by default."""
from __future__ import annotations

import dagster as dg

build_warehouse = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all(),
    description="Take in new, changed and deleted reports and rebuild what depends on them.",
)
