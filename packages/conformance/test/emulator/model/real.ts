/**
 * The system under test: a running emulator (the real one, or a copy with a planted bug),
 * and a client of each account's project that talks to it over loopback HTTP. Every
 * answer, to the client or to the invariants' direct reads, goes through `Wire.record`,
 * which checks it against the spec with the suite's ajv validation (test/support/spec.ts)
 * and notes any 5xx.
 */
import { Agent, request as httpRequest } from "node:http";
import { createVpcepClient, type FetchFunction, type VpcepClient } from "@otc-vpcep/client";
import { documentsBody, operationFor, responseViolations } from "../../support/spec.js";
import { INVARIANTS, InvariantError } from "./invariants.js";
import { ACCOUNTS, type Who } from "./model.js";

/** What the test needs of an emulator handle; `startEmulator()` of the real one and of a copy both give it. */
export interface EmulatorHandle {
  url: string;
  reset(): void;
  advance(ms: number): void;
  now(): Date;
  stop(): Promise<void>;
}

/** A call's outcome as the test sees it. */
export interface Answer<Data> {
  status: number;
  data: Data | undefined;
  error: { error_code?: string; error_msg?: string } | undefined;
}

/** What the test sent, over every run of the process: for the summary it prints. */
export const counters = { runs: 0, steps: 0, requests: 0 };

/** How often each operation the steps sent answered with each status and error code, e.g. `deleteEndpointService 400 EndPoint.3006`. */
export const outcomes = new Map<string, number>();

/** Problems found on the wire, in the order the answers came. */
export class Wire {
  private problems: InvariantError[] = [];
  requests = 0;

  /** Checks one answer; `byStep`: sent by a step through the client (counted in `outcomes`), not by an invariant check. */
  record(method: string, path: string, status: number, text: string, byStep = false): void {
    this.requests++;
    counters.requests++;
    const operationId = operationFor(method, path);
    if (byStep) {
      const code = status >= 400 ? /"error_code":"([^"]*)"/.exec(text)?.[1] : undefined;
      const key = `${operationId ?? path} ${status}${code === undefined ? "" : ` ${code}`}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    const what = `${method} ${path} → ${status}`;
    if (status >= 500) this.problems.push(new InvariantError(INVARIANTS.no5xx, `${what}: ${text.slice(0, 500)}`));
    if (operationId === undefined) {
      this.problems.push(new InvariantError(INVARIANTS.spec, `${what}: no operation of the spec has this method and path`));
      return;
    }
    if (text === "") {
      if (status !== 204 && documentsBody(operationId, status)) this.problems.push(new InvariantError(INVARIANTS.spec, `${operationId} ${what}: no body, the spec documents one`));
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      this.problems.push(new InvariantError(INVARIANTS.spec, `${operationId} ${what}: the body is not JSON: ${text.slice(0, 200)}`));
      return;
    }
    if (!documentsBody(operationId, status)) {
      this.problems.push(new InvariantError(INVARIANTS.spec, `${operationId} ${what}: the spec documents no body for this status, got ${text.slice(0, 200)}`));
      return;
    }
    const violations = responseViolations(operationId, status, body);
    if (violations.length > 0) this.problems.push(new InvariantError(INVARIANTS.spec, `${operationId} ${what}: ${JSON.stringify(violations)}`));
  }

  /** Throws the first problem noted since the last call, if any. */
  assertClean(): void {
    const first = this.problems[0];
    this.problems = [];
    if (first !== undefined) throw first;
  }
}

interface RawAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
}

/**
 * One keep-alive agent for the test's requests. node:http rather than the global fetch:
 * on this loopback it answers in a third of the time, which is most of a run's time. Idle
 * sockets are closed after 2 s, before the server's 5 s keep-alive ends, so that no
 * request goes out on a socket the server is closing.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 8, timeout: 2000 });

function exchange(method: string, url: string, headers: Record<string, string>, body: Buffer | undefined, signal?: AbortSignal): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, agent, headers, ...(signal === undefined ? {} : { signal }) }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) answerHeaders.set(name, Array.isArray(value) ? value.join(", ") : value);
        resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? "", headers: answerHeaders, text: Buffer.concat(chunks).toString("utf8") });
      });
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** JSON with the int64 `marker_id` kept exact, as a string (as the client delivers it). */
const parseExact = (text: string): unknown => JSON.parse(text.replace(/"marker_id":(-?\d+)/g, '"marker_id":"$1"'));

type Json = Record<string, unknown>;

export class Real {
  readonly wire = new Wire();
  readonly clients: Readonly<Record<Who, VpcepClient>>;

  constructor(readonly emulator: EmulatorHandle) {
    /** A `fetch` for the client that hands every answer to the wire check before the client reads it. */
    const checkedFetch: FetchFunction = async (request, init) => {
      const body = request.method === "GET" || request.method === "HEAD" ? undefined : Buffer.from(await request.arrayBuffer());
      const answer = await exchange(request.method, request.url, Object.fromEntries(request.headers), body, init?.signal);
      this.wire.record(request.method, new URL(request.url).pathname, answer.status, answer.text, true);
      return new Response(answer.text === "" ? null : answer.text, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
    };
    const client = (who: Who) =>
      createVpcepClient({
        baseUrl: emulator.url,
        projectId: ACCOUNTS[who].projectId,
        token: `model-based-${who}`,
        fetch: checkedFetch,
        // No retries: a 5xx or a dropped answer must show, not be papered over.
        retry: { maxAttempts: 1 },
      });
    this.clients = { owner: client("owner"), consumer: client("consumer") };
  }

  /** One call through the client as `who`; throws if an answer broke the spec or was a 5xx. */
  async call<Data>(
    who: Who,
    send: (client: VpcepClient) => Promise<{ data?: Data; error?: unknown; response: Response }>,
  ): Promise<Answer<Data>> {
    const result = await send(this.clients[who]);
    this.wire.assertClean();
    return { status: result.response.status, data: result.data, error: result.error as Answer<Data>["error"] };
  }

  /**
   * A read as `who`, straight over HTTP: the invariants send most of a run's requests, and
   * the client's own work per call would triple their time. The same wire check applies.
   */
  async get(who: Who, path: string, query: Record<string, string | number> = {}): Promise<Answer<Json>> {
    const search = new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)])).toString();
    const projectPath = `/v1/${ACCOUNTS[who].projectId}${path}`;
    const answer = await exchange("GET", `${this.emulator.url}${projectPath}${search === "" ? "" : `?${search}`}`, { "x-auth-token": `model-based-${who}`, accept: "application/json" }, undefined);
    this.wire.record("GET", projectPath, answer.status, answer.text);
    this.wire.assertClean();
    const body = answer.text === "" ? undefined : (parseExact(answer.text) as Json);
    return answer.status < 400 ? { status: answer.status, data: body, error: undefined } : { status: answer.status, data: undefined, error: body as Answer<Json>["error"] };
  }
}
