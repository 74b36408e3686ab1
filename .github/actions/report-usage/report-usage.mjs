// Posts a Claude Code run's usage to BudgetBot's POST /api/usage (DESIGN §6). Node >= 18, no
// dependencies: global fetch. Reads claude-code-action's execution file (a JSON array of Agent SDK
// messages whose last "result" element carries the totals) or one `--output-format json` result.
import { readFileSync, appendFileSync } from 'node:fs';

const env = process.env;

function fail(message) {
  console.log(`::error::${message}`);
  process.exit(env.BUDGETBOT_FAIL_ON_ERROR === 'true' ? 1 : 0);
}

function readResult(path) {
  const parsed = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(parsed)) return parsed;
  const results = parsed.filter((m) => m && m.type === 'result');
  if (results.length === 0) throw new Error(`${path} holds no "result" message; did the Claude step finish?`);
  return results[results.length - 1];
}

function readEvent() {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch {
    return {};
  }
}

// modelUsage covers every model, subagents included; `usage` covers the main loop only, so it is
// the fallback for older CLIs without modelUsage.
function perModel(result) {
  if (result.modelUsage && Object.keys(result.modelUsage).length > 0) {
    return Object.entries(result.modelUsage).map(([model, u]) => ({
      model,
      provider: u.provider,
      inputTokens: u.inputTokens ?? 0,
      outputTokens: u.outputTokens ?? 0,
      cacheReadTokens: u.cacheReadInputTokens ?? 0,
      cacheWrite5mTokens: u.cacheCreationInputTokens ?? 0,
      costUsd: u.costUSD,
    }));
  }
  const u = result.usage ?? {};
  const writes = u.cache_creation ?? {};
  return [{
    model: result.model ?? 'claude-code (model not reported)',
    inputTokens: u.input_tokens ?? 0,
    outputTokens: u.output_tokens ?? 0,
    cacheReadTokens: u.cache_read_input_tokens ?? 0,
    cacheWrite5mTokens: writes.ephemeral_5m_input_tokens ?? u.cache_creation_input_tokens ?? 0,
    cacheWrite1hTokens: writes.ephemeral_1h_input_tokens ?? 0,
    costUsd: result.total_cost_usd,
  }];
}

function context() {
  const event = readEvent();
  const pr = event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined);
  const attempt = Number.parseInt(env.GITHUB_RUN_ATTEMPT ?? '1', 10);
  return {
    repo: env.GITHUB_REPOSITORY,
    pr: Number.isInteger(pr) && pr > 0 ? pr : undefined,
    branch: env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || undefined,
    sha: event.pull_request?.head?.sha ?? env.GITHUB_SHA,
    runId: env.GITHUB_RUN_ID,
    runAttempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1,
    jobId: env.GITHUB_JOB,
    workflow: env.BUDGETBOT_WORKFLOW || env.GITHUB_WORKFLOW,
    actor: env.GITHUB_ACTOR,
  };
}

async function main() {
  for (const name of ['BUDGETBOT_URL', 'BUDGETBOT_TOKEN', 'BUDGETBOT_FILE']) {
    if (!env[name]) return fail(`${name} is not set (inputs url, token and file are required)`);
  }
  let result;
  try {
    result = readResult(env.BUDGETBOT_FILE);
  } catch (e) {
    return fail(`cannot read ${env.BUDGETBOT_FILE}: ${e.message}`);
  }
  const ctx = context();
  const occurredAt = new Date().toISOString();
  // The id repeats on a retried step or job attempt's re-run of this step, so BudgetBot counts it once.
  const events = perModel(result).map((m) => ({
    id: `${ctx.runId}-${ctx.runAttempt}-${ctx.jobId}-${m.model}`,
    source: 'github-actions',
    occurredAt,
    ...m,
    provider: m.provider ?? (m.model.startsWith('claude') ? 'anthropic' : undefined),
    ...ctx,
  }));
  const total = events.reduce((sum, e) => sum + (e.costUsd ?? 0), 0);
  const url = new URL('api/usage', env.BUDGETBOT_URL.endsWith('/') ? env.BUDGETBOT_URL : `${env.BUDGETBOT_URL}/`);
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${env.BUDGETBOT_TOKEN}` },
      body: JSON.stringify({ events }),
    });
  } catch (e) {
    return fail(`BudgetBot at ${url.origin} cannot be reached: ${e.message}`);
  }
  const text = await response.text();
  if (!response.ok) return fail(`BudgetBot answered ${response.status}: ${text}`);
  const answer = JSON.parse(text);
  console.log(`BudgetBot: ${events.length} model(s), $${total.toFixed(6)}; ${answer.accepted} stored, ${answer.duplicates} already known`);
  if (env.GITHUB_OUTPUT) {
    appendFileSync(env.GITHUB_OUTPUT, `accepted=${answer.accepted}\ntotal-usd=${total.toFixed(6)}\n`);
  }
}

await main();
