"""Benchmark sti-warehouse: full builds, incremental cost, per-stage throughput, floor and ceiling.

For each N in --sizes it writes N generated reports (benchmarks/make_corpus.py) into a temporary
folder and measures:

* full build: `sti-build` run as a child of a fresh wrapper process, with STI_REPORTS_DIR and
  STI_WAREHOUSE pointing at the temporary folder; wall time, peak RSS of the child
  (`getrusage(RUSAGE_CHILDREN).ru_maxrss` in the wrapper), CPU time, and each Dagster step's
  duration (from the run's STEP_SUCCESS events);
* no-op rebuild: `sti-build` again with nothing changed;
* one new report: one more generated report dropped into the folder, `sti-build` again, timed end
  to end (process start included);
* per-stage throughput, in a fresh process, in MB/s of report text (UTF-8 bytes of the cleaned
  `documents.text`): build_documents (decode, clean, metadata), build_sections, build_facts, and
  the mart SQL over the stage outputs in an in-memory DuckDB; and on the same text, in the same
  process, plain `jieba.lcut` (the floor the extraction must beat) and one regular-expression
  scan (the ceiling).

    uv run python benchmarks/run.py --sizes 100 1000 10000 --seed 7 --out benchmarks/results.json
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import generate_report, write_corpus  # noqa: E402

SAMPLES = ROOT / "seeds" / "reports"
REGEX = r"\d+(?:\.\d+)?[万亿]?[家个项人元%]"
STEP_DONE = re.compile(r'Finished execution of step "([^"]+)" in ([0-9.hms]+)\.')

# Runs in a fresh interpreter, so RUSAGE_CHILDREN covers the one child and nothing else.
WRAPPER = """
import json, os, resource, subprocess, sys, time
log, timeout, rss_limit_mb = open(sys.argv[1], "w"), float(sys.argv[2]), float(sys.argv[3])
began = time.perf_counter()
child = subprocess.Popen(sys.argv[4:], stdout=log, stderr=subprocess.STDOUT)
stopped = None
while child.poll() is None:
    time.sleep(0.25)
    try:
        with open(f"/proc/{child.pid}/status") as status:
            rss = next(int(l.split()[1]) for l in status if l.startswith("VmRSS")) / 1024
    except (OSError, StopIteration):
        continue
    if time.perf_counter() - began > timeout or rss > rss_limit_mb:
        stopped = f"stopped after {time.perf_counter() - began:.0f} s at {rss:.0f} MB RSS"
        child.kill()
rc = child.wait()
wall = time.perf_counter() - began
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "wall_s": wall, "peak_rss_mb": usage.ru_maxrss / 1024,
                  "cpu_s": usage.ru_utime + usage.ru_stime, "stopped": stopped}))
"""
LIMITS = {"timeout_s": 600.0, "rss_limit_mb": 8192.0}  # set from --build-timeout / --rss-limit-mb


def parse_duration(text: str) -> float:
    """Dagster's format_duration (533ms, 2.1s, 4m52s, 1h4m) in seconds."""
    if text.endswith("ms"):
        return float(text[:-2]) / 1000
    total = 0.0
    for value, unit in re.findall(r"([0-9.]+)([hms])", text):
        total += float(value) * {"h": 3600, "m": 60, "s": 1}[unit]
    return total


def sti_build_command() -> list[str]:
    script = Path(sys.executable).with_name("sti-build")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "orchestration.build"]
    # --verbose prints Dagster's event log, which gives each step's duration
    usage = subprocess.run([*command, "--help"], capture_output=True, text=True, cwd=ROOT).stdout
    return command + (["--verbose"] if "--verbose" in usage else [])


