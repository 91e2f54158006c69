/** Shared by the prepare benches: the I/O floor a preparation is compared with, and a timer. */
import { open } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

/** Reads `source` twice and writes it once to `copy` (8 MiB reads): what any preparation must at least do. */
export async function ioFloor(source: string, copy: string): Promise<void> {
  const buffer = Buffer.alloc(8 << 20);
  const out = await open(copy, 'w');
  for (let pass = 0; pass < 2; pass++) {
    const handle = await open(source, 'r');
    for (let got; (got = (await handle.read(buffer, 0, buffer.length)).bytesRead) > 0;)
      if (pass === 0) await out.write(buffer, 0, got);
    await handle.close();
  }
  await out.close();
}

/** Seconds `run` took. */
export async function secondsOf(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}
