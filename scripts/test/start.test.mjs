import { execFileSync, spawn } from "node:child_process";
import { get } from "node:http";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { connect, createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const startScript = fileURLToPath(new URL("../start.mjs", import.meta.url));
const startParent = fileURLToPath(new URL("./fixtures/start-parent.mjs", import.meta.url));
const PROJECT = "6e9dfd51d1124e8d8498dce894923a0d";
const FREE_PORTS = { VPCEP_MOCK_PORT: "0", VPCEP_EMULATOR_PORT: "0", VPCEP_DOCS_PORT: "0" };

/**
 * @typedef {object} Started
 * @property {import("node:child_process").ChildProcessByStdio<null, import("node:stream").Readable, import("node:stream").Readable>} child
 * @property {{ text: string, errors: string }} output everything it has printed so far, on stdout and on stderr
 * @property {string} mockUrl
 * @property {string} emulatorUrl
 * @property {string} docsUrl
 */

/**
 * Starts `npm start`'s script with `env` and reads what it prints until it says it is ready.
 * @param {Record<string, string>} env
 * @returns {Promise<Started>}
 */
async function start(env) {
  const child = spawn(process.execPath, [startScript], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const output = { text: "", errors: "" };
  child.stdout.on("data", (chunk) => {
    output.text += String(chunk);
  });
  child.stderr.on("data", (chunk) => {
    output.errors += String(chunk);
  });
  await new Promise((resolve, reject) => {
    const ready = () => {
      if (!output.text.includes("Press Ctrl-C")) return;
      child.stdout.off("data", ready);
      child.off("exit", early);
      resolve(undefined);
    };
    const early = (/** @type {number | null} */ code) =>
      reject(new Error(`start.mjs exited with ${code} before it was ready:\n${output.text}\n${output.errors}`));
    child.stdout.on("data", ready);
    child.once("exit", early);
  });
  const url = (/** @type {RegExp} */ pattern) => pattern.exec(output.text)?.[1] ?? "";
  return {
    child,
    output,
    mockUrl: url(/Contract mock: +(\S+)/),
    emulatorUrl: url(/Emulator: +(\S+)/),
    docsUrl: url(/API docs: +(\S+)/),
  };
}

/** @param {Started | undefined} started */
function killIfRunning(started) {
  if (started !== undefined && started.child.exitCode === null && started.child.signalCode === null) started.child.kill("SIGKILL");
}

/** Whether a process runs (a zombie, exited but not yet reaped, does not). @param {number} pid */
function isRunning(pid) {
  try {
    return !execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim().startsWith("Z");
  } catch {
    return false; // ps exits with 1 when there is no such process
  }
}

/** The pid of the mock's server, the child process of start.mjs that runs dist/server.cjs. @param {number} startPid */
function mockServerPid(startPid) {
  const pids = execFileSync("pgrep", ["-P", String(startPid), "-f", "server.cjs"], { encoding: "utf8" }).trim().split("\n");
  expect(pids).toHaveLength(1);
  return Number(pids[0]);
}

/** @param {number} pid */
function killIfAlive(pid) {
  if (isRunning(pid)) process.kill(pid, "SIGKILL");
}

/**
 * Sends a request target as it is, byte for byte (fetch would normalise `//`), and reads the
 * status line of the answer.
 * @param {string} url @param {string} target
 */
function statusLineFor(url, target) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let answer = "";
    socket.on("data", (chunk) => (answer += String(chunk)));
    socket.once("close", () => resolve(answer.split("\r\n")[0]));
    socket.once("error", reject);
  });
}

/**
 * The requests of a one-line command as start.mjs prints them: `curl [-s] [-X METHOD] URL
 * [-H 'Name: value']... [-d 'body']`, joined with `&&` (an `echo` between them prints nothing asked).
 * @param {string} line
 */
