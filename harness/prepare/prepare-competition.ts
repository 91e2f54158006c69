/**
 * Prepares one competition: from `<data-dir>/<id>/raw/` (the unzipped Kaggle files) writes
 * `<data-dir>/<id>/prepared/public/` (what agents see) and `prepared/private/` (the answers).
 *
 * Atomic: everything is written into a temp folder next to `prepared/`, checked, and renamed into
 * place. The completion marker `prepared/.podium-prepared.json` carries the prepare spec's hash: a
 * finished competition with the same spec is skipped; a `prepared/` without the marker (an
 * interrupted or hand-made one) or with another spec's hash is redone, and temp folders an
 * interrupted run left behind are removed first.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { fileExists } from '../file-exists.js';
import { publicDir } from '../paths.js';
import type { CompetitionConfig } from '../registry/competition-config.js';
import {
  computeChecksums,
  isUncheckedPreparedFile,
  loadChecksums,
  recordChecksums,
  verifyChecksums,
} from './checksums.js';
import { publicSampleSubmission, prepareCsvSplit } from './csv-split-preparer.js';
import { prepareCsvSplitStreaming, shouldStream } from './csv-split-streaming.js';
import { customPreparer } from './custom-preparers.js';
import { checkPublicLeaks } from './leak-check.js';
import { PrepareError } from './prepare-error.js';
import { loadPrepareSpec, prepareSpecHash, type PrepareSpec } from './prepare-spec.js';
import { checkSevenZipExtracted } from './seven-zip-archives.js';
import { copyInto, rawPath, type PrepareContext } from './prepare-context.js';

export const MARKER_FILE = '.podium-prepared.json';
const TEMP_PREFIX = '.prepared.tmp-';

const Marker = z.object({ schema_version: z.literal(1), competition: z.string(), spec_hash: z.string() });

export class PrepareNotSupportedError extends Error {
  constructor(
    readonly competitionId: string,
    readonly supported: readonly string[],
  ) {
    super(
      `preparing '${competitionId}' is not supported yet (it has no competitions/${competitionId}/prepare.yaml); supported: ${
        supported.length === 0 ? 'none' : supported.join(', ')
      }`,
    );
    this.name = 'PrepareNotSupportedError';
  }
}

export class RawDataMissingError extends PrepareError {
  constructor(
    readonly competitionId: string,
    readonly rawDir: string,
  ) {
    super(
      `raw data missing: download with the Kaggle CLI into ${rawDir} (kaggle competitions download -c ${competitionId} -p ${rawDir}, then unzip there)`,
    );
    this.name = 'RawDataMissingError';
  }
}

export function rawDir(dataDir: string, id: string): string {
  return join(dataDir, id, 'raw');
}

export function preparedDir(dataDir: string, id: string): string {
  return dirname(publicDir(dataDir, id));
}

export interface PrepareCompetitionOptions {
  dataDir: string;
  competitionsDir: string;
  competition: CompetitionConfig;
  /** Ids that have a prepare spec, for the not-supported message. */
  supported?: readonly string[];
  skipVerification?: boolean;
  /**
   * Prepare again even when already prepared, verify nothing, and write the sha256 of every raw and
   * prepared file into competitions/<id>/checksums.yaml (for maintainers with the real Kaggle data).
   */
  recordChecksums?: boolean;
  /** Keep `raw/` after a successful preparation (MLE-bench removes it unless --keep-raw). */
  keepRaw?: boolean;
  /** Replacement descriptions: `<dir>/<id>/description.md` or `<dir>/<id>.md` is used instead of ours. */
  descriptionsDir?: string;
  /** Receives warning lines (no trailing newline), e.g. a missing replacement description. */
  warn?: (line: string) => void;
  /** Told when a phase starts, for a progress display. */
  onPhase?: (phase: 'verifying raw files' | 'splitting' | 'checking for leaks' | 'recording checksums') => void;
  now?: () => Date;
}

export interface PrepareOutcome {
  status: 'prepared' | 'skipped';
  dir: string;
}

async function readMarker(dir: string): Promise<z.infer<typeof Marker> | null> {
  try {
    return Marker.parse(JSON.parse(await readFile(join(dir, MARKER_FILE), 'utf8')));
  } catch {
    return null;
  }
}

