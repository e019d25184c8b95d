#!/usr/bin/env python3
"""Regenerates the property tables of docs/configuration.md from the build's configuration metadata.

Every @ConfigurationProperties class gets META-INF/spring-configuration-metadata.json from Spring Boot's
configuration processor; this script turns the gatehouse.* entries into one table per group, between the
markers <!-- generated:start --> and <!-- generated:end -->. The hand-written text around them (FXServer convars,
examples) is kept. Run after `./mvnw -q -B -DskipTests package`:

    python3 docs/tools/gen-configuration.py

(GATEHOUSE_BUILD_ROOT points at another checkout's build output, e.g. a clean export.)
"""
import glob
import json
import os
import re

ROOT = os.environ.get("GATEHOUSE_BUILD_ROOT") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOC_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOC = os.path.join(DOC_ROOT, "docs", "configuration.md")
START, END = "<!-- generated:start -->", "<!-- generated:end -->"

# Which module's table a prefix belongs to, in reading order.
GROUPS = [
    ("gatehouse.grpc.", "gRPC server of this process"),
    ("gatehouse.services.", "Where this process finds the other services"),
    ("gatehouse.drain.", "Drain (SIGTERM, `POST /actuator/gatehouse/drain`)"),
    ("gatehouse.cluster.", "Cluster events"),
    ("gatehouse.registry.", "Session registry"),
    ("gatehouse.fivem.", "FiveM"),
    ("gatehouse.hytale.", "Hytale"),
    ("gatehouse.world.", "World"),
    ("gatehouse.dev.", "Development services (all-in-one)"),
    ("gatehouse.", "Other"),
]


def clean(text):
    text = text or ""
    text = re.sub(r"\{@code ([^}]*)\}", r"`\1`", text)
    text = re.sub(r"\{@link(?:plain)? #?([^}]*)\}", r"`\1`", text)
    # drop Javadoc's HTML, but keep placeholders such as <name> in property names
    text = re.sub(r"</?(?:p|em|strong|b|i|ul|ol|li|br|code|pre)\b[^>]*>", "", text)
    return " ".join(text.split()).replace("|", "\\|")


def default(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return "`" + ",".join(str(v) for v in value) + "`"
    if isinstance(value, bool):
        return "`" + str(value).lower() + "`"
    return "`" + str(value) + "`"


def main():
    props = {}
    for path in glob.glob(os.path.join(ROOT, "*", "target", "classes", "META-INF", "spring-configuration-metadata.json")):
        with open(path) as f:
            for p in json.load(f).get("properties", []):
                name = p["name"]
                if name.startswith("gatehouse.") and not p.get("deprecation"):
                    known = props.get(name)
                    # the same key may be bound by several services (e.g. gatehouse.fivem.max-clients)
                    if known is None or (not known.get("description") and p.get("description")):
                        props[name] = p
    if not props:
        raise SystemExit("no configuration metadata found: build first (./mvnw -q -B -DskipTests package)")
    out = []
    taken = set()
    for prefix, title in GROUPS:
        rows = [n for n in sorted(props) if n.startswith(prefix) and n not in taken]
        if not rows:
            continue
        out.append(f"### {title}\n\n| property | default | meaning |\n|---|---|---|")
        for name in rows:
            p = props[name]
            out.append(f"| `{name}` | {default(p.get('defaultValue'))} | {clean(p.get('description'))} |")
            taken.add(name)
        out.append("")
    with open(DOC) as f:
        doc = f.read()
    head, rest = doc.split(START, 1)
    _, tail = rest.split(END, 1)
    with open(DOC, "w") as f:
        f.write(head + START + "\n\n" + "\n".join(out) + "\n" + END + tail)
    print(f"{len(props)} properties written to {DOC}")


if __name__ == "__main__":
    main()
