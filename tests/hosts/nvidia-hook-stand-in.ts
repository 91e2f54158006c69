/**
 * A stand-in for the NVIDIA Container Toolkit, for a test daemon on a machine with no GPU. dockerd
 * registers its `nvidia` device driver when `nvidia-container-runtime-hook` is on its PATH; a
 * container with an nvidia DeviceRequest then gets NVIDIA_VISIBLE_DEVICES (its DeviceIDs, or `all`)
 * in its environment and the hook as an OCI prestart hook. The real hook mounts the driver, the
 * device nodes and nvidia-smi into the container; this one only writes an `nvidia-smi` into the
 * container's root filesystem that prints the visible ones of two fake GPUs, in the format an H100
 * printed (driver 580.159.04), and logs the devices each container was given. So everything on
 * Docker's side of the toolkit runs for real: the request's JSON, the driver's selection, the
 * device ids reaching the hook.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `nvidia-smi --query-gpu=index,uuid,name,memory.total --format=csv,noheader` of the fake GPUs. */
export const FAKE_GPUS = [
  '0, GPU-0f35ffd0-a8cf-06e7-f065-0d19afd675e6, NVIDIA H100 80GB HBM3, 81559 MiB',
  '1, GPU-1f35ffd0-a8cf-06e7-f065-0d19afd675e6, NVIDIA H100 80GB HBM3, 81559 MiB',
];

export interface NvidiaHookStandIn {
  /** The folder to put first on dockerd's PATH. */
  binDir: string;
  /** One line per container the hook ran for: its NVIDIA_VISIBLE_DEVICES. */
  readLog(): string[];
}

/** The hook script: a POSIX shell one, run by runc on the host with the OCI state on stdin. */
function hookScript(logFile: string): string {
  const gpuLines = FAKE_GPUS.map((line) => `  '${line}'`).join(' \\\n');
  return `#!/bin/sh
set -eu
bundle=$(sed -n 's/.*"bundle": *"\\([^"]*\\)".*/\\1/p')
config="$bundle/config.json"
# the request's value comes after any the image sets, and the toolkit takes the last
devices=$(grep -o '"NVIDIA_VISIBLE_DEVICES=[^"]*"' "$config" | tail -n 1 | sed 's/^"NVIDIA_VISIBLE_DEVICES=//; s/"$//')
rootfs=$(sed -n 's/.*"root": *{ *"path": *"\\([^"]*\\)".*/\\1/p' "$config")
case "$rootfs" in /*) ;; *) rootfs="$bundle/$rootfs" ;; esac
echo "$devices" >> '${logFile}'
mkdir -p "$rootfs/usr/bin"
{
  echo '#!/bin/sh'
  echo 'if [ "$*" != "--query-gpu=index,uuid,name,memory.total --format=csv,noheader" ]; then'
  echo '  echo "stand-in nvidia-smi: unexpected arguments: $*" >&2; exit 2'
  echo 'fi'
  for line in \\
${gpuLines}; do
    index=\${line%%,*}
    uuid=$(echo "$line" | cut -d ' ' -f 2 | tr -d ,)
    case ",$devices," in *,all,*|*,"$index",*|*,"$uuid",*) echo "echo '$line'" ;; esac
  done
} > "$rootfs/usr/bin/nvidia-smi"
chmod 755 "$rootfs/usr/bin/nvidia-smi"
`;
}

/** Writes the stand-in into `dir` (made if missing; a folder of the test daemon's own). */
export function writeNvidiaHookStandIn(dir: string): NvidiaHookStandIn {
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'nvidia-hook.log');
  writeFileSync(logFile, '');
  const hook = join(dir, 'nvidia-container-runtime-hook');
  writeFileSync(hook, hookScript(logFile));
  chmodSync(hook, 0o755);
  return {
    binDir: dir,
    readLog: () =>
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((line) => line !== ''),
  };
}