function curlRequests(line) {
  return line
    .split(" && ")
    .filter((part) => part.startsWith("curl "))
    .map((part) => {
      const words = [...part.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? "");
      /** @type {{ method: string, url: string, headers: Record<string, string>, body: string | undefined }} */
      const request = { method: "GET", url: "", headers: {}, body: undefined };
      for (let index = 1; index < words.length; index++) {
        const word = words[index] ?? "";
        const next = () => words[++index] ?? "";
        if (word === "-s") continue;
        if (word === "-X") request.method = next();
        else if (word === "-H") {
          const [name = "", ...value] = next().split(":");
          request.headers[name.trim()] = value.join(":").trim();
        } else if (word === "-d") request.body = next();
        else if (word.startsWith("-")) throw new Error(`curlRequests does not know ${word}`);
        else request.url = word;
      }
      return request;
    });
}

/** @param {string} emulatorUrl */
async function createServiceIn(emulatorUrl) {
  const response = await fetch(`${emulatorUrl}/v1/${PROJECT}/vpc-endpoint-services`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-auth-token": "any" },
    body: JSON.stringify({
      port_id: "7d1a3f5b-2c4e-4a6b-8d0f-9e1c3a5b7d92",
      vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
      server_type: "VM",
      ports: [{ client_port: 80, server_port: 8080 }],
    }),
  });
  expect(response.status).toBe(200);
  return /** @type {{ id: string }} */ (await response.json()).id;
}

/** @param {string} emulatorUrl */
async function serviceIdsIn(emulatorUrl) {
  const response = await fetch(`${emulatorUrl}/v1/${PROJECT}/vpc-endpoint-services?limit=1000`, { headers: { "x-auth-token": "any" } });
  const body = /** @type {{ endpoint_services: Array<{ id: string }> }} */ (await response.json());
  return body.endpoint_services.map((service) => service.id);
}

