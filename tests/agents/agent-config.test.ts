import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentConfig, sandboxResources } from '../../harness/agents/agent-config.js';
import { loadAgent, localCommand } from '../../harness/agents/load-agent.js';
import { parseBytes, parseDuration, UnitParseError } from '../../harness/agents/units.js';
import { projectLayout } from '../../harness/paths.js';
import { ConfigError } from '../../harness/registry/config-error.js';
import { useTempDir } from '../support/temp-dir.js';

const agentsDir = join(projectLayout().root, 'agents');

const GOOD = `schema_version: 1
id: toy
name: Toy
description: A toy agent.
image: podium/agent-toy
dockerfile: Dockerfile
command: [sh, /home/agent/start.sh]
local:
  command: [sh, start.sh]
files: [start.sh]
`;

describe('a broken agent config', () => {
  const root = useTempDir();
  const toyDir = join(root, 'agents', 'toy');

  function writeToy(yaml: string): void {
    rmSync(toyDir, { recursive: true, force: true });
    mkdirSync(toyDir, { recursive: true });
    writeFileSync(join(toyDir, 'config.yaml'), yaml);
    writeFileSync(join(toyDir, 'start.sh'), 'echo toy\n');
    writeFileSync(join(toyDir, 'Dockerfile'), 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY start.sh /home/agent/\n');
  }

  it('loads when nothing is broken, with the defaults filled in', async () => {
    writeToy(GOOD);
    const { config } = await loadAgent(join(root, 'agents'), 'toy');
    expect(config).toMatchObject({ time_limit: 86_400, user: '1000:1000', env: {}, secrets: [], resources: {} });
  });

  const F = 'agents/toy/config.yaml';
  it.each([
    ['an unknown key', `${GOOD}colour: red\n`, `${F}: unknown key 'colour'`],
    ['a wrong schema version', GOOD.replace('schema_version: 1', 'schema_version: 2'), `${F}: schema_version: `],
    ['a missing command', GOOD.replace('command: [sh, /home/agent/start.sh]\n', ''), `${F}: command: `],
    ['an empty command', GOOD.replace('command: [sh, /home/agent/start.sh]', 'command: []'), `${F}: command: `],
    [
      'an id that is not its folder',
      GOOD.replace('id: toy', 'id: other'),
      `${F}: id: 'other' does not match its folder name 'toy'`,
    ],
    ['an uppercase id', GOOD.replace('id: toy', 'id: Toy'), `${F}: id: must be lowercase letters, digits and dashes`],
    ['a bad image tag', GOOD.replace('podium/agent-toy', 'Podium/Toy'), `${F}: image: must be a docker image tag`],
    [
      'a tag on a built image',
      GOOD.replace('podium/agent-toy', 'podium/agent-toy:1'),
      `${F}: image: an image built from a Dockerfile is tagged with its content hash: name the repository only, e.g. 'podium/agent-toy'`,
    ],
    [
      'a parent without a Dockerfile',
      GOOD.replace('image: podium/agent-toy\ndockerfile: Dockerfile', 'image: toy:1\nparent: podium-base'),
      `${F}: parent: a parent needs a dockerfile`,
    ],
    [
      'an unpinned parent',
      `${GOOD}parent: python\n`,
      `${F}: parent: must be 'podium-base' or an image with a tag, e.g. 'podium/busybox:1'`,
    ],
    [
      'a build arg for the parent',
      `${GOOD}build_args:\n  BASE_IMAGE: x:1\n`,
      `${F}: build_args.BASE_IMAGE: BASE_IMAGE is set from 'parent'`,
    ],
    ['a bad build arg name', `${GOOD}build_args:\n  1X: y\n`, `${F}: build_args.1X: must be a build arg name`],
    [
      'kwargs without a style',
      `${GOOD}kwargs:\n  a.b: 1\n`,
      `${F}: kwargs_style: kwargs need a kwargs_style ('omegaconf' or 'argparse')`,
    ],
    ['an unknown kwargs style', `${GOOD}kwargs_style: hydra\n`, `${F}: kwargs_style: `],
    [
      'an unknown placeholder',
      `${GOOD}kwargs_style: omegaconf\nkwargs:\n  agent.model: '{{modle}}'\n`,
      `${F}: kwargs.agent.model: unknown placeholder {{modle}} (known: model, steps, time_limit_s)`,
    ],
    [
      'a placeholder with no value',
      `${GOOD}env:\n  MODEL: '{{model}}'\n`,
      `${F}: env.MODEL: {{model}} is used but 'model' is not set`,
    ],
    [
      'a variant with an unknown key',
      `${GOOD}variants:\n  big:\n    image: other\n`,
      `${F}: variants.big: unknown key 'image'`,
    ],
    [
      'a variant with a bad name',
      `${GOOD}variants:\n  Big:\n    steps: 3\n`,
      `${F}: variants.Big: must be lowercase letters, digits, dots and dashes`,
    ],
    [
      'a variant setting a harness variable',
      `${GOOD}variants:\n  big:\n    env:\n      PODIUM_X: 1\n`,
      `${F}: variants.big.env.PODIUM_X: PODIUM_* variables are set by the harness`,
    ],
    [
      'a variant whose secret is also a plain variable',
      `${GOOD}env:\n  KEY: x\nvariants:\n  big:\n    secrets: [KEY]\n`,
      `${F}: variants.big.secrets.0: 'KEY' is also set under env`,
    ],
    [
      'a variant setting the parent build arg',
      `${GOOD}variants:\n  big:\n    build_args:\n      BASE_IMAGE: x:1\n`,
      `${F}: variants.big.build_args.BASE_IMAGE: BASE_IMAGE is set from 'parent'`,
    ],
    [
      'a variant with a bad time limit',
      `${GOOD}variants:\n  big:\n    time_limit: 90\n`,
      `${F}: variants.big.time_limit: invalid duration '90': `,
    ],
    [
      'a missing Dockerfile',
      GOOD.replace('dockerfile: Dockerfile', 'dockerfile: Dockerfile.gpu'),
      `${F}: dockerfile: 'Dockerfile.gpu' is not a file in agents/toy`,
    ],
    [
      'a missing file',
      GOOD.replace('files: [start.sh]', 'files: [start.sh, train.awk]'),
      `${F}: files.1: 'train.awk' is not a file in agents/toy`,
    ],
    [
      'a file outside the folder',
      GOOD.replace('files: [start.sh]', 'files: [../secrets.txt]'),
      `${F}: files.0: must be a relative path inside the agent folder`,
    ],
    [
      'an absolute file',
      GOOD.replace('files: [start.sh]', 'files: [/etc/passwd]'),
      `${F}: files.0: must be a relative path inside the agent folder`,
    ],
    [
      'a file listed twice',
      GOOD.replace('files: [start.sh]', 'files: [start.sh, start.sh]'),
      `${F}: files.1: 'start.sh' is listed twice`,
    ],
    [
      'a bad memory size',
      `${GOOD}resources:\n  memory: 4gigs\n`,
      `${F}: resources.memory: invalid size '4gigs': expected bytes, or a number with a unit k, m, g or t (powers of 1024), e.g. '512m' or '4g'`,
    ],
    [
      'a zero shm size',
      `${GOOD}resources:\n  shm_size: 0g\n`,
      `${F}: resources.shm_size: invalid size '0g': must be more than 0 bytes`,
    ],
    ['an unknown resource', `${GOOD}resources:\n  bandwidth: 10g\n`, `${F}: resources: unknown key 'bandwidth'`],
    ['a negative cpu count', `${GOOD}resources:\n  cpus: -1\n`, `${F}: resources.cpus: `],
    [
      'a time limit without a unit',
      `${GOOD}time_limit: 90\n`,
      `${F}: time_limit: invalid duration '90': expected a number with a unit s, m, h or d, e.g. '90s', '10m', '24h' or '1h30m'`,
    ],
    ['root', `${GOOD}user: root\n`, `${F}: user: the agent never runs as root`],
    ['uid 0', `${GOOD}user: "0:0"\n`, `${F}: user: the agent never runs as root`],
    [
      'an env var the harness sets',
      `${GOOD}env:\n  PODIUM_DATA_DIR: /tmp\n`,
      `${F}: env.PODIUM_DATA_DIR: PODIUM_* variables are set by the harness`,
    ],
    ['a bad env name', `${GOOD}env:\n  1ABC: x\n`, `${F}: env.1ABC: must be an environment variable name`],
    [
      'a secret also set under env',
      `${GOOD}env:\n  HF_TOKEN: x\nsecrets: [HF_TOKEN]\n`,
      `${F}: secrets.0: 'HF_TOKEN' is also set under env`,
    ],
    ['a secret listed twice', `${GOOD}secrets: [A_KEY, A_KEY]\n`, `${F}: secrets.1: 'A_KEY' is listed twice`],
    ['not YAML', `${GOOD}files: [unclosed\n`, `${F}: not valid YAML: `],
  ])('fails on %s, naming the file and the field', async (_name, yaml, message) => {
    writeToy(yaml);
    const error = await loadAgent(join(root, 'agents'), 'toy').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    // the message starts with the file and the field
    expect((error as ConfigError).message.slice(0, message.length)).toBe(message);
  });
});

describe('agent config values', () => {
  const parse = (extra: Record<string, unknown>) =>
    AgentConfig.parse({
      schema_version: 1,
      id: 'toy',
      name: 'Toy',
      description: 'A toy.',
      image: 'toy:1',
      command: ['./run'],
      ...extra,
    });

  it('turns env values into strings', () => {
    expect(parse({ env: { THREADS: 4, VERBOSE: true, MODE: 'fast' } }).env).toEqual({
      THREADS: '4',
      VERBOSE: 'true',
      MODE: 'fast',
    });
  });

  it.each([
    [{}, {}],
    [
      { cpus: 1.5, memory: '4g', shm_size: '1g', pids_limit: 100, gpus: 2 },
      {
        nanoCpus: 1_500_000_000,
        memoryBytes: 4 * 1024 ** 3,
        shmSizeBytes: 1024 ** 3,
        pidsLimit: 100,
        gpus: { count: 2 },
      },
    ],
    [{ gpus: ['0', '3'] }, { gpus: { deviceIds: ['0', '3'] } }],
    [{ gpus: 0 }, {}],
    [{ memory: 1_000_000 }, { memoryBytes: 1_000_000 }],
    [{ disk: '200g' }, { diskBytes: 200 * 1024 ** 3 }],
  ])('maps resources %j to the sandbox spec %j', (resources, expected) => {
    expect(sandboxResources(parse({ resources }).resources)).toEqual(expected);
  });

  it('resolves the local command against the folder its files are in', async () => {
    const agent = await loadAgent(agentsDir, 'baseline');
    expect(localCommand(agent)).toEqual(['sh', join(agentsDir, 'baseline', 'start.sh')]);
    expect(localCommand(agent, '/ws/agent')).toEqual(['sh', '/ws/agent/start.sh']);
    expect(localCommand({ ...agent, config: { ...agent.config, local: undefined } })).toBeUndefined();
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['10m', 600],
    ['24h', 86_400],
    ['2d', 172_800],
    ['1h30m', 5_400],
    ['1d2h3m4s', 93_784],
    ['1.5h', 5_400],
    [' 45s ', 45],
  ])('%j is %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  const FORMS = "expected a number with a unit s, m, h or d, e.g. '90s', '10m', '24h' or '1h30m'";
  it.each([
    ['90', `invalid duration '90': ${FORMS}`],
    ['', `invalid duration '': ${FORMS}`],
    ['10 min', `invalid duration '10 min': ${FORMS}`],
    ['-5s', `invalid duration '-5s': ${FORMS}`],
    ['1w', `invalid duration '1w': ${FORMS}`],
    ['0s', "invalid duration '0s': must be longer than 0 seconds"],
    ['0.5s', "invalid duration '0.5s': is not a whole number of seconds (0.5)"],
    ['1h1h', "invalid duration '1h1h': unit 'h' appears twice"],
  ])('refuses %j', (text, message) => {
    expect(() => parseDuration(text)).toThrow(UnitParseError);
    expect(() => parseDuration(text)).toThrow(message);
  });
});

describe('parseBytes', () => {
  it.each([
    ['100', 100],
    ['100b', 100],
    ['64k', 65_536],
    ['512m', 536_870_912],
    ['4g', 4_294_967_296],
    ['4G', 4_294_967_296],
    ['4gb', 4_294_967_296],
    ['2GiB', 2_147_483_648],
    ['1.5g', 1_610_612_736],
    ['1t', 1_099_511_627_776],
    [' 8 m ', 8_388_608],
  ])('%j is %i bytes', (text, bytes) => {
    expect(parseBytes(text)).toBe(bytes);
  });

  const FORMS = "expected bytes, or a number with a unit k, m, g or t (powers of 1024), e.g. '512m' or '4g'";
  it.each([
    ['4gigs', `invalid size '4gigs': ${FORMS}`],
    ['', `invalid size '': ${FORMS}`],
    ['-1g', `invalid size '-1g': ${FORMS}`],
    ['1e9', `invalid size '1e9': ${FORMS}`],
    ['g', `invalid size 'g': ${FORMS}`],
    ['0', "invalid size '0': must be more than 0 bytes"],
    ['0.5', "invalid size '0.5': is not a whole number of bytes (0.5)"],
    ['99999999t', "invalid size '99999999t': is too large"],
  ])('refuses %j', (text, message) => {
    expect(() => parseBytes(text)).toThrow(UnitParseError);
    expect(() => parseBytes(text)).toThrow(message);
  });
});
