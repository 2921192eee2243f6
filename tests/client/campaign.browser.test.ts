/**
 * A campaign in the browser against the real server, on the crafted scenes of tests/fixtures/campaign
 * (the bus won in round 1 with the privates left behind, the alley lost with both sergeants): Takumi starts one from the start page with
 * the bot as Wang, a spectator watches by the code; the test drives Takumi's seat with the
 * engine's soldier bot through the page until the first scene (the bus) ends; both pages show the
 * between-scenes screen (the scene's report, the roll of the fallen, the living, the next briefing;
 * the ready button for the player only); Takumi clicks "Ready — go on" and both pages rebuild the
 * board on the alley, with nothing of the bus left; the alley ends the campaign and the end screen
 * links its record. Two players: both seats driven through their pages; each marks ready (a click,
 * E) and sees the other's mark; both go on. Screenshots: tests/artifacts/campaign-*.png.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  apply, autoplay, autoplayStep, endScene, fromWire, hashCampaign, hashState, newCampaign, nextSceneMap, replayCampaign, rollOfTheFallen,
  sceneRecord, startScene, toWire, viewFor, type Action, type BattleState, type Campaign, type CampaignRecord, type MapDef, type Seat,
} from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";
import { artifact, lastStand, newPage, screenshotStats, useEnv, waitLS, wireOf, FAST } from "./browser.js";
import { useCampaignMaps } from "../server/campaign-maps.js";

// before anything below loads a map: the scenes are the crafted ones, for this file only
useCampaignMaps();

const SPEED = FAST;
const BUS = loadMapById("the-bus");

/** A seat's next command as the page's bot plays it: from what the seat sees (the page's view). */
function pageCommand(view: BattleState, seat: Seat = "takumi"): Action | null {
  return autoplayStep(view, seat)?.command.action ?? null;
}

/**
 * A scene played as the room will play it: Takumi (the page, his bot on his view) to his ready,
 * then the bot partner's Wang for the rest of the phase. The campaign after it, or null when the
 * page's bot would be refused.
 */
function playScene(c: Campaign, wangByPage = false): Campaign | null {
  const map = loadMapById(nextSceneMap(c)!);
  let s = startScene(c, map);
  const rec = sceneRecord(c, s);
  for (let guard = 0; guard < 2000 && s.phase === "player"; guard++) {
    // with two players, Wang's page plays after Takumi's ready, one command at a time
    const seat: Seat | null = !s.ready.takumi ? "takumi" : wangByPage ? "wang" : null;
    if (seat) {
      const a = pageCommand(fromWire(toWire(viewFor(s, seat)), map) as BattleState, seat);
      if (!a) return null;
      const r = apply(s, { seat, action: a });
      if (!r.ok) return null;
      rec.log.push({ seat, action: a });
      s = r.state;
    } else {
      const { state, steps } = autoplay(s, ["wang"], { untilPhaseEnds: true });
      for (const st of steps) rec.log.push(st.command);
      s = state;
    }
  }
  if (s.phase !== "ended") return null;
  rec.finalHash = hashState(s);
  return endScene(c, map, rec);
}

/**
 * The campaign the pages will play, played first with the engine: on the crafted scenes any seed
 * gives the bus won with someone on the roll and the alley ending the campaign (a sergeant lost).
 */
const SEED = 7;
function playedWithTheEngine(): { after: Campaign; end: Campaign } {
  const after = playScene(newCampaign(SEED, { difficulty: "normal", splitVision: false }));
  if (!after || after.status !== "playing" || after.fallen.length === 0) throw new Error("the crafted bus should go on with someone fallen");
  const end = playScene(after);
  if (!end || end.status !== "over") throw new Error("the crafted alley should end the campaign");
  return { after, end };
}
const { after: AFTER, end: END } = playedWithTheEngine();

