/**
 * The control API for tests, under `/_emulator/` (outside every VPCEP path): reset,
 * state (GET a snapshot, PUT to restore), clock (advance, transition mode) and faults.
 */
import { outOfRange, parseTransitions, type TransitionMode } from "./clock.js";
import type { EmulatorCore } from "./core.js";
import { StateWriteError } from "./persistence.js";

export const CONTROL_PREFIX = "/_emulator";

export interface ControlReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Close the connection after answering (a body too large to read to its end). */
  close?: boolean;
}

function problem(status: number, message: string): ControlReply {
  return { status, body: { error_code: "EndPoint.0002", error_msg: message } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const ROUTES: Record<string, string[]> = {
  "/reset": ["POST"],
  "/state": ["GET", "PUT"],
  "/clock": ["GET", "POST"],
  "/faults": ["GET", "POST", "DELETE"],
};

function clockChange(core: EmulatorCore, body: unknown): ControlReply {
  if (!isObject(body)) return problem(400, 'The body must be an object: {"advanceMs": N} and/or {"transitions": "immediate" | "reads:N" | "ms:N"}');
  const unknown = Object.keys(body).find((key) => key !== "advanceMs" && key !== "transitions");
  if (unknown !== undefined) return problem(400, `"${unknown}" is not a field of a clock change (fields: advanceMs, transitions)`);
  const { advanceMs, transitions } = body;
  if (advanceMs !== undefined && (typeof advanceMs !== "number" || !Number.isFinite(advanceMs) || advanceMs < 0)) {
    return problem(400, `"advanceMs" must be a number of milliseconds, 0 or more`);
  }
  if (transitions !== undefined && typeof transitions !== "string") return problem(400, `"transitions" must be "immediate", "reads:N" or "ms:N"`);
  // Everything is checked before anything changes.
  let mode: TransitionMode | undefined;
  if (transitions !== undefined) {
    try {
      mode = parseTransitions(transitions);
    } catch (error) {
      return problem(400, `"transitions": ${(error as Error).message}`);
    }
  }
  const beyond = advanceMs === undefined ? undefined : outOfRange(core.clock.now() + advanceMs);
  if (beyond !== undefined) return problem(400, `"advanceMs" ${String(advanceMs)} is too large: ${beyond}`);
  if (mode !== undefined) core.setTransitions(mode);
  if (advanceMs !== undefined) core.advance(advanceMs);
  return { status: 200, body: core.clockInfo() };
}

/** Answers a control request; `body` is the parsed JSON body, if any. */
export function handleControl(core: EmulatorCore, method: string, subpath: string, body: unknown): ControlReply {
  const methods = ROUTES[subpath];
  if (methods === undefined) return problem(404, `No control operation at ${CONTROL_PREFIX}${subpath} (there are: ${Object.keys(ROUTES).map((route) => CONTROL_PREFIX + route).join(", ")})`);
  if (!methods.includes(method)) return { ...problem(405, `${method} is not allowed on ${CONTROL_PREFIX}${subpath} (allowed: ${methods.join(", ")})`), headers: { allow: methods.join(", ") } };
  try {
    switch (`${method} ${subpath}`) {
      case "POST /reset":
        core.reset();
        return { status: 204 };
      case "GET /state":
        return { status: 200, body: core.snapshot() };
      case "PUT /state":
        core.restore(body);
        return { status: 204 };
      case "GET /clock":
        return { status: 200, body: core.clockInfo() };
      case "POST /clock":
        return clockChange(core, body);
      case "GET /faults":
        return { status: 200, body: { faults: core.faults.list() } };
      case "POST /faults":
        core.inject(body);
        return { status: 204 };
      default:
        core.faults.clear();
        return { status: 204 };
    }
  } catch (error) {
    // A server failure (the state file could not be written) is not the request's fault.
    if (error instanceof StateWriteError) return { status: 500, body: { error_code: "EndPoint.0001", error_msg: "System error. Please retry." } };
    return problem(400, (error as Error).message);
  }
}
