/**
 * Campaigns in the battle room (docs/PROTOCOL.md "Campaigns"), with a real server and real SDK
 * clients: the scenes played through the room by the engine's soldier bot (each seat's client
 * sends the commands the bot picks on the room's full state, as `autoplay` would offline), the
 * report between scenes, campaignReady, a restart mid-campaign, and the records. The scenes are
 * crafted maps (campaign-maps.ts): what happens in them does not hang on a seed or on the balance.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  autoplayStep, hashCampaign, hashState, replay, replayCampaign, rollOfTheFallen, SCENES,
  type BattleState, type CampaignRecord, type Command, type MatchRecord, type Seat,
} from "../../shared/index.js";
import type { CampaignSummary } from "../../shared/campaign/summary.js";
import { loadMapById } from "../../server/maps.js";
import { inviteOf, keyOf, expectError, getJson, nextMessage, startServer, waitForState, wire, type BattleClientRoom, type TestServer } from "./helpers.js";
import { useCampaignMaps } from "./campaign-maps.js";

useCampaignMaps();

/** Any seed plays the crafted scenes alike: the bus won with the privates left behind, the alley lost with both sergeants. */
const SEED = 53;
const LONE_SEED = 3;
const SEATS: Seat[] = ["takumi", "wang"];

type Clients = Partial<Record<Seat, BattleClientRoom>>;

