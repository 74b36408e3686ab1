// Extracts the few GitHub REST operations BudgetBot calls from GitHub's published OpenAPI description
// (npm package @octokit/openapi, MIT) into tests/BudgetBot.Tests/Fixtures/github-rest/operations.json.
// Run once by hand when the list changes; never at build or test time:
//   npm pack @octokit/openapi@23.0.2 && tar xzf octokit-openapi-23.0.2.tgz
//   node tests/tools/extract-github-rest.mjs package/generated/api.github.com.deref.json
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const wanted = [
  ["post", "/app/installations/{installation_id}/access_tokens"],
  ["get", "/repos/{owner}/{repo}/installation"],
  ["get", "/repos/{owner}/{repo}/issues/{issue_number}/comments"],
  ["post", "/repos/{owner}/{repo}/issues/{issue_number}/comments"],
  ["patch", "/repos/{owner}/{repo}/issues/comments/{comment_id}"],
  ["post", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"],
  ["get", "/repos/{owner}/{repo}/collaborators/{username}/permission"],
  ["post", "/repos/{owner}/{repo}/check-runs"],
  ["patch", "/repos/{owner}/{repo}/check-runs/{check_run_id}"],
  ["get", "/repos/{owner}/{repo}/commits/{ref}/check-runs"],
  ["get", "/repos/{owner}/{repo}/pulls/{pull_number}"],
];

// The parts of a JSON schema a request body test checks: type, properties, required, enum,
// maxLength, maxItems, items, and anyOf/oneOf branches (reduced the same way).
function shape(s) {
  if (!s || typeof s !== "object") return {};
  const out = {};
  for (const k of ["type", "required", "enum", "maxLength", "maxItems"]) if (s[k] !== undefined) out[k] = s[k];
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, shape(v)]));
  if (s.items) out.items = shape(s.items);
  for (const k of ["anyOf", "oneOf"]) if (s[k]) out[k] = s[k].map(shape);
  return out;
}

const [source] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(source, "utf8"));
const operations = wanted.map(([method, path]) => {
  const op = spec.paths[path]?.[method];
  if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in ${source}`);
  const body = op.requestBody?.content?.["application/json"]?.schema;
  return { method: method.toUpperCase(), path, operationId: op.operationId, ...(body ? { requestBody: shape(body) } : {}) };
});
const target = join(dirname(fileURLToPath(import.meta.url)), "..", "BudgetBot.Tests", "Fixtures", "github-rest", "operations.json");
const version = JSON.parse(readFileSync(join(dirname(source), "..", "package.json"), "utf8")).version;
writeFileSync(target, JSON.stringify({ source: `@octokit/openapi@${version} generated/api.github.com.deref.json`, operations }, null, 2) + "\n");
console.log(`wrote ${operations.length} operations to ${target}`);
