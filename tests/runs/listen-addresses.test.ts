/**
 * The plan of where the harness's services listen (harness/runs/listen-addresses.ts), one row per case
 * of the session: runtime, engines, harness addresses, internal network and this machine's addresses.
 */
import { describe, expect, it } from 'vitest';
import { planListenAddresses, type ListenFacts, type ListenPlan } from '../../harness/runs/listen-addresses.js';

const HERE = ['127.0.0.1', '192.0.2.2', '172.17.0.1', '172.18.0.1', '::1', 'fd00::2'];
const localEngine = { engine: 'the local engine', hostGateways: ['172.17.0.1'] };

const CASES: { name: string; facts: Omit<ListenFacts, 'localAddresses'>; plan: ListenPlan }[] = [
  {
    name: 'local runtime: loopback',
    facts: { runtime: 'local', engines: [] },
    plan: { hosts: ['127.0.0.1'], notes: [] },
  },
  {
    name: 'local runtime ignores a harness address',
    facts: { runtime: 'local', engines: [], harnessAddress: '192.0.2.2' },
    plan: { hosts: ['127.0.0.1'], notes: [] },
  },
  {
    name: 'docker, default bridge: its gateway',
    facts: { runtime: 'docker', engines: [localEngine] },
    plan: { hosts: ['172.17.0.1'], notes: [] },
  },
  {
    name: "docker with the daemon's host-gateway-ips (IPv4 and IPv6)",
    facts: { runtime: 'docker', engines: [{ engine: 'the local engine', hostGateways: ['172.17.0.1', 'fd00::2'] }] },
    plan: { hosts: ['172.17.0.1', 'fd00::2'], notes: [] },
  },
  {
    name: 'docker, isolated: the internal network gateway only',
    facts: { runtime: 'docker', engines: [], isolatedGateway: '172.18.0.1' },
    plan: { hosts: ['172.18.0.1'], notes: [] },
  },
  {
    name: 'docker, isolated wins over a harness address (sandboxes use the network gateway)',
    facts: { runtime: 'docker', engines: [], isolatedGateway: '172.18.0.1', harnessAddress: '192.0.2.2' },
    plan: { hosts: ['172.18.0.1'], notes: [] },
  },
  {
    name: 'docker, an internal network whose gateway is not on this machine',
    facts: { runtime: 'docker', engines: [], isolatedGateway: '10.9.0.1' },
    plan: {
      hosts: ['0.0.0.0'],
      notes: [
        'listening on 0.0.0.0: sandboxes on the internal network reach the harness at 10.9.0.1, which is no address of this machine (NAT or a remote engine)',
      ],
    },
  },
  {
    name: 'docker with --harness-address of this machine',
    facts: { runtime: 'docker', engines: [localEngine], harnessAddress: '192.0.2.2' },
    plan: { hosts: ['192.0.2.2'], notes: [] },
  },
  {
    name: 'docker with --harness-address behind NAT',
    facts: { runtime: 'docker', engines: [localEngine], harnessAddress: '203.0.113.7' },
    plan: {
      hosts: ['0.0.0.0'],
      notes: [
        'listening on 0.0.0.0: sandboxes on the local engine reach the harness at 203.0.113.7, which is no address of this machine (NAT or a remote engine)',
      ],
    },
  },
  {
    name: 'docker, an engine that did not tell its gateway',
    facts: { runtime: 'docker', engines: [{ engine: 'the local engine', hostGateways: [] }] },
    plan: {
      hosts: ['0.0.0.0'],
      notes: ['listening on 0.0.0.0: the local engine did not tell its host-gateway address'],
    },
  },
  {
    name: 'docker, no engine at all',
    facts: { runtime: 'docker', engines: [] },
    plan: { hosts: ['0.0.0.0'], notes: ['listening on 0.0.0.0: no Docker engine to learn the host-gateway of'] },
  },
  {
    name: 'hosts.yaml: a local host and a remote one with its harness address: the union',
    facts: {
      runtime: 'docker',
      engines: [
        { engine: 'host a', hostGateways: ['172.17.0.1'] },
        { engine: 'host b', harnessAddress: '192.0.2.2', hostGateways: [] },
        { engine: 'host c', hostGateways: ['172.17.0.1'] },
      ],
    },
    plan: { hosts: ['172.17.0.1', '192.0.2.2'], notes: [] },
  },
  {
    name: "hosts.yaml: a host's own harness address wins over --harness-address",
    facts: {
      runtime: 'docker',
      harnessAddress: '203.0.113.7',
      engines: [{ engine: 'host b', harnessAddress: '192.0.2.2', hostGateways: [] }],
    },
    plan: { hosts: ['192.0.2.2'], notes: [] },
  },
  {
    name: "hosts.yaml: a remote host without harness address (its gateway is the remote machine's)",
    facts: {
      runtime: 'docker',
      engines: [
        { engine: 'host a', hostGateways: ['172.17.0.1'] },
        { engine: 'host r', hostGateways: ['172.31.0.1'] },
      ],
    },
    plan: {
      hosts: ['0.0.0.0'],
      notes: [
        'listening on 0.0.0.0: sandboxes on host r reach the harness at 172.31.0.1, which is no address of this machine (NAT or a remote engine)',
      ],
    },
  },
  {
    name: 'a harness address given as IPv6 behind NAT: every address, IPv6 included',
    facts: { runtime: 'docker', engines: [localEngine], harnessAddress: '2001:db8::7' },
    plan: {
      hosts: ['::'],
      notes: [
        'listening on ::: sandboxes on the local engine reach the harness at 2001:db8::7, which is no address of this machine (NAT or a remote engine)',
      ],
    },
  },
  {
    name: 'k8s without a harness address: no pod reaches the harness, loopback only',
    facts: { runtime: 'k8s', engines: [] },
    plan: { hosts: ['127.0.0.1'], notes: [] },
  },
  {
    name: 'k8s with a harness address of this machine',
    facts: { runtime: 'k8s', engines: [], harnessAddress: '192.0.2.2' },
    plan: { hosts: ['192.0.2.2'], notes: [] },
  },
  {
    name: 'k8s with a harness address behind NAT',
    facts: { runtime: 'k8s', engines: [], harnessAddress: '198.51.100.4' },
    plan: {
      hosts: ['0.0.0.0'],
      notes: [
        'listening on 0.0.0.0: pods reach the harness at 198.51.100.4, which is no address of this machine (NAT or a remote engine)',
      ],
    },
  },
];

describe('planListenAddresses', () => {
  it.each(CASES)('$name', ({ facts, plan }) => {
    expect(planListenAddresses({ ...facts, localAddresses: HERE })).toEqual(plan);
  });

  it('never mixes a wildcard with a specific address (they cannot share a port)', () => {
    const plan = planListenAddresses({
      runtime: 'docker',
      engines: [localEngine, { engine: 'host x', hostGateways: [] }],
      localAddresses: HERE,
    });
    expect(plan.hosts).toEqual(['0.0.0.0']);
  });
});
