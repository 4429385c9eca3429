/**
 * The emulator without its HTTP server: spec, router and validator, state, clock,
 * lifecycle, faults and persistence, and the operations on them that the handle and the
 * control API offer.
 */
import { createRouter, type Router } from "@otc-vpcep/spec-model/router";
import { randomUUID } from "node:crypto";
import { Clock, checkTransitions, formatTransitions, type TransitionMode } from "./clock.js";
import { Faults, parseFault, type Fault } from "./faults.js";
import { Lifecycle } from "./lifecycle.js";
import { EmulatorError, derivedDomain, type ResolvedOptions } from "./options.js";
import { StateFile, StateWriteError } from "./persistence.js";
import { loadSpec, type Spec, type SpecOperation } from "./spec.js";
import { Store, parseStateDocument, type StateDocument } from "./state.js";
import { SpecValidator } from "./validation.js";
import type { World } from "./world.js";
import type { AuthConfig } from "./auth.js";

export class EmulatorCore {
  readonly spec: Spec;
  readonly router: Router<SpecOperation>;
  readonly validator: SpecValidator;
  readonly operationIds: ReadonlySet<string>;
  readonly store: Store;
  readonly clock: Clock;
  readonly lifecycle: Lifecycle;
  readonly faults = new Faults();
  readonly world: World;
  readonly auth: AuthConfig;
  private readonly stateFile: StateFile | undefined;
  private persistedVersion = -1;
  /** The state last written to the state file: what a failed write goes back to. */
  private persisted: StateDocument | undefined;

  constructor(readonly options: ResolvedOptions) {
    try {
      this.spec = loadSpec(options.spec);
    } catch (error) {
      throw new EmulatorError(`Cannot load the spec${options.spec === undefined ? "" : ` ${options.spec}`}: ${(error as Error).message}`);
    }
    this.store = new Store(options.firstMarkerId);
    this.router = createRouter(this.spec.operations);
    this.validator = new SpecValidator(this.spec);
    this.operationIds = new Set(this.spec.operations.map((operation) => operation.operationId));
    this.clock = new Clock(options.clock, options.startTime);
    this.lifecycle = new Lifecycle(this.store, this.clock, options.transitions);
    this.auth = { tokens: options.tokens, accessKeys: options.accessKeys };
    this.world = {
      store: this.store,
      lifecycle: this.lifecycle,
      clock: this.clock,
      faults: this.faults,
      region: options.region,
      quotas: options.quotas,
      domainOf: (projectId) => options.projects.get(projectId) ?? derivedDomain(projectId),
      newId: () => randomUUID(),
    };
    if (options.stateFile !== undefined) {
      this.stateFile = new StateFile(options.stateFile);
      const loaded = this.stateFile.load(this.spec.model);
      if (loaded !== undefined) this.load(loaded);
      this.persist();
    }
  }

  /**
   * Takes a state document; the manual clock goes to the document's time, so what was
   * pending stays pending, and the real clock takes the document's advance.
   */
  private load(document: StateDocument): void {
    this.store.load(document);
    this.clock.resume(document.clockMs, document.offsetMs);
  }

  private document(): StateDocument {
    return this.store.snapshot(this.clock.now(), this.clock.kind === "real" ? this.clock.offset() : undefined);
  }

  /**
   * Writes the state file if anything changed since the last write. When the write fails,
   * the change is not kept: the state (and the clock) go back to what was last written, a
   * log line names the file and the error, and a `StateWriteError` is thrown.
   */
  persist(clockBefore?: number): void {
    if (this.stateFile === undefined || this.store.version === this.persistedVersion) return;
    const document = this.document();
    try {
      this.stateFile.write(document);
    } catch (error) {
      const reason = (error as Error).message;
      if (this.persisted !== undefined) this.store.load(this.persisted);
      if (clockBefore !== undefined) this.clock.restoreSaved(clockBefore);
      else if (this.persisted !== undefined) this.clock.resume(this.persisted.clockMs, this.persisted.offsetMs);
      this.persistedVersion = this.store.version;
      const message = `Cannot write the state file ${this.stateFile.path}: ${reason}; the change is not kept`;
      this.options.onLog(`vpcep-emulator: ${message}`);
      throw new StateWriteError(message);
    }
    this.persisted = document;
    this.persistedVersion = this.store.version;
  }

  reset(): void {
    this.store.clear();
    this.faults.clear();
    this.persist();
  }

  snapshot(): StateDocument {
    return this.document();
  }

  /** Replaces the state; throws an Error saying why a document is refused. */
  restore(value: unknown): void {
    this.load(parseStateDocument(value, this.spec.model));
    this.persist();
  }

  advance(ms: number): void {
    const before = this.clock.save();
    this.clock.advance(ms);
    // The manual clock's time, and the real clock's advance, are part of the state (the state file resumes them).
    if (ms > 0) this.store.changed();
    this.lifecycle.settle();
    this.persist(before);
  }

  setTransitions(mode: string | TransitionMode): void {
    this.lifecycle.mode = checkTransitions(mode);
  }

  clockInfo(): { now: string; nowMs: number; clock: string; transitions: string } {
    const nowMs = this.clock.now();
    return { now: new Date(nowMs).toISOString(), nowMs, clock: this.clock.kind, transitions: formatTransitions(this.lifecycle.mode) };
  }

  /** Queues a fault, or fails a resource now; throws an Error naming what is wrong with it. */
  inject(value: Fault | unknown): void {
    const fault = parseFault(value, this.operationIds);
    if (fault.kind !== "failResource") {
      this.faults.add(fault);
      return;
    }
    const record = this.store.services.get(fault.resourceId) ?? this.store.endpoints.get(fault.resourceId);
    if (record === undefined) throw new Error(`Invalid fault: no service or endpoint has the id ${JSON.stringify(fault.resourceId)}`);
    if (record.status === "deleting") throw new Error(`Invalid fault: ${fault.resourceId} is being deleted and cannot fail`);
    this.lifecycle.cancel(record);
    record.status = "failed";
    record.updatedMs = this.clock.now();
    record.error = [
      {
        error_code: fault.errorCode ?? ("port_id" in record ? "EndPoint.3001" : "EndPoint.2022"),
        error_message: fault.errorMessage ?? ("port_id" in record ? "Failed to create a port." : "Failed to create an endpoint."),
      },
    ];
    this.store.changed();
    this.persist();
  }
}
