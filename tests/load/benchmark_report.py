#!/usr/bin/env python3
"""Turns benchmark.sh's JSON lines into the Markdown report committed beside them.

Usage: benchmark_report.py RESULTS.jsonl > RESULTS.md
Every target of the performance issue gets a row: the measured figure, the target, and
whether it is met (or by how much it is missed).
"""
import json
import os
import platform
import subprocess
import sys


def machine():
    """Cores, CPU model, memory, disk of the data dir: what the figures were measured on."""
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as info:
            kib = int(info.readline().split()[1])
            memory = f"{kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    disk = ""
    try:
        tmp = os.environ.get("TMPDIR", "/var/tmp")
        source = subprocess.run(["findmnt", "-n", "-o", "SOURCE,FSTYPE", "-T", tmp],
                                capture_output=True, text=True, check=False).stdout.strip()
        disk = f"data dir on {source}" if source else ""
    except OSError:
        pass
    parts = [f"{os.cpu_count()} cores ({cpu})", memory, disk, f"Linux {platform.release()}"]
    return ", ".join(p for p in parts if p)


def verdict(value, target, higher_is_better):
    if value is None:
        return "not measured"
    met = value >= target if higher_is_better else value <= target
    if met:
        return "met"
    if higher_is_better:
        return f"missed by {100 * (target - value) / target:.0f}% ({value:g} of {target:g})"
    return f"missed by {100 * (value - target) / target:.0f}% ({value:g} vs {target:g})"


def p(run, key, pct="p99"):
    return run.get(key, {}).get(pct) if run else None


def server_cpu(run):
    """The server's CPU over the measured window: (% of one core, microseconds per acked message)."""
    usage = run.get("measuredUsage") or {}
    seconds, acked = usage.get("serverCpuSeconds"), run.get("acked")
    if seconds is None or not acked:
        return None, None
    return usage.get("serverCpuPercent"), round(1e6 * seconds / acked, 1)


def writer_summary(run):
    """The server's group-commit writer over the measured window (its /metrics histograms)."""
    writer = run.get("serverWriter")
    if not writer or not writer.get("commits"):
        return "—"
    commit, write = writer.get("commitMs", {}), writer.get("writeMs", {})
    return (f"{writer.get('writesPerCommit'):g} / {commit.get('p50'):g} / {commit.get('p99'):g} / "
            f"{write.get('p99'):g}")


def print_latency_by_load(runs):
    """Delivery latency and server CPU per message as the paced rate grows (benchmark.sh 3b)."""
    paced = [run for label, run in runs.items() if label.startswith("load-") or label == "half-peak"]
    paced.sort(key=lambda run: (run.get("params", {}).get("rate", 0), run.get("params", {}).get("pairs", 0)))
    if not paced:
        return
    print("\n## Delivery latency by load\n")
    print("Paced runs (16 sender/receiver pairs, one conversation each, open loop; one row "
          "with many more). The 10 ms goal holds up to the rates "
          "where the p99 column stays under it; past them a message waits for the batch being "
          "written and then its own. The writer column is the server's side of it, from its "
          "`/metrics` histograms over the same window (bucket-interpolated, as Prometheus "
          "estimates quantiles): writes per transaction (a message with its audit row, a delivery receipt), the COMMIT's "
          "p50 and p99 (WAL write, fsync, and SQLite's checkpoint when one falls due), and the "
          "p99 of a write's wait from being queued to being durable.\n")
    print("| Rate (msgs/s) | Conversations | Acked/s | Delivery p50 / p99 / p99.9 (ms) | Writer: writes "
          "per commit / commit p50 / p99 / write p99 (ms) | Server CPU | Server CPU per message |")
    print("|---|---|---|---|---|---|---|")
    for run in paced:
        percent, per_message = server_cpu(run)
        cpu = "—" if percent is None else f"{percent:g}% of a core"
        cost = "—" if per_message is None else f"{per_message:g} µs"
        print(f"| {run.get('params', {}).get('rate')} | {run.get('params', {}).get('pairs')} | "
              f"{run.get('ackedPerSec')} | "
              f"{p(run, 'deliveryLatencyMs', 'p50')} / {p(run, 'deliveryLatencyMs')} / "
              f"{p(run, 'deliveryLatencyMs', 'p999')} | {writer_summary(run)} | {cpu} | {cost} |")


