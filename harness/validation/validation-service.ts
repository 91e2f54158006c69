/**
 * The host-side service agents call to check their submission's FORMAT while they work (MLE-bench's
 * `POST /validate` with a multipart `file` field). Invariants:
 * - validity comes from the real grader on the host; the score is never sent, and a grader failure is
 *   a 500, never "invalid", so an agent is not told to fix what is not its fault;
 * - one server serves many runs; each run has its own random token (Bearer header or `?token=`), and
 *   only a hash of it is kept, so no token is ever logged or held in plain form;
 * - an upload over the size limit is refused (413) and the connection dropped without reading the rest;
 * - each token has a token-bucket rate limit, so an agent cannot use the grader as a fast oracle.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closeHttpServer,
  httpOrigin,
  listenService,
  type ServiceAddress,
  type ServiceListenRequest,
} from '../http-service.js';
import { GraderNotImplementedError } from '../../graders/grade-outcome.js';
import { MalformedUploadError, receiveUpload, UploadTooLargeError } from './receive-upload.js';
import { TokenBuckets } from './token-bucket.js';
import type { Validate } from './validator-from-context.js';

export { validatorFromContext, type Validate, type ValidationResult } from './validator-from-context.js';

export interface ValidationRun {
  runId: string;
  competitionId: string;
}

export interface ValidationServiceOptions {
  validate: Validate;
  /** The rate limiter's clock. */
  now: () => Date;
  /** Receives one line per request. */
  log: (line: string) => void;
  /** Largest accepted request body; default 512 MiB. */
  maxBytes?: number;
  /** Sustained requests per token per minute; default 30. */
  ratePerMinute?: number;
  /** Requests a token may make at once before the rate applies; default 10. */
  burst?: number;
  /** Where uploads are staged (one temp dir per request, removed before answering); default the OS's. */
  tempDir?: string;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  run?: ValidationRun;
  valid?: boolean;
  /** Host-side detail for the log only. */
  detail?: string;
  /** Drop the connection after answering instead of reading the rest of the request. */
  drop?: boolean;
}

const FIELD = 'file';
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Grader messages can quote answers cells or host paths: only those known to carry neither are shown. */
function publicGraderMessage(error: unknown): string {
  if (error instanceof GraderNotImplementedError) return `grader failed: ${error.message}`;
  return `grader failed: ${error instanceof Error ? error.name : 'error'} (details are in the harness log)`;
}

function tokenOf(req: IncomingMessage, url: URL): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? url.searchParams.get('token');
}

export class ValidationService {
  private readonly runs = new Map<string, ValidationRun>();
  private readonly limiter: TokenBuckets;
  private readonly maxBytes: number;
  private readonly tempDir: string;
  private servers: Server[] = [];
  private address: ServiceAddress | undefined;

  constructor(private readonly options: ValidationServiceOptions) {
    this.maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
    this.tempDir = options.tempDir ?? tmpdir();
    this.limiter = new TokenBuckets({
      ratePerMinute: options.ratePerMinute ?? 30,
      burst: options.burst ?? 10,
      now: options.now,
    });
  }

  /**
   * The run's token (a fresh random one unless given: see harness/runs/service-continuity.ts); the agent
   * gets it inside the URL from `url()`.
   */
  register(run: ValidationRun, token = randomBytes(32).toString('base64url')): string {
    this.runs.set(hashToken(token), { ...run });
    return token;
  }

  /** Returns whether the token was registered. */
  unregister(token: string): boolean {
    const key = hashToken(token);
    this.limiter.forget(key);
    return this.runs.delete(key);
  }

  /** Listens on one address, or on several with one port (one server each, sharing the runs). */
  async start(request: ServiceListenRequest): Promise<ServiceAddress> {
    if (this.address !== undefined) throw new Error('the validation service is already started');
    const bound = await listenService(() => {
      const server = createServer((req, res) => void this.serve(req, res));
      // Answer 401/413/429 before a client waiting on `Expect: 100-continue` (curl, for big files) sends the body.
      server.on('checkContinue', (req, res) => void this.serve(req, res));
      return server;
    }, request);
    this.servers = bound.servers;
    this.address = bound.address;
    return { ...this.address, hosts: [...this.address.hosts] };
  }

