import { createServer } from "node:net";

/** Resolves with a port that is free on `host` now; with `preferred`, that one or a failure. */
export function reservePort(host: string, preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ host, port: preferred, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : preferred;
      server.close(() => resolve(port));
    });
  });
}
