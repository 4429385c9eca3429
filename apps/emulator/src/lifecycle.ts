/**
 * The asynchronous lifecycles: a create or delete schedules a transition (`creating` →
 * `available`, `deleting` → gone, ...) that completes on the emulator clock, after N
 * reads, or at once, as the transition mode says. Transitions are applied lazily, when
 * a request comes in, so nothing runs in the background.
 */
import type { Clock, TransitionMode } from "./clock.js";
import type { EndpointRecord, ResourceErrorRecord, ServiceRecord, Store, Transition } from "./state.js";

/** The state a deleted resource goes to: it is removed, and reads answer 404. */
export const GONE = "gone";

export class Lifecycle {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    public mode: TransitionMode,
  ) {}

  /** Schedules `record` to move to `to` under the current mode. */
  schedule(record: ServiceRecord | EndpointRecord, to: string, error?: ResourceErrorRecord): void {
    const transition: Transition = { to };
    if (error !== undefined) transition.error = error;
    if (this.mode.kind === "reads") transition.readsLeft = this.mode.reads;
    else transition.dueMs = this.clock.now() + (this.mode.kind === "ms" ? this.mode.ms : 0);
    record.transition = transition;
    this.store.pending.add(record);
    this.store.changed();
  }

  /** Drops a pending transition (a resource that failed or is deleted meanwhile). */
  cancel(record: ServiceRecord | EndpointRecord): void {
    if (record.transition === undefined) return;
    record.transition = undefined;
    this.store.pending.delete(record);
    this.store.changed();
  }

  private due(transition: Transition): boolean {
    if (transition.readsLeft !== undefined) return transition.readsLeft <= 0;
    return transition.dueMs === undefined || transition.dueMs <= this.clock.now();
  }

  /** Completes every transition that is due. Called before each request is handled. */
  settle(): void {
    if (this.store.pending.size === 0) return;
    for (const record of [...this.store.pending]) {
      if (record.transition === undefined) this.store.pending.delete(record);
      else if (this.due(record.transition)) this.apply(record, record.transition);
    }
  }

  /** A read of `record` was answered: one read fewer before its transition (in `reads:N` mode). */
  read(record: ServiceRecord | EndpointRecord): void {
    const transition = record.transition;
    if (transition?.readsLeft !== undefined && transition.readsLeft > 0) {
      transition.readsLeft--;
      this.store.changed();
    }
  }

  private apply(record: ServiceRecord | EndpointRecord, transition: Transition): void {
    record.transition = undefined;
    this.store.pending.delete(record);
    if (transition.to === GONE) {
      // Only the record itself: a service and an endpoint may share an id (see Store.pending).
      if (this.store.services.get(record.id) === record) this.store.services.delete(record.id);
      if (this.store.endpoints.get(record.id) === record) this.store.endpoints.delete(record.id);
    } else {
      record.status = transition.to;
      record.updatedMs = this.clock.now();
      if (transition.to === "failed" && transition.error !== undefined) record.error = [transition.error];
      if (transition.to === "accepted" && "ip_shown" in record) record.ip_shown = true;
    }
    this.store.changed();
  }
}
