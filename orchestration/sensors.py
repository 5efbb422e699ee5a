"""Watch the reports folder and launch a build when its files changed and have settled."""
from __future__ import annotations

import hashlib
import json
import os

import dagster as dg
from dagster._core.storage.dagster_run import IN_PROGRESS_RUN_STATUSES

from orchestration.jobs import build_warehouse
from orchestration.resources import ReportsFolder, is_report_file


def folder_signature(folder: str) -> tuple[str, int]:
    """A digest of every report file's name, size and modification time, and the file count.

    Only `stat` is called: a tick over 10,000 unchanged files reads no content. The
    `raw_reports` asset hashes the files whose size or time moved."""
    digest = hashlib.sha256()
    count = 0
    with os.scandir(folder) as entries:
        for entry in sorted((e for e in entries if e.is_file() and is_report_file(e.name)), key=lambda e: e.name):
            stat = entry.stat()
            digest.update(f"{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
            count += 1
    return digest.hexdigest(), count


def build_in_progress(context: dg.SensorEvaluationContext) -> bool:
    running = context.instance.get_run_records(
        filters=dg.RunsFilter(job_name=build_warehouse.name, statuses=IN_PROGRESS_RUN_STATUSES), limit=1
    )
    return bool(running)


@dg.sensor(
    job=build_warehouse,
    minimum_interval_seconds=10,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def reports_folder_sensor(
    context: dg.SensorEvaluationContext, reports: ReportsFolder
) -> dg.SensorResult | dg.SkipReason:
    """Launches `build_warehouse` when files in the reports folder (STI_REPORTS_DIR) were added,
    changed or deleted, once the folder has looked the same for two ticks in a row (so a file
    still being written is taken when complete). The run itself processes only what changed."""
    folder = reports.path
    if not os.path.isdir(folder):
        return dg.SkipReason(f"reports folder {folder} does not exist")
    signature, count = folder_signature(folder)
    cursor = json.loads(context.cursor) if context.cursor else {}
    if signature == cursor.get("launched"):
        return dg.SkipReason(f"no change in {count} file(s)")
    if signature != cursor.get("seen"):
        context.update_cursor(json.dumps({**cursor, "seen": signature}))
        return dg.SkipReason("the folder changed; waiting one tick for files to settle")
    if build_in_progress(context):
        # runs write one warehouse; the running build ends, then the next tick takes the change
        return dg.SkipReason("a build is running; the change is taken when it ends")
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=signature, tags={"sti/trigger": "reports_folder", "sti/files": str(count)})],
        cursor=json.dumps({"seen": signature, "launched": signature}),
    )
