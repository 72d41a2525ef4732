"""Heartbeat against the peer: our beat, a bare JSON view and Kolibri 0.19.5's progress update.

Same run, same machine, same load generator (wrk with benchmarks/wrk/beats.lua, one thread, so
it leaves the cores to the servers), same number of learners with one session each, same 15 s of
watching per update, gunicorn with the same number of sync workers for both programs:
  1. closed-loop throughput for each endpoint;
  2. p50 and p99 at a paced rate (default 300 updates/s);
  3. resident memory of each gunicorn worker.

Needs PostgreSQL (`make services`, then its DATABASE_URL) and wrk (Debian: `apt-get install wrk`).
Uses its own databases (default lms_peer_bench and kolibri_bench on the same server) and installs
Kolibri from PyPI into a virtual environment outside the repository on first use.

    python benchmarks/peer_bench.py [--seconds 10] [--rate 300] [--kolibri-venv DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
LUA = HERE / "wrk" / "beats.lua"
LABELS = {
    "bare": "bare JSON view (baseline)",
    "lms": "our heartbeat POST",
    "kolibri": "Kolibri 0.19.5 `PUT /api/logger/trackprogress/<id>/`",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10, help="per measurement")
    parser.add_argument("--rate", type=float, default=300, help="paced updates/s")
    parser.add_argument("--clients", type=int, default=8, help="closed-loop connections")
    parser.add_argument("--paced-connections", type=int, default=32)
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers, both")
    parser.add_argument("--our-database", default="lms_peer_bench")
    parser.add_argument("--kolibri-database", default="kolibri_bench")
    parser.add_argument("--kolibri-venv", type=Path, default=None)
    parser.add_argument("--port", type=int, default=8791, help="ours; Kolibri gets port + 1")
    parser.add_argument(
        "--sweep",
        default="",
        help="comma-separated beat rates for a capacity sweep of our beat (e.g. 100,200,400)",
    )
    return parser.parse_args()


def use_own_database(name: str) -> str:
    """Point DATABASE_URL at our own database on the same server, creating it if needed."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to PostgreSQL first (make services prints it).")
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as db:
        if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchall():
            db.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = parts._replace(path=f"/{name}").geturl()
    return url


def lua_string(value: str) -> str:
    return json.dumps(value)  # ASCII ids, tokens and paths: a JSON string is a Lua string


def write_plan(directory: Path, kind: str, requests: list[dict], body: str = "") -> Path:
    rows = []
    for r in requests:
        headers = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in r["headers"].items())
        rows.append(f"  {{path = {lua_string(r['path'])}, headers = {{{headers}}}}},")
    path = directory / f"{kind}.lua"
    path.write_text(
        f"return {{kind = {lua_string(kind)}, body = {lua_string(body)}, requests = {{\n"
        + "\n".join(rows)
        + "\n}}\n"
    )
    return path


