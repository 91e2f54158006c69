import { describe, expect, it } from 'vitest';
import { defaultHostsConfig, needsHarnessAddress, parseHostsConfig } from '../../harness/hosts/hosts-config.js';
import { ConfigError } from '../../harness/registry/config-error.js';

const parse = (text: string) => parseHostsConfig('hosts.yaml', text, '/etc/podium');

describe('hosts.yaml', () => {
  it('reads sockets, TCP with TLS (paths relative to the file) and SSH, with defaults filled in', () => {
    const config = parse(
      [
        'schema_version: 1',
        'hosts:',
        '  - { name: local, docker: "unix:///var/run/docker.sock" }',
        '  - name: tls',
        '    docker: tcp://10.0.0.5:2376',
        '    tls: { ca: certs/ca.pem, cert: certs/cert.pem, key: /abs/key.pem }',
        '    gpus: [{ index: 0, uuid: GPU-5c1a2b3c-0000-1111-2222-333344445555, model: NVIDIA H100 80GB HBM3 }, { index: 1 }]',
        '    cpus: 32',
        '    memory: 256g',
        '  - { name: ssh, docker: "ssh://ubuntu@gpu-b:2222", gpu_request: env }',
      ].join('\n'),
    );
    expect(config.requeue).toBe('once');
    expect(config.health).toEqual({ interval: 30, failures: 3 });
    expect(config.hosts[0]).toMatchObject({ gpus: 'discover', gpu_request: 'device_requests' });
    expect(config.hosts[1]).toMatchObject({
      tls: { ca: '/etc/podium/certs/ca.pem', cert: '/etc/podium/certs/cert.pem', key: '/abs/key.pem' },
      cpus: 32,
      memory: 256 * 1024 ** 3,
    });
    expect(config.hosts[2]?.gpu_request).toBe('env');
  });

  it.each([
    ['an unknown key', 'hosts:\n  - { name: a, docker: "unix:///s", gpu: 1 }', "hosts.0: unknown key 'gpu'"],
    ['a bad scheme', 'hosts:\n  - { name: a, docker: "http://x:1" }', "hosts.0.docker: unsupported scheme 'http:'"],
    ['tcp without a port', 'hosts:\n  - { name: a, docker: "tcp://x" }', 'hosts.0.docker: tcp:// needs host:port'],
    [
      'tls on a socket',
      'hosts:\n  - { name: a, docker: "unix:///s", tls: { ca: a, cert: b, key: c } }',
      'hosts.0.tls: tls applies to tcp:// hosts only',
    ],
    [
      'a duplicated host',
      'hosts:\n  - { name: a, docker: "unix:///s" }\n  - { name: a, docker: "unix:///t" }',
      "hosts.1.name: 'a' is listed twice",
    ],
    [
      'a duplicated GPU index',
      'hosts:\n  - { name: a, docker: "unix:///s", gpus: [{ index: 0 }, { index: 0 }] }',
      'hosts.0.gpus.1.index: index 0 is listed twice',
    ],
    [
      'a bad uuid',
      'hosts:\n  - { name: a, docker: "unix:///s", gpus: [{ index: 0, uuid: "3" }] }',
      'hosts.0.gpus.0.uuid',
    ],
    ['a bad policy', 'requeue: sometimes\nhosts:\n  - { name: a, docker: "unix:///s" }', 'requeue:'],
    ['a bad interval', 'health: { interval: 30 }\nhosts:\n  - { name: a, docker: "unix:///s" }', 'health.interval:'],
    ['no hosts', 'hosts: []', 'hosts:'],
    [
      'a harness address that is a name',
      'hosts:\n  - { name: a, docker: "ssh://gpu-a", harness_address: podium.lan }',
      'hosts.0.harness_address: an IPv4 or IPv6 address',
    ],
  ])('refuses %s, naming the file and the field', (_, body, message) => {
    const attempt = () => parse(`schema_version: 1\n${body}\n`);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(`hosts.yaml: ${message}`);
  });

  it('without a hosts file, uses the local engine ($DOCKER_HOST, else the default socket) as one host', () => {
    expect(defaultHostsConfig({}).hosts).toEqual([
      { name: 'local', docker: 'unix:///var/run/docker.sock', gpus: 'discover', gpu_request: 'device_requests' },
    ]);
    expect(defaultHostsConfig({ DOCKER_HOST: 'tcp://h:2375' }).hosts[0]?.docker).toBe('tcp://h:2375');
  });

  it('says which hosts need harness_address: other machines, i.e. SSH and non-loopback TCP', () => {
    const hosts = parse(
      [
        'schema_version: 1',
        'hosts:',
        '  - { name: sock, docker: "unix:///var/run/docker.sock" }',
        '  - { name: loop, docker: "tcp://127.0.0.1:2375" }',
        '  - { name: loop6, docker: "tcp://[::1]:2375" }',
        '  - { name: remote, docker: "tcp://10.0.0.5:2376" }',
        '  - { name: ssh, docker: "ssh://ubuntu@gpu-b" }',
        '  - { name: ssh-set, docker: "ssh://ubuntu@gpu-c", harness_address: 10.0.0.2 }',
        '  - { name: v6, docker: "tcp://gpu-d:2376", harness_address: "fd00::2" }',
      ].join('\n'),
    ).hosts;
    expect(hosts.filter(needsHarnessAddress).map((h) => h.name)).toEqual(['remote', 'ssh']);
    expect(hosts.find((h) => h.name === 'v6')?.harness_address).toBe('fd00::2');
  });
});
