/**
 * Secrets planted in the harness's environment and files — an LLM API key passed to the agent as a
 * declared secret, Kaggle credentials (variables and kaggle.json) and a gateway-style upstream key —
 * must appear in no output: not in a run group (manifest, events, grades, logs, submission list), not in
 * grading and report files (JSON and HTML), not in what any command prints, and not in the errors of the
 * failing paths (Kaggle rejecting or echoing the credentials, a broken kaggle.json, a broken agent
 * config, a missing secret, a crashing agent). Every file written and every captured stream is grepped
 * for each secret and for the Basic-auth token derived from the Kaggle pair.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR, DEMO, writeAgent } from '../support/run-agents.js';
import { runCliCaptured, type CliResult } from '../support/run-cli-captured.js';
import { useTempDir } from '../support/temp-dir.js';
import { spawnPodium, useBuiltCli } from '../crash/crash-support.js';

const tmp = useTempDir('podium-secrets-');
useBuiltCli();
/** Random parts of the planted values: a leak of any 8 characters of one counts (V8 quotes about 10). */
const RANDOM_PARTS: string[] = [];
const hex = () => {
  const part = randomBytes(16).toString('hex');
  RANDOM_PARTS.push(part);
  return part;
};
const WINDOW = 8;
const PLANTED = {
  OPENAI_API_KEY: `sk-planted-${hex()}`,
  KAGGLE_USERNAME: 'planted-user',
  KAGGLE_KEY: `kaggle-planted-${hex()}`,
  PODIUM_GATEWAY_UPSTREAM_KEY: `upstream-planted-${hex()}`,
  ANTHROPIC_API_KEY: `anthropic-planted-${hex()}`,
};
/** Put under an agent's `env:` by mistake (it belongs under `secrets:`): the sandbox gets it, no record does. */
const MISPLACED_TOKEN = `hf-planted-${hex()}`;
/** Starts with a letter, so the unquoted key below is an "Unexpected token" (the error V8 quotes text for). */
const KAGGLE_JSON_KEY = `k${hex()}`;
/** Every form a secret could leak in: the values, and the Basic-auth tokens of the Kaggle pairs. */
const FORMS: Record<string, string> = {
  ...PLANTED,
  'kaggle.json key': KAGGLE_JSON_KEY,
  'HF_TOKEN under env:': MISPLACED_TOKEN,
  'Basic token (env)': Buffer.from(`${PLANTED.KAGGLE_USERNAME}:${PLANTED.KAGGLE_KEY}`).toString('base64'),
  'Basic token (kaggle.json)': Buffer.from(`planted-user:${KAGGLE_JSON_KEY}`).toString('base64'),
};

const agentsDir = join(tmp, 'agents');
const runsDir = join(tmp, 'runs');
const outputs: { what: string; text: string }[] = [];

function record(what: string, result: CliResult): CliResult {
  outputs.push({ what: `${what} (stdout)`, text: result.stdout }, { what: `${what} (stderr)`, text: result.stderr });
  return result;
}