def run_wrk(*, port: int, plan: Path, connections: int, seconds: float, rate: float = 0) -> dict:
    env = {**os.environ, "WRK_PLAN": str(plan), "WRK_RATE": str(rate), "WRK_THREADS": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s", "-s", str(LUA),
         f"http://127.0.0.1:{port}"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next(x for x in out.splitlines() if x.startswith("WRK_JSON "))
    result = json.loads(line.removeprefix("WRK_JSON "))
    seconds_run = result["duration_us"] / 1e6
    result["rate"] = result["requests"] / seconds_run
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result["wrk_cpu"] = cpu / seconds_run
    if result["non_2xx"] or result["socket_errors"]:
        print(f"warning: {plan.stem}: {result}", file=sys.stderr)
    return result


def commit_latency_ms() -> tuple[float, float]:
    """p50 and p90 of a one-row durable commit: how fast the shared disk flushes WAL right now."""
    import psycopg

    times = []
    with psycopg.connect(os.environ["DATABASE_URL"]) as db:
        db.execute("CREATE TABLE IF NOT EXISTS peer_bench_commit_probe (x int)")
        db.commit()
        for _ in range(50):
            started = time.perf_counter()
            db.execute("INSERT INTO peer_bench_commit_probe VALUES (1)")
            db.commit()
            times.append((time.perf_counter() - started) * 1000)
        db.execute("DROP TABLE peer_bench_commit_probe")
        db.commit()
    times.sort()
    return times[25], times[45]


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing (Debian: apt-get install wrk).")
    services_url = use_own_database(args.our_database)

    import heartbeat_bench  # sets Django up on our own database
    from kolibri_peer import DEFAULT_VENV, Kolibri

    heartbeat_bench.PORT = args.port
    kolibri = Kolibri(
        venv=args.kolibri_venv or DEFAULT_VENV,
        database_url=services_url,
        database=args.kolibri_database,
        port=args.port + 1,
        workers=args.workers,
    )
    kolibri.install()
    kolibri.prepare(learners=args.learners)
    heartbeat_bench.USERS = args.learners
    lesson_id, tokens = heartbeat_bench.setup()
    from django.db import connections

    connections.close_all()

    load_before = uptime()
    commit = commit_latency_ms()
    ours = heartbeat_bench.start_server(1, args.workers)
    results: dict[str, dict] = {}
    memory: dict[str, list[float]] = {}
    plans = tempfile.TemporaryDirectory(prefix="peer-bench-")
    try:
        kolibri.start()
        # A first beat per learner makes the progress row, as Kolibri's POST starts its session
        # below; without it the measured beats would be mostly first beats.
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(lambda t: heartbeat_bench.Client(lesson_id, t).call("beat"), tokens))
        directory = Path(plans.name)
        plan = {
            "bare": write_plan(directory, "bare", [{"path": "/bench/bare", "headers": {}}]),
            "lms": write_plan(
                directory,
                "lms",
                [
                    {
                        "path": f"/api/v1/lessons/{lesson_id}/progress",
                        "headers": {
                            "Authorization": f"Bearer {t}",
                            "Content-Type": "application/json",
                        },
                    }
                    for t in tokens
                ],
            ),
            # 15 s of a one-hour video per update, as our beat carries 15 s
            "kolibri": write_plan(
                directory,
                "kolibri",
                kolibri.sessions(learners=args.learners),
                json.dumps({"progress_delta": round(15 / 3600, 5), "time_spent_delta": 15}),
            ),
        }
        port = {"bare": args.port, "lms": args.port, "kolibri": args.port + 1}
        for kind in plan:  # warm both workers of each server
            run_wrk(port=port[kind], plan=plan[kind], connections=args.clients, seconds=2)
        for kind in plan:
            results[kind] = {
                "closed": run_wrk(
                    port=port[kind], plan=plan[kind], connections=args.clients, seconds=args.seconds
                )
            }
        for kind in plan:
            results[kind]["paced"] = run_wrk(
                port=port[kind],
                plan=plan[kind],
                connections=args.paced_connections,
                seconds=args.seconds,
                rate=args.rate,
            )
        sweep = [
            (rate, run_wrk(port=args.port, plan=plan["lms"], connections=args.paced_connections,
                           seconds=args.seconds, rate=rate))
            for rate in (float(x) for x in args.sweep.split(",") if x)
        ]  # fmt: skip
        # the Python generator of heartbeat_bench.py, same endpoint, to compare generators
        clients = [
            heartbeat_bench.Client(lesson_id, tokens[i % len(tokens)]) for i in range(args.clients)
        ]
        python_closed = heartbeat_bench.throughput("beat", clients, args.seconds)
        memory = {
            "ours": heartbeat_bench.worker_rss_mb(ours),
            "kolibri": heartbeat_bench.worker_rss_mb(kolibri.server),
        }
        load_after = uptime()
    finally:
        ours.terminate()
        ours.wait(timeout=20)
        kolibri.stop()
        plans.cleanup()
    report(args, results, memory, python_closed, load_before, load_after, commit, sweep)


