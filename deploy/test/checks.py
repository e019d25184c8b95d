#!/usr/bin/env python3
"""Checks rendered Gatehouse manifests (helm template / kubectl kustomize output) for the chart's promises.

    python3 checks.py --case NAME=RENDERED.yaml[,notes=NOTES.txt][,sentinels] ... --json-out DIR

For each case: probes on the actuator endpoints, drain (preStop + grace period), security context, ports and
protocols, Service shape (LoadBalancer, externalTrafficPolicy Local, ClientIP affinity, no admin port), gRPC
targets that resolve to a Service port, PDBs, NetworkPolicies (gRPC only from gateways; admin only from Prometheus),
secrets never in plain text (SENTINEL-* values of ci/values-bundled-redis.yaml) nor in NOTES, monitoring objects.
Writes each case's objects as JSON to DIR for the schema validation (k8s-validate/validate.mjs).
Exit 1 with one line per failed promise."""
import argparse
import base64
import json
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CHART = os.path.join(ROOT, "helm", "gatehouse")
COMPONENTS = ("gateway", "session", "auth", "world")
SECRET_ENV = re.compile(r"(PASSWORD|TOKEN|PUBLIC_KEY|AUDIENCE|SECRET)$")

failures = []


def fail(case, msg):
    failures.append(f"[{case}] {msg}")


def comp(o):
    return ((o.get("metadata") or {}).get("labels") or {}).get("app.kubernetes.io/component")


def matches(selector, labels):
    return all(labels.get(k) == v for k, v in (selector or {}).items())


def env_of(container):
    return {e["name"]: e for e in container.get("env", [])}


