import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteMatchStore } from "../../server/store.js";
import { normalizeCode, randomCode, CODE_ALPHABET } from "../../server/codes.js";

const dirs: string[] = [];
function tempStore() {
  const dir = mkdtempSync(join(tmpdir(), "last-stand-store-"));
  dirs.push(dir);
  return { path: join(dir, "s.sqlite"), store: new SqliteMatchStore(join(dir, "s.sqlite")) };
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const header = { rulesVersion: 1, map: { id: "last-stand", hash: "abc" }, seed: 5, options: { difficulty: "normal" as const, splitVision: false } };

describe("SQLite match store", () => {
  it("keeps a record across reopening the file", async () => {
    const { path, store } = tempStore();
    await store.createMatch({ id: "ABCDE", code: "ABCDE", record: header, roomOptions: { turnSeconds: 0 } });
    await store.appendCommands("ABCDE", 0, [
      { seat: "takumi", action: { type: "ready", ready: true }, hash: "h1" },
      { seat: "wang", action: { type: "undo" }, hash: "h2" },
    ]);
    await store.close();
    const again = new SqliteMatchStore(path);
    const rec = await again.getRecord("ABCDE");
    expect(rec).toEqual({
      ...header,
      log: [
        { seat: "takumi", action: { type: "ready", ready: true }, hash: "h1" },
        { seat: "wang", action: { type: "undo" }, hash: "h2" },
      ],
      finalHash: "h2",
    });
    expect((await again.listUnfinished()).map((m) => m.code)).toEqual(["ABCDE"]);
    await again.finishMatch("ABCDE", "won");
    expect(await again.listUnfinished()).toEqual([]);
    expect(await again.findByCode("ABCDE")).toMatchObject({ finished: true, outcome: "won", mapId: "last-stand" });
    await again.close();
  });

  it("keeps every append across the background checkpoints", async () => {
    const { path, store } = tempStore();
    await store.createMatch({ id: "ABCDE", code: "ABCDE", record: header, roomOptions: {} });
    for (let i = 0; i < 1500; i++) await store.appendCommands("ABCDE", i, [{ seat: "wang", action: { type: "ready", ready: i % 2 === 0 } }]);
    await new Promise((r) => setTimeout(r, 1200)); // a checkpoint runs every second
    for (let i = 1500; i < 1600; i++) await store.appendCommands("ABCDE", i, [{ seat: "wang", action: { type: "ready", ready: i % 2 === 0 } }]);
    await store.close();
    const again = new SqliteMatchStore(path);
    const rec = await again.getRecord("ABCDE");
    expect(rec!.log).toHaveLength(1600);
    expect(rec!.log[1599]).toEqual({ seat: "wang", action: { type: "ready", ready: false } });
    await again.close();
  });

  it("refuses gaps and duplicates in the log, and duplicate codes", async () => {
    const { store } = tempStore();
    await store.createMatch({ id: "ABCDE", code: "ABCDE", record: header, roomOptions: {} });
    await expect(store.appendCommands("ABCDE", 1, [{ seat: "takumi", action: { type: "undo" } }])).rejects.toThrow();
    await store.appendCommands("ABCDE", 0, [{ seat: "takumi", action: { type: "undo" } }]);
    await expect(store.appendCommands("ABCDE", 0, [{ seat: "takumi", action: { type: "undo" } }])).rejects.toThrow();
    await expect(store.createMatch({ id: "ABCDE", code: "ABCDE", record: header, roomOptions: {} })).rejects.toThrow();
    expect((await store.getRecord("ABCDE"))!.log).toHaveLength(1);
    expect(await store.getRecord("NOPEX")).toBeNull();
    await store.close();
  });
});

describe("join codes", () => {
  it("are five unambiguous letters, typed in any case", () => {
    for (let i = 0; i < 200; i++) {
      const c = randomCode();
      expect(c).toMatch(/^[A-Z]{5}$/);
      expect(c).not.toMatch(/[ILO0-9]/);
      for (const ch of c) expect(CODE_ALPHABET).toContain(ch);
    }
    expect(normalizeCode(" abcde ")).toBe("ABCDE");
    expect(normalizeCode("ABCDI")).toBeNull();
    expect(normalizeCode("ABCD")).toBeNull();
    expect(normalizeCode(42)).toBeNull();
  });
});