describe("npm start (scripts/start.mjs)", () => {
  /** @type {Started | undefined} */
  let started;

  beforeAll(async () => {
    started = await start(FREE_PORTS);
  }, 60_000);

  afterAll(() => killIfRunning(started));

  it("prints the mock's, the emulator's and the docs' URLs on loopback, each on its own port", () => {
    const { mockUrl, emulatorUrl, docsUrl } = started ?? {};
    for (const url of [mockUrl, emulatorUrl, docsUrl]) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set([mockUrl, emulatorUrl, docsUrl]).size).toBe(3);
  });

  it("serves the docs page as HTML", async () => {
    const response = await fetch(started?.docsUrl ?? "");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain("<title>OTC VPC Endpoint API</title>");
  });

  it("serves the docs page compressed to a client that accepts it, and whole to one that does not", async () => {
    const page = `${started?.docsUrl ?? ""}/`;
    const request = (/** @type {string} */ encoding) =>
      new Promise((/** @type {(value: { encoding: string | undefined, bytes: number }) => void} */ resolve, reject) => {
        get(page, { headers: { "accept-encoding": encoding } }, (response) => {
          let bytes = 0;
          response.on("data", (/** @type {Buffer} */ chunk) => (bytes += chunk.length));
          response.on("end", () => resolve({ encoding: response.headers["content-encoding"], bytes }));
        }).on("error", reject);
      });
    const whole = await request("identity");
    const gzip = await request("gzip");
    const brotli = await request("gzip, br");
    const refused = await request("br;q=0, gzip;q=0");
    expect([whole.encoding, gzip.encoding, brotli.encoding, refused.encoding]).toEqual([undefined, "gzip", "br", undefined]);
    expect(gzip.bytes).toBeLessThan(whole.bytes / 3);
    expect(brotli.bytes).toBeLessThan(gzip.bytes);
  });

  it("serves the bundled spec beside the page", async () => {
    const response = await fetch(`${started?.docsUrl}/openapi.json`);
    expect(await response.json()).toMatchObject({ openapi: "3.1.0" });
  });

  it("answers 404 for anything else", async () => {
    expect((await fetch(`${started?.docsUrl}/nothing-here`)).status).toBe(404);
  });

  it("answers 404 to request targets that a URL parser cannot read as a path (//, ///, //[, //a%20b), and goes on serving", async () => {
    const docsUrl = started?.docsUrl ?? "";
    for (const target of ["//", "///", "//[", "//a%20b"]) expect(await statusLineFor(docsUrl, target)).toBe("HTTP/1.1 404 Not Found");
    expect((await fetch(docsUrl)).status).toBe(200);
  });

  it("serves the docs page to an absolute-form request target, as RFC 9112 asks of a server", async () => {
    const docsUrl = started?.docsUrl ?? "";
    expect([await statusLineFor(docsUrl, `${docsUrl}/`), await statusLineFor(docsUrl, docsUrl)]).toEqual(["HTTP/1.1 200 OK", "HTTP/1.1 200 OK"]);
  });

  it("answers 404 to an absolute-form target without a host, or of another scheme", async () => {
    const docsUrl = started?.docsUrl ?? "";
    for (const target of ["http://", "http:///openapi.json", "http://@/", "ftp://x/"]) expect([target, await statusLineFor(docsUrl, target)]).toEqual([target, "HTTP/1.1 404 Not Found"]);
  });

  it("runs as npm's own child under npm start, which execs node rather than leave a sh -c between them", async () => {
    const { scripts } = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8"));
    expect(scripts.start).toMatch(/&& exec node scripts\/start\.mjs$/);
  });

  it("serves the seed example of createEndpoint from the mock", async () => {
    const response = await fetch(`${started?.mockUrl}/v1/${PROJECT}/vpc-endpoints`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-auth-token": "any" },
      body: JSON.stringify({ vpc_id: "v", endpoint_service_id: "s" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: "4189d3c2-8882-4871-a3c2-d380272eed83" });
  });

  it("serves the emulator, which lists the service just created in it", async () => {
    const emulatorUrl = started?.emulatorUrl ?? "";
    const id = await createServiceIn(emulatorUrl);
    expect(await serviceIdsIn(emulatorUrl)).toContain(id);
  });

  it("prints a one-line curl command that creates a service in the emulator and then lists it", async () => {
    const line = /^ +(curl .*&& .*curl .*)$/m.exec(started?.output.text ?? "")?.[1] ?? "";
    const requests = curlRequests(line);
    const servicesUrl = `${started?.emulatorUrl}/v1/${PROJECT}/vpc-endpoint-services`;
    expect(requests).toMatchObject([
      { method: "POST", url: servicesUrl },
      { method: "GET", url: servicesUrl },
    ]);
    const [create, list] = /** @type {[ReturnType<typeof curlRequests>[0], ReturnType<typeof curlRequests>[0]]} */ (requests);
    const created = await fetch(create.url, { method: create.method, headers: create.headers, body: create.body ?? null });
    expect(created.status).toBe(200);
    const { id } = /** @type {{ id: string }} */ (await created.json());
    const listed = await fetch(list.url, { headers: list.headers });
    const { endpoint_services: services } = /** @type {{ endpoint_services: Array<{ id: string }> }} */ (await listed.json());
    expect(services.map((service) => service.id)).toContain(id);
  });

  it("stops every server and exits 0 on SIGINT", async () => {
    const { child, mockUrl, emulatorUrl, docsUrl } = /** @type {Started} */ (started);
    child.kill("SIGINT");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
    expect(started?.output.text).toContain("Stopped the mock, the emulator and the docs server.");
    await expect(fetch(docsUrl)).rejects.toThrow();
    await expect(fetch(mockUrl)).rejects.toThrow();
    await expect(fetch(emulatorUrl)).rejects.toThrow();
  });
});