PYCACHE: Path | None = None  # set by --bytecode-cache: where the children keep their .pyc files


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a measured child. With a bytecode cache, PYTHONDONTWRITEBYTECODE is
    dropped and the .pyc files go to PYTHONPYCACHEPREFIX (outside the shared tree), as after a
    normal install; without it every process compiles dagster, great-expectations and jieba's
    tables from source (about +10 s and +150 MB per process here)."""
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    if PYCACHE is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env | extra


def measure_build(reports: Path, warehouse: Path, log: Path) -> dict:
    env = child_env(STI_REPORTS_DIR=str(reports), STI_WAREHOUSE=str(warehouse))
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(log), str(LIMITS["timeout_s"]), str(LIMITS["rss_limit_mb"]), *sti_build_command()],
        env=env, capture_output=True, text=True, check=True, cwd=ROOT,
    )
    result = json.loads(out.stdout)
    text = log.read_text(errors="replace")
    result["steps_s"] = {step: parse_duration(d) for step, d in STEP_DONE.findall(text)}
    started = re.findall(r'STEP_START - Started execution of step "([^"]+)"', text)
    running = [step for step in started if step not in result["steps_s"]]
    if result["stopped"] and running:
        result["stopped"] += f" in step {running[-1]}"
    summary = [line.strip() for line in text.splitlines() if line.strip().startswith("files:")]
    result["summary"] = summary[-1] if summary else None
    result["failed"] = sorted({line.strip() for line in text.splitlines()
                               if line.startswith(("check failed:", "step failed:", "build failed"))})
    return result


# ---------------------------------------------------------------------------------------------
# per-stage throughput, in a fresh process (`run.py stages ...`)

def stage_worker(reports: Path, limit: int) -> dict:
    import gc
    import resource

    import duckdb
    import jieba
    import polars as pl

    from orchestration.seeds import load_seeds
    from transforms.documents import build_documents
    from transforms.facts import build_facts
    from transforms.sections import build_sections

    paths = sorted(p for p in reports.iterdir() if p.is_file())
    if limit:
        paths = paths[:limit]
    raw = pl.DataFrame(
        {"doc": [p.stem for p in paths], "file_name": [p.name for p in paths], "content": [p.read_bytes() for p in paths]},
        schema={"doc": pl.String, "file_name": pl.String, "content": pl.Binary},
    )
    seeds = load_seeds()
    timings: dict[str, float] = {}

    def timed(name, fn, *args):
        gc.collect()
        began = time.perf_counter()
        value = fn(*args)
        timings[name] = time.perf_counter() - began
        return value

    # one-time set-up (rule compilation, jieba dictionaries: the facts engine) timed apart on one report
    first = raw.head(1)
    timed("init_documents", build_documents, first, seeds)
    first_docs = build_documents(first, seeds).select("doc", "text", "doc_type", "report_year")
    timed("init_sections", build_sections, first_docs, seeds)
    timed("init_facts", build_facts, first_docs, build_sections(first_docs, seeds), seeds)

    documents = timed("documents", build_documents, raw, seeds)
    texts = documents.filter(pl.col("error").is_null())
    text_list = texts["text"].to_list()
    text_mb = sum(len(t.encode("utf-8")) for t in text_list) / 1e6
    inputs = texts.select("doc", "text", "doc_type", "report_year")
    sections = timed("sections", build_sections, inputs, seeds)
    facts = timed("facts", build_facts, inputs, sections, seeds)

    con = duckdb.connect()
    for name, frame in (("documents", documents), ("sections", sections), ("facts", facts),
                        ("indicators", seeds.indicators), ("units", seeds.units)):
        con.register(f"{name}_frame", frame)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM {name}_frame")
    sql = (ROOT / "warehouse" / "sql" / "indicator_mart.sql").read_text(encoding="utf-8")
    timed("mart_sql", con.execute, sql)
    mart_rows = con.execute("SELECT count(*) FROM indicator_mart").fetchone()[0]

    began = time.perf_counter()
    jieba.initialize()
    jieba_init = time.perf_counter() - began
    timed("jieba_lcut", lambda: sum(len(jieba.lcut(t)) for t in text_list))
    pattern = re.compile(REGEX)
    timed("regex_scan", lambda: sum(1 for t in text_list for _ in pattern.finditer(t)))
    return {
        "docs": raw.height,
        "docs_with_text": texts.height,
        "raw_mb": sum(len(c) for c in raw["content"]) / 1e6,
        "text_mb": text_mb,
        "sections": sections.height,
        "facts": facts.height,
        "mart_rows": mart_rows,
        "seconds": timings,
        "mb_per_s": {k: text_mb / v for k, v in timings.items() if v and not k.startswith("init_")},
        "jieba_init_s": jieba_init,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure_stages(reports: Path, limit: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "stages", "--reports", str(reports), "--limit", str(limit)],
        capture_output=True, text=True, cwd=ROOT, env=child_env(),
    )
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-5:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------------------

def machine() -> dict:
    import importlib.metadata as md

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    versions = {}
    for package in ("duckdb", "polars", "dagster", "pyarrow", "jieba", "great-expectations", "altair", "vl-convert-python"):
        try:
            versions[package] = md.version(package)
        except md.PackageNotFoundError:
            versions[package] = None
    return {"nproc": os.cpu_count(), "affinity": len(os.sched_getaffinity(0)), "memory_gib": round(mem_kb / 2**20, 1),
            "cpu": cpu, "python": platform.python_version(), "kernel": platform.release(), **versions}


def fmt(value, spec=".1f"):
    return "—" if value is None else format(value, spec)


def table(results: dict) -> str:
    rows = [
        "| N | report MB (text) | full build s | peak RSS MB | CPU s | no-op rebuild s | +1 report s | +1 peak RSS MB "
        "| documents MB/s | sections MB/s | facts MB/s | mart SQL s | jieba MB/s | regex MB/s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["runs"]:
        full, noop, one, st = r.get("full", {}), r.get("noop", {}), r.get("one_new", {}), r.get("stages", {})
        mbps, secs = st.get("mb_per_s", {}), st.get("seconds", {})
        sample = "" if st.get("docs") in (None, r["n"]) else f"; stages on {st['docs']:,} reports"
        rows.append(
            f"| {r['n']:,} | {fmt(r.get('raw_mb'))} ({fmt(st.get('text_mb'))}{sample}) "
            f"| {fmt(full.get('wall_s'))}{' ✗ ' + full['stopped'] if full.get('stopped') else ''}"
            f"{' ✗ ' + '; '.join(full['failed']) if full.get('failed') else ''} "
            f"| {fmt(full.get('peak_rss_mb'), '.0f')} | {fmt(full.get('cpu_s'))} "
            f"| {fmt(noop.get('wall_s'))} | {fmt(one.get('wall_s'))} | {fmt(one.get('peak_rss_mb'), '.0f')} "
            f"| {fmt(mbps.get('documents'), '.2f')} | {fmt(mbps.get('sections'), '.2f')} | {fmt(mbps.get('facts'), '.2f')} "
            f"| {fmt(secs.get('mart_sql'), '.2f')} | {fmt(mbps.get('jieba_lcut'), '.2f')} | {fmt(mbps.get('regex_scan'), '.1f')} |"
        )
    steps = list(dict.fromkeys(step for r in results["runs"] for step in r.get("full", {}).get("steps_s", {})))
    rows += ["", "Dagster step durations (s), full build / one new report:", "",
             "| N | " + " | ".join(steps) + " |", "|---:|" + "---:|" * len(steps)]
    for r in results["runs"]:
        full, one = r.get("full", {}).get("steps_s", {}), r.get("one_new", {}).get("steps_s", {})
        rows.append(f"| {r['n']:,} | " + " | ".join(f"{fmt(full.get(s), '.2f')} / {fmt(one.get(s), '.2f')}" for s in steps) + " |")
    return "\n".join(rows)


def bench(args) -> int:
    global PYCACHE
    workdir: Path = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    if args.bytecode_cache:
        PYCACHE = workdir / "pycache"
    LIMITS.update(timeout_s=args.build_timeout, rss_limit_mb=args.rss_limit_mb)
    results = {"command": "uv run python benchmarks/run.py " + " ".join(sys.argv[1:]), "machine": machine(),
               "load_average_at_start": os.getloadavg(),
               "seed": args.seed, "safe_breaks": args.safe_breaks, "bytecode_cache": args.bytecode_cache, "regex": REGEX, "started": time.strftime("%Y-%m-%d %H:%M:%S"), "runs": []}
    if args.out.exists() and args.resume:
        previous = json.loads(args.out.read_text())
        results["runs"] = [r for r in previous.get("runs", []) if r["n"] not in args.sizes]

    def save():
        results["runs"].sort(key=lambda r: r["n"])
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")

    if not args.no_warmup:  # the five sample reports: start-up cost, and warms .pyc and jieba caches
        folder = workdir / "samples"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(SAMPLES, folder / "reports")
        # first run fills the bytecode cache; the second, into a fresh warehouse, is the measurement
        results["samples_build_cold"] = measure_build(folder / "reports", folder / "cold" / "warehouse.duckdb", folder / "cold.log")
        results["samples_build"] = measure_build(folder / "reports", folder / "warm" / "warehouse.duckdb", folder / "build.log")
        print(f"5 sample reports: {results['samples_build']['wall_s']:.1f} s, "
              f"{results['samples_build']['peak_rss_mb']:.0f} MB, rc {results['samples_build']['rc']}", flush=True)

    for n in args.sizes:
        folder = workdir / f"n{n}"
        shutil.rmtree(folder, ignore_errors=True)
        # the warehouse in a folder of its own: the chart asset writes `reports/` next to it
        reports, warehouse = folder / "reports", folder / "warehouse" / "warehouse.duckdb"
        logs = workdir / "logs"  # kept when the corpus is removed
        logs.mkdir(exist_ok=True)
        began = time.perf_counter()
        written = write_corpus(reports, n, args.seed, safe_breaks=args.safe_breaks)
        run = {"n": n, "load_average": os.getloadavg(), "generate_s": time.perf_counter() - began, "raw_mb": sum(len(r.content) for r in written) / 1e6}
        results["runs"].append(run)
        print(f"N={n}: corpus {run['raw_mb']:.1f} MB in {run['generate_s']:.1f} s", flush=True)
        if not args.skip_build:
            run["full"] = measure_build(reports, warehouse, logs / f"n{n}-full.log")
            print(f"  full build {run['full']['wall_s']:.1f} s, {run['full']['peak_rss_mb']:.0f} MB, rc {run['full']['rc']}, "
                  f"{run['full']['summary']}, {run['full']['stopped'] or ''} {run['full']['failed']}, "
                  f"steps {run['full']['steps_s']}", flush=True)
            save()
            if run["full"]["rc"] == 0:
                run["noop"] = measure_build(reports, warehouse, logs / f"n{n}-noop.log")
                print(f"  no-op rebuild {run['noop']['wall_s']:.1f} s", flush=True)
                new = generate_report(args.seed, n, args.safe_breaks)
                (reports / new.file_name).write_bytes(new.content)
                run["one_new"] = measure_build(reports, warehouse, logs / f"n{n}-one_new.log")
                print(f"  +1 report {run['one_new']['wall_s']:.1f} s, {run['one_new']['peak_rss_mb']:.0f} MB, "
                      f"steps {run['one_new']['steps_s']}", flush=True)
                save()
        if not args.skip_stages:
            run["stages"] = measure_stages(reports, min(n, args.stage_limit) if args.stage_limit else n)
            print(f"  stages {run['stages']}", flush=True)
        save()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    results["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    results["table_md"] = table(results)
    save()
    print()
    print(results["table_md"])
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "stages":
        parser = argparse.ArgumentParser(prog="run.py stages")
        parser.add_argument("--reports", type=Path, required=True)
        parser.add_argument("--limit", type=int, default=0)
        args = parser.parse_args(argv[1:])
        print(json.dumps(stage_worker(args.reports, args.limit)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("results.json"))
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/sti-bench"))
    parser.add_argument("--stage-limit", type=int, default=0,
                        help="measure per-stage throughput on at most this many reports (default: all)")
    parser.add_argument("--skip-build", action="store_true", help="per-stage throughput only")
    parser.add_argument("--skip-stages", action="store_true", help="sti-build runs only")
    parser.add_argument("--no-warmup", action="store_true", help="skip the build of the 5 sample reports")
    parser.add_argument("--resume", action="store_true", help="keep the other sizes' results already in --out")
    parser.add_argument("--safe-breaks", action="store_true",
                        help="generate PDF-layout reports without lines that start with a unit word (see make_corpus.pdf_layout)")
    parser.add_argument("--no-bytecode-cache", dest="bytecode_cache", action="store_false",
                        help="leave PYTHONDONTWRITEBYTECODE as it is (every process compiles its imports)")
    parser.add_argument("--build-timeout", type=float, default=600.0,
                        help="stop a build after this many seconds and record where it was (default 600)")
    parser.add_argument("--rss-limit-mb", type=float, default=8192.0,
                        help="stop a build whose RSS passes this many MB (default 8192)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora and warehouses")
    return bench(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