/** Drives Takumi's seat through the page with the engine's bot until the scene on the board ends. */
async function driveScene(page: Page, map: MapDef): Promise<void> {
  for (let guard = 0; guard < 600; guard++) {
    const s = await settled(page, `s.phase === "player" || s.phase === "ended"`);
    if (s.phase === "ended" || s.campaignStage !== "scene") return;
    const wire = await wireOf(page);
    if (wire.readyTakumi) {
      await settled(page, `s.round > ${s.round} || s.phase === "ended"`);
      continue;
    }
    const action = pageCommand(fromWire(wire, map) as BattleState);
    expect(action, `the bot has a command for Takumi in round ${s.round}`).toBeTruthy();
    await page.evaluate((act) => (window as any).__lastStandDebug.backend.sendAction(act), action as any);
    if (action!.type === "ready") await settled(page, `s.round > ${s.round} || s.phase === "ended"`);
    else await settled(page, `s.step > ${s.step} || s.phase === "ended"`);
  }
  throw new Error("the scene did not end");
}

const env = useEnv();
let A: Page; // Takumi
let S: Page; // a spectator
let code = "";
const pageErrors: string[][] = [];

/** Settled: drawn, nothing playing, no command awaiting its ack. */
const settled = (page: Page, extra = "true") => waitLS(page, `s.ready && !s.animating && !(s.pending > 0) && (${extra})`, 30_000);

