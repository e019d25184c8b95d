// Validates rendered manifests (JSON arrays written by checks.py) against the Kubernetes OpenAPI schemas and the
// prometheus-operator CRD schemas shipped in kubernetes-models: types, enums, required fields, formats, patterns.
// It does NOT reject unknown fields (the upstream schemas allow them); checks.py asserts the fields we rely on.
//   node validate.mjs out/*.json
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const CORE = {
  "v1": "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "autoscaling/v2": "kubernetes-models/autoscaling/v2",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};

let failed = 0, checked = 0;
for (const file of process.argv.slice(2)) {
  for (const obj of JSON.parse(readFileSync(file, "utf8"))) {
    const where = `${basename(file)}: ${obj.kind}/${obj.metadata?.name}`;
    const mod = CORE[obj.apiVersion];
    if (!mod) { console.log(`FAIL ${where}: no schema for apiVersion ${obj.apiVersion}`); failed++; continue; }
    let Model;
    try { Model = (await import(`${mod}/${obj.kind}`))[obj.kind]; }
    catch (e) { console.log(`FAIL ${where}: no schema for kind ${obj.kind} (${e.message})`); failed++; continue; }
    try { new Model(obj).validate(); checked++; }
    catch (e) { console.log(`FAIL ${where}: ${e.message}`); failed++; }
  }
}
console.log(`schema-validated ${checked} objects, ${failed} failed`);
process.exit(failed ? 1 : 0);