/** Runs the CLI in-process with the planted environment (plus `env`), recording what it printed. */
async function cli(what: string, argv: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const saved = { ...process.env };
  Object.assign(process.env, PLANTED, env);
  try {
    return record(what, await runCliCaptured(argv));
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

/** A Kaggle stand-in that rejects everyone (401 under /reject, 500 under /echo) and echoes the Authorization header. */
let echoServer: Server;
let echoUrl = '';
let rejectUrl = '';
beforeAll(async () => {
  echoServer = createServer((req, res) => {
    const status = req.url?.startsWith('/reject/') ? 401 : 500;
    res.writeHead(status, { 'content-type': 'text/plain' });
    const auth = req.headers.authorization ?? '';
    const decoded = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString('utf8');
    res.end(`rejected ${auth} (${decoded})`);
  });
  await new Promise<void>((resolve) => echoServer.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(echoServer.address() as AddressInfo).port}`;
  echoUrl = `${origin}/echo/api/v1`;
  rejectUrl = `${origin}/reject/api/v1`;
});
afterAll(() => new Promise<void>((resolve) => echoServer.close(() => resolve())));

describe('planted secrets', () => {
  it('appear in no file and no output of a run, its grading, its reports and the failing paths', async () => {
    const competitions = join(tmp, 'competitions.txt');
    writeFileSync(competitions, `${DEMO}\n`);
    // an agent given the API key as a declared secret (it uses it, never prints it)
    const good = writeAgent(agentsDir, {
      name: 'keyed',
      env: { HF_TOKEN: MISPLACED_TOKEN },
      script: [
        'test -n "$OPENAI_API_KEY" || exit 9',
        'test -n "$HF_TOKEN" || exit 8',
        'cp "$DATA/sample_submission.csv" "$SUB/submission.csv"',
        'echo "used a key of ${#OPENAI_API_KEY} characters" > "$LOGS/agent.log"',
      ].join('\n'),
    });
    const goodConfig = join(agentsDir, good, 'config.yaml');
    writeFileSync(goodConfig, `${readFileSync(goodConfig, 'utf8')}secrets: [OPENAI_API_KEY]\n`);
    const crasher = writeAgent(agentsDir, { name: 'crasher', script: 'echo "giving up" >&2\nexit 3' });

    // 1. `podium run` as a real process: the planted variables are its environment
    const podium = spawnPodium(
      ['run', '--agent', good, '--agents-dir', agentsDir, '--competitions', competitions, '--seeds', '2'].concat([
        '--runtime',
        'local',
        '--data-dir',
        DATA_DIR,
        '--runs-dir',
        runsDir,
      ]),
      { ...process.env, ...PLANTED },
    );
    expect(await podium.exit, podium.output()).toBe(0);
    outputs.push({ what: 'podium run (child)', text: podium.output() });
    const [group] = readdirSync(runsDir);
    const groupDir = join(runsDir, group ?? '');
    expect(readFileSync(join(groupDir, 'runs', `${DEMO}_seed0`, 'logs', 'agent.log'), 'utf8')).toMatch(
      /used a key of \d+ characters/,
    );
    // the session's own log is written too (and scanned with every other file below)
    expect(readFileSync(join(groupDir, 'harness.log'), 'utf8')).toMatch(
      /^\S+Z services listen on 127\.0\.0\.1: validation port \d+$/m,
    );

    // 2. a crashing agent, grading, and the reports in every format
    const crashRuns = join(tmp, 'crash-runs');
    const crashed = await cli(
      'run crasher',
      ['run', '--agent', crasher, '--agents-dir', agentsDir].concat([
        '--competitions',
        competitions,
        '--runtime',
        'local',
        '--data-dir',
        DATA_DIR,
        '--runs-dir',
        crashRuns,
      ]),
    );
    expect(crashed.code).toBe(0);
    const gradeOut = join(tmp, 'grade-out');
    const graded = await cli(
      'grade',
      ['grade', '--submission', join(groupDir, 'submission.jsonl')].concat([
        '--output-dir',
        gradeOut,
        '--data-dir',
        DATA_DIR,
      ]),
    );
    expect(graded.code, graded.stderr).toBe(0);
    const html = join(tmp, 'report.html');
    expect((await cli('report', ['report', `keyed=${groupDir}`, '--split', 'dev'])).code).toBe(0);
    expect((await cli('report json', ['report', `keyed=${groupDir}`, '--split', 'dev', '--json'])).code).toBe(0);
    expect((await cli('report html', ['report', `keyed=${groupDir}`, '--split', 'dev', '--html', html])).code).toBe(0);

    // 3. failing paths
    const prepare = (dataDir: string) => ['prepare', '-c', 'spaceship-titanic', '--data-dir', dataDir];
    const rejected = await cli('kaggle 401', [...prepare(join(tmp, 'd1')), '--kaggle-url', rejectUrl]);
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain('Kaggle rejected the credentials');
    const echoedEnv = await cli('kaggle 500 echo', [...prepare(join(tmp, 'd0')), '--kaggle-url', echoUrl]);
    expect(echoedEnv.stderr).toContain('Kaggle answered HTTP 500');
    expect(echoedEnv.stderr).toContain('[redacted]'); // the echo was there, and was cut
    const kaggleDir = join(tmp, 'kaggle-config');
    mkdirSync(kaggleDir);
    // the key left unquoted: V8's JSON.parse message quotes the text around the error, i.e. the key
    writeFileSync(join(kaggleDir, 'kaggle.json'), `{"username": "planted-user", "key": ${KAGGLE_JSON_KEY}}`, {
      mode: 0o600,
    });
    const noKaggleEnv = { KAGGLE_USERNAME: '', KAGGLE_KEY: '', KAGGLE_CONFIG_DIR: kaggleDir };
    const brokenJson = await cli(
      'broken kaggle.json',
      [...prepare(join(tmp, 'd2')), '--kaggle-url', echoUrl],
      noKaggleEnv,
    );
    expect(brokenJson.code).not.toBe(0);
    expect(brokenJson.stderr).toContain('is not valid JSON');
    writeFileSync(join(kaggleDir, 'kaggle.json'), `{"username": "planted-user", "key": "${KAGGLE_JSON_KEY}"}`);
    const echoed = await cli(
      'kaggle echo via kaggle.json',
      [...prepare(join(tmp, 'd3')), '--kaggle-url', echoUrl],
      noKaggleEnv,
    );
    expect(echoed.code).not.toBe(0);
    const badAgent = writeAgent(agentsDir, { name: 'broken', script: 'true' });
    writeFileSync(join(agentsDir, badAgent, 'config.yaml'), `id: ${badAgent}\nenv: {KEY: [unclosed\n`);
    const broken = await cli(
      'broken agent config',
      ['run', '--agent', badAgent, '--agents-dir', agentsDir].concat([
        '--competitions',
        competitions,
        '--runtime',
        'local',
        '--runs-dir',
        join(tmp, 'broken-runs'),
      ]),
    );
    expect(broken.code).toBe(2);
    const missing = await cli(
      'missing secret',
      ['run', '--agent', good, '--agents-dir', agentsDir].concat([
        '--competitions',
        competitions,
        '--runtime',
        'local',
        '--runs-dir',
        join(tmp, 'missing-runs'),
      ]),
      { OPENAI_API_KEY: '' },
    );
    expect(missing.stderr).toBeDefined();

    // every file Podium wrote, and everything it printed
    const written = [groupDir, crashRuns, gradeOut].flatMap(allFiles).concat(html);
    expect(written.length).toBeGreaterThan(10);
    const leaks: string[] = [];
    for (const { what, text } of [
      ...outputs,
      ...written.map((file) => ({ what: file.slice(tmp.length), text: readFileSync(file, 'latin1') })),
    ]) {
      for (const [name, value] of Object.entries(FORMS)) {
        if (name === 'KAGGLE_USERNAME') continue; // a user name is not a secret
        if (text.includes(value)) leaks.push(`${name} in ${what}`);
      }
      for (const part of RANDOM_PARTS) {
        for (let i = 0; i + WINDOW <= part.length; i += 1) {
          if (text.includes(part.slice(i, i + WINDOW))) {
            leaks.push(`part of a secret (${part.slice(i, i + WINDOW)}) in ${what}`);
            break;
          }
        }
      }
    }
    expect(leaks).toEqual([]);
  }, 180_000);
});
