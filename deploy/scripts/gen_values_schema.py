#!/usr/bin/env python3
"""Generates helm/gatehouse/values.schema.json from values.yaml: types inferred from the defaults, descriptions from
the `## @param` comments, closed objects (additionalProperties: false) except free-form maps, plus the enums and
patterns below. Run after editing values.yaml; render-check.sh fails when the schema is stale (--check)."""
import json
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHART = os.path.join(ROOT, "helm", "gatehouse")

# Keys whose value is a free-form map or Kubernetes object passed through as is.
OPEN = re.compile(r"(^|\.)(config|commonLabels|commonAnnotations|annotations|podAnnotations|podLabels|nodeSelector|"
                  r"affinity|resources|additionalLabels|labels|volume|behavior|namespaceSelector|podSelector|"
                  r"updateStrategy|startupProbe|livenessProbe|readinessProbe|nodePorts)$")
ENUMS = {
    "gateway.kind": ["Deployment", "DaemonSet"],
    "gateway.service.type": ["LoadBalancer", "NodePort", "ClusterIP"],
    "gateway.service.externalTrafficPolicy": ["Local", "Cluster"],
    "gateway.service.sessionAffinity": ["ClientIP", "None"],
    "gateway.service.ipFamilyPolicy": ["", "SingleStack", "PreferDualStack", "RequireDualStack"],
    "image.pullPolicy": ["Always", "IfNotPresent", "Never"],
    "auth.hytale.authMode": ["authenticated", "insecure"],
}
for c in ("gateway", "session", "auth", "world"):
    ENUMS[c + ".podAntiAffinityPreset"] = ["", "soft", "hard"]
PATTERNS = {
    "redis.external.url": r"^$|^rediss?://",
    "image.digest": r"^$|^sha256:[0-9a-f]{64}$",
}
PORTS = re.compile(r"(^|\.)(ports|service\.ports)\.[a-z]+$")
RANGES = {"gateway.service.sessionAffinityTimeoutSeconds": (1, 86400)}


def params():
    out = {}
    for line in open(os.path.join(CHART, "values.yaml")):
        m = re.match(r"\s*## @param (\S+) (.*)", line)
        if m:
            out[m.group(1)] = m.group(2).strip()
    return out


def schema(value, path, docs):
    s = {}
    if path in docs:
        s["description"] = docs[path]
    if isinstance(value, bool):
        s["type"] = "boolean"
    elif isinstance(value, int):
        s["type"] = "integer"
        if PORTS.search(path):
            s.update(minimum=1, maximum=65535)
        if path in RANGES:
            s.update(minimum=RANGES[path][0], maximum=RANGES[path][1])
        if path.endswith(("terminationGracePeriodSeconds", "preStopSleepSeconds", "replicaCount", "minReplicas",
                          "maxReplicas", "maxRamPercentage")):
            s["minimum"] = 0 if "Seconds" in path else 1
    elif isinstance(value, float):
        s["type"] = "number"
    elif isinstance(value, str):
        s["type"] = "string"
        if path.endswith("shutdownPhaseTimeout"):
            s["pattern"] = r"^[0-9]+s$"
    elif isinstance(value, list):
        s["type"] = "array"
    elif isinstance(value, dict):
        s["type"] = "object"
        if not OPEN.search(path):
            s["properties"] = {k: schema(v, f"{path}.{k}" if path else k, docs) for k, v in value.items()}
            s["additionalProperties"] = False
    elif value is None:
        s["type"] = ["string", "null"]
    if path in ENUMS:
        s["enum"] = ENUMS[path]
    if path in PATTERNS:
        s["pattern"] = PATTERNS[path]
    if path.endswith("maxRamPercentage"):
        s["maximum"] = 90
    return s


def main():
    values = yaml.safe_load(open(os.path.join(CHART, "values.yaml")))
    root = schema(values, "", params())
    root = {"$schema": "http://json-schema.org/draft-07/schema#", "title": "Gatehouse Helm chart values", **root}
    # Helm adds these to every chart's values.
    root["properties"]["global"]["additionalProperties"] = True
    text = json.dumps(root, indent=2) + "\n"
    path = os.path.join(CHART, "values.schema.json")
    if "--check" in sys.argv:
        if not os.path.exists(path) or open(path).read() != text:
            print("stale helm/gatehouse/values.schema.json (run python3 deploy/scripts/gen_values_schema.py)")
            sys.exit(1)
        return
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
