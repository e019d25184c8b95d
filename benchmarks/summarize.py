#!/usr/bin/env python3
"""Turns a bench-suite results folder into the Markdown tables of docs/benchmarks.md (median [min..max] of the
interleaved runs, each Gatehouse number next to its reference and their ratio)."""
import glob
import json
import os
import re
import statistics
import sys

out = sys.argv[1]
raw = os.path.join(out, "raw")


def jsonl(name):
    path = os.path.join(raw, name)
    if not os.path.exists(path):
        return []
    return [json.loads(line) for line in open(path) if line.strip().startswith("{")]


def reports(prefix):
    found = []
    for path in sorted(glob.glob(os.path.join(raw, "*.json"))):
        r = json.load(open(path))
        if re.fullmatch(prefix, r.get("label", "")):
            found.append(r)
    return found


def mmm(values, fmt="{:.0f}"):
    values = [v for v in values if v is not None and v >= 0]
    if not values:
        return "n/a"
    med = statistics.median(values)
    if len(values) == 1:
        return fmt.format(med)
    return f"{fmt.format(med)} [{fmt.format(min(values))}..{fmt.format(max(values))}]"


def med(values):
    values = [v for v in values if v is not None and v >= 0]
    return statistics.median(values) if values else None


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "n/a"


lines = []
p = lines.append
p(f"Results: `{out}`  ")
if os.path.exists(os.path.join(out, "machine.txt")):
    p("Machine: " + "; ".join(open(os.path.join(out, "machine.txt")).read().split("\n")).strip("; ") + "  ")
p("Cells: median [min..max] over the interleaved runs. CPU: the server process's user+system time (/proc/PID/stat) "
  "divided by the operations completed.\n")

enet = [r for r in jsonl("enet.jsonl") if "during" not in r]
if enet:
    p("### ENet transport (same libenet C load client against both servers)\n")
    p("| workload | libenet C server | Java ENet server | ratio (C CPU / Java CPU) |")
    p("|---|---|---|---|")
    for mode, what in (("connect", "connects"), ("echo", "100-byte reliable echoes")):
        c = [r for r in enet if r["server"] == "c" and r["mode"] == mode]
        j = [r for r in enet if r["server"] == "java" and r["mode"] == mode]
        if not c or not j:
            continue
        p(f"| {what}/s | {mmm([r['perSecond'] for r in c])} | {mmm([r['perSecond'] for r in j])} | |")
        p(f"| server CPU µs per {mode} | {mmm([r['serverCpuMicrosPerOp'] for r in c], '{:.1f}')} | "
          f"{mmm([r['serverCpuMicrosPerOp'] for r in j], '{:.1f}')} | **"
          f"{ratio(med([r['serverCpuMicrosPerOp'] for r in c]), med([r['serverCpuMicrosPerOp'] for r in j]))}** |")
    p("")

idle = jsonl("enet-idle.jsonl")
if idle:
    p("### ENet idle peers\n")
    p("| server | peers | resident per peer | live heap per peer | idle CPU |")
    p("|---|---|---|---|---|")
    for r in idle:
        rss = (r["rssAfter"] - r["rssBefore"]) / r["peers"]
        heap = (r["heapAfter"] - r["heapBefore"]) / r["peers"] if r["heapBefore"] >= 0 else None
        p(f"| {'libenet C' if r['server'] == 'c' else 'Java ENet'} | {r['peers']} | {rss:.0f} B | "
          f"{'n/a' if heap is None else f'{heap:.0f} B'} | {100 * r['idleCpuUtilization']:.1f} % of a core |")
    p("")


def step_rows(rs):
    steps = [r["steps"][0] for r in rs if r.get("steps")]
    return steps