export async function prepareCompetition(options: PrepareCompetitionOptions): Promise<PrepareOutcome> {
  const { dataDir, competition } = options;
  const id = competition.id;
  const spec = await loadPrepareSpec(options.competitionsDir, id, competition.grading.target_columns);
  if (spec === null) throw new PrepareNotSupportedError(id, options.supported ?? []);
  const hash = prepareSpecHash(spec);
  const target = preparedDir(dataDir, id);
  const marker = await readMarker(target);
  const record = options.recordChecksums === true;
  if (!record && marker !== null && marker.spec_hash === hash && marker.competition === id)
    return { status: 'skipped', dir: target };

  const raw = rawDir(dataDir, id);
  if (
    !(await stat(raw).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  )
    throw new RawDataMissingError(id, raw);
  const checksums = options.skipVerification || record ? null : await loadChecksums(options.competitionsDir, id);
  if (checksums !== null && Object.keys(checksums.raw).length > 0) {
    options.onPhase?.('verifying raw files');
    await verifyChecksums(raw, checksums.raw, 'raw/');
  }
  if (record) options.onPhase?.('recording checksums');
  const rawChecksums = record ? await computeChecksums(raw) : {};
  await checkSevenZipExtracted(id, raw, spec.seven_zip ?? []);

  for (const entry of await readdir(join(dataDir, id))) {
    if (entry.startsWith(TEMP_PREFIX)) await rm(join(dataDir, id, entry), { recursive: true, force: true });
  }
  const temp = join(dataDir, id, `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`);
  try {
    options.onPhase?.('splitting');
    await writePrepared(raw, temp, spec, competition, options);
    options.onPhase?.('checking for leaks');
    await checkPublicLeaks(join(temp, 'public'), spec.answer_columns, allowedPublicTables(spec, competition));
    if (checksums !== null) await verifyChecksums(temp, checksums.prepared, 'prepared/');
    const preparedChecksums = record ? await computeChecksums(temp, isUncheckedPreparedFile) : {};
    const now = (options.now ?? (() => new Date()))();
    await writeFile(
      join(temp, MARKER_FILE),
      `${JSON.stringify({ schema_version: 1, competition: id, spec_hash: hash, prepared_at: now.toISOString() }, null, 2)}\n`,
    );
    await rm(target, { recursive: true, force: true });
    await rename(temp, target);
    if (record) await recordChecksums(options.competitionsDir, id, { raw: rawChecksums, prepared: preparedChecksums });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  if (!options.keepRaw) await rm(raw, { recursive: true, force: true });
  return { status: 'prepared', dir: target };
}

/** Public tables that may hold answer columns by design: the labelled train set and the sample submission. */
function allowedPublicTables(spec: PrepareSpec, competition: CompetitionConfig): string[] {
  const labelled = spec.labelled_public ?? (spec.strategy === 'custom' ? [] : [spec.public_train]);
  return [...labelled, publicSampleSubmission(competition, spec.sample_submission)];
}

async function writePrepared(
  raw: string,
  out: string,
  spec: PrepareSpec,
  competition: CompetitionConfig,
  options: PrepareCompetitionOptions,
): Promise<void> {
  const ctx: PrepareContext = { raw, public: join(out, 'public'), private: join(out, 'private'), competition };
  await mkdir(ctx.public, { recursive: true });
  await mkdir(ctx.private, { recursive: true });
  if (spec.strategy === 'custom') await customPreparer(competition.id)(ctx);
  else if (await shouldStream(ctx, spec)) await prepareCsvSplitStreaming(ctx, spec);
  else await prepareCsvSplit(ctx, spec);
  for (const file of spec.copy)
    await copyInto(rawPath(ctx, file), join(ctx.public, ...file.split('/')), competition.id);
  const description = await descriptionSource(competition.id, options);
  if (description !== null) await copyFile(description, join(ctx.public, 'description.md'));
}

/**
 * The public description: `<descriptionsDir>/<id>/description.md` or `<descriptionsDir>/<id>.md` when a
 * descriptions dir is given and holds one, else ours (`competitions/<id>/description.md`, with a warning
 * when a descriptions dir was given); null when there is none at all.
 */
export async function descriptionSource(id: string, options: PrepareCompetitionOptions): Promise<string | null> {
  if (options.descriptionsDir !== undefined) {
    const candidates = [join(options.descriptionsDir, id, 'description.md'), join(options.descriptionsDir, `${id}.md`)];
    for (const candidate of candidates) if (await fileExists(candidate)) return candidate;
    options.warn?.(
      `podium: warning: ${id}: no description in ${options.descriptionsDir} (looked for ${candidates.join(' and ')}); using Podium's own`,
    );
  }
  const ours = join(options.competitionsDir, id, 'description.md');
  return (await fileExists(ours)) ? ours : null;
}
