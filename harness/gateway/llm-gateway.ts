/**
 * The LLM gateway: an OpenAI-compatible HTTP proxy the harness runs per run group. Invariants:
 * - each run has its own random token (the agent's OPENAI_API_KEY); only its hash is kept, and the real
 *   provider key is used on the upstream side only (errors echoing it are redacted);
 * - POST /v1/chat/completions, /v1/completions and /v1/embeddings are forwarded and metered; GET
 *   /v1/models passes through; anything else is an OpenAI-shaped 404;
 * - streams are passed on event by event, never buffered whole; for streamed completions the gateway
 *   asks for usage (`stream_options.include_usage`) and reads it from the final chunk;
 * - token counts come from the provider only: a success without usage is recorded as 'missing';
 * - every metered request (forwarded or refused) becomes one record through the run's `record`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import {
  closeHttpServer,
  httpOrigin,
  listenService,
  type ServiceAddress,
  type ServiceListenRequest,
} from '../http-service.js';
import { budgetProblem, type LlmBudget, type LlmSpent } from './llm-budget.js';
import type { LlmErrorKind, LlmUsageRecord } from './llm-usage-record.js';
import {
  budgetExceeded,
  notForwarded,
  requestTooLarge,
  tooManyRequests,
  unknownToken,
  upstreamUnreachable,
  type OpenAiErrorReply,
} from './openai-error.js';
import { costOf, OPENAI_PRICES, type PriceTable } from './price-table.js';
import type { TokenUsage } from './token-usage.js';
import { agentHeaders, callUpstream, type Upstream } from './upstream-call.js';
import { sendError, sendJson } from './json-replies.js';
import { requestWithUsage } from './request-with-usage.js';
import { TokenBuckets } from '../validation/token-bucket.js';
import { relayAnswer } from './relay-answer.js';
import { abortOnHangUp, bodyOf, readCapped } from './stream-taps.js';

export interface GatewayRun {
  runId: string;
  budget: LlmBudget;
  /** What the run spent in earlier sessions (a resumed run keeps its budget). */
  spent: LlmSpent;
  /** Persists one request's record (the run's events); a failure is logged, never shown to the agent. */
  record: (usage: LlmUsageRecord) => Promise<void>;
}

export interface LlmGatewayOptions {
  upstream: Upstream;
  /** Receives one line per request (no tokens, no bodies). */
  log: (line: string) => void;
  prices?: PriceTable;
  /** Monotonic milliseconds for latencies; default performance.now. */
  clock?: () => number;
  /** Largest request body; default 32 MiB. */
  maxRequestBytes?: number;
  /** Largest non-streamed response read for its usage (it is passed on whole regardless); default 64 MiB. */
  maxUsageBodyBytes?: number;
  /**
   * Requests per run per minute (and at once), default 600 and 120: a runaway or hostile agent cannot
   * grow its event log without bound. Requests over the rate get a 429 and are not recorded.
   */
  ratePerMinute?: number;
  burst?: number;
  /** The rate limiter's clock; default the system's. */
  now?: () => Date;
}

const METERED = new Set(['/v1/chat/completions', '/v1/completions', '/v1/embeddings']);
const isModels = (path: string) => path === '/v1/models' || /^\/v1\/models\/[^/]+$/.test(path);
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

interface Exchange {
  run: GatewayRun;
  endpoint: string;
  stream: boolean;
  model: string | null;
  start: number;
}

export class LlmGateway {
  private readonly runs = new Map<string, GatewayRun>();
  private readonly prices: PriceTable;
  private readonly clock: () => number;
  private readonly maxRequestBytes: number;
  private readonly maxUsageBodyBytes: number;
  private readonly limiter: TokenBuckets;
  private servers: Server[] = [];
  private address: ServiceAddress | undefined;

