"""A nightly full rebuild, for when the extraction code or the seeds changed."""
from __future__ import annotations

import dagster as dg

from orchestration.jobs import build_warehouse

nightly_full_rebuild = dg.ScheduleDefinition(
    name="nightly_full_rebuild",
    job=build_warehouse,
    cron_schedule="0 2 * * *",
    run_config={"ops": {"documents": {"config": {"rebuild_all": True}}}},
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Rebuilds every report at 02:00 (off by default; turn it on under Automation).",
)
