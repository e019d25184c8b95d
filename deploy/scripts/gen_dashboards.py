#!/usr/bin/env python3
"""Writes the Grafana dashboards (the single source of truth) to helm/gatehouse/files/dashboards/*.json.

The chart turns them into ConfigMaps labelled grafana_dashboard: "1"; docker-compose provisions Grafana from the same
directory; deploy/scripts/sync-k8s.sh copies them into k8s/components/monitoring. Metric names are those of
docs/metrics.md. Run: python3 deploy/scripts/gen_dashboards.py  (render-check.sh fails when the files are stale).
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "helm", "gatehouse", "files", "dashboards")

DS = {"type": "prometheus", "uid": "${datasource}"}
# Which processes a panel reads, by the `application` tag every process sets itself (management.metrics.tags):
# gatehouse-gateway|session|auth|world in a split deployment, gatehouse for the all-in-one node (it is all four).
GW = 'application=~"gatehouse|gatehouse-gateway"'
SESSION = 'application=~"gatehouse|gatehouse-session"'


class Board:
    def __init__(self, uid, title, description, variables):
        self.uid, self.title, self.description, self.variables = uid, title, description, variables
        self.panels, self.y, self.x, self.row_h, self.next_id = [], 0, 0, 0, 1

    def row(self, title):
        if self.x:
            self.y += self.row_h
            self.x, self.row_h = 0, 0
        self.panels.append({"type": "row", "title": title, "id": self._id(), "collapsed": False,
                            "gridPos": {"h": 1, "w": 24, "x": 0, "y": self.y}, "panels": []})
        self.y += 1

    def panel(self, title, targets, unit="short", kind="timeseries", w=12, h=8, description="", stack=False):
        if self.x + w > 24:
            self.y += self.row_h
            self.x, self.row_h = 0, 0
        p = {
            "type": kind, "title": title, "id": self._id(), "datasource": DS, "description": description,
            "gridPos": {"h": h, "w": w, "x": self.x, "y": self.y},
            "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
            "targets": [{"refId": chr(ord("A") + i), "datasource": DS, "expr": expr, "legendFormat": legend}
                        for i, (expr, legend) in enumerate(targets)],
        }
        if kind == "timeseries":
            p["fieldConfig"]["defaults"]["custom"] = {"stacking": {"mode": "normal" if stack else "none"},
                                                      "fillOpacity": 10}
            p["options"] = {"legend": {"displayMode": "table", "placement": "bottom", "calcs": ["lastNotNull", "max"]},
                            "tooltip": {"mode": "multi"}}
        elif kind == "stat":
            p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"]}, "colorMode": "value"}
        self.panels.append(p)
        self.x += w
        self.row_h = max(self.row_h, h)

    def _id(self):
        self.next_id += 1
        return self.next_id - 1

    def json(self):
        return {
            "uid": self.uid, "title": self.title, "description": self.description, "tags": ["gatehouse"],
            "editable": True, "schemaVersion": 39, "version": 1, "timezone": "", "refresh": "30s",
            "time": {"from": "now-3h", "to": "now"}, "graphTooltip": 1, "links": [],
            "annotations": {"list": []},
            "templating": {"list": [
                {"name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus",
                 "current": {}, "hide": 0, "refresh": 1, "options": []},
            ] + self.variables},
            "panels": self.panels,
        }


def query_var(name, label, query, multi=True):
    return {"name": name, "label": label, "type": "query", "datasource": DS,
            "definition": query, "query": {"query": query, "refId": "PrometheusVariableQueryEditor-VariableQuery"},
            "refresh": 2, "includeAll": True, "multi": multi, "allValue": ".*", "current": {}, "sort": 1, "hide": 0,
            "options": []}


def overview():
    b = Board("gatehouse-overview", "Gatehouse / Overview",
              "Players, joins, failures and join time across all gateways.",
              [query_var("protocol", "Protocol", "label_values(gatehouse_joins_started_total, protocol)")])
    P = 'protocol=~"$protocol"'
    b.row("Players")
    b.panel("Players in the cluster (registry)", [(f'sum by (protocol) (max by (protocol) (gatehouse_cluster_players{{{P}}}))', "{{protocol}}")],
            kind="stat", w=8, h=5, description="gatehouse_cluster_players as the registry counts them (max over reporters).")
    b.panel("Players held by gateways", [(f'sum by (protocol) (gatehouse_players_connected{{{GW},{P}}})', "{{protocol}}")],
            kind="stat", w=8, h=5)
    b.panel("Gateways up", [(f'sum(up{{job="gatehouse-gateway"}})', "gateways")], kind="stat", w=8, h=5)
    b.panel("Players per gateway", [(f'sum by (instance) (gatehouse_players_connected{{{GW},{P}}})', "{{instance}}")], w=24, stack=True)
    b.row("Joins")
    b.panel("Join rate (started / completed)", [
        (f'sum by (protocol) (rate(gatehouse_joins_started_total{{{P}}}[$__rate_interval]))', "started {{protocol}}"),
        (f'sum by (protocol) (rate(gatehouse_joins_completed_total{{{P}}}[$__rate_interval]))', "completed {{protocol}}"),
    ], unit="reqps")
    b.panel("Join failure ratio", [
        (f'sum by (protocol) (rate(gatehouse_joins_failed_total{{{P}}}[$__rate_interval])) / '
         f'sum by (protocol) (rate(gatehouse_joins_started_total{{{P}}}[$__rate_interval]))', "{{protocol}}"),
    ], unit="percentunit")
    b.panel("Failures by reason", [
        (f'sum by (protocol, reason) (rate(gatehouse_joins_failed_total{{{P}}}[$__rate_interval]))', "{{protocol}} {{reason}}"),
    ], unit="reqps", stack=True)
    b.panel("Failures by stage", [
        (f'sum by (protocol, stage) (rate(gatehouse_joins_failed_total{{{P}}}[$__rate_interval]))', "{{protocol}} {{stage}}"),
    ], unit="reqps", stack=True)
    b.row("Join time")
    b.panel("p99 / p50 join time per protocol", [
        (f'histogram_quantile(0.99, sum by (protocol, le) (rate(gatehouse_join_duration_seconds_bucket{{{P}}}[$__rate_interval])))', "p99 {{protocol}}"),
        (f'histogram_quantile(0.50, sum by (protocol, le) (rate(gatehouse_join_duration_seconds_bucket{{{P}}}[$__rate_interval])))', "p50 {{protocol}}"),
    ], unit="s")
    b.panel("p99 time per stage", [
        (f'histogram_quantile(0.99, sum by (protocol, stage, le) (rate(gatehouse_join_stage_seconds_bucket{{{P}}}[$__rate_interval])))', "{{protocol}} {{stage}}"),
    ], unit="s")
    return b


def transport():
    b = Board("gatehouse-transport", "Gatehouse / Gateway transport",
              "Per-gateway transport: ENet (FiveM UDP), QUIC (Hytale) and rate limits.",
              [query_var("instance", "Gateway", f'label_values(gatehouse_players_connected{{{GW}}}, instance)')])
    I = f'{GW},instance=~"$instance"'
    b.row("ENet (FiveM UDP)")
    b.panel("ENet peers", [(f'sum by (instance) (gatehouse_enet_peers{{{I}}})', "{{instance}}")])
    b.panel("ENet retransmits / s", [(f'sum by (instance) (rate(gatehouse_enet_retransmits_total{{{I}}}[$__rate_interval]))', "{{instance}}")], unit="ops")
    b.panel("ENet mean RTT", [(f'max by (instance) (gatehouse_enet_rtt_seconds{{{I}}})', "{{instance}}")], unit="s")
    b.panel("ENet UDP bytes / s", [(f'sum by (instance, direction) (rate(gatehouse_enet_bytes_total{{{I}}}[$__rate_interval]))', "{{instance}} {{direction}}")], unit="Bps")
    b.row("QUIC (Hytale)")
    b.panel("QUIC connections", [(f'sum by (instance) (gatehouse_quic_connections{{{I}}})', "{{instance}}")])
    b.panel("QUIC handshakes / s by result", [(f'sum by (instance, result) (rate(gatehouse_quic_handshakes_total{{{I}}}[$__rate_interval]))', "{{instance}} {{result}}")], unit="ops")
    b.row("Rate limits and players")
    b.panel("Rate-limit drops / s by limiter", [(f'sum by (instance, limiter) (rate(gatehouse_ratelimit_dropped_total{{{I}}}[$__rate_interval]))', "{{instance}} {{limiter}}")], unit="ops", stack=True)
    b.panel("Players held", [(f'sum by (instance, protocol) (gatehouse_players_connected{{{I}}})', "{{instance}} {{protocol}}")])
    b.row("JVM")
    b.panel("Heap used", [(f'sum by (instance) (jvm_memory_used_bytes{{{I},area="heap"}})', "{{instance}}")], unit="bytes")
    b.panel("CPU", [(f'max by (instance) (process_cpu_usage{{{I}}})', "{{instance}}")], unit="percentunit")
    return b


def dependencies():
    b = Board("gatehouse-dependencies", "Gatehouse / Dependencies",
              "Session registry latency and errors, circuit breakers, deferrals and gRPC calls between services.",
              [query_var("application", "Process", 'label_values(gatehouse_registry_call_seconds_count, application)')])
    A = 'application=~"$application"'
    b.row("Session registry")
    b.panel("Registry call p99 by operation", [
        (f'histogram_quantile(0.99, sum by (application, operation, le) (rate(gatehouse_registry_call_seconds_bucket{{{A}}}[$__rate_interval])))', "{{application}} {{operation}}"),
    ], unit="s")
    b.panel("Registry calls / s by outcome", [
        (f'sum by (application, outcome) (rate(gatehouse_registry_call_seconds_count{{{A}}}[$__rate_interval]))', "{{application}} {{outcome}}"),
    ], unit="ops", stack=True)
    b.panel("Registry errors / s by operation", [
        (f'sum by (application, operation) (rate(gatehouse_registry_errors_total{{{A}}}[$__rate_interval]))', "{{application}} {{operation}}"),
    ], unit="ops")
    b.panel("Redis errors (session registry) / s", [
        (f'sum by (operation) (rate(gatehouse_registry_errors_total{{{SESSION}}}[$__rate_interval]))', "{{operation}}"),
    ], unit="ops", description="Failed calls of the session registry to its store (Redis; in memory on the all-in-one node).")
    b.row("Circuit breakers")
    b.panel("Circuit breakers not closed", [
        ('max by (application, name, state) (resilience4j_circuitbreaker_state{state!="closed"}) > 0', "{{application}} {{name}} {{state}}"),
    ], w=12)
    b.panel("Circuit breaker state (1 = current)", [
        ('max by (name, state) (resilience4j_circuitbreaker_state)', "{{name}} {{state}}"),
    ], w=12)
    b.row("FiveM deferrals and session-service calls")
    b.panel("Deferrals pending", [(f'sum by (instance) (gatehouse_deferrals_pending)', "{{instance}}")])
    b.panel("gRPC calls served / s by service and status", [
        ('sum by (application, service, statusCode) (rate(grpc_server_processing_duration_seconds_count[$__rate_interval]))', "{{application}} {{service}} {{statusCode}}"),
    ], unit="ops")
    return b


def main():
    check = "--check" in sys.argv
    os.makedirs(OUT, exist_ok=True)
    stale = []
    for board in (overview(), transport(), dependencies()):
        path = os.path.join(OUT, board.uid + ".json")
        text = json.dumps(board.json(), indent=2, sort_keys=False) + "\n"
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            stale.append(path)
            if not check:
                with open(path, "w") as f:
                    f.write(text)
    if check and stale:
        print("stale dashboards (run python3 deploy/scripts/gen_dashboards.py):", *stale, sep="\n  ")
        sys.exit(1)


if __name__ == "__main__":
    main()
