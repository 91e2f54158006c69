/**
 * `podium prepare -c <id> | --split <name>`: downloads (when raw/ is missing), verifies and prepares
 * each competition in turn. Progress goes to stderr (a redrawn status line on a TTY, one line per
 * event otherwise), each competition's outcome to stdout. With --split a failing competition does not
 * stop the others: a summary lists every failure and its reason and the exit code is non-zero.
 */
import { readdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { fileExists } from '../../file-exists.js';
import { loadKaggleCredentials } from '../../kaggle/credentials.js';
import { KaggleClient } from '../../kaggle/kaggle-client.js';
import { progressLine } from '../../kaggle/progress-bar.js';
import { loadChecksums, verifyArchive } from '../../prepare/checksums.js';
import {
  PrepareNotSupportedError,
  RawDataMissingError,
  prepareCompetition,
  rawDir,
} from '../../prepare/prepare-competition.js';
import {
  eventLine,
  resultText,
  summaryLines,
  type PreparePhase,
  type PrepareResult,
  type ProgressPosition,
} from '../../prepare/prepare-progress.js';
import { prepareSpecPath } from '../../prepare/prepare-spec.js';
import { unzipArchive } from '../../prepare/unzip-archive.js';
import { isSplitName, SPLIT_NAMES } from '../../registry/load-registry.js';
import type { CommandDeps } from '../command-deps.js';
import { CommandFailedError, EXIT, exitCodeFor, UsageError } from '../exit-codes.js';
import { parseOptions } from '../parse-options.js';

const Options = z
  .strictObject({
    competition: z.string().min(1).optional(),
    split: z.string().min(1).optional(),
    dataDir: z.string().optional(),
    skipVerification: z.boolean().default(false),
    recordChecksums: z.boolean().default(false),
    keepRaw: z.boolean().default(false),
    descriptionsDir: z.string().min(1).optional(),
    kaggleUrl: z.string().url().optional(),
    list: z.boolean().default(false),
  })
  .refine(
    (o) => o.list || (o.competition === undefined) !== (o.split === undefined),
    'give exactly one of -c <id> or --split (or --list)',
  );
type Options = z.infer<typeof Options>;

/** Competitions that have a prepare.yaml, sorted. */
async function supportedCompetitions(competitionsDir: string): Promise<string[]> {
  const ids: string[] = [];
  for (const entry of await readdir(competitionsDir, { withFileTypes: true })) {
    if (entry.isDirectory() && (await fileExists(prepareSpecPath(competitionsDir, entry.name)))) ids.push(entry.name);
  }
  return ids.sort();
}

/** Kaggle archives are a few GiB at most; anything past this is treated as a zip bomb. */
const MAX_UNZIPPED_BYTES = 64 * 1024 ** 3;

/** Progress on stderr: a status line redrawn in place on a TTY, a plain line per event otherwise. */
class ProgressDisplay {
  private live = false;
  constructor(private readonly deps: CommandDeps) {}

  phase(at: ProgressPosition, phase: PreparePhase, detail = ''): void {
    const line = eventLine(at, detail === '' ? phase : `${phase} ${detail}`);
    if (this.deps.isTTY) {
      this.deps.io.stderr(`\r\x1b[K${line}`);
      this.live = true;
    } else if (detail === '') {
      this.deps.io.stderr(`${line}\n`); // byte counts only on a TTY: a log gets one line per phase
    }
  }

  /** A line that stays (e.g. the download's size), on a TTY and in a log alike. */
  event(at: ProgressPosition, what: string): void {
    if (this.live) this.deps.io.stderr('\r\x1b[K');
    this.live = false;
    this.deps.io.stderr(`${eventLine(at, what)}\n`);
  }

  result(at: ProgressPosition, result: PrepareResult): void {
    if (this.live) this.deps.io.stderr('\r\x1b[K');
    this.live = false;
    if (result.status === 'failed') this.deps.io.stderr(`${eventLine(at, resultText(result))}\n`);
    else this.deps.io.stdout(`${result.id}: ${resultText(result)}\n`);
  }
}

/** Downloads `<data-dir>/<id>/<id>.zip` from Kaggle, checks its md5 and unzips it into `raw/`. */
async function downloadRaw(
  deps: CommandDeps,
  at: ProgressPosition,
  display: ProgressDisplay,
  dataDir: string,
  options: Options & { competitionsDir: string },
): Promise<void> {
  const id = at.id;
  const credentials = await loadKaggleCredentials(process.env, homedir());
  for (const warning of credentials.warnings) deps.io.stderr(`podium: warning: ${warning}\n`);
  const client = new KaggleClient({
    credentials,
    ...(options.kaggleUrl === undefined ? {} : { baseUrl: options.kaggleUrl }),
  });
  const zip = join(dataDir, id, `${id}.zip`);
  if (!(await fileExists(zip))) {
    display.phase(at, 'downloading');
    let last: [number, number | undefined] = [0, undefined];
    const download = await client.downloadCompetitionArchive(id, zip, {
      onProgress: (received, total) => {
        last = [received, total];
        display.phase(at, 'downloading', progressLine(received, total));
      },
    });
    display.event(at, `downloaded ${progressLine(last[0], last[1])}${download.resumed ? ' (resumed)' : ''}`);
  } else {
    display.event(at, `using the archive already downloaded at ${zip}`);
  }
  if (!options.skipVerification) {
    display.phase(at, 'verifying archive');
    await verifyArchive(zip, await loadChecksums(options.competitionsDir, id));
  }
  display.phase(at, 'unzipping');
  await unzipArchive(zip, rawDir(dataDir, id), { maxTotalBytes: MAX_UNZIPPED_BYTES });
  if (!options.keepRaw) await rm(zip, { force: true });
}

export function registerPrepare(program: Command, deps: CommandDeps): void {
  program
    .command('prepare')
    .description("split a competition's raw Kaggle files into prepared/public (for agents) and prepared/private")
    .option('-c, --competition <id>', 'competition id, e.g. spaceship-titanic')
    .option('--split <name>', `every competition of a split (${SPLIT_NAMES.join(', ')}); continues past failures`)
    .option('--list', 'list the competitions Podium can prepare, with their split, and exit')
    .option('--data-dir <dir>', 'data dir: reads <dir>/<id>/raw, writes <dir>/<id>/prepared')
    .option('--skip-verification', "don't check the archive and files against competitions/<id>/checksums.yaml")
    .option(
      '--record-checksums',
      'prepare again and write the sha256 of every raw and prepared file into competitions/<id>/checksums.yaml (maintainers with the real data: commit it)',
    )
    .option(
      '--keep-raw',
      'keep <dir>/<id>/raw and the downloaded zip after preparing (removed otherwise, as MLE-bench does)',
    )
    .option(
      '--descriptions-dir <dir>',
      'public descriptions to use instead of ours: <dir>/<id>/description.md or <dir>/<id>.md (ours when missing, with a warning)',
    )
    .addOption(new Option('--kaggle-url <url>', "Kaggle's API base URL (tests point it at a fake server)").hideHelp())
    .action(async (raw: unknown) => {
      const options = parseOptions(Options, raw);
      const ctx = await deps.gradingContext({ dataDir: options.dataDir });
      const competitionsDir = deps.layout.competitionsDir;
      const supported = await supportedCompetitions(competitionsDir);
      if (options.list) {
        for (const id of supported) deps.io.stdout(`${id}\t${ctx.registry.get(id).split}\n`);
        return;
      }
      let ids: string[];
      if (options.split !== undefined) {
        if (!isSplitName(options.split)) {
          throw new UsageError(`unknown split '${options.split}' (one of ${SPLIT_NAMES.join(', ')})`);
        }
        ids = ctx.registry.split(options.split).map((c) => c.id);
      } else {
        ids = [ctx.registry.get(options.competition ?? '').id];
      }
      const display = new ProgressDisplay(deps);
      const results: PrepareResult[] = [];
      const errors: unknown[] = [];
      for (const [k, id] of ids.entries()) {
        const at: ProgressPosition = { index: k + 1, total: ids.length, id };
        const prepare = () =>
          prepareCompetition({
            dataDir: ctx.dataDir,
            competitionsDir,
            competition: ctx.registry.get(id),
            supported,
            skipVerification: options.skipVerification,
            recordChecksums: options.recordChecksums,
            keepRaw: options.keepRaw,
            ...(options.descriptionsDir === undefined ? {} : { descriptionsDir: options.descriptionsDir }),
            warn: (line) => deps.io.stderr(`${line}\n`),
            onPhase: (phase) => display.phase(at, phase),
            now: ctx.now,
          });
        let result: PrepareResult;
        try {
          display.phase(at, 'starting');
          let outcome;
          try {
            outcome = await prepare();
          } catch (error) {
            // Not prepared yet and no raw/: fetch it from Kaggle, then prepare as usual.
            if (!(error instanceof RawDataMissingError)) throw error;
            await downloadRaw(deps, at, display, ctx.dataDir, { ...options, competitionsDir });
            outcome = await prepare();
          }
          result = { id, ...outcome };
        } catch (error) {
          if (ids.length === 1) throw error; // one competition: its error, its exit code
          if (exitCodeFor(error) === EXIT.bug) deps.io.stderr(`${(error as Error).stack ?? String(error)}\n`);
          errors.push(error);
          const reason =
            error instanceof PrepareNotSupportedError
              ? 'not supported yet (no prepare.yaml)'
              : (error as Error).message;
          result = { id, status: 'failed', reason };
        }
        results.push(result);
        display.result(at, result);
      }
      if (ids.length > 1) for (const line of summaryLines(results)) deps.io.stderr(`${line}\n`);
      if (errors.length > 0) {
        // the most serious failure decides: a bug (1) over a preparation failure (4) over usage (2)
        const codes = errors.map(exitCodeFor);
        const code = [EXIT.bug, EXIT.prepare, EXIT.usage].find((c) => codes.includes(c)) ?? EXIT.prepare;
        throw new CommandFailedError(`${errors.length} of ${ids.length} competition(s) could not be prepared`, code);
      }
    });
}
