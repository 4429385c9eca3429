/**
 * The state file: read at start (a corrupt or foreign file is refused, never
 * overwritten) and written after every change, atomically (a temporary file, fsync,
 * rename, fsync of the folder), before the response is sent.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { SpecModel } from "@otc-vpcep/spec-model";
import { EmulatorError } from "./options.js";
import { parseStateDocument, type StateDocument } from "./state.js";

/** A change could not be written to the state file; it was not kept (code `ESTATEFILE`). */
export class StateWriteError extends EmulatorError {
  constructor(message: string) {
    super(message, "ESTATEFILE");
  }
}

export class StateFile {
  private readonly temporary: string;

  constructor(readonly path: string) {
    this.temporary = `${path}.${process.pid}.tmp`;
    const folder = dirname(path);
    let isFolder = false;
    try {
      isFolder = statSync(folder).isDirectory();
    } catch {
      // Missing, or not reachable: refused below.
    }
    if (!isFolder) {
      throw new EmulatorError(`Invalid emulator option "stateFile": the folder ${folder} does not exist (rule: the state file's folder must exist; the file itself is created)`, "ESTATEFILE");
    }
  }

  /** The state in the file, checked for an emulator serving the spec of `model`, or `undefined` when there is no file yet. */
  load(model: SpecModel): StateDocument | undefined {
    if (!existsSync(this.path)) return undefined;
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      throw new EmulatorError(`Cannot read the state file ${this.path}: ${(error as Error).message}`, "ESTATEFILE");
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new EmulatorError(
        `Refusing the state file ${this.path}: it is not valid JSON (${(error as Error).message}); it is left as it is. Move it away or give another --state-file.`,
        "ESTATEFILE",
      );
    }
    try {
      return parseStateDocument(parsed, model);
    } catch (error) {
      throw new EmulatorError(
        `Refusing the state file ${this.path}: ${(error as Error).message}; it is left as it is. Move it away or give another --state-file.`,
        "ESTATEFILE",
      );
    }
  }

  /** Replaces the file with `state`, durably: after this returns, a crash keeps it. */
  write(state: StateDocument): void {
    const fd = openSync(this.temporary, "w", 0o600);
    try {
      try {
        writeSync(fd, JSON.stringify(state));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(this.temporary, this.path);
    } catch (error) {
      try {
        unlinkSync(this.temporary);
      } catch {
        // Nothing left behind, or nothing that is ours to remove.
      }
      throw error;
    }
    try {
      const folder = openSync(dirname(this.path), "r");
      try {
        fsyncSync(folder);
      } finally {
        closeSync(folder);
      }
    } catch {
      // Some systems cannot fsync a folder; the rename is still atomic there.
    }
  }
}
