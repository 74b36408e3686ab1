// Asks BudgetBot's POST /api/preflight whether this run may start (DESIGN §5). Exit 0 when allowed,
// 1 when a hard budget denies it, with the Slack command that asks for more. Node >= 18, no dependencies.
import { readFileSync, appendFileSync } from 'node:fs';

const env = process.env;

function output(values) {
  if (!env.GITHUB_OUTPUT) return;
  appendFileSync(env.GITHUB_OUTPUT, Object.entries(values).map(([k, v]) => `${k}=${v}\n`).join(''));
}

function unavailable(message) {
  if (env.BUDGETBOT_ON_ERROR === 'deny') {
    console.log(`::error::${message}; the run is stopped because on-error is 'deny'`);
    process.exit(1);
  }
  console.log(`::warning::${message}; the run goes ahead unchecked`);
  output({ allowed: 'true' });
  process.exit(0);
}

function pullRequest() {
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    const pr = event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined);
    return Number.isInteger(pr) && pr > 0 ? pr : undefined;
  } catch {
    return undefined;
  }
}

// The budget that denied, from the reason BudgetBot gives, else the one with the least room left.
function denyingBudget(answer) {
  const named = /budget '([^']+)'/.exec(answer.reason ?? '');
  if (named) return answer.budgets?.find((b) => b.id === named[1]) ?? { id: named[1], remainingUsd: 0 };
  return [...(answer.budgets ?? [])].sort((a, b) => a.remainingUsd - b.remainingUsd)[0];
}

async function main() {
  if (!env.BUDGETBOT_URL || !env.BUDGETBOT_TOKEN) return unavailable('BUDGETBOT_URL and BUDGETBOT_TOKEN must be set');
  // No estimate-usd: BudgetBot estimates from the workflow's history and says on what basis.
  const given = (env.BUDGETBOT_ESTIMATE_USD ?? '').trim();
  const estimateUsd = given === '' ? undefined : Number.parseFloat(given);
  const body = {
    repo: env.GITHUB_REPOSITORY,
    pr: pullRequest(),
    workflow: env.BUDGETBOT_WORKFLOW || env.GITHUB_WORKFLOW || undefined,
    team: env.BUDGETBOT_TEAM || undefined,
    experiment: env.BUDGETBOT_EXPERIMENT || undefined,
    runId: env.GITHUB_RUN_ID,
    estimateUsd: estimateUsd === undefined ? undefined : Number.isFinite(estimateUsd) && estimateUsd > 0 ? estimateUsd : 0,
  };
  const url = new URL('api/preflight', env.BUDGETBOT_URL.endsWith('/') ? env.BUDGETBOT_URL : `${env.BUDGETBOT_URL}/`);
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${env.BUDGETBOT_TOKEN}` },
      body: JSON.stringify(body),
    });
  } catch (e) {
    return unavailable(`BudgetBot at ${url.origin} cannot be reached: ${e.message}`);
  }
  const text = await response.text();
  if (!response.ok) return unavailable(`BudgetBot answered ${response.status}: ${text}`);
  const answer = JSON.parse(text);
  const estimate = answer.estimate ?? { usd: body.estimateUsd ?? 0, basis: "the caller's estimate" };
  console.log(`BudgetBot: estimate $${estimate.usd} (${estimate.basis})`);
  const estimateOutputs = { 'estimate-usd': String(estimate.usd), 'estimate-basis': estimate.basis.replace(/[\r\n]+/g, ' ') };
  if (answer.allowed) {
    console.log(`BudgetBot: allowed (${answer.reason})${answer.reservationId ? `, $${estimate.usd} reserved as ${answer.reservationId}` : ''}`);
    output({ allowed: 'true', 'reservation-id': answer.reservationId ?? '', ...estimateOutputs });
    return;
  }
  const budget = denyingBudget(answer);
  const id = budget?.id ?? '<budget>';
  const amount = Math.max(1, Math.ceil(estimate.usd - Math.max(0, budget?.remainingUsd ?? 0)));
  console.log(`::error::BudgetBot denied this run: ${answer.reason}`);
  console.log(`To request more, run in Slack: /budget request ${amount} for ${id} <reason>`);
  output({ allowed: 'false', ...estimateOutputs });
  process.exit(1);
}

await main();
