/**
 * What the listen plan is made from (harness/runs/listen-facts.ts): the daemon's host-gateway-ip from
 * its config file, each engine's host-gateway — asked of the real local engine when one answers, left
 * out (so the plan widens) for an engine that does not answer — and which named addresses bind here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planListenAddresses } from '../../harness/runs/listen-addresses.js';
import { daemonHostGateways, gatherListenFacts, canBind, type FactSources } from '../../harness/runs/listen-facts.js';
import { DockerRuntime } from '../../harness/runtime/docker-runtime.js';
import { LocalRuntime } from '../../harness/runtime/local-runtime.js';
import { dockerAvailable } from '../runtime/docker-gate.js';
import { useTempDir } from '../support/temp-dir.js';

const tmp = useTempDir('podium-listen-facts-');
const docker = await dockerAvailable();

function daemonJson(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

const HERE = new Set(['127.0.0.1', '192.0.2.2', '172.17.0.1', '10.1.0.1']);
const sources = (daemonConfigFile: string, env: NodeJS.ProcessEnv = {}): FactSources => ({
  daemonConfigFile,
  env,
  canBind: async (address) => HERE.has(address),
});
const NO_DAEMON_JSON = join(tmp, 'absent.json');
/** An engine that never answers (port 9, discard): its facts are unknown. */
const silentEngine = () => new DockerRuntime({ connection: { kind: 'tcp', host: '127.0.0.1', port: 9 } });

describe('daemonHostGateways', () => {
  it.each([
    ['host-gateway-ip', '{"host-gateway-ip": "10.1.0.1"}', ['10.1.0.1']],
    ['host-gateway-ips (Docker 28)', '{"host-gateway-ips": ["10.1.0.1", "fd00::1"]}', ['10.1.0.1', 'fd00::1']],
    ['neither key', '{"debug": true}', []],
    ['a value that is no IP', '{"host-gateway-ip": "gateway.local"}', []],
    ['not JSON', '{ host-gateway-ip: ', []],
    ['not an object', '"10.1.0.1"', []],
  ])('%s', async (_name, text, expected) => {
    expect(await daemonHostGateways(daemonJson(`${_name.replace(/\W/g, '_')}.json`, text))).toEqual(expected);
  });

  it('a missing file says nothing', async () => {
    expect(await daemonHostGateways(NO_DAEMON_JSON)).toEqual([]);
  });
});

describe('canBind', () => {
  it('binds loopback, not an address of another machine (TEST-NET-3)', async () => {
    expect(await canBind('127.0.0.1')).toBe(true);
    expect(await canBind('203.0.113.9')).toBe(false);
  });
});

describe('gatherListenFacts', () => {
  it('local and k8s runtimes ask no engine', async () => {
    const local = await gatherListenFacts(
      { runtimeKind: 'local', runtime: new LocalRuntime(), network: null },
      sources(NO_DAEMON_JSON),
    );
    expect(local).toEqual({ runtime: 'local', engines: [], localAddresses: [] });
    const k8s = await gatherListenFacts(
      { runtimeKind: 'k8s', runtime: new LocalRuntime(), network: null, harnessAddress: '192.0.2.2' },
      sources(NO_DAEMON_JSON),
    );
    expect(planListenAddresses(k8s).hosts).toEqual(['192.0.2.2']);
  });

  it("an isolated group listens on its network's gateway, whatever the engine", async () => {
    const facts = await gatherListenFacts(
      { runtimeKind: 'docker', runtime: silentEngine(), network: { hostAddress: '10.1.0.1' } },
      sources(NO_DAEMON_JSON),
    );
    expect(planListenAddresses(facts)).toEqual({ hosts: ['10.1.0.1'], notes: [] });
  });

  it("the daemon's host-gateway-ip is used for an engine on this machine's socket, not for a TCP one", async () => {
    const file = daemonJson('gw.json', '{"host-gateway-ip": "10.1.0.1"}');
    const reach = { runtimeKind: 'docker' as const, runtime: silentEngine(), network: null };
    const onSocket = await gatherListenFacts(reach, sources(file, {}));
    expect(onSocket.engines).toEqual([{ engine: 'the local engine', hostGateways: ['10.1.0.1'] }]);
    // over TCP the daemon.json here is not that engine's; the engine does not answer: unknown, so wide
    const overTcp = await gatherListenFacts(reach, sources(file, { DOCKER_HOST: 'tcp://127.0.0.1:9' }));
    expect(overTcp.engines).toEqual([{ engine: 'the local engine', hostGateways: [] }]);
    expect(planListenAddresses(overTcp).hosts).toEqual(['0.0.0.0']);
  });

  it('a fleet: each host by its harness address, its socket or its engine (a silent one widens the plan)', async () => {
    const file = daemonJson('fleet.json', '{"host-gateway-ip": "172.17.0.1"}');
    const facts = await gatherListenFacts(
      {
        runtimeKind: 'docker',
        runtime: silentEngine(),
        network: null,
        fleet: {
          hosts: [
            { name: 'here', runtime: silentEngine() },
            { name: 'far', runtime: silentEngine(), harnessAddress: '192.0.2.2' },
            { name: 'silent', runtime: silentEngine() },
          ],
        },
        hostsConfig: {
          schema_version: 1,
          requeue: 'once',
          health: { interval: 30, failures: 3 },
          gpu_query_image: 'unused',
          hosts: [
            { name: 'here', docker: 'unix:///var/run/docker.sock', gpus: [], gpu_request: 'env' },
            { name: 'far', docker: 'tcp://10.0.0.5:2376', gpus: [], gpu_request: 'env', harness_address: '192.0.2.2' },
            { name: 'silent', docker: 'tcp://127.0.0.1:9', gpus: [], gpu_request: 'env' },
          ],
        },
      },
      sources(file),
    );
    expect(facts.engines).toEqual([
      { engine: 'host here', hostGateways: ['172.17.0.1'] },
      { engine: 'host far', harnessAddress: '192.0.2.2', hostGateways: [] },
      { engine: 'host silent', hostGateways: [] },
    ]);
    const withoutSilent = { ...facts, engines: facts.engines.slice(0, 2) };
    expect(planListenAddresses(withoutSilent)).toEqual({ hosts: ['172.17.0.1', '192.0.2.2'], notes: [] });
  });

  it.skipIf(!docker)("the local engine's default bridge gateway is an address of this machine", async () => {
    const facts = await gatherListenFacts({ runtimeKind: 'docker', runtime: new DockerRuntime(), network: null });
    const [engine] = facts.engines;
    expect(engine?.hostGateways).toHaveLength(1);
    expect(await canBind(engine?.hostGateways[0] ?? '')).toBe(true);
    const plan = planListenAddresses(facts);
    expect(plan).toEqual({ hosts: engine?.hostGateways, notes: [] });
    expect(plan.hosts).not.toContain('0.0.0.0');
  });
});
