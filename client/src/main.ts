/**
 * Routing: start page, online battle (create / join / reconnect), offline harness, replay viewer.
 * Each route's code is its own chunk, fetched when the route is taken: the entry holds only the
 * routing, so a battle's first frame waits on no start page, replay viewer or drill, and an
 * offline battle on no network client. The service worker registers once the first screen is up.
 */
import "./style.css";
import "./layout.css";
import "./feedback.css";
import { heldSeat } from "./seatKeys";
import type { StartChoice } from "./start";
import { setTestState } from "./teststate";
import { applySettings, loadSettings } from "./settings";
import { applySeatColours } from "./seatColours";
import type { MatchRecord } from "./engine";
import { splitCoded } from "../../shared/core/errors.js";
import type { ViewerSeat } from "./backend";
import { registerWorkerLater } from "./pwa";
import { fetchMapFile } from "./mapFetch";

// the player's colours and text size, kept across visits, before anything is drawn
applySettings(loadSettings());
applySeatColours();

const app = document.getElementById("app")!;
const params = new URLSearchParams(location.search);
setTestState({ ready: false, seat: "", round: 0, phase: "loading", timing: { script: Math.round(performance.now()) } });
const mark = (k: string) => setTestState({ timing: { ...(window.__lastStand.timing as object), [k]: Math.round(performance.now()) } });

function fail(err: unknown, code?: string): void {
  const msg = err instanceof Error ? err.message : String(err);
  console.error(err);
  setTestState({ fatal: msg });
  void import("./start").then(({ showStart }) => showStart(app, onChoice, { code, error: msg }));
}

function cleanError(msg: string): string {
  // Colyseus matchmaking errors carry "ERR_X: words"; show the words.
  return splitCoded(msg)?.words ?? msg;
}

async function runOnline(how: Parameters<typeof import("./net").OnlineBackend.open>[1]): Promise<void> {
  app.innerHTML = `<div class="loading">Connecting…</div>`;
  const [{ makeClient, OnlineBackend }, { BattleScreen }, { loadMap }, { installGuide }] = await Promise.all([import("./net"), import("./battle/screen"), import("./maps"), import("./guide/install")]);
  const backend = await OnlineBackend.open(makeClient(), how, loadMap);
  const code = backend.info.code;
  if (code) {
    const keep = new URLSearchParams();
    keep.set("join", code);
    for (const k of ["speed", "server"]) if (params.get(k)) keep.set(k, params.get(k)!);
    history.replaceState(null, "", `/?${keep.toString()}`);
  }
  installGuide(backend);
  const screen = new BattleScreen(app, backend);
  await screen.start();
}

async function runOffline(): Promise<void> {
  if (params.get("drill")) {
    const { runDrill } = await import("./guide/drill");
    await runDrill(app, Number(params.get("seed") ?? 1));
    return;
  }
  const mapId = params.get("map") ?? "last-stand";
  const seat = (params.get("seat") ?? "takumi") as ViewerSeat;
  const seed = Number(params.get("seed") ?? 7);
  // the map's file is asked for while the battle's code arrives, not after it
  void fetchMapFile(mapId).catch(() => undefined);
  const mapP = import("./maps").then(({ loadMap }) => loadMap(mapId));
  const [{ BattleScreen }, { OfflineBackend }, { installGuide }] = await Promise.all([import("./battle/screen"), import("./offline"), import("./guide/install")]);
  mark("code");
  const map = await mapP;
  mark("map");
  const backend = new OfflineBackend(map, seat, seed, params.get("difficulty") ?? "normal");
  mark("battle");
  (window as unknown as { __offline: unknown }).__offline = backend;
  installGuide(backend);
  const screen = new BattleScreen(app, backend);
  await screen.start();
  mark("pixi");
  const rounds = Number(params.get("autoplay") ?? 0);
  if (rounds > 0) void autoplay(backend, rounds);
}

/** Offline autoplay: the bot plays both seats for up to `rounds` rounds (report screenshots, bench). */
async function autoplay(backend: import("./offline").OfflineBackend, rounds: number): Promise<void> {
  const idle = () =>
    new Promise<void>((resolve) => {
      const tick = () => (window.__lastStand.animating ? setTimeout(tick, 50) : resolve());
      tick();
    });
  await idle();
  for (let i = 0; i < rounds && backend.battle.phase === "player"; i++) {
    backend.autoRound();
    await new Promise((r) => setTimeout(r, 30));
    await idle();
  }
  setTestState({ autoplayDone: true });
}

async function runReplay(record: MatchRecord): Promise<void> {
  app.innerHTML = "";
  const { ReplayViewer } = await import("./replay");
  const viewer = new ReplayViewer(app, record);
  await viewer.start();
}

function onChoice(c: StartChoice): void {
  const go = async () => {
    try {
      if (c.kind === "create") {
        await runOnline({
          create: { ...(c.campaign ? { campaign: true } : { map: c.map }), difficulty: c.difficulty, ...(c.seed !== undefined ? { seed: c.seed } : {}), ...(c.waitForPartner ? { waitForPartner: true } : {}) },
          seat: c.seat!,
        });
      } else if (c.kind === "join") {
        await runOnline({ code: c.code!, seat: c.seat! });
      } else if (c.kind === "replay-id") {
        history.replaceState(null, "", `/?replay=${encodeURIComponent(c.matchId!)}`);
        await runReplay(await (await import("./replay")).fetchRecord(c.matchId!));
      } else if (c.kind === "replay-file") {
        await runReplay(JSON.parse(await c.file!.text()) as MatchRecord);
      }
    } catch (err) {
      fail(new Error(cleanError(err instanceof Error ? err.message : String(err))), c.code);
    }
  };
  void go();
}

async function boot(): Promise<void> {
  try {
    if (params.get("offline")) return await runOffline();
    const replayId = params.get("replay");
    if (replayId) return await runReplay(await (await import("./replay")).fetchRecord(replayId));
    const join = params.get("join")?.trim().toUpperCase();
    if (join) {
      const { savedSession } = await import("./net");
      const saved = savedSession();
      if (saved && saved.code === join) {
        try {
          return await runOnline({ reconnectToken: saved.token, seat: saved.seat });
        } catch (err) {
          console.warn("reconnect failed; joining afresh", err);
        }
      }
      const auto = params.get("seat") as ViewerSeat | null;
      if (auto) return await runOnline({ code: join, seat: auto });
      // an invite link (the friend's seat), or a battle this browser holds a seat of: straight in
      const invite = params.get("invite") ?? undefined;
      if (invite || heldSeat(join)?.key) return await runOnline({ code: join, seat: "takumi", invite });
      const { showStart, lookupBattle } = await import("./start");
      const b = await lookupBattle(join);
      return await showStart(app, onChoice, { code: join, error: b ? undefined : `No battle with the code ${join}.` });
    }
    const { showStart } = await import("./start");
    await showStart(app, onChoice);
  } catch (err) {
    fail(err);
  }
}

void boot().finally(registerWorkerLater);
