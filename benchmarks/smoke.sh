#!/usr/bin/env bash
# Smoke of the benchmark suite for CI: the whole pipeline (C reference peers built by gcc, the Java and libenet ENet
# servers, the bare QUIC server, all-in-one nodes, the load generator's FiveM and Hytale scenarios, the report and
# the chart) with small N, in a few minutes. It asserts that every run completed and every join succeeded, never
# a time or a rate. Needs gcc, libenet-dev and the built jars (built here when missing).
#   benchmarks/smoke.sh                      sections: enet hytale fivem (override with SMOKE_SECTIONS)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ ! -f benchmarks/target/benchmarks.jar || ! -f launcher/target/gatehouse.jar ]]; then
  ./mvnw -q -B -DskipTests -pl launcher,benchmarks -am package
fi
OUT="${OUT:-$(mktemp -d -t gatehouse-bench-smoke.XXXXXX)}"
# shellcheck disable=SC2086
SMOKE=1 OUT="$OUT" benchmarks/bench-suite.sh ${SMOKE_SECTIONS:-enet hytale fivem}
python3 - "$OUT" <<'PY'
import glob, json, sys
out = sys.argv[1]
reports = [json.load(open(p)) for p in glob.glob(out + "/raw/*.json")]
assert reports, "no load-generator report written"
bad = [r["label"] for r in reports if not r.get("completed") or not r.get("allJoinsSucceeded")]
assert not bad, f"runs with failed joins: {bad}"
assert glob.glob(out + "/raw/*.svg"), "no chart written"
enet = [json.loads(l) for l in open(out + "/raw/enet.jsonl")] if glob.glob(out + "/raw/enet.jsonl") else []
print(f"smoke OK: {len(reports)} load-generator runs, {len(enet)} ENet runs, every join succeeded")
PY