  constructor(private readonly options: LlmGatewayOptions) {
    this.prices = options.prices ?? OPENAI_PRICES;
    this.clock = options.clock ?? (() => performance.now());
    this.maxRequestBytes = options.maxRequestBytes ?? 32 * 1024 * 1024;
    this.maxUsageBodyBytes = options.maxUsageBodyBytes ?? 64 * 1024 * 1024;
    this.limiter = new TokenBuckets({
      ratePerMinute: options.ratePerMinute ?? 600,
      burst: options.burst ?? 120,
      now: options.now ?? (() => new Date()),
    });
  }

  /** The run's token, the agent's OPENAI_API_KEY (a fresh random one unless given: see service-continuity.ts). */
  register(run: GatewayRun, token = `podium-${randomBytes(32).toString('base64url')}`): string {
    this.runs.set(hashToken(token), { ...run, spent: { ...run.spent } });
    return token;
  }

  unregister(token: string): boolean {
    this.limiter.forget(hashToken(token));
    return this.runs.delete(hashToken(token));
  }

  /** Listens on one address, or on several with one port (one server each, sharing the runs). */
  async start(request: ServiceListenRequest): Promise<ServiceAddress> {
    if (this.address !== undefined) throw new Error('the LLM gateway is already started');
    const bound = await listenService(() => createServer((req, res) => void this.serve(req, res)), request);
    this.servers = bound.servers;
    this.address = bound.address;
    return { ...this.address, hosts: [...this.address.hosts] };
  }

  /** The agent's OPENAI_BASE_URL, e.g. `http://host.docker.internal:PORT/v1`. */
  baseUrl(hostForSandbox: string): string {
    if (this.address === undefined) throw new Error('the LLM gateway is not started');
    return `${httpOrigin(hostForSandbox, this.address.port)}/v1`;
  }

