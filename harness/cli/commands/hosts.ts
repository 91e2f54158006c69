import type { Command } from 'commander';
import { z } from 'zod';
import { defaultHostsConfig, loadHostsConfig, needsHarnessAddress } from '../../hosts/hosts-config.js';
import type { HostInventory } from '../../hosts/host-inventory.js';
import { openHosts } from '../../hosts/open-hosts.js';
import { printJson } from '../cli-io.js';
import type { CommandDeps } from '../command-deps.js';
import { formatTable } from '../format-table.js';
import { parseOptions } from '../parse-options.js';

const Options = z.strictObject({ hosts: z.string().optional(), json: z.boolean().default(false) });

const GIB = 1024 ** 3;

function gpuSummary(inventory: HostInventory): string {
  if (inventory.gpus.length === 0) return inventory.reachable ? 'none' : '-';
  const models = [...new Set(inventory.gpus.map((g) => g.model ?? 'unknown model'))].join(', ');
  return `${inventory.gpus.length}× ${models} (${inventory.gpuSource}: ${inventory.gpus.map((g) => g.id).join(',')})`;
}

export function registerHosts(program: Command, deps: CommandDeps): void {
  const hosts = program.command('hosts').description('the Docker hosts runs are spread over (hosts.yaml)');
  hosts
    .command('check')
    .description("each host's reachability and inventory: CPUs, memory, GPUs (discovered or declared)")
    .option('--hosts <file>', 'hosts.yaml (default: the local engine as the only host)')
    .option('--json', 'print a JSON array')
    .action(async (raw: unknown) => {
      const options = parseOptions(Options, raw);
      const config = options.hosts === undefined ? defaultHostsConfig() : await loadHostsConfig(options.hosts);
      const inventories = (await openHosts(config)).map((h) => h.inventory);
      if (options.json) return printJson(deps.io, inventories);
      const rows = inventories.map((i) => [
        i.name,
        i.address,
        i.reachable ? 'yes' : 'NO',
        i.engine?.serverVersion ?? '-',
        i.reachable ? String(i.nanoCpus / 1e9) : '-',
        i.reachable ? `${(i.memoryBytes / GIB).toFixed(1)} GiB` : '-',
        gpuSummary(i),
        i.error ?? '',
      ]);
      deps.io.stdout(
        `${formatTable(['host', 'address', 'up', 'engine', 'cpus', 'memory', 'gpus', 'problem'], rows)}\n`,
      );
      for (const host of config.hosts.filter(needsHarnessAddress))
        deps.io.stdout(
          `${host.name}: its containers cannot reach the validation service or the LLM gateway: set ` +
            "harness_address to this machine's IP as that host sees it\n",
        );
      const down = inventories.filter((i) => !i.reachable || i.error !== null).length;
      deps.io.stdout(`${inventories.length - down} of ${inventories.length} host(s) usable\n`);
    });
}