def join_table(title, groups):
    p(f"### {title}\n")
    p("| what | runs | joins/s | p50 ms | p95 ms | p99 ms | server CPU µs/join | failed |")
    p("|---|---|---|---|---|---|---|---|")
    for name, rs in groups:
        steps = step_rows(rs)
        if not steps:
            continue
        p(f"| {name} | {len(steps)} | {mmm([s['joinsPerSecond'] for s in steps])} | "
          f"{mmm([s['latencyMs']['p50'] for s in steps], '{:.1f}')} | "
          f"{mmm([s['latencyMs']['p95'] for s in steps], '{:.1f}')} | "
          f"{mmm([s['latencyMs']['p99'] for s in steps], '{:.1f}')} | "
          f"{mmm([s['serverCpuMicrosPerJoin'] for s in steps])} | {sum(s['failed'] for s in steps)} |")
    p("")


quic = reports(r"quic-handshake-run\d+")
hyt = reports(r"hytale-insecure-run\d+")
auth = reports(r"hytale-auth-run\d+")
if quic or hyt or auth:
    join_table("Hytale joins (closed loop)", [("bare Netty QUIC handshake + echo (ceiling)", quic),
                                              ("Gatehouse Hytale insecure join", hyt),
                                              ("Gatehouse Hytale authenticated join", auth)])
    q = med([s["serverCpuMicrosPerJoin"] for s in step_rows(quic)])
    h = med([s["serverCpuMicrosPerJoin"] for s in step_rows(hyt)])
    a = med([s["serverCpuMicrosPerJoin"] for s in step_rows(auth)])
    p(f"Insecure join vs bare handshake (server CPU per handshake / per join): **{ratio(q, h)}**; "
      f"authenticated: **{ratio(q, a)}**\n")

fivem = reports(r"fivem-run\d+")
if fivem:
    join_table("FiveM full joins, all-in-one (closed loop)", [("Gatehouse FiveM join", fivem)])
    ceiling = [r for r in jsonl("enet.jsonl") if r.get("during") == "fivem"]
    if ceiling:
        p(f"Ceiling of the UDP part, libenet C server bare connects in the same run: "
          f"{mmm([r['perSecond'] for r in ceiling])} connects/s, "
          f"{mmm([r['serverCpuMicrosPerOp'] for r in ceiling], '{:.1f}')} µs server CPU per connect.\n")

for label, title in (("quic-handshake-sweep", "bare QUIC handshake"), ("hytale-insecure-sweep", "Hytale insecure join"),
                     ("fivem-sweep", "FiveM join")):
    rs = reports(label)
    if not rs:
        continue
    r = rs[-1]
    p(f"### Open-loop sweep: {title}\n")
    p("| offered/s | achieved/s | p50 ms | p95 ms | p99 ms | server CPU µs/join | server CPU util | failed |")
    p("|---|---|---|---|---|---|---|---|")
    for s in r["steps"]:
        p(f"| {s['offeredPerSecond']:.0f} | {s['joinsPerSecond']:.0f} | {s['latencyMs']['p50']:.1f} | "
          f"{s['latencyMs']['p95']:.1f} | {s['latencyMs']['p99']:.1f} | {s['serverCpuMicrosPerJoin']:.0f} | "
          f"{100 * s['serverCpuUtilization']:.0f} % | {s['failed']} |")
    p("")

holds = [(l, reports(l)) for l in ("quic-handshake-idle", "hytale-insecure-idle", "fivem-idle")]
if any(rs for _, rs in holds):
    p("### Idle connections held\n")
    p("| what | held | resident per connection | resident per connection after GC | live heap per connection |")
    p("|---|---|---|---|---|")
    for label, rs in holds:
        if not rs:
            continue
        h = rs[-1].get("hold", {})
        def kib(key):
            v = h.get(key)
            return "n/a" if v is None else f"{v / 1024:.1f} KiB"
        p(f"| {label} | {h.get('heldAtMeasurement')} | {kib('perHeldPlayerResidentBytes')} | "
          f"{kib('perHeldPlayerResidentBytesAfterGc')} | {kib('perHeldPlayerLiveHeapBytes')} |")
    p("")

print("\n".join(lines))
