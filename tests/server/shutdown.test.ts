/**
 * A room told that its process is stopping (Colyseus calls onBeforeShutdown on SIGTERM) finishes the
 * command in hand, refuses the next ones with ERR_SHUTTING_DOWN, and only then closes its clients
 * with the deploy code 4001 (they come back by the code on another process: tests/cluster).
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteMatchStore, type LoggedCommand } from "../../server/store/index.js";
import { collect, getJson, localRoom, startServer, until, waitForState, wire } from "./helpers.js";

/** The real SQLite store, whose appends the test can hold back (a slow database) and let go. */
class SlowStore extends SqliteMatchStore {
  private gate: Promise<void> | null = null;
  private open = () => {};
  /** Appends started while held. */
  held = 0;
  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  release(): void {
    this.gate = null;
    this.open();
  }
  override async appendCommands(id: string, index: number, commands: LoggedCommand[]): Promise<void> {
    if (this.gate) {
      this.held++;
      await this.gate;
    }
    return super.appendCommands(id, index, commands);
  }
}

describe("stopping a process", () => {
  it("finishes the command in hand, refuses the next, then sends its clients away with 4001", async () => {
    const dir = mkdtempSync(join(tmpdir(), "last-stand-shutdown-"));
    const store = new SlowStore(join(dir, "s.sqlite"));
    const srv = await startServer({ store });
    try {
      const takumi = await srv.client().create("battle", { seed: 31, seat: "takumi" });
      const code = takumi.roomId;
      await waitForState(takumi, (w) => w.phase === "player" && Object.keys(w.units).length > 0, 20_000);
      const errors = collect<{ code: string }>(takumi, "error");
      let leaveCode = 0;
      takumi.onLeave((c: number) => (leaveCode = c));
      const step0 = wire(takumi).step;

      store.hold();
      takumi.send("ready", { ready: true }); // the command in hand: its append held back
      await until(() => store.held > 0, "the command in hand to reach the store");
      const room = localRoom(code)!;
      const stopping = room.onBeforeShutdown();
      takumi.send("ready", { ready: false }); // arrives while the room is stopping
      await until(() => errors.length > 0, "the refusal of the command sent while stopping");
      store.release();
      await waitForState(takumi, (w) => w.step > step0, 5_000, "the command in hand to be applied");
      await stopping;
      await until(() => leaveCode !== 0, "the clients sent away");

      expect(errors.map((e) => e.code)).toEqual(["ERR_SHUTTING_DOWN"]);
      expect(leaveCode).toBe(4001);
      // over HTTP the record waits for the battle's end (409): read the store
      expect((await getJson(srv.url, `/api/matches/${code}/record`)).status).toBe(409);
      const record = (await store.getRecord(code))!;
      expect(record.log.length).toBe(wire(takumi).step);
      expect(record.log[step0]).toMatchObject({ seat: "takumi", action: { type: "ready", ready: true } });
    } finally {
      await srv.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
