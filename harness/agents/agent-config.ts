/**
 * The schema of `agents/<id>/config.yaml`: the file format and the TypeScript type at once.
 *
 * Human units are parsed here, once: `time_limit` becomes seconds and the sizes under `resources`
 * become bytes, so a bad value fails at load time naming the file and the field, and the rest of the
 * harness only ever sees numbers. Strict objects everywhere: a misspelt key is an error, not ignored.
 *
 * `secrets` are names only: the values are read from the host's environment when a run starts and
 * must never be written to a log, manifest or report. `env` holds plain, loggable values.
 *
 * An agent built from a Dockerfile names only its image repository: the tag is the content hash of
 * its build (see harness/images), and its parent is Podium's base image unless `parent` names a fixed
 * tag. `kwargs` reach the scaffold's CLI in the style it parses (`kwargs_style`), and `variants` are
 * small override maps merged over the config (`--agent aide/o1-preview`), see agent-variants.ts.
 */
import { z } from 'zod';
import { LlmBudget } from '../gateway/llm-budget.js';
import type { Resources as SandboxResources } from '../runtime/sandbox-spec.js';
import { parseBytes, parseDuration } from './units.js';

/** Variables the harness sets itself (PODIUM_DATA_DIR and friends); an agent may not override them. */
export const RESERVED_ENV_PREFIX = 'PODIUM_';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why a name cannot be an agent's environment variable, or undefined when it can. */
function envNameProblem(name: string): string | undefined {
  if (!ENV_NAME.test(name)) return 'must be an environment variable name';
  if (name.startsWith(RESERVED_ENV_PREFIX)) return `${RESERVED_ENV_PREFIX}* variables are set by the harness`;
  return undefined;
}