  /** The URL an agent gets in `$VALIDATION_URL`, e.g. `http://host.docker.internal:PORT/validate?token=…`. */
  url(token: string, hostForContainers: string): string {
    if (this.address === undefined) throw new Error('the validation service is not started');
    return `${httpOrigin(hostForContainers, this.address.port)}/validate?token=${encodeURIComponent(token)}`;
  }

  async close(): Promise<void> {
    const servers = this.servers;
    this.servers = [];
    this.address = undefined;
    await Promise.all(servers.map((server) => closeHttpServer(server)));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let reply: Reply;
    try {
      reply = await this.route(req, res, url);
    } catch (error) {
      reply = { status: 500, body: { error: 'internal error' }, detail: String(error) };
    }
    this.send(res, reply);
    const fields = [
      `validation ${req.method ?? '?'} ${url.pathname}`,
      `run=${reply.run?.runId ?? '-'}`,
      `status=${reply.status}`,
      ...(reply.valid === undefined ? [] : [reply.valid ? 'valid' : 'invalid']),
      ...(reply.detail === undefined ? [] : [`detail=${JSON.stringify(reply.detail)}`]),
    ];
    this.options.log(fields.join(' '));
  }

  private send(res: ServerResponse, reply: Reply): void {
    const body = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      ...(reply.drop ? { connection: 'close' } : {}),
      ...reply.headers,
    });
    // With `connection: close`, Node closes the socket once the reply is sent: the unread rest is dropped.
    res.end(body);
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<Reply> {
    if (url.pathname === '/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return { status: 405, body: { error: 'method not allowed' }, headers: { allow: 'GET, HEAD' }, drop: true };
      return { status: 200, body: { ok: true } };
    }
    if (url.pathname !== '/validate') return { status: 404, body: { error: 'not found' }, drop: true };
    if (req.method !== 'POST')
      return { status: 405, body: { error: 'method not allowed' }, headers: { allow: 'POST' }, drop: true };

    const token = tokenOf(req, url);
    const key = token === null ? undefined : hashToken(token);
    const run = key === undefined ? undefined : this.runs.get(key);
    if (key === undefined || run === undefined)
      return { status: 401, body: { error: 'missing or unknown token' }, drop: true };

    const taken = this.limiter.take(key);
    if (!taken.allowed) {
      return {
        status: 429,
        body: { error: `rate limit exceeded; retry after ${taken.retryAfterSeconds} s` },
        headers: { 'retry-after': String(taken.retryAfterSeconds) },
        run,
        drop: true,
      };
    }
    const tooLarge: Reply = {
      status: 413,
      body: { error: `request body is larger than the limit of ${this.maxBytes} bytes` },
      run,
      drop: true,
    };
    if (Number(req.headers['content-length'] ?? 0) > this.maxBytes) return tooLarge;
    if (req.headers.expect?.toLowerCase() === '100-continue') res.writeContinue();
    return this.validateUpload(req, run, tooLarge);
  }

  private async validateUpload(req: IncomingMessage, run: ValidationRun, tooLarge: Reply): Promise<Reply> {
    const dir = await mkdtemp(join(this.tempDir, 'podium-validate-'));
    try {
      const file = join(dir, 'submission.csv');
      let received: boolean;
      try {
        received = await receiveUpload(req, { field: FIELD, maxBytes: this.maxBytes, file });
      } catch (error) {
        if (error instanceof UploadTooLargeError) return tooLarge;
        if (error instanceof MalformedUploadError)
          return { status: 400, body: { error: error.message }, run, drop: true };
        throw error;
      }
      if (!received) return { status: 400, body: { error: `the form has no file field '${FIELD}'` }, run };
      try {
        const result = await this.options.validate(run.competitionId, file);
        return { status: 200, body: { valid: result.valid, reason: result.reason }, run, valid: result.valid };
      } catch (error) {
        return {
          status: 500,
          body: { error: publicGraderMessage(error) },
          run,
          detail: error instanceof Error ? error.message : String(error),
        };
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