describe("npm start when the ports asked for are taken", () => {
  const blocker = createServer();
  /** @type {number} */
  let taken;
  /** @type {Started | undefined} */
  let started;

  beforeAll(async () => {
    blocker.listen(0, "127.0.0.1");
    await once(blocker, "listening");
    taken = /** @type {import("node:net").AddressInfo} */ (blocker.address()).port;
    const port = String(taken);
    started = await start({ VPCEP_MOCK_PORT: port, VPCEP_EMULATOR_PORT: port, VPCEP_DOCS_PORT: port });
  }, 60_000);

  afterAll(async () => {
    killIfRunning(started);
    await new Promise((resolve) => blocker.close(resolve));
  });

  it("serves the mock, the emulator and the docs on free ports instead", async () => {
    const { mockUrl, emulatorUrl, docsUrl } = /** @type {Started} */ (started);
    for (const url of [mockUrl, emulatorUrl, docsUrl]) expect(new URL(url).port).not.toBe(String(taken));
    expect((await fetch(`${mockUrl}/v1`)).status).toBe(200);
    expect((await fetch(`${emulatorUrl}/v1`)).status).toBe(200);
    expect((await fetch(docsUrl)).status).toBe(200);
  });

  it("stops every server and exits 0 on SIGTERM", async () => {
    const { child, mockUrl, emulatorUrl, docsUrl } = /** @type {Started} */ (started);
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
    await expect(fetch(docsUrl)).rejects.toThrow();
    await expect(fetch(mockUrl)).rejects.toThrow();
    await expect(fetch(emulatorUrl)).rejects.toThrow();
  });
});

describe("npm start when the mock dies", () => {
  /** @type {Started | undefined} */
  let started;

  beforeAll(async () => {
    started = await start(FREE_PORTS);
  }, 60_000);

  afterAll(() => killIfRunning(started));

  it("says so, stops the emulator and the docs server, and exits 1", async () => {
    const { child, output, emulatorUrl, docsUrl } = /** @type {Started} */ (started);
    const exited = once(child, "exit");
    process.kill(mockServerPid(child.pid ?? 0), "SIGKILL");
    const [code] = await exited;
    expect(code).toBe(1);
    expect(output.errors).toMatch(/npm start: the contract mock at http:\/\/127\.0\.0\.1:\d+ exited unexpectedly; stopping the emulator and the docs server\./);
    await expect(fetch(docsUrl)).rejects.toThrow();
    await expect(fetch(emulatorUrl)).rejects.toThrow();
  });
});

describe("npm start when the process that started it is killed with SIGKILL", () => {
  /** @type {import("node:child_process").ChildProcessByStdio<import("node:stream").Writable, import("node:stream").Readable, null> | undefined} */
  let parent;
  let output = "";
  /** @type {number[]} */
  const pids = [];

  beforeAll(async () => {
    parent = spawn(process.execPath, [startParent], { env: { ...process.env, ...FREE_PORTS }, stdio: ["pipe", "pipe", "inherit"] });
    parent.stdout.on("data", (chunk) => (output += String(chunk)));
    await new Promise((resolve, reject) => {
      parent?.stdout.on("data", () => output.includes("Press Ctrl-C") && resolve(undefined));
      parent?.once("exit", (code) => reject(new Error(`the parent exited with ${code} before start.mjs was ready:\n${output}`)));
    });
  }, 60_000);

  afterAll(() => {
    parent?.kill("SIGKILL");
    for (const pid of pids) killIfAlive(pid);
  });

  it("stops the mock, the emulator and the docs server, and exits", async () => {
    const startPid = Number(/start\.mjs pid (\d+)/.exec(output)?.[1]);
    const mockPid = mockServerPid(startPid);
    pids.push(startPid, mockPid);
    const urls = ["Contract mock", "Emulator", "API docs"].map((name) => new RegExp(`${name}: +(\\S+)`).exec(output)?.[1] ?? "");
    parent?.kill("SIGKILL");
    await expect.poll(() => isRunning(startPid), { timeout: 10_000 }).toBe(false);
    expect(isRunning(mockPid)).toBe(false);
    for (const url of urls) await expect(fetch(url)).rejects.toThrow();
  });
});