def check_workloads(case, objs, services):
    workloads = [o for o in objs if o["kind"] in ("Deployment", "DaemonSet") and comp(o) in COMPONENTS]
    found = {comp(o) for o in workloads}
    for c in COMPONENTS:
        if c not in found:
            fail(case, f"no workload for {c}")
    for w in workloads:
        c, name = comp(w), w["metadata"]["name"]
        spec = w["spec"]
        pod = spec["template"]["spec"]
        if not matches(spec["selector"]["matchLabels"], spec["template"]["metadata"]["labels"]):
            fail(case, f"{name}: selector does not match the pod labels")
        ctr = pod["containers"][0]
        env = env_of(ctr)
        ports = {p["name"]: p for p in ctr.get("ports", [])}
        admin = int(env.get("GATEHOUSE_ADMIN_PORT", {}).get("value", 0))
        if "admin" not in ports or ports["admin"]["containerPort"] != admin:
            fail(case, f"{name}: admin containerPort != GATEHOUSE_ADMIN_PORT ({admin})")
        for probe, path in (("readinessProbe", "/actuator/health/readiness"),
                            ("livenessProbe", "/actuator/health/liveness"),
                            ("startupProbe", "/actuator/health/liveness")):
            get = (ctr.get(probe) or {}).get("httpGet") or {}
            if get.get("path") != path or get.get("port") not in ("admin", admin):
                fail(case, f"{name}: {probe} is not GET {path} on the admin port")
        pre = (((ctr.get("lifecycle") or {}).get("preStop") or {}).get("exec") or {}).get("command") or []
        sleep = int(pre[1]) if len(pre) == 2 and pre[0] == "sleep" else None
        if sleep is None:
            fail(case, f"{name}: no preStop sleep (drain)")
        phase = env.get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", {}).get("value", "")
        m = re.fullmatch(r"(\d+)s", phase)
        if not m:
            fail(case, f"{name}: SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE missing or not in seconds")
        elif sleep is not None and pod.get("terminationGracePeriodSeconds", 30) <= sleep + int(m.group(1)):
            fail(case, f"{name}: terminationGracePeriodSeconds does not cover preStop + shutdown phase")
        # Security.
        sc, psc = ctr.get("securityContext") or {}, pod.get("securityContext") or {}
        if not sc.get("runAsNonRoot") or not sc.get("readOnlyRootFilesystem") or sc.get("allowPrivilegeEscalation", True):
            fail(case, f"{name}: container must be runAsNonRoot, readOnlyRootFilesystem, no privilege escalation")
        if "ALL" not in ((sc.get("capabilities") or {}).get("drop") or []):
            fail(case, f"{name}: capabilities must drop ALL")
        if (sc.get("seccompProfile") or psc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
            fail(case, f"{name}: seccomp RuntimeDefault missing")
        mounts = {m["mountPath"]: m["name"] for m in ctr.get("volumeMounts", [])}
        vols = {v["name"]: v for v in pod.get("volumes", [])}
        data_dir = env.get("GATEHOUSE_DATA_DIR", {}).get("value")
        for path in (data_dir, "/tmp"):
            if not path or path not in mounts or "emptyDir" not in vols.get(mounts[path], {}):
                fail(case, f"{name}: {path} must be an emptyDir (read-only root filesystem)")
        if not ((ctr.get("resources") or {}).get("limits") or {}).get("memory"):
            fail(case, f"{name}: no memory limit (the JVM heap is a share of it)")
        if "MaxRAMPercentage" not in env.get("JAVA_TOOL_OPTIONS", {}).get("value", ""):
            fail(case, f"{name}: JAVA_TOOL_OPTIONS lacks -XX:MaxRAMPercentage")
        # Secrets only through secretKeyRef.
        for n, e in env.items():
            if SECRET_ENV.search(n) and "value" in e and not n.endswith("_AUTH_MODE"):
                fail(case, f"{name}: {n} is a plain value, must come from a Secret")
            if n == "GATEHOUSE_REDIS_URL" and "value" in e and re.search(r"//[^/]*:[^$][^/]*@", e["value"]):
                fail(case, f"{name}: GATEHOUSE_REDIS_URL carries a literal password")
        if c == "gateway":
            fivem = int(env["GATEHOUSE_FIVEM_PORT"]["value"])
            hytale = int(env["GATEHOUSE_HYTALE_PORT"]["value"])
            protos = {(p["containerPort"], p["protocol"]) for p in ctr["ports"]}
            for want in ((fivem, "TCP"), (fivem, "UDP"), (hytale, "UDP")):
                if want not in protos:
                    fail(case, f"{name}: container port {want[0]}/{want[1]} missing")
            if pod.get("hostNetwork"):
                if w["kind"] != "DaemonSet" or pod.get("dnsPolicy") != "ClusterFirstWithHostNet":
                    fail(case, f"{name}: hostNetwork needs a DaemonSet with dnsPolicy ClusterFirstWithHostNet")
                if any(p.get("hostPort") != p["containerPort"] for p in ctr["ports"] if p["name"] != "admin"):
                    fail(case, f"{name}: hostNetwork ports need hostPort == containerPort")
            for svc in ("SESSION", "AUTH", "WORLD"):
                check_target(case, name, env, svc, services)
        else:
            if env.get("GATEHOUSE_GRPC_BIND_ADDRESS", {}).get("value") != "0.0.0.0":
                fail(case, f"{name}: gRPC must bind 0.0.0.0 in a pod (gatehouse.grpc.bind-address)")
            grpc = int(env["GATEHOUSE_GRPC_PORT"]["value"])
            if "grpc" not in ports or ports["grpc"]["containerPort"] != grpc:
                fail(case, f"{name}: grpc containerPort != GATEHOUSE_GRPC_PORT")
            if c in ("auth", "world"):
                check_target(case, name, env, "SESSION", services)
            if c == "session" and "GATEHOUSE_REDIS_URL" not in env:
                fail(case, f"{name}: no GATEHOUSE_REDIS_URL")
    return workloads


def check_target(case, name, env, svc, services):
    t = env.get(f"GATEHOUSE_SERVICES_{svc}_TARGET", {}).get("value", "")
    m = re.fullmatch(r"(?:dns:///)?([a-z0-9-]+):(\d+)", t)
    if not m:
        fail(case, f"{name}: GATEHOUSE_SERVICES_{svc}_TARGET '{t}' is not [dns:///]service:port")
        return
    s = services.get(m.group(1))
    if not s or int(m.group(2)) not in [p["port"] for p in s["spec"]["ports"]]:
        fail(case, f"{name}: target {t} does not name a Service port")


def check_services(case, objs, workloads):
    services = {o["metadata"]["name"]: o for o in objs if o["kind"] == "Service"}
    pods = [(w["spec"]["template"]["metadata"]["labels"], w["spec"]["template"]["spec"]["containers"][0])
            for w in workloads]
    for name, s in services.items():
        sel = s["spec"].get("selector")
        targets = [c for labels, c in pods if matches(sel, labels)]
        if comp(s) in COMPONENTS and not targets:
            fail(case, f"Service {name} selects no workload")
        for p in s["spec"]["ports"]:
            tp = p.get("targetPort")
            for c in targets:
                named = {cp["name"]: cp for cp in c.get("ports", [])}
                if isinstance(tp, str) and (tp not in named or named[tp]["protocol"] != p.get("protocol", "TCP")):
                    fail(case, f"Service {name} port {p['name']} targets {tp}, not a {p.get('protocol')} container port")
    players = [s for s in services.values() if comp(s) == "gateway" and not s["metadata"]["name"].endswith("-admin")]
    gw = [w for w in workloads if comp(w) == "gateway"]
    host_network = gw and gw[0]["spec"]["template"]["spec"].get("hostNetwork")
    if not players and not host_network:
        fail(case, "no players' Service for the gateways")
    seen = set()
    for s in players:
        spec = s["spec"]
        if spec.get("type") == "LoadBalancer" and spec.get("externalTrafficPolicy") != "Local":
            fail(case, f"{s['metadata']['name']}: externalTrafficPolicy must be Local")
        if spec.get("sessionAffinity") != "ClientIP":
            fail(case, f"{s['metadata']['name']}: sessionAffinity must be ClientIP")
        for p in spec["ports"]:
            if p.get("targetPort") == "admin" or p["name"] == "admin":
                fail(case, f"{s['metadata']['name']}: the admin port must not be on the players' Service")
            seen.add((p["name"], p.get("protocol")))
    if players:
        for want in (("fivem-tcp", "TCP"), ("fivem-udp", "UDP"), ("hytale", "UDP")):
            if want not in seen:
                fail(case, f"players' Service lacks {want[0]}/{want[1]}")
        fivem_ports = {p["port"] for s in players for p in s["spec"]["ports"] if p["name"].startswith("fivem")}
        if len(fivem_ports) != 1:
            fail(case, "FiveM TCP and UDP must share one Service port number")
    for c in ("session", "auth", "world"):
        s = services.get(next((n for n in services if comp(services[n]) == c and not n.endswith("-admin")), ""))
        if not s or s["spec"].get("type", "ClusterIP") != "ClusterIP":
            fail(case, f"{c}: no ClusterIP gRPC Service")
    return services


def check_pdbs(case, objs, workloads):
    pdbs = [o for o in objs if o["kind"] == "PodDisruptionBudget"]
    for w in workloads:
        labels = w["spec"]["template"]["metadata"]["labels"]
        if not any(matches(p["spec"]["selector"]["matchLabels"], labels) for p in pdbs):
            fail(case, f"{w['metadata']['name']}: no PodDisruptionBudget")


def rule_peers(rule):
    return rule.get("from")


def check_netpol(case, objs, workloads):
    nps = [o for o in objs if o["kind"] == "NetworkPolicy"]
    by_comp = {comp(w): w for w in workloads}
    gw_labels = by_comp["gateway"]["spec"]["template"]["metadata"]["labels"]
    host_network = by_comp["gateway"]["spec"]["template"]["spec"].get("hostNetwork")
    for c in ("session", "auth", "world"):
        w = by_comp[c]
        labels = w["spec"]["template"]["metadata"]["labels"]
        env = env_of(w["spec"]["template"]["spec"]["containers"][0])
        grpc, admin = int(env["GATEHOUSE_GRPC_PORT"]["value"]), int(env["GATEHOUSE_ADMIN_PORT"]["value"])
        mine = [n for n in nps if matches(n["spec"]["podSelector"].get("matchLabels"), labels)]
        if not mine:
            fail(case, f"{c}: no NetworkPolicy selects it")
            continue
        allowed = {"gateway"} | ({"auth", "world"} if c == "session" else set())
        for n in mine:
            for rule in n["spec"].get("ingress", []):
                ports = {p.get("port") for p in rule.get("ports", [])}
                peers = rule_peers(rule)
                if not rule.get("ports") or peers is None or peers == []:
                    fail(case, f"{n['metadata']['name']}: an ingress rule is open to all ports or all peers")
                    continue
                if grpc in ports:
                    for peer in peers:
                        if "ipBlock" in peer:
                            if not host_network:
                                fail(case, f"{n['metadata']['name']}: gRPC port open to an ipBlock")
                            continue
                        pl = (peer.get("podSelector") or {}).get("matchLabels") or {}
                        if "namespaceSelector" in peer or pl.get("app.kubernetes.io/component") not in allowed:
                            fail(case, f"{n['metadata']['name']}: gRPC port {grpc} reachable from {peer}")
                    if not any(matches((p.get("podSelector") or {}).get("matchLabels"), gw_labels) for p in peers):
                        fail(case, f"{n['metadata']['name']}: gateways cannot reach gRPC port {grpc}")
                if admin in ports and not all("namespaceSelector" in p or "podSelector" in p for p in peers):
                    fail(case, f"{n['metadata']['name']}: admin port must be limited to Prometheus selectors")
                if ports - {grpc, admin}:
                    fail(case, f"{n['metadata']['name']}: unexpected ports {ports - {grpc, admin}}")
    redis = [w for w in objs if w["kind"] == "Deployment" and comp(w) == "redis"]
    if redis and not any(matches(n["spec"]["podSelector"].get("matchLabels"),
                                 redis[0]["spec"]["template"]["metadata"]["labels"]) for n in nps):
        fail(case, "bundled Redis has no NetworkPolicy")


def check_monitoring(case, objs):
    sm = [o for o in objs if o["kind"] == "ServiceMonitor"]
    pm = [o for o in objs if o["kind"] == "PodMonitor"]
    for m in sm + pm:
        if "release" not in m["metadata"].get("labels", {}):
            fail(case, f"{m['kind']} lacks the kube-prometheus release label (additionalLabels)")
        eps = m["spec"].get("endpoints") or m["spec"].get("podMetricsEndpoints")
        if not eps or eps[0].get("port") != "admin" or eps[0].get("path") != "/actuator/prometheus":
            fail(case, f"{m['kind']} must scrape port admin at /actuator/prometheus")
        if m["spec"].get("jobLabel") != "gatehouse.io/job":
            fail(case, f"{m['kind']} must take the job from gatehouse.io/job (the alerts' job names)")
    if sm:
        admins = [o for o in objs if o["kind"] == "Service" and matches(sm[0]["spec"]["selector"]["matchLabels"],
                                                                         o["metadata"].get("labels", {}))]
        if {comp(a) for a in admins} != set(COMPONENTS):
            fail(case, f"ServiceMonitor selects {sorted(comp(a) for a in admins)}, not the four admin Services")
        if any(p["name"] != "admin" for a in admins for p in a["spec"]["ports"]):
            fail(case, "ServiceMonitor selects a Service with non-admin ports")
    rules = [o for o in objs if o["kind"] == "PrometheusRule"]
    if rules:
        src = yaml.safe_load(open(os.path.join(CHART, "files", "alerts", "gatehouse-alerts.yaml")))
        if rules[0]["spec"]["groups"] != src["groups"]:
            fail(case, "PrometheusRule differs from files/alerts/gatehouse-alerts.yaml")
        alerts = {r["alert"] for g in rules[0]["spec"]["groups"] for r in g["rules"]}
        for a in ("GatehouseJoinFailureRatioHigh", "GatehouseJoinP99Slow", "GatehouseCircuitBreakerOpen",
                  "GatehouseRedisErrors", "GatehouseGatewayDown"):
            if a not in alerts:
                fail(case, f"alert {a} missing")
    dash = [o for o in objs if o["kind"] == "ConfigMap" and "grafana_dashboard" in o["metadata"].get("labels", {})]
    if dash:
        files = sorted(os.listdir(os.path.join(CHART, "files", "dashboards")))
        got = sorted(k for d in dash for k in d["data"])
        if got != files:
            fail(case, f"dashboard ConfigMaps carry {got}, files/dashboards has {files}")
        for d in dash:
            if d["metadata"]["labels"]["grafana_dashboard"] != "1":
                fail(case, "grafana_dashboard label must be \"1\"")
            for k, v in d["data"].items():
                if json.loads(v) != json.load(open(os.path.join(CHART, "files", "dashboards", k))):
                    fail(case, f"dashboard {k} differs from its file")
    return sm, pm, rules, dash


def check_secrets(case, text, notes, objs):
    sentinels = set(re.findall(r"SENTINEL-[A-Za-z0-9-]+", open(os.path.join(CHART, "ci", "values-bundled-redis.yaml")).read()))
    for s in sentinels:
        if s in text:
            fail(case, f"secret value {s} appears in plain text in the rendered manifests")
        if notes is not None and s in notes:
            fail(case, f"secret value {s} appears in NOTES")
    decoded = set()
    for o in objs:
        if o["kind"] == "Secret":
            if "stringData" in o:
                fail(case, f"Secret {o['metadata']['name']} uses stringData (plain text)")
            decoded |= {base64.b64decode(v).decode() for v in (o.get("data") or {}).values()}
    if not sentinels <= decoded:
        fail(case, f"sentinel secrets not all in Secret data: {sorted(sentinels - decoded)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", action="append", required=True,
                    help="NAME=FILE[,notes=FILE][,sentinels][,expect=KIND:COUNT...]")
    ap.add_argument("--json-out", required=True)
    args = ap.parse_args()
    os.makedirs(args.json_out, exist_ok=True)
    for spec in args.case:
        name, rest = spec.split("=", 1)
        parts = rest.split(",")
        path, opts = parts[0], dict((p.split("=", 1) + [""])[:2] for p in parts[1:])
        text = open(path).read()
        objs = [o for o in yaml.safe_load_all(text) if o]
        notes = open(opts["notes"]).read() if opts.get("notes") else None
        workloads = [o for o in objs if o["kind"] in ("Deployment", "DaemonSet") and comp(o) in COMPONENTS]
        services = {o["metadata"]["name"]: o for o in objs if o["kind"] == "Service"}
        check_workloads(name, objs, services)
        check_services(name, objs, workloads)
        check_pdbs(name, objs, workloads)
        if any(o["kind"] == "NetworkPolicy" for o in objs):
            check_netpol(name, objs, workloads)
        else:
            fail(name, "no NetworkPolicy")
        check_monitoring(name, objs)
        if "sentinels" in opts:
            check_secrets(name, text, notes, objs)
        for exp in filter(None, opts.get("expect", "").split("+")):
            kind, count = exp.split(":")
            got = sum(1 for o in objs if o["kind"] == kind)
            if got != int(count):
                fail(name, f"expected {count} {kind}, got {got}")
        if notes is not None:
            for want in ("connect ", "Hytale"):
                if want not in notes:
                    fail(name, f"NOTES lack '{want.strip()}'")
        with open(os.path.join(args.json_out, name + ".json"), "w") as f:
            json.dump(objs, f)
        print(f"checked {name}: {len(objs)} objects")
    if failures:
        print("\n".join(failures))
        print(f"{len(failures)} failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
