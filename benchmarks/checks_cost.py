"""What the data-quality checks cost: a full build of the sample reports with and without them.

    uv run python benchmarks/checks_cost.py [--repeat 3]

Each build runs in a fresh Python process on a fresh temporary warehouse, as a run launched by the
sensor, the schedule or the UI does, so great-expectations' import (paid once per process that runs
a check) is included. Printed: the median wall time of the build with and without the checks, the
difference, the time of the checks' own steps (GX import included in the first one), the time of
`import great_expectations` alone, and the time to load the definitions (which must not import GX).
"""
import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_REPORTS = PROJECT_ROOT / "seeds" / "reports"


def one_build(with_checks: bool) -> dict:
    """Build the sample reports once in this process; timings in seconds."""
    started = time.perf_counter()
    import dagster as dg

    from orchestration.definitions import defs
    from orchestration.resources import ReportsFolder, Warehouse

    loaded = time.perf_counter() - started
    gx_on_load = "great_expectations" in sys.modules
    root = Path(tempfile.mkdtemp(prefix="checks_cost_"))
    try:
        shutil.copytree(SAMPLE_REPORTS, root / "reports")
        job_defs = dg.Definitions(
            assets=defs.assets,
            asset_checks=defs.asset_checks if with_checks else [],
            resources={
                "warehouse": Warehouse(path=str(root / "warehouse" / "warehouse.duckdb")),
                "reports": ReportsFolder(path=str(root / "reports")),
            },
            executor=dg.in_process_executor,
        )
        instance = dg.DagsterInstance.ephemeral()
        job = job_defs.resolve_implicit_global_asset_job_def()
        begin = time.perf_counter()
        result = job.execute_in_process(instance=instance, raise_on_error=False)
        build = time.perf_counter() - begin
        steps = _step_seconds(instance, result.run_id)
        failed = [e.check_name for e in result.get_asset_check_evaluations() if not e.passed]
        return {
            "with_checks": with_checks, "success": result.success, "failed_checks": failed,
            "build_s": build, "load_definitions_s": loaded, "gx_imported_on_load": gx_on_load,
            "check_steps_s": sum(s for k, s in steps.items() if k.endswith("_quality")),
            "steps_s": steps, "checks": len(result.get_asset_check_evaluations()),
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _step_seconds(instance, run_id: str) -> dict[str, float]:
    started, seconds = {}, {}
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None or event.step_key is None:
            continue
        if event.event_type_value == "STEP_START":
            started[event.step_key] = entry.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE") and event.step_key in started:
            seconds[event.step_key] = entry.timestamp - started[event.step_key]
    return seconds


def _in_subprocess(args: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def gx_import() -> dict:
    begin = time.perf_counter()
    import great_expectations  # noqa: F401

    return {"gx_import_s": time.perf_counter() - begin}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", choices=["with", "without", "gx-import"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(gx_import() if args.one == "gx-import" else one_build(args.one == "with")))
        return 0

    runs = {"without": [], "with": []}
    for _ in range(args.repeat):
        for mode in ("without", "with"):  # interleaved, so drift hits both alike
            runs[mode].append(_in_subprocess(["--one", mode]))
    imports = [_in_subprocess(["--one", "gx-import"])["gx_import_s"] for _ in range(args.repeat)]

    def median(mode: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[mode])

    with_runs = runs["with"]
    assert all(r["success"] for r in runs["without"]), "the build without checks failed"
    print(f"sample reports: {len(list(SAMPLE_REPORTS.glob('*.txt')))}, repeats: {args.repeat} (medians, seconds)")
    print(f"  load definitions:             {median('with', 'load_definitions_s'):6.2f}   "
          f"(great_expectations imported on load: {any(r['gx_imported_on_load'] for r in with_runs)})")
    print(f"  build without checks:         {median('without', 'build_s'):6.2f}")
    print(f"  build with checks:            {median('with', 'build_s'):6.2f}   "
          f"({with_runs[0]['checks']} checks, failed: {sorted({c for r in with_runs for c in r['failed_checks']}) or 'none'})")
    print(f"  added by the checks:          {median('with', 'build_s') - median('without', 'build_s'):6.2f}")
    print(f"  the checks' own steps:        {median('with', 'check_steps_s'):6.2f}")
    for step in sorted(k for k in with_runs[0]["steps_s"] if k.endswith("_quality")):
        print(f"    {step:<28}{statistics.median(r['steps_s'].get(step, 0.0) for r in with_runs):6.2f}")
    print(f"  import great_expectations:    {statistics.median(imports):6.2f}   (alone, fresh process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