// A refinement on a record's key schema surfaces only as zod's generic 'Invalid key in record', so
// env names are checked in the object's superRefine instead, with the key in the path.
const EnvName = z.string().superRefine((name, ctx) => {
  const problem = envNameProblem(name);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

/** A path inside the agent folder: relative, no '..' segment. */
const AgentPath = z
  .string()
  .min(1)
  .refine(
    (path) => !path.startsWith('/') && !path.split(/[\\/]/).includes('..'),
    'must be a relative path inside the agent folder',
  );

const Argv = z.array(z.string().min(1)).min(1);

/** Podium's base environment (docker/): the default parent of an agent's Dockerfile. */
export const PODIUM_BASE = 'podium-base';
/** The build arg through which an agent's Dockerfile receives its parent's tag. */
export const PARENT_BUILD_ARG = 'BASE_IMAGE';

const IMAGE_REPOSITORY = /^[a-z0-9][a-z0-9._/-]*$/;
const IMAGE_REFERENCE = /^[a-z0-9][a-z0-9._/-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/;
const PINNED_IMAGE = /^[a-z0-9][a-z0-9._/-]*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const VARIANT_NAME = /^[a-z0-9][a-z0-9.-]*$/;

/** A scalar YAML value kept as the string the scaffold will see. */
const ScalarText = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const TextMap = z.record(z.string(), ScalarText);

/** Wraps a unit parser as a zod transform, so its message lands on the field. */
function parsedWith(parse: (text: string) => number) {
  return z.union([z.string(), z.number()]).transform((value, ctx) => {
    try {
      return parse(String(value));
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  });
}

/** A size such as '4g' (bytes when a bare number), parsed to bytes. */
export const ByteSize = parsedWith(parseBytes);
/** A duration such as '24h' or '90s', parsed to seconds (a bare number is refused: no unit). */
export const Duration = parsedWith(parseDuration);

export const AgentResources = z.strictObject({
  /** CPUs, fractions allowed (Docker's --cpus). */
  cpus: z.number().positive().optional(),
  /** Memory limit, e.g. '4g'; bytes once parsed. */
  memory: ByteSize.optional(),
  /** Size of /dev/shm, e.g. '2g'; bytes once parsed. */
  shm_size: ByteSize.optional(),
  /** The most the sandbox may write, e.g. '200g' (the host's disk is shared); bytes once parsed. */
  disk: ByteSize.optional(),
  pids_limit: z.number().int().positive().optional(),
  /** A number of GPUs (0 = none), or the device ids to use, e.g. ['0', '1']. */
  gpus: z.union([z.number().int().nonnegative(), z.array(z.string().min(1)).min(1)]).optional(),
});
export type AgentResources = z.infer<typeof AgentResources>;

/** How `kwargs` become arguments: `key=value` (OmegaConf/Hydra, AIDE) or `--key=value` (argparse, MLAB). */
export const KwargsStyle = z.enum(['omegaconf', 'argparse']);
export type KwargsStyle = z.infer<typeof KwargsStyle>;

/** What a variant may override; maps (kwargs, env, build_args, resources) are merged key by key. */
export const AgentVariant = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  steps: z.number().int().positive().optional(),
  kwargs: TextMap.optional(),
  env: TextMap.optional(),
  secrets: z.array(EnvName).optional(),
  build_args: TextMap.optional(),
  resources: AgentResources.optional(),
  time_limit: Duration.optional(),
});
export type AgentVariant = z.infer<typeof AgentVariant>;

export const AgentConfig = z
  .strictObject({
    schema_version: z.literal(1),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
    name: z.string().min(1),
    description: z.string().min(1),
    /**
     * The image the sandbox runs: a fixed tag ('podium/busybox:1'), or, with `dockerfile`, the
     * repository alone ('podium/agent-aide'), tagged with the content hash of the build.
     */
    image: z.string().regex(IMAGE_REFERENCE, 'must be a docker image tag'),
    /** Dockerfile that builds `image`, relative to the agent folder (the build context). */
    dockerfile: AgentPath.optional(),
    /** The Dockerfile's parent, passed as the BASE_IMAGE build arg: 'podium-base' (default) or a fixed tag. */
    parent: z
      .string()
      .refine(
        (parent) => parent === PODIUM_BASE || PINNED_IMAGE.test(parent),
        `must be '${PODIUM_BASE}' or an image with a tag, e.g. 'podium/busybox:1'`,
      )
      .optional(),
    /** Further build args of the Dockerfile (pinned scaffold versions); part of the content hash. */
    build_args: TextMap.default({}),
    /** The main LLM, shown in reports; `{{model}}` in kwargs and env values. */
    model: z.string().min(1).optional(),
    /** The scaffold's step budget; `{{steps}}` in kwargs and env values. */
    steps: z.number().int().positive().optional(),
    /** Scaffold arguments appended to the command in `kwargs_style`. */
    kwargs: TextMap.default({}),
    kwargs_style: KwargsStyle.optional(),
    /** Named override maps: `--agent <id>/<variant>`. */
    variants: z.record(z.string(), AgentVariant).default({}),
    /** argv run inside the sandbox. */
    command: Argv,
    /** How the local runtime starts the agent; relative paths are resolved against the agent folder. */
    local: z.strictObject({ command: Argv }).optional(),
    /** Agent-folder files copied to the sandbox's agent dir (/home/agent) before start. */
    files: z.array(AgentPath).default([]),
    /** Plain, loggable environment values. */
    env: TextMap.default({}),
    /** Names of host environment variables passed through; their values are never logged. */
    secrets: z.array(EnvName).default([]),
    resources: AgentResources.default({}),
    /** Per-run limits of the LLM gateway (`podium run --llm-base-url`); CLI flags override them. */
    llm_budget: LlmBudget.optional(),
    /** Wall-clock limit, e.g. '24h'; seconds once parsed. */
    time_limit: Duration.default(24 * 3600),
    /** 'uid:gid' or a user name; never root. */
    user: z
      .string()
      .min(1)
      .refine((user) => !/^(?:root|0)(?::.*)?$/.test(user), 'the agent never runs as root')
      .default('1000:1000'),
  })
  .superRefine((config, ctx) => {
    for (const name of Object.keys(config.env)) {
      const problem = envNameProblem(name);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['env', name], message: problem });
    }
    const seen = new Set<string>();
    config.secrets.forEach((name, i) => {
      if (seen.has(name)) ctx.addIssue({ code: 'custom', path: ['secrets', i], message: `'${name}' is listed twice` });
      if (name in config.env)
        ctx.addIssue({ code: 'custom', path: ['secrets', i], message: `'${name}' is also set under env` });
      seen.add(name);
    });
    checkBuild(config, ctx);
    if (Object.keys(config.kwargs).length > 0 && config.kwargs_style === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['kwargs_style'],
        message: "kwargs need a kwargs_style ('omegaconf' or 'argparse')",
      });
    for (const [name, variant] of Object.entries(config.variants)) {
      if (!VARIANT_NAME.test(name))
        ctx.addIssue({
          code: 'custom',
          path: ['variants', name],
          message: 'must be lowercase letters, digits, dots and dashes',
        });
      for (const key of Object.keys(variant.env ?? {})) {
        const problem = envNameProblem(key);
        if (problem !== undefined)
          ctx.addIssue({ code: 'custom', path: ['variants', name, 'env', key], message: problem });
      }
      checkBuildArgNames(variant.build_args ?? {}, ['variants', name, 'build_args'], ctx);
      if (variant.build_args !== undefined && config.dockerfile === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['variants', name, 'build_args'],
          message: 'build args need a dockerfile',
        });
    }
    const files = new Set<string>();
    config.files.forEach((file, i) => {
      if (files.has(file)) ctx.addIssue({ code: 'custom', path: ['files', i], message: `'${file}' is listed twice` });
      files.add(file);
    });
  });
