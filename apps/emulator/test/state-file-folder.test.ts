import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { EmulatorError, startEmulator } from "../src/index.js";
import { temporaryFolder } from "./support/emulator.js";

let folder: string;
beforeEach(() => {
  folder = temporaryFolder();
});

describe("a state file in a folder that does not exist", () => {
  it("is refused at start with an EmulatorError ESTATEFILE naming the option and the folder", async () => {
    const missing = join(folder, "no-such-folder");
    const start = startEmulator({ stateFile: join(missing, "state.json") });
    await expect(start).rejects.toBeInstanceOf(EmulatorError);
    await expect(start).rejects.toMatchObject({ code: "ESTATEFILE" });
    await expect(start).rejects.toThrow(`"stateFile": the folder ${missing} does not exist`);
  });

  it("is refused without naming the temporary file", async () => {
    await expect(startEmulator({ stateFile: join(folder, "no-such-folder", "state.json") })).rejects.not.toThrow(/\.tmp/);
  });
});
