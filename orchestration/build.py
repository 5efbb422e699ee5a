"""`sti-build`: build the warehouse from the reports folder through Dagster and print a summary."""
from __future__ import annotations

import argparse
import os
import sys

import dagster as dg
import duckdb

from orchestration.definitions import defs

SUMMARY_SQL = """
SELECT
    (SELECT count(*) FROM raw_reports) AS files,
    (SELECT count(*) FROM documents) AS documents,
    (SELECT count(*) FROM documents WHERE error IS NOT NULL) AS documents_with_error,
    (SELECT count(*) FROM sections) AS sections,
    (SELECT count(*) FROM facts) AS facts,
    (SELECT count(*) FROM indicator_mart) AS mart_rows
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sti-build", description=__doc__)
    parser.add_argument("--rebuild-all", action="store_true",
                        help="rebuild every report, not only new and changed ones (after an extraction change)")
    parser.add_argument("--verbose", action="store_true", help="print Dagster's event log")
    args = parser.parse_args(argv)

    # With DAGSTER_HOME set the run is recorded where `dagster dev` shows it; otherwise it is ephemeral.
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    run_config = {
        "ops": {"documents": {"config": {"rebuild_all": args.rebuild_all}}},
        "loggers": {"console": {"config": {"log_level": "DEBUG" if args.verbose else "ERROR"}}},
    }
    job = defs.resolve_job_def("build_warehouse")
    result = job.execute_in_process(instance=instance, run_config=run_config, raise_on_error=False)

    evaluations = result.get_asset_check_evaluations()
    failed_checks = [e for e in evaluations if not e.passed]
    for evaluation in failed_checks:
        print(f"check failed: {evaluation.asset_key.to_user_string()} / {evaluation.check_name}", file=sys.stderr)
        for key, entry in evaluation.metadata.items():
            print(f"  {key}: {getattr(entry, 'value', entry)}", file=sys.stderr)
    if not result.success:
        for event in result.all_events:
            if event.is_step_failure:
                print(f"step failed: {event.step_key}: {event.event_specific_data.error.message.strip()}", file=sys.stderr)
        print("build failed: the published warehouse was left as it was", file=sys.stderr)
        return 1

    path = defs.resources["warehouse"].path
    with duckdb.connect(path, read_only=True) as con:
        row = con.execute(SUMMARY_SQL).fetchall()[0]
        names = [d[0] for d in con.description]
    print(f"warehouse: {path}")
    print("  " + ", ".join(f"{name.replace('_', ' ')}: {value}" for name, value in zip(names, row)))
    print(f"  data-quality checks passed: {len(evaluations) - len(failed_checks)} of {len(evaluations)}")
    return 0 if not failed_checks else 1


if __name__ == "__main__":
    sys.exit(main())