def print_idle_sockets_cost(runs):
    """The same paced load alone and with quiet connections open (benchmark.sh 3b, 3c, 3d)."""
    quiet = runs.get("load-1000")
    crowded = [run for run in (runs.get("crowded-1000"), runs.get("crowded-rest-1000")) if run]
    if not quiet or not crowded:
        return
    print("\n## Idle sockets and the ones that talk\n")
    print("1,000 msgs/s paced over 16 pairs, alone and with quiet connections open: idle "
          "authenticated WebSocket sockets (they only answer heartbeats), or REST keep-alive "
          "connections that answered one request and stay open. The goal: the quiet ones cost "
          "the talking ones nothing.\n")
    print("| Quiet connections | Delivery p50 / p99 / p99.9 (ms) | Server CPU | Server CPU per message |")
    print("|---|---|---|---|")
    for run in [quiet] + crowded:
        percent, per_message = server_cpu(run)
        cpu = "—" if percent is None else f"{percent:g}% of a core"
        cost = "—" if per_message is None else f"{per_message:g} µs"
        sockets = run.get("idle", {}).get("connected", run.get("params", {}).get("idleSockets", 0))
        rest = run.get("idleHttp", 0)
        if rest:
            what = f"{rest} REST keep-alive"
        elif sockets:
            what = f"{sockets} WebSocket"
        else:
            what = "none"
        print(f"| {what} | {p(run, 'deliveryLatencyMs', 'p50')} / {p(run, 'deliveryLatencyMs')} / "
              f"{p(run, 'deliveryLatencyMs', 'p999')} | {cpu} | {cost} |")