export type AgentConfig = z.infer<typeof AgentConfig>;

type BuildFields = Pick<AgentConfig, 'image' | 'dockerfile' | 'parent' | 'build_args'>;

/** A built image's tag is its content hash; parent and build args only mean something with a Dockerfile. */
function checkBuild(config: BuildFields, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string): void => ctx.addIssue({ code: 'custom', path: [path], message });
  if (config.dockerfile === undefined) {
    if (config.parent !== undefined) issue('parent', 'a parent needs a dockerfile');
    if (Object.keys(config.build_args).length > 0) issue('build_args', 'build args need a dockerfile');
    return;
  }
  if (!IMAGE_REPOSITORY.test(config.image))
    issue(
      'image',
      `an image built from a Dockerfile is tagged with its content hash: name the repository only, e.g. '${config.image.replace(/:[^:/]*$/, '')}'`,
    );
  checkBuildArgNames(config.build_args, ['build_args'], ctx);
}

function checkBuildArgNames(args: Record<string, string>, path: string[], ctx: z.RefinementCtx): void {
  for (const name of Object.keys(args)) {
    const at = [...path, name];
    if (!BUILD_ARG_NAME.test(name)) ctx.addIssue({ code: 'custom', path: at, message: 'must be a build arg name' });
    if (name === PARENT_BUILD_ARG)
      ctx.addIssue({ code: 'custom', path: at, message: `${PARENT_BUILD_ARG} is set from 'parent'` });
  }
}
export type AgentConfigInput = z.input<typeof AgentConfig>;

/** The sandbox spec's resources (Docker's units) from an agent's declared ones. */
export function sandboxResources(resources: AgentResources): SandboxResources {
  const { cpus, memory, shm_size, pids_limit, gpus, disk } = resources;
  return {
    ...(cpus === undefined ? {} : { nanoCpus: Math.round(cpus * 1e9) }),
    ...(memory === undefined ? {} : { memoryBytes: memory }),
    ...(shm_size === undefined ? {} : { shmSizeBytes: shm_size }),
    ...(pids_limit === undefined ? {} : { pidsLimit: pids_limit }),
    ...(disk === undefined ? {} : { diskBytes: disk }),
    ...(gpus === undefined || gpus === 0
      ? {}
      : { gpus: typeof gpus === 'number' ? { count: gpus } : { deviceIds: gpus } }),
  };
}
