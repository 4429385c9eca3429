/** What the parent (src/prism.ts) and the server's child process (main.ts) say to each other. */
import type { ServerLimits } from "./http-server.js";

/** The child's settings, passed as JSON in its first argument. */
export interface ChildSettings {
  spec: string;
  host: string;
  /** 0: a free port, chosen by the system when the child binds. */
  port: number;
  /** "info" logs every request; "warn" only problems. */
  level: "info" | "warn";
  /** Proxy to this API instead of mocking it. */
  upstream?: string;
  /** How long the proxy waits for the upstream's answer. */
  upstreamTimeoutMs: number;
  limits?: Partial<ServerLimits>;
}

/** The child's one message: where it listens, or why it cannot (an errno code such as EADDRINUSE). */
export type ChildMessage = { listening: string; port: number } | { error: string; message: string };