  async close(): Promise<void> {
    const servers = this.servers;
    this.servers = [];
    this.address = undefined;
    await Promise.all(servers.map((server) => closeHttpServer(server)));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const method = req.method ?? 'GET';
    try {
      if (url.pathname === '/health') return sendJson(res, 200, { ok: true });
      const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      const key = match?.[1] === undefined ? undefined : hashToken(match[1]);
      const run = key === undefined ? undefined : this.runs.get(key);
      if (key === undefined || run === undefined) {
        this.options.log(`llm-gateway ${method} ${url.pathname} run=- status=401`);
        return sendError(res, unknownToken());
      }
      const taken = this.limiter.take(key);
      if (!taken.allowed) {
        this.options.log(`llm-gateway ${method} ${url.pathname} run=${run.runId} status=429 rate`);
        return sendError(res, tooManyRequests(taken.retryAfterSeconds));
      }
      if (method === 'POST' && METERED.has(url.pathname)) return await this.meter(req, res, url, run);
      if (method === 'GET' && isModels(url.pathname)) return await this.passThrough(req, res, url, run);
      this.options.log(`llm-gateway ${method} ${url.pathname} run=${run.runId} status=404`);
      return sendError(res, notForwarded(method, url.pathname));
    } catch (error) {
      this.options.log(`llm-gateway ${method} ${url.pathname} internal error: ${String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'internal gateway error', type: 'api_error' } });
      else res.destroy();
    }
  }

  /** GET /v1/models: forwarded and answered as is, not metered. */
  private async passThrough(req: IncomingMessage, res: ServerResponse, url: URL, run: GatewayRun): Promise<void> {
    const abort = abortOnHangUp(res);
    const upstream = await this.call(req, url, undefined, abort.signal);
    if (upstream === null) return sendError(res, upstreamUnreachable());
    res.writeHead(upstream.status, agentHeaders(upstream.headers));
    if (upstream.ok) await pipeline(bodyOf(upstream), res).catch(() => undefined);
    else res.end(this.redact(await readCapped(bodyOf(upstream), this.maxUsageBodyBytes)));
    this.options.log(`llm-gateway GET ${url.pathname} run=${run.runId} status=${upstream.status}`);
  }

  private async meter(req: IncomingMessage, res: ServerResponse, url: URL, run: GatewayRun): Promise<void> {
    const start = this.clock();
    const exchange: Exchange = { run, endpoint: url.pathname, stream: false, model: null, start };
    const problem = budgetProblem(run.spent, run.budget);
    if (problem !== null) return this.refuse(res, exchange, budgetExceeded(problem), 'budget', problem);
    const body = await readCapped(req, this.maxRequestBytes);
    if (body === null)
      return this.refuse(res, exchange, requestTooLarge(this.maxRequestBytes), 'too_large', 'request too large');

    const request = requestWithUsage(url.pathname, body);
    exchange.model = request.model;
    exchange.stream = request.stream;

    const abort = abortOnHangUp(res);
    const upstream = await this.call(req, url, request.body, abort.signal);
    if (upstream === null) {
      if (abort.signal.aborted)
        return this.finish(exchange, 499, null, null, { kind: 'client_left', message: 'the agent hung up' });
      return this.refuse(res, exchange, upstreamUnreachable(), 'upstream', 'provider unreachable');
    }
    const answer = await relayAnswer(upstream, res, {
      agentAskedUsage: request.agentAskedUsage,
      clock: this.clock,
      maxBytes: this.maxUsageBodyBytes,
      redact: (body) => this.redact(body),
    });
    exchange.model = answer.model ?? exchange.model;
    await this.finish(
      exchange,
      upstream.status,
      answer.usage,
      answer.firstByteAt,
      answer.agentLeft ? { kind: 'client_left', message: 'the agent hung up before the answer ended' } : null,
      upstream.ok,
    );
  }

  private async call(req: IncomingMessage, url: URL, body: Buffer | undefined, signal: AbortSignal) {
    try {
      return await callUpstream(this.options.upstream, {
        method: req.method ?? 'GET',
        path: url.pathname,
        search: url.search,
        headers: req.headers,
        body,
        signal,
      });
    } catch (error) {
      this.options.log(`llm-gateway upstream error: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  private async refuse(
    res: ServerResponse,
    exchange: Exchange,
    reply: OpenAiErrorReply,
    kind: LlmErrorKind,
    message: string,
  ): Promise<void> {
    sendError(res, reply);
    await this.finish(exchange, reply.status, null, null, { kind, message });
  }

  /** Updates the run's spending and records the request. */
  private async finish(
    exchange: Exchange,
    status: number,
    usage: TokenUsage | null,
    firstByteAt: number | null,
    error: LlmUsageRecord['error'],
    billed = false,
  ): Promise<void> {
    const cost = usage === null ? null : costOf(exchange.model, usage, this.prices);
    const { run } = exchange;
    if (usage !== null)
      run.spent = { tokens: run.spent.tokens + usage.input + usage.output, usd: run.spent.usd + (cost ?? 0) };
    const record: LlmUsageRecord = {
      endpoint: exchange.endpoint.replace(/^\/v1\//, ''),
      model: exchange.model,
      stream: exchange.stream,
      status,
      usage: usage !== null ? 'reported' : billed ? 'missing' : 'none',
      input_tokens: usage?.input ?? null,
      output_tokens: usage?.output ?? null,
      cached_tokens: usage?.cached ?? null,
      cost_usd: cost,
      ttfb_ms: firstByteAt === null ? null : round(firstByteAt - exchange.start),
      total_ms: round(this.clock() - exchange.start),
      error,
    };
    this.options.log(
      `llm-gateway POST ${exchange.endpoint} run=${run.runId} status=${status} usage=${record.usage}` +
        (usage === null ? '' : ` in=${usage.input} out=${usage.output}`),
    );
    await run.record(record).catch((e: unknown) => this.options.log(`llm-gateway: recording failed: ${String(e)}`));
  }

  /** Provider errors may quote the key they were given: it never reaches the agent. */
  private redact(body: Buffer | null): Buffer {
    if (body === null) return Buffer.from('');
    const key = this.options.upstream.apiKey;
    const text = body.toString('utf8');
    return key.length >= 8 && text.includes(key) ? Buffer.from(text.split(key).join('[redacted]')) : body;
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