def report(args, results, memory, python_closed, load_before, load_after, commit, sweep) -> None:
    closed = {k: v["closed"]["rate"] for k, v in results.items()}
    ms = lambda us: us / 1000  # noqa: E731
    print(f"### Heartbeat against Kolibri — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n")
    print(
        f"- Command: `python benchmarks/peer_bench.py --seconds {args.seconds:g} --rate "
        f"{args.rate:g}` (services' DATABASE_URL; own databases {args.our_database}, "
        f"{args.kolibri_database})"
    )
    print(
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; "
        f"gunicorn {args.workers} sync workers each (ours: lms.settings.production; Kolibri: its "
        "default deployment settings), PostgreSQL on loopback; load generator wrk 4.1, 1 thread, "
        f"{args.clients} connections closed-loop, {args.paced_connections} paced."
    )
    print(f"- Load: before `{load_before}`; after `{load_after}`")
    print(
        f"- A one-row durable commit on this PostgreSQL just before: p50 {commit[0]:.2f} ms, "
        f"p90 {commit[1]:.2f} ms."
    )
    print(f"- {args.learners} learners, one session each, 15 s of watching per update.\n")
    print(
        "| endpoint | closed-loop (req/s) | paced rate achieved (req/s) | p50 (ms) | p99 (ms) "
        "| late sends | wrk CPU (closed / paced) |"
    )
    print("|---|---|---|---|---|---|---|")
    for kind, r in results.items():
        c, p = r["closed"], r["paced"]
        print(
            f"| {LABELS[kind]} | {c['rate']:.0f} | {p['rate']:.0f} | {ms(p['p50_us']):.1f} | "
            f"{ms(p['p99_us']):.1f} | {p['late']} of {p['sent']} | "
            f"{c['wrk_cpu']:.0%} / {p['wrk_cpu']:.0%} |"
        )
    ours_to_kolibri = closed["lms"] / closed["kolibri"]
    ours_to_bare = closed["lms"] / closed["bare"]
    p99 = ms(results["lms"]["paced"]["p99_us"])
    verdict = lambda ok: "met" if ok else "**not met**"  # noqa: E731
    print(
        f"\nOurs: **{ours_to_kolibri:.1f}× Kolibri** (target ≥ 3×: {verdict(ours_to_kolibri >= 3)}); "
        f"{ours_to_bare:.2f}× the bare view (target ≥ 0.4×: {verdict(ours_to_bare >= 0.4)}); "
        f"beat p99 {p99:.1f} ms at {args.rate:g}/s (target < 50 ms: {verdict(p99 < 50)})."
    )
    print(
        "Worker memory (RSS): ours "
        + ", ".join(f"{m:.0f} MB" for m in memory["ours"])
        + "; Kolibri "
        + ", ".join(f"{m:.0f} MB" for m in memory["kolibri"])
        + "."
    )
    print(
        f"Python generator (heartbeat_bench.py's, same run, same endpoint): closed loop "
        f"{python_closed:.0f} req/s against wrk's {closed['lms']:.0f}."
    )
    errors = {k: (r["closed"]["non_2xx"] + r["paced"]["non_2xx"]) for k, r in results.items()}
    print(f"Non-2xx responses: {errors}.")
    if sweep:
        print("\nCapacity sweep, our beat, paced:\n")
        print("| target (beats/s) | achieved | p50 (ms) | p99 (ms) | watchers at 15 s |")
        print("|---|---|---|---|---|")
        for rate, r in sweep:
            print(
                f"| {rate:g} | {r['rate']:.0f} | {ms(r['p50_us']):.1f} | {ms(r['p99_us']):.1f} "
                f"| {rate * 15:,.0f} |"
            )


if __name__ == "__main__":
    main()