def main():
    runs = {}
    with open(sys.argv[1]) as results:
        for line in results:
            if line.strip():
                run = json.loads(line)
                runs[run.get("label", run.get("scenario"))] = run

    unloaded = runs.get("unloaded")
    peak = runs.get("peak")
    half = runs.get("half-peak")
    idle = runs.get("idle")
    login = runs.get("login")
    history = runs.get("history")

    peak_rate = peak.get("ackedPerSec") if peak else None
    per_socket_kib = None
    if idle and idle.get("bytesPerSocket") is not None:
        per_socket_kib = round(idle["bytesPerSocket"] / 1024, 2)

    rows = [
        ("Durable messages/s (200 B, synchronous=FULL, encrypted, indexed, audited, fanned out)",
         peak_rate, 20000, True, "msgs/s"),
        ("Delivery latency p99, unloaded", p(unloaded, "deliveryLatencyMs"), 2, False, "ms"),
        ("Delivery latency p99 at half of peak", p(half, "deliveryLatencyMs"), 10, False, "ms"),
        (f"RSS per idle authenticated socket ({idle.get('connected', 0) if idle else 0} sockets)",
         per_socket_kib, 9, False, "KiB"),
        ("History page (50 newest) p99", p(history, "pageMs"), 5, False, "ms"),
        ("Search p99 (rare word)", p(history, "searchRareMs"), 50, False, "ms"),
        ("Search p99 (common word)", p(history, "searchCommonMs"), 50, False, "ms"),
        ("Login p99 at 20 logins/s", p(login, "latencyMs"), 100, False, "ms"),
    ]

    print("# VytalWatch Messaging — benchmark results\n")
    print(f"Machine: {machine()}.  ")
    fsync = runs.get("fsync")
    if fsync:
        print(f"Disk: a 4 KiB append + fdatasync takes p50 {p(fsync, 'fsyncMs', 'p50')} ms, "
              f"p99 {p(fsync, 'fsyncMs')} ms (the floor under an unloaded message's latency).  ")
    cpu = runs.get("cpu")
    if cpu and cpu.get("sha256PerSec"):
        print(f"CPU: one core hashed {cpu['sha256PerSec']:,} 256-byte blocks/s with SHA-256 from Python "
              "during the run (this shared machine's speed moves between periods: compare runs at "
              "like speeds).  ")
    print("Server: `vytalwatch-server` (release preset), SQLite WAL with synchronous=FULL, "
          "`--rate-limit 0`; load from `vytalwatch-loadgen` on the same machine.  ")
    print("Regenerate with `tests/load/benchmark.sh` (see README, Performance).  ")
    print("Why each missed target is missed, and what would close it: README, Performance, "
          "\"What is missed, and why\".\n")
    print("| Target | Measured | Goal | Verdict |")
    print("|---|---|---|---|")
    for name, value, target, higher, unit in rows:
        shown = "—" if value is None else f"{value:g} {unit}"
        goal = f"{'≥' if higher else '≤'} {target:g} {unit}"
        print(f"| {name} | {shown} | {goal} | {verdict(value, target, higher)} |")

    print_latency_by_load(runs)
    print_idle_sockets_cost(runs)

    print("\n## Details\n")
    for label, run in runs.items():
        if run.get("scenario") == "throughput":
            print(f"- **{label}**: {run.get('ackedPerSec')} acked/s, {run.get('deliveredPerSec')} delivered/s; "
                  f"ack p50/p99/p99.9 {p(run, 'ackLatencyMs', 'p50')}/{p(run, 'ackLatencyMs')}/"
                  f"{p(run, 'ackLatencyMs', 'p999')} ms; delivery p50/p99/p99.9 "
                  f"{p(run, 'deliveryLatencyMs', 'p50')}/{p(run, 'deliveryLatencyMs')}/"
                  f"{p(run, 'deliveryLatencyMs', 'p999')} ms; writer (writes per commit / commit "
                  f"p50 / p99 / write p99, ms) {writer_summary(run)}; errors {run.get('errors')}; "
                  f"loadgen CPU {run.get('cpuPercent')}%; params {json.dumps(run.get('params', {}))}")
        elif run.get("scenario") == "idle":
            print(f"- **{label}**: {run.get('connected')} sockets, server RSS {run.get('rssBeforeKiB')} → "
                  f"{run.get('rssAfterKiB')} KiB ({run.get('bytesPerSocket')} B/socket); "
                  f"errors {run.get('errors')}; loadgen open-files limit {run.get('nofileLimit')}")
        elif run.get("scenario") == "login":
            print(f"- **{label}**: {run.get('loginsPerSec')} logins/s; latency p50/p99 "
                  f"{p(run, 'latencyMs', 'p50')}/{p(run, 'latencyMs')} ms; errors {run.get('errors')}")
        elif run.get("scenario") == "history":
            seeding = run.get("seeding", {})
            print(f"- **{label}**: {run.get('conversationMessages')} messages in the conversation "
                  f"(seeded at {seeding.get('msgsPerSec')} msgs/s; the search index caught up "
                  f"{run.get('searchIndexCatchUpMs')} ms after the seeding); page p50/p99 {p(run, 'pageMs', 'p50')}/"
                  f"{p(run, 'pageMs')} ms; rare search p50/p99 {p(run, 'searchRareMs', 'p50')}/"
                  f"{p(run, 'searchRareMs')} ms ({run.get('rareHits')} hits); common search p50/p99 "
                  f"{p(run, 'searchCommonMs', 'p50')}/{p(run, 'searchCommonMs')} ms "
                  f"({run.get('commonHits')} hits); errors {run.get('errors')}")


if __name__ == "__main__":
    main()