describe("a campaign in the browser", () => {
  it("the start page starts a campaign; the header shows the scene and its objective's countdown", async () => {
    const a = await newPage(env);
    A = a.page;
    pageErrors.push(a.errors);
    await A.goto(`${env.url}/?speed=${SPEED}`);
    await waitLS(A, "s.startReady");
    await A.check("input[name=play][value=campaign]");
    expect(await A.isHidden("#create-map-label")).toBe(true);
    expect(await A.textContent("#create-btn")).toBe("Start the campaign");
    await A.fill("#create-seed", String(SEED));
    await A.check("input[name=seat][value=takumi]");
    await A.click("#create-btn");
    const s = await settled(A, `s.campaignStage === "scene" && s.phase === "player"`);
    code = s.code;
    expect(s.mapId).toBe("the-bus");
    expect(s.matchId).toBe(`${code}-1`);
    expect(await A.textContent("#scene")).toBe("Scene 1 of 6 · At the bus");
    expect(await A.textContent("#objective")).toBe(`Break out · the cell blows in ${BUS.maxRounds} rounds · 0 out`);
    // the join card says what the code is
    const lookup = await (await fetch(`${env.url}/api/battles/${code}`)).json();
    expect(lookup.campaign).toEqual({ stage: "scene", scene: 0, scenes: 6 });

    const sp = await newPage(env);
    S = sp.page;
    pageErrors.push(sp.errors);
    await S.goto(`${env.url}/?speed=${SPEED}&join=${code}&seat=spectator`);
    await settled(S, `s.campaignStage === "scene"`);
    expect(await S.textContent("#scene")).toBe("Scene 1 of 6 · At the bus");
  }, 90_000);

  it("Takumi's seat, played by the engine's bot through the page, ends the bus: the between-scenes screen", async () => {
    await driveScene(A, BUS);
    const s = await waitLS(A, `s.campaignScreen === "report" && s.campaignNext === "the-alley" && !s.animating`, 30_000);
    expect(s.errors ?? 0).toBe(0);
    expect(s.fallen).toBe(AFTER.fallen.length);
    // the scene's report
    const rep = await A.textContent("#scene-report");
    const r = AFTER.results[0];
    expect(rep).toContain(`Scene 1 of 6 · At the bus — ${r.outcome} in ${r.rounds} round`);
    expect(await A.textContent("#scene-report tr[data-key=lost] td:nth-child(2)")).toBe(String(r.started.length - r.survived.length));
    // the roll of the fallen: the engine's lines, in order
    const roll = await A.$$eval("#roll li", (els) => els.map((e) => e.textContent));
    expect(roll).toEqual(rollOfTheFallen(AFTER));
    // the living with their hp and armor
    for (const u of AFTER.soldiers) expect(await A.textContent(`#living tr[data-unit="${u.id}"]`)).toContain(`HP ${u.hp}/${u.maxHp}Armor ${u.armor}`);
    // the next briefing
    expect(await A.textContent("#next-briefing h3")).toBe("Next: Scene 2 of 6 · In the alley");
    expect(await A.textContent("#next-briefing .map-name")).toBe(loadMapById("the-alley").name);
    // the button, and the bot's seat counted as ready
    expect(await A.textContent("#campaign-ready")).toContain("Ready — go on");
    expect(await A.getAttribute("#campaign-ready-panel li[data-seat=wang]", "class")).toContain("is-ready");
    const shot = await screenshotStats(A, artifact("campaign-report.png"));
    expect(shot.colours).toBeGreaterThan(20);
    // the spectator sees the same screen, without the button
    await waitLS(S, `s.campaignScreen === "report"`, 30_000);
    expect(await S.$("#roll")).not.toBeNull();
    expect(await S.$("#campaign-ready")).toBeNull();
    expect(await S.textContent("#campaign-ready-panel")).toContain("You are watching");
    await screenshotStats(S, artifact("campaign-report-spectator.png"));
    // a page that comes in between scenes (the spectator's reload) finds the same screen
    await S.reload();
    await waitLS(S, `s.ready && s.campaignScreen === "report" && s.campaignNext === "the-alley"`, 30_000);
    expect(await S.$$eval("#roll li", (els) => els.map((e) => e.textContent))).toEqual(rollOfTheFallen(AFTER));
    // the scene in full (its own after-action report) over the screen; Esc goes back to it
    await A.click("#campaign-full-report");
    await A.waitForSelector("#report-host #report");
    expect(await A.getAttribute("#download-record", "href")).toBe(`/api/matches/${code}-1/record`);
    await A.keyboard.press("Escape");
    expect(await A.isHidden("#report-host")).toBe(true);
    expect(await A.isVisible("#campaign-screen")).toBe(true);
    // a look at the board, and back
    await A.keyboard.press("Escape");
    await waitLS(A, `s.campaignScreen === ""`);
    expect(await A.isHidden("#campaign-host")).toBe(true);
    await A.click("#btn-campaign");
    await waitLS(A, `s.campaignScreen === "report"`);
  }, 240_000);

  it("ready: the next scene, the alley, is drawn anew with nothing of the bus left", async () => {
    const before = await A.evaluate(() => (window as any).__lastStandDebug.log().length);
    expect(before).toBeGreaterThan(3);
    await A.click("#campaign-ready");
    const s = await waitLS(A, `s.campaignStage === "scene" && s.sceneFrame === "the-alley" && s.ready && !s.animating`, 30_000);
    expect(s.mapId).toBe("the-alley");
    expect(s.round).toBe(1);
    expect(s.matchId).toBe(`${code}-2`);
    expect(s.selected === null || AFTER.soldiers.some((u) => u.id === s.selected)).toBe(true);
    expect(s.waypoints ?? 0).toBe(0);
    expect(await A.isHidden("#campaign-host")).toBe(true);
    expect(await A.isHidden("#report-host")).toBe(true);
    expect(await A.textContent("#scene")).toBe("Scene 2 of 6 · In the alley");
    expect(await A.textContent("#objective")).toBe(`Break out · ${loadMapById("the-alley").maxRounds} rounds left · 0 out`);
    // the header holds on one row with nothing cut (the scene stands where the title was)
    expect(await A.$eval("#seats", (el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // the board holds the alley's units only: the living soldiers and what they see
    const wire = await wireOf(A);
    expect(wire.mapId).toBe("the-alley");
    const sprites: string[] = await A.evaluate(() => (window as any).__lastStandDebug.sprites());
    expect(sprites).toEqual(Object.values<any>(wire.units).filter((u) => u.fate === "active").map((u) => u.id).sort());
    const squad = Object.values<any>(wire.units).filter((u) => u.side === "squad").map((u) => u.id).sort();
    expect(squad).toEqual(AFTER.soldiers.map((u) => u.id).sort());
    for (const f of AFTER.fallen) expect(sprites).not.toContain(f.id);
    // the log starts again with the scene
    const log: string[] = await A.evaluate(() => (window as any).__lastStandDebug.log());
    expect(log[0]).toBe("— Scene 2 of 6 · In the alley —");
    expect(log.some((l) => /the battle is (won|lost)/.test(l))).toBe(false);
    // the tags on the board are the alley's (none overlapping)
    const shot = await screenshotStats(A, artifact("campaign-scene2.png"));
    expect(shot.colours).toBeGreaterThan(20);
    // the spectator follows
    await waitLS(S, `s.campaignStage === "scene" && s.sceneFrame === "the-alley" && s.ready`, 30_000);
    expect(await S.textContent("#scene")).toBe("Scene 2 of 6 · In the alley");
    const spectatorSprites: string[] = await S.evaluate(() => (window as any).__lastStandDebug.sprites());
    for (const f of AFTER.fallen) expect(spectatorSprites).not.toContain(f.id);
    for (const e of pageErrors) expect(e).toEqual([]);
  }, 60_000);

  it("the alley ends the campaign: the end screen says why, lists the scenes and the roll, and links the record", async () => {
    await driveScene(A, loadMapById("the-alley"));
    const s = await waitLS(A, `s.campaignScreen === "over" && !s.animating`, 30_000);
    expect(s.errors ?? 0).toBe(0);
    expect(END.endedBy).toBeTruthy();
    expect(await A.textContent("#campaign-screen h2")).toBe("The campaign is over");
    expect(await A.textContent("#ended-by")).toBe(`${END.endedBy!.charAt(0).toUpperCase()}${END.endedBy!.slice(1)}.`);
    const played = await A.$$eval("#scenes-played li[data-map]", (els) => els.map((e) => [e.getAttribute("data-map"), e.className]));
    expect(played).toEqual(END.results.map((r) => [r.map, `outcome-${r.outcome}`]));
    expect(await A.$$eval("#roll li", (els) => els.map((e) => e.textContent))).toEqual(rollOfTheFallen(END));
    expect(await A.$("#campaign-ready")).toBeNull();
    await screenshotStats(A, artifact("campaign-end.png"));
    // the record the link gives replays to the campaign's hash
    const href = await A.getAttribute("#campaign-record", "href");
    expect(href).toBe(`/api/campaigns/${code}/record`);
    const res = await fetch(`${env.url}${href}`);
    expect(res.status).toBe(200);
    const record = (await res.json()) as CampaignRecord;
    expect(record.scenes).toHaveLength(2);
    const replayed = replayCampaign(record, loadMapById);
    expect(replayed.error).toBeNull();
    expect(replayed.hash).toBe(hashCampaign(END));
    // a scene's replay link plays its record (with the roster it started with) to its hash
    await A.click(`#scenes-played li[data-map="the-alley"] a`);
    const rp = await waitLS(A, `s.ready && s.replay`, 30_000);
    expect(rp.replay.finalHash).toBe(record.scenes[1].finalHash);
    expect(rp.replay.engineHash).toBe(record.scenes[1].finalHash);
    // the spectator sees the end too
    await waitLS(S, `s.campaignScreen === "over"`, 30_000);
    expect(await S.textContent("#ended-by")).toBe(`${END.endedBy!.charAt(0).toUpperCase()}${END.endedBy!.slice(1)}.`);
    for (const e of pageErrors) expect(e).toEqual([]);
  }, 240_000);
});

/** Two players: the bus with both seats' pages driven by the engine's bot (on the crafted bus the campaign goes on). */
function twoPlayerSeed(): number {
  const after = playScene(newCampaign(SEED, { difficulty: "normal", splitVision: false }), true);
  if (!after || after.status !== "playing") throw new Error("the crafted bus should go on with two players");
  return SEED;
}

/** Drives both seats, each through its own page, Takumi first, until the scene ends. */
async function driveTwo(pages: Record<Seat, Page>, map: MapDef): Promise<void> {
  for (let guard = 0; guard < 800; guard++) {
    const s = await settled(pages.takumi, `s.phase === "player" || s.phase === "ended"`);
    if (s.phase === "ended" || s.campaignStage !== "scene") return;
    const seat: Seat = s.readyTakumi ? "wang" : "takumi";
    const page = pages[seat];
    const own = await settled(page, `s.step >= ${s.step} && (s.phase === "player" || s.phase === "ended")`);
    if (own.phase === "ended") continue;
    const action = pageCommand(fromWire(await wireOf(page), map) as BattleState, seat);
    expect(action, `the bot has a command for ${seat} in round ${own.round}`).toBeTruthy();
    await page.evaluate((act) => (window as any).__lastStandDebug.backend.sendAction(act), action as any);
    await settled(pages.takumi, `s.step > ${s.step} || s.phase === "ended"`);
  }
  throw new Error("the scene did not end");
}

describe("a campaign for two players", () => {
  it("both play the bus; between scenes each marks ready (click, E), sees the other's mark, and both go on to the alley", async () => {
    const seed = twoPlayerSeed();
    const a = await newPage(env);
    const b = await newPage(env);
    const T = a.page;
    const W = b.page;
    await T.goto(`${env.url}/?speed=${SPEED}`);
    await waitLS(T, "s.startReady");
    await T.check("input[name=play][value=campaign]");
    await T.fill("#create-seed", String(seed));
    await T.check("input[name=seat][value=takumi]");
    await T.check("input[name=partner][value=wait]");
    await T.click("#create-btn");
    const s0 = await settled(T, `s.campaignStage === "scene"`);
    // Wang finds the campaign by its code on the join card
    await W.goto(`${env.url}/?speed=${SPEED}`);
    await waitLS(W, "s.startReady");
    await W.fill("#join-code-input", s0.code);
    await W.waitForSelector("#join-what");
    expect(await W.textContent("#join-what")).toBe("Campaign, scene 1 of 6 (the-bus), round 1.");
    // Takumi's "Copy link" (the invite) gives the seat; the code alone would only watch
    const link = (await T.getAttribute("#copy-link", "title"))!;
    await W.goto(`${link.replace(/^https?:\/\/[^/]+/, env.url)}&speed=${SPEED}`);
    await settled(W, `s.campaignStage === "scene" && s.seat === "wang"`);
    await waitLS(T, `s.holders && s.holders.wang === "player"`);

    await driveTwo({ takumi: T, wang: W }, BUS);
    for (const p of [T, W]) await waitLS(p, `s.campaignScreen === "report" && s.campaignNext === "the-alley" && !s.animating`, 30_000);
    expect(await T.textContent("#campaign-ready-panel li[data-seat=wang]")).toBe("○ Wang: Waiting for Wang.");
    // Takumi clicks ready: Wang sees it; the scene waits for Wang
    await T.click("#campaign-ready");
    await waitLS(W, `s.campaignReady.takumi === true`);
    expect(await W.textContent("#campaign-ready-panel li[data-seat=takumi]")).toBe("✔ Takumi: Takumi is ready.");
    expect(await T.textContent("#campaign-ready")).toContain("Not ready yet");
    // Takumi takes it back with E, and marks again
    await T.keyboard.press("e");
    await waitLS(W, `s.campaignReady.takumi === false`);
    // his own page must know it too before E marks him again (E toggles what his page knows)
    await waitLS(T, `s.campaignReady.takumi === false`);
    await T.keyboard.press("e");
    await waitLS(W, `s.campaignReady.takumi === true`);
    expect((await lastStand(T)).campaignStage).toBe("report");
    // Wang goes on with E: both are in the alley
    await W.keyboard.press("e");
    for (const p of [T, W]) {
      const s = await waitLS(p, `s.campaignStage === "scene" && s.sceneFrame === "the-alley" && s.ready && !s.animating`, 30_000);
      expect(s.matchId).toBe(`${s0.code}-2`);
      expect(await p.textContent("#scene")).toBe("Scene 2 of 6 · In the alley");
      expect(await p.isHidden("#campaign-host")).toBe(true);
    }
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  }, 240_000);
});
