export { startEmulator, type EmulatorState, type RunningEmulator } from "./emulator.js";
export { EmulatorError, derivedDomain, type EmulatorOptions, type Exchange } from "./options.js";
export type { TransitionMode, ClockKind } from "./clock.js";
export type { DropFault, ErrorFault, FailCreateFault, FailResourceFault, Fault } from "./faults.js";
export type {
  EndpointRecord,
  PermissionRecord,
  PolicyStatementRecord,
  PortRecord,
  ResourceErrorRecord,
  ServiceRecord,
  TagRecord,
  Transition,
} from "./state.js";
export type { Quotas } from "./world.js";