/** Sends a command the bot chose, numbered, and waits for its acknowledgement. */
async function send(room: BattleClientRoom, cmd: Command, seq: number): Promise<void> {
  const ack = new Promise<{ seq: number; ok: boolean; code?: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${seq}`)), 10_000);
    const off = room.onMessage("ack", (m: { seq: number; ok: boolean }) => {
      if (m.seq !== seq) return;
      clearTimeout(timer);
      off();
      resolve(m);
    });
  });
  const a = cmd.action;
  if (a.type === "ready") room.send("ready", { ready: a.ready, seq });
  else if (a.type === "undo") room.send("undo", { seq });
  else room.send("action", { action: a, seq });
  const got = await ack;
  if (!got.ok) throw new Error(`${cmd.seat} ${a.type} refused: ${got.code}`);
}

class Driver {
  seq: Record<Seat, number> = { takumi: 0, wang: 0 };
  constructor(public srv: TestServer, readonly code: string, public clients: Clients) {}

  async state(): Promise<BattleState> {
    const room = this.srv.room(this.code);
    await room.idle();
    return room.fullStateForTests();
  }

  /** Plays the scene being played with the soldier bot for every seat a client holds (a seat no
   *  client holds is the bot partner's), until it ends or `max` commands were sent. */
  async play(max = Infinity): Promise<void> {
    let sent = 0;
    for (let guard = 0; guard < 20_000 && sent < max; guard++) {
      let progress = false;
      for (const seat of SEATS) {
        const client = this.clients[seat];
        const s = await this.state();
        if (s.phase !== "player" || sent >= max) return;
        const step = client ? autoplayStep(s, seat) : null;
        if (!step) continue;
        await send(client!, step.command, ++this.seq[seat]);
        sent++;
        progress = true;
      }
      // the bot partner plays its seat once ours is ready
      if (!progress) await new Promise((r) => setTimeout(r, 5));
    }
  }

  async ready(seat: Seat, ready = true): Promise<void> {
    const seq = ++this.seq[seat];
    const ack = nextMessage<{ seq: number; ok: boolean }>(this.clients[seat]!, "ack");
    this.clients[seat]!.send("campaignReady", { ready, seq });
    expect(await ack).toEqual({ seq, ok: true });
  }
}

const summaryOf = (w: Record<string, any>) => JSON.parse(w.campaign) as CampaignSummary;

/** The bot sends its commands as fast as the room takes them: no rate limit in the way. */
const settings = { ratePerSecond: 10_000, rateBurst: 10_000 };
let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ settings });
});
afterAll(async () => {
  await srv?.stop();
});

describe("campaigns", () => {
  it("is refused with a map, and a battle is no campaign", async () => {
    await expect(srv.client().create("battle", { campaign: true, map: "the-bus", seat: "takumi" })).rejects.toThrow(/ERR_BAD_OPTIONS/);
    const battle = await srv.client().create("battle", { seed: 5, seat: "takumi" });
    const w = await waitForState(battle, (s) => s.holderTakumi === "player");
    expect(w.campaignStage).toBe("");
    expect(w.campaign).toBe("");
    expect((await expectError(battle, "campaignReady", { ready: true })).code).toBe("ERR_WRONG_STAGE");
    const summary = (await getJson(srv.url, `/api/battles/${battle.roomId}`)).body;
    expect(summary.campaign).toBeUndefined();
    expect((await getJson(srv.url, `/api/campaigns/${battle.roomId}/record`)).status).toBe(404);
    await battle.leave();
  });

  it("two players: scene 1, the report and the roll, ready from both, scene 2; a restart mid-scene; the records replay", async () => {
    const takumi = await srv.client().create("battle", { campaign: true, seed: SEED, seat: "takumi", waitForPartner: true, reconnectSeconds: 1 });
    const code = takumi.roomId;
    const wang = await srv.client().joinById(code, { invite: await inviteOf(takumi) });
    const spectator = await srv.client().joinById(code, { seat: "spectator" });
    const stages: string[] = [];
    spectator.onStateChange((s: any) => {
      const key = `${s.campaignStage}:${s.campaignScene}`;
      if (stages[stages.length - 1] !== key) stages.push(key);
    });
    const drive = new Driver(srv, code, { takumi, wang });

    // scene 1 begins at once, on the first map, as match CODE-1
    const w0 = await waitForState(takumi, (s) => s.holderWang === "player" && s.campaignStage === "scene");
    expect(w0).toMatchObject({ code, matchId: `${code}-1`, mapId: SCENES[0].map, campaignScene: 0, campaignScenes: 6, campaignReadyTakumi: false });
    const s0 = summaryOf(w0);
    expect(s0).toMatchObject({ scene: 0, status: "playing", results: [], fallen: [], next: SCENES[1].map });
    expect(s0.soldiers).toHaveLength(6);
    // nothing secret in the summary
    expect(w0.campaign).not.toMatch(/seed|finalHash|hash/i);

    // refusals change nothing: not between scenes, a spectator, a bad shape
    const bad1 = nextMessage(takumi, "ack");
    expect((await expectError(takumi, "campaignReady", { ready: true, seq: 1 })).code).toBe("ERR_WRONG_STAGE");
    expect(await bad1).toMatchObject({ seq: 1, ok: false, code: "ERR_WRONG_STAGE" });
    expect((await expectError(spectator, "campaignReady", { ready: true })).code).toBe("ERR_SPECTATOR");
    expect((await expectError(wang, "campaignReady", { ready: "yes" })).code).toBe("ERR_BAD_MESSAGE");
    expect((await expectError(wang, "campaignReady", { ready: true, extra: 1 })).code).toBe("ERR_BAD_MESSAGE");
    expect(wire(takumi).campaignStage).toBe("scene");
    expect((await getJson(srv.url, `/api/matches/${code}-1/record`)).status).toBe(409);

    // scene 1 to its end: the report, the roll of the fallen, the next briefing
    await drive.play();
    const w1 = await waitForState(wang, (s) => s.campaignStage === "report", 10_000, "the report");
    expect(w1).toMatchObject({ phase: "ended", mapId: SCENES[0].map, matchId: `${code}-1`, campaignScene: 0, campaignReadyTakumi: false, campaignReadyWang: false });
    const s1 = summaryOf(w1);
    const engine = srv.room(code).campaignForTests()!;
    expect(s1).toMatchObject({ scene: 0, status: "playing", next: SCENES[1].map, endedBy: null });
    expect(s1.results).toHaveLength(1);
    expect(s1.results[0]).toMatchObject({ map: SCENES[0].map, outcome: "won", matchId: `${code}-1` });
    expect(s1.results[0].report.kills).toBe(JSON.parse(w1.report).kills);
    expect(s1.fallen.length).toBeGreaterThan(0);
    expect(s1.fallen.map((f) => f.line)).toEqual(rollOfTheFallen(engine));
    expect(s1.soldiers.map((s) => s.id)).toEqual(s1.results[0].survived);
    expect(w1.campaign).not.toMatch(/seed|hash/i);
    expect((await getJson(srv.url, `/api/battles/${code}`)).body).toMatchObject({ code, live: true, matchId: `${code}-1`, campaign: { stage: "report", scene: 0, scenes: 6 } });
    expect((await getJson(srv.url, `/api/campaigns/${code}/record`)).status).toBe(409);

    // scene 1's record is not served while the campaign goes on (it would tell of the scenes to come)…
    expect((await getJson(srv.url, `/api/matches/${code}-1/record`)).status).toBe(409);
    // …and the stored one replays on its own, to the battle's final hash
    const rec1 = (await srv.store.getRecord(`${code}-1`))!;
    const rep1 = replay(rec1, loadMapById(rec1.map.id));
    expect(rep1.error).toBeNull();
    expect(rep1.hash).toBe(hashState(srv.room(code).fullStateForTests()));

    // one ready is not enough (and can be taken back); both are
    await drive.ready("takumi");
    await waitForState(wang, (s) => s.campaignReadyTakumi === true);
    await drive.ready("takumi", false);
    await waitForState(wang, (s) => s.campaignReadyTakumi === false);
    await drive.ready("takumi");
    await waitForState(wang, (s) => s.campaignReadyTakumi === true);
    expect(wire(wang)).toMatchObject({ campaignStage: "report", campaignReadyWang: false });
    await drive.ready("wang");
    const w2 = await waitForState(takumi, (s) => s.campaignStage === "scene" && s.campaignScene === 1 && s.phase === "player", 10_000, "scene 2");
    expect(w2).toMatchObject({ code, matchId: `${code}-2`, mapId: SCENES[1].map, round: 1, holderTakumi: "player", holderWang: "player", campaignReadyTakumi: false, campaignReadyWang: false });
    expect(Object.keys(w2.units).filter((id) => w2.units[id].side === "squad").sort()).toEqual([...s1.results[0].survived].sort());
    expect(summaryOf(w2)).toMatchObject({ scene: 1, results: [{ matchId: `${code}-1` }] });

    // a few commands into scene 2, the server stops; a new one on the same store resumes it
    await drive.play(6);
    const before = (await getJson(srv.url, `/api/battles/${code}`)).body;
    expect(before).toMatchObject({ matchId: `${code}-2`, campaign: { stage: "scene", scene: 1 } });
    const fullBefore = hashState(await drive.state());
    for (const r of [takumi, wang, spectator]) r.reconnection.enabled = false;
    await srv.close();
    srv = await srv.restart({ settings });
    drive.srv = srv;
    const after = (await getJson(srv.url, `/api/battles/${code}`)).body;
    expect(after).toMatchObject({ code, live: true, matchId: `${code}-2`, step: before.step, hash: before.hash, campaign: { stage: "scene", scene: 1, scenes: 6 } });
    expect(hashState(await drive.state())).toBe(fullBefore);
    drive.clients = {
      // each comes back with the key his first welcome gave him (kept by the browser)
      takumi: await srv.client().joinById(code, { key: await keyOf(takumi) }),
      wang: await srv.client().joinById(code, { key: await keyOf(wang) }),
    };
    const watcher = await srv.client().joinById(code, { seat: "spectator" });
    const seen: string[] = [];
    watcher.onStateChange((s: any) => {
      if (seen[seen.length - 1] !== s.campaignStage) seen.push(s.campaignStage);
    });
    await waitForState(drive.clients.takumi!, (s) => s.holderWang === "player" && s.matchId === `${code}-2` && s.step === before.step);

    // on to the end of the campaign (scene after scene, should the rules let it go on)
    for (let guard = 0; guard < SCENES.length; guard++) {
      await drive.play();
      const w = await waitForState(watcher, (s) => s.campaignStage !== "scene", 10_000, "the scene's end");
      if (w.campaignStage !== "report") break;
      expect((await getJson(srv.url, `/api/campaigns/${code}/record`)).status).toBe(409);
      const next = w.campaignScene + 1;
      await drive.ready("takumi");
      await drive.ready("wang");
      await waitForState(watcher, (s) => s.campaignStage === "scene" && s.campaignScene === next && s.phase === "player", 10_000, `scene ${next + 1}`);
    }
    const end = await waitForState(watcher, (s) => s.campaignStage === "over" || s.campaignStage === "complete");
    const final = summaryOf(end);
    expect(final.status).toBe(end.campaignStage);
    // the crafted alley kills both sergeants: the campaign is over
    expect(final.results.map((r) => r.outcome)).toEqual(["won", "lost"]);
    expect(end.campaignStage).toBe("over");
    expect(final.endedBy).toEqual(expect.any(String));
    expect(final.next).toBeNull();
    expect(end.campaignScene).toBe(final.results.length - 1);
    expect(seen).toContain(end.campaignStage);
    expect(stages.slice(0, 3)).toEqual(["scene:0", "report:0", "scene:1"]);
    expect((await expectError(drive.clients.takumi!, "campaignReady", { ready: true })).code).toBe("ERR_WRONG_STAGE");

    // the campaign record: the scenes' records in order, replaying to the campaign's final hash
    const res = await getJson(srv.url, `/api/campaigns/${code}/record`);
    expect(res.status).toBe(200);
    const record = res.body as CampaignRecord;
    expect(record.seed).toBe(SEED);
    expect(record.scenes).toHaveLength(final.results.length);
    const rep = replayCampaign(record, loadMapById);
    expect(rep.error).toBeNull();
    expect(rep.hash).toBe(record.finalHash);
    expect(rep.hash).toBe(hashCampaign(srv.room(code).campaignForTests()!));
    // each scene's record replays on its own, and is the one served as match CODE-N
    for (let i = 0; i < record.scenes.length; i++) {
      const alone = (await getJson(srv.url, `/api/matches/${code}-${i + 1}/record`)).body as MatchRecord;
      expect(alone).toEqual(record.scenes[i]);
      const r = replay(alone, loadMapById(alone.map.id));
      expect(r.error).toBeNull();
      expect(r.hash).toBe(rep.campaign.results[i].finalHash);
    }
    expect((await getJson(srv.url, `/api/battles/${code}`)).body).toMatchObject({ campaign: { stage: end.campaignStage } });
    for (const r of [drive.clients.takumi!, drive.clients.wang!, watcher]) await r.leave();
  }, 120_000);

  it("a player who took the bot's squad over marks both seats ready", async () => {
    const takumi = await srv.client().create("battle", { campaign: true, seed: LONE_SEED, seat: "takumi" });
    const code = takumi.roomId;
    await waitForState(takumi, (s) => s.holderTakumi === "player" && s.holderWang === "bot");
    const drive = new Driver(srv, code, { takumi });
    await drive.play();
    await waitForState(takumi, (s) => s.campaignStage === "report" && s.campaignReadyWang === true);
    const seq = ++drive.seq.takumi;
    const ack = nextMessage(takumi, "ack");
    takumi.send("takeover", { seat: "wang", seq });
    expect(await ack).toEqual({ seq, ok: true });
    // Wang's squad is now a human's: not ready until its commander says so
    await waitForState(takumi, (s) => s.holderWang === "partner" && s.campaignReadyWang === false);
    await drive.ready("takumi");
    const w = await waitForState(takumi, (s) => s.campaignStage === "scene" && s.campaignScene === 1, 10_000, "scene 2");
    expect(w).toMatchObject({ holderTakumi: "player", holderWang: "partner", matchId: `${code}-2` });
    await takumi.leave();
  });

  it("a campaign left untouched past the expiry time expires with its scene", async () => {
    const takumi = await srv.client().create("battle", { campaign: true, seed: 9, seat: "takumi" });
    const code = takumi.roomId;
    await waitForState(takumi, (s) => s.holderTakumi === "player");
    takumi.reconnection.enabled = false;
    await takumi.leave();
    await srv.close();
    // a minute later by the server's clock, with battles expiring after 30 s idle
    srv = await srv.restart({ clock: () => Date.now() + 60_000, settings: { ...settings, expireSeconds: 30 } });
    expect(srv.restored).toContainEqual({ code: `${code}-1`, ok: false, error: "expired" });
    const { status, body } = await getJson(srv.url, `/api/battles/${code}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ code, finished: true, outcome: "expired", live: false, campaign: { stage: "scene", scene: 0 } });
    await expect(srv.client().joinById(code, { seat: "takumi" })).rejects.toThrow();
    await expect(srv.client().joinOrCreate("battle", { code, seat: "takumi" })).rejects.toThrow(/ERR_UNKNOWN_CODE/);
    // the next tests play on a server without the short expiry
    await srv.close();
    srv = await srv.restart({ settings });
  });

  it("a lone player with the bot partner; a restart between scenes resumes the report", async () => {
    const takumi = await srv.client().create("battle", { campaign: true, seed: LONE_SEED, seat: "takumi", reconnectSeconds: 1 });
    const code = takumi.roomId;
    await waitForState(takumi, (s) => s.holderTakumi === "player" && s.holderWang === "bot");
    const drive = new Driver(srv, code, { takumi });
    await drive.play();
    const w1 = await waitForState(takumi, (s) => s.campaignStage === "report", 10_000, "the report");
    // the bot's seat counts as ready; the player's does not until he says so
    expect(w1).toMatchObject({ campaignReadyTakumi: false, campaignReadyWang: true, phase: "ended", outcome: "won" });
    const before = (await getJson(srv.url, `/api/battles/${code}`)).body;
    const summary = w1.campaign;

    takumi.reconnection.enabled = false;
    await srv.close();
    srv = await srv.restart({ settings });
    // the report is no unfinished battle: it reopens by its code
    const after = (await getJson(srv.url, `/api/battles/${code}`)).body;
    expect(after).toMatchObject({ code, live: true, matchId: `${code}-1`, hash: before.hash, step: before.step, campaign: { stage: "report", scene: 0 } });
    drive.srv = srv;
    drive.clients = { takumi: await srv.client().joinById(code, { key: await keyOf(takumi) }) };
    const back = await waitForState(drive.clients.takumi!, (s) => s.campaignStage === "report" && s.holderTakumi === "player");
    expect(back.campaign).toBe(summary);
    expect(back).toMatchObject({ campaignReadyTakumi: false, phase: "ended", mapId: SCENES[0].map });

    // his ready alone starts scene 2, the bot partner still playing Wang's section
    await drive.ready("takumi");
    const w2 = await waitForState(drive.clients.takumi!, (s) => s.campaignStage === "scene" && s.campaignScene === 1 && s.phase === "player", 10_000, "scene 2");
    expect(w2).toMatchObject({ matchId: `${code}-2`, mapId: SCENES[1].map, holderWang: "bot" });

    // and so on to the campaign's end, the player alone with the bot partner
    const me = drive.clients.takumi!;
    for (let guard = 0; guard < SCENES.length; guard++) {
      await drive.play();
      const w = await waitForState(me, (s) => s.campaignStage !== "scene", 10_000, "the scene's end");
      if (w.campaignStage !== "report") break;
      expect(w.campaignReadyWang).toBe(true);
      const next = w.campaignScene + 1;
      await drive.ready("takumi");
      await waitForState(me, (s) => s.campaignStage === "scene" && s.campaignScene === next && s.phase === "player", 10_000, `scene ${next + 1}`);
    }
    const end = await waitForState(me, (s) => s.campaignStage === "over" || s.campaignStage === "complete");
    const record = (await getJson(srv.url, `/api/campaigns/${code}/record`)).body as CampaignRecord;
    expect(record.scenes).toHaveLength(end.campaignScene + 1);
    const rep = replayCampaign(record, loadMapById);
    expect(rep.error).toBeNull();
    expect(rep.campaign.status).toBe(end.campaignStage);
    expect(rep.hash).toBe(record.finalHash);
    await me.leave();
  }, 90_000);
});
