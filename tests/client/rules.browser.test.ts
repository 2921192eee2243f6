/**
 * The three rule modules (acid blood, the shrinking perimeter, dragged off the grid) played and shown in a real browser (Debian Chromium, the offline harness
 * served by the real game server; the sending marker against the real server): hold on to a
 * grabbed comrade, revive / carry / drop a comrade who is down, a burning tile, the Snatcher's
 * lunge with its reach and named victim, the break-out countdown. Positions are set up with the
 * harness's `editForTest`; every action goes out through the action panel's keys, offered only
 * when the engine's legalActions has it. Screenshots go to tests/artifacts/.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { RULES, createBattle, type BattleState } from "../../shared/index.js";
import { fireLayer } from "../../shared/view/wire.js";
import { loadMapById } from "../../server/maps.js";
import { clearCreatures, placeCreature, replan } from "../engine/helpers.js";
import { artifact, clickTile, labels, legalOf, logSince, newPage, overlapping, screenshotStats, useEnv, tilePoint, waitLS, wireOf, settled, frames, editOffline, sharedOpening, FAST } from "./browser.js";

const env = useEnv();
const pageErrors: string[][] = [];

afterAll(() => {
  for (const e of pageErrors) expect(e).toEqual([]);
});

/** Waits until the button is (or is not) dimmed: the panels are rewritten on the next animation frame. */
const dimmed = (page: Page, selector: string, want: boolean) =>
  page.waitForFunction(([sel, w]) => document.querySelector(sel as string)?.classList.contains("dim") === w, [selector, want] as const, { timeout: 10_000, polling: 50 });

/**
 * The offline harness of last-stand, seed 2, Takumi's seat (the bot plays Wang after Takumi's
 * ready): one page for the tests below, each given it back as loaded and checked (sharedOpening).
 */
const open = sharedOpening(env, `?offline=1&map=last-stand&seat=takumi&seed=2&speed=${FAST}`, { settle: "s.selected === 'takumi'", errors: pageErrors });

const edit = editOffline;

/**
 * A crafted position: the harness's battle (last-stand, seed 2) with no creature but those `craft`
 * places, its intents announced again by the engine, shown in the page. Nothing depends on what the
 * seed's waves bring or how the creatures are tuned.
 */
async function crafted(page: Page, craft: (s: BattleState) => void): Promise<BattleState> {
  const s = createBattle(loadMapById("last-stand"), 2, { difficulty: "normal" });
  clearCreatures(s);
  craft(s);
  replan(s);
  await edit(page, `st.units = a.units; st.intents = a.intents; st.noise = []; st.nextUnitId = a.next;`, { units: s.units, intents: s.intents, next: s.nextUnitId });
  return s;
}

async function hover(page: Page, x: number, y: number): Promise<void> {
  const p = await tilePoint(page, x, y);
  await page.mouse.move(p.x, p.y);
  await frames(page);
}

/** Counts screenshot pixels near `rgb` inside a tile (the layer is drawn where the tag says). */
async function pixelsNear(page: Page, x: number, y: number, rgb: [number, number, number], tol = 60): Promise<number> {
  const c = await tilePoint(page, x, y);
  const png = await page.screenshot({ clip: { x: c.x - 14, y: c.y - 14, width: 28, height: 28 } });
  return page.evaluate(
    async ([b64, col, t]) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const cv = document.createElement("canvas");
      cv.width = img.width;
      cv.height = img.height;
      const g = cv.getContext("2d")!;
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, cv.width, cv.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - col[0]) + Math.abs(d[i + 1] - col[1]) + Math.abs(d[i + 2] - col[2]) < t) n++;
      return n;
    },
    [png.toString("base64"), rgb, tol] as const,
  );
}

const TP1 = "takumi-private-1";
const TP2 = "takumi-private-2";

describe("the rules that bite, in the client", () => {
  it("hold on: offered beside a grabbed comrade (H), the hold drawn and tagged; refused in words elsewhere", async () => {
    const page = await open();
    // a Snatcher holds Private Takumi-1 (7,8); Sergeant Takumi (8,9) is beside him, Private Takumi-2 (9,10) is not
    await crafted(page, (s) => {
      const c = placeCreature(s, "snatcher", 6, 8);
      c.grabbing = TP1;
      s.units.find((u) => u.id === TP1)!.grabbedBy = c.id;
    });
    const legal = await legalOf(page);
    expect(legal).toContainEqual({ type: "holdOn", unit: "takumi", comrade: TP1 });
    expect(legal.some((a) => a.type === "holdOn" && a.unit === TP2)).toBe(false);
    await dimmed(page, "#actions button[data-act=holdOn]", false);
    expect((await labels(page)).some((b) => b.text.includes("GRABBED"))).toBe(true);

    // Private Takumi-2 is not beside him: the button is dimmed and the key is refused in words, nothing sent
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await waitLS(page, `s.selected === "${TP2}"`);
    await dimmed(page, "#actions button[data-act=holdOn]", true);
    const step = (await wireOf(page)).step;
    await page.keyboard.press("h");
    const refused = await waitLS(page, "s.error && s.error.code === 'NOT_OFFERED'");
    expect(refused.error.message).toMatch(/Private Takumi-2 has no grabbed comrade beside him/);
    expect(await page.textContent("#error-box")).toContain("no grabbed comrade beside him");
    expect((await wireOf(page)).step).toBe(step);

    // the sergeant holds on with the button's key: the drag halts this round, all his AP spent
    await page.keyboard.press("Tab");
    await waitLS(page, `s.selected === "takumi"`);
    await page.keyboard.press("h");
    await settled(page, `s.step === ${step + 1}`);
    const w = await wireOf(page);
    expect(w.units[TP1].heldBy).toBe("takumi");
    expect(w.units.takumi.ap).toBe(0);
    const log = await logSince(page);
    expect(log.some((l) => l === "Sergeant Takumi holds on to Private Takumi-1")).toBe(true);
    const ls = await labels(page);
    expect(ls.some((b) => b.text.includes("HELD BY TAKUMI"))).toBe(true);
    expect(overlapping(ls)).toEqual([]);
    // the rope between them: the hold's colour between the two tiles
    expect(await pixelsNear(page, 7.5, 8.5, [0x3f, 0xd4, 0xff], 90)).toBeGreaterThan(4);
    await screenshotStats(page, artifact("rules-hold-on.png"));
  }, 120_000);

  it("a comrade who is down: tagged with the rounds he has; revive (V, a click on him among two), carry (K), drop (D)", async () => {
    const page = await open();
    // Private Takumi-1 (7,8) and Private Takumi-2, moved to (8,8), both down beside Sergeant Takumi (8,9),
    // who has just the AP a revive takes
    await edit(
      page,
      `for (const id of a.down) { const u = st.units.find((v) => v.id === id); u.hp = 0; u.down = 2; u.ap = 0; }
       const p2 = st.units.find((v) => v.id === a.down[1]); p2.x = 8; p2.y = 8;
       st.units.find((v) => v.id === "takumi").ap = a.ap;`,
      { down: [TP1, TP2], ap: RULES.down.reviveAp },
    );
    const legal = await legalOf(page);
    for (const c of [TP1, TP2]) {
      expect(legal).toContainEqual({ type: "revive", unit: "takumi", comrade: c });
      expect(legal).toContainEqual({ type: "carry", unit: "takumi", comrade: c });
    }
    const downTags = (await labels(page)).filter((b) => b.text.includes("DOWN · DIES IN 2"));
    expect(downTags.length).toBeGreaterThanOrEqual(1);
    expect(overlapping(await labels(page))).toEqual([]);
    await screenshotStats(page, artifact("rules-down.png"));

    // two comrades offered: V waits for a click on one of them, each tagged REVIVE
    const step = (await wireOf(page)).step;
    await page.keyboard.press("v");
    await waitLS(page, "s.mode === 'revive'");
    await frames(page);
    expect((await labels(page)).filter((b) => b.text === "REVIVE").length).toBe(2);
    await clickTile(page, 7, 8);
    await settled(page, `s.step === ${step + 1}`);
    let w = await wireOf(page);
    expect(w.units[TP1].down).toBe(0);
    expect(w.units[TP1].hp).toBe(RULES.down.reviveHp);
    expect(w.units.takumi.ap).toBe(0);

    // a new round's AP for the sergeant (set up), then carry the one still down: one comrade, sent at once
    await edit(page, `st.units.find((u) => u.id === "takumi").ap = a;`, RULES.carry.ap);
    await page.keyboard.press("k");
    await settled(page, `s.step === ${step + 2}`);
    w = await wireOf(page);
    expect(w.units[TP2].fate).toBe("carried");
    expect(w.units.takumi.carrying).toBe(TP2);
    await frames(page);
    const carry = await labels(page);
    expect(carry.some((b) => b.text.includes("CARRIES TAKUMI-2"))).toBe(true);
    expect(overlapping(carry)).toEqual([]);
    await screenshotStats(page, artifact("rules-carry.png"));

    // drop: free, he is set down beside his carrier, still down
    expect(await legalOf(page)).toContainEqual({ type: "drop", unit: "takumi" });
    await page.keyboard.press("d");
    await settled(page, `s.step === ${step + 3}`);
    w = await wireOf(page);
    expect(w.units[TP2].fate).toBe("active");
    expect(w.units[TP2].down).toBeGreaterThan(0);
    expect(w.units.takumi.carrying).toBe("");
    expect(Math.max(Math.abs(w.units[TP2].x - w.units.takumi.x), Math.abs(w.units[TP2].y - w.units.takumi.y))).toBe(1);
    const log = await logSince(page);
    expect(log).toEqual(expect.arrayContaining(["Sergeant Takumi gets Private Takumi-1 back on his feet", "Sergeant Takumi picks up Private Takumi-2"]));
    expect(log.some((l) => l.startsWith("Sergeant Takumi puts Private Takumi-2 down at"))).toBe(true);
    // now he carries no one: drop is refused in words
    await page.keyboard.press("d");
    const r = await waitLS(page, "s.error && s.error.code === 'NOT_OFFERED'");
    expect(r.error.message).toBe("Sergeant Takumi carries no one.");
  }, 120_000);

  it("withdraw: refused in words off a way out; offered on the alley mouth (W), the soldier leaves the board alive", async () => {
    const page = await open();
    // off a way out: W is refused with the engine's own cause, nothing sent
    const step = (await wireOf(page)).step;
    expect((await legalOf(page)).some((a) => a.type === "withdraw")).toBe(false);
    await page.keyboard.press("w");
    const r = await waitLS(page, "s.error && s.error.code === 'ERR_NOT_ON_WAY_OUT'");
    expect(r.error.message).toMatch(/Withdrawing needs a soldier standing on a way out/);
    expect((await wireOf(page)).step).toBe(step);
    // on the alley mouth (an exit of last-stand): offered, and W sends it
    await edit(page, `const u = st.units.find((v) => v.id === "takumi"); u.x = 4; u.y = 0; u.ap = 2;`);
    expect(await legalOf(page)).toContainEqual({ type: "withdraw", unit: "takumi" });
    await page.keyboard.press("w");
    await settled(page, `s.step === ${step + 1}`);
    const w = await wireOf(page);
    expect(w.units.takumi.fate).toBe("extracted");
    const log = await logSince(page);
    expect(log).toContain("Sergeant Takumi falls back off the board and is out");
    await screenshotStats(page, artifact("rules-withdraw.png"));
  }, 120_000);

  it("a burning tile: flames under smoke, tagged with the rounds it still burns; a move into it previews the burn", async () => {
    const page = await open();
    await edit(page, `const m = st.map; for (const [x, y, r] of a) st.layers.fire[y * m.width + x] = r;`, [[10, 8, 3], [11, 8, 1]]);
    const w = await wireOf(page);
    const W = loadMapById("last-stand").width;
    expect(fireLayer(w.fire, w.terrain.length)[8 * W + 10]).toBe(3);
    const ls = await labels(page);
    expect(ls.find((b) => b.id === `fire:${8 * W + 10}`)?.text).toBe("FIRE 3");
    expect(ls.find((b) => b.id === `fire:${8 * W + 11}`)?.text).toBe("FIRE 1");
    expect(overlapping(ls)).toEqual([]);
    // the flames' orange on the burning tile, none on its unburnt neighbour (12,8)
    expect(await pixelsNear(page, 10, 8, [0xff, 0x9a, 0x1f])).toBeGreaterThan(8);
    expect(await pixelsNear(page, 12, 8, [0xff, 0x9a, 0x1f])).toBe(0);
    // a move onto the burning tile is previewed with the engine's burn (fireDamageOnEntering)
    await hover(page, 10, 8);
    const route = await page.evaluate(() => (window as any).__lastStandDebug.route());
    expect(route.ok).toBe(true);
    expect(await page.textContent("#route-cost")).toContain(`fire at 10,8: −${RULES.fire.damage} hp`);
    const tags = await labels(page);
    expect(tags.find((b) => b.id === "route")?.text).toContain(`FIRE −${RULES.fire.damage}`);
    expect(overlapping(tags)).toEqual([]);
    await screenshotStats(page, artifact("rules-fire.png"));
  }, 120_000);

  it("the Snatcher's lunge: its reach outlined, its victim named and ringed; hover focus shows it; the break-out counts down", async () => {
    // the only creature a Snatcher beside Private Takumi-1: the engine announces its lunge at him
    const page = await open();
    const s = await crafted(page, (st) => void placeCreature(st, "snatcher", 6, 8));
    const lunge = s.intents.find((i) => i.kind === "grab" && i.victim)!;
    expect(lunge, "the Snatcher beside him lunges").toBeTruthy();
    const ls = await labels(page);
    const tag = ls.find((b) => b.id === `atk:${lunge.unit}`) ?? ls.find((b) => b.text.includes("LUNGE"));
    expect(tag?.text).toContain(`LUNGE → ${lunge.victim!.replace(/.*-private-/, "TAKUMI-").toUpperCase()}`);
    // the reach is the dashed square itself: no REACH tag over it (the peak round stays readable)
    expect(ls.some((b) => b.id === `reach:${lunge.unit}` || b.text.includes("REACH"))).toBe(false);
    expect(overlapping(ls)).toEqual([]);
    // hovering the named victim lights the lunge; hovering the Snatcher lights only its intent
    const v = s.units.find((u) => u.id === lunge.victim)!;
    await hover(page, v.x, v.y);
    expect(await page.evaluate(() => (window as any).__lastStandDebug.focus())).toContain(lunge.unit);
    const c = s.units.find((u) => u.id === lunge.unit)!;
    await hover(page, c.x, c.y);
    expect(await page.evaluate(() => (window as any).__lastStandDebug.focus())).toEqual([lunge.unit]);
    expect(overlapping(await labels(page))).toEqual([]);
    // the reach's outline: the intent's red on the far corner of the square round where it lands
    expect(await pixelsNear(page, lunge.moveTo.x + 1.5, lunge.moveTo.y + 1.5, [0xff, 0x4d, 0x4d], 70)).toBeGreaterThan(4);
    await screenshotStats(page, artifact("rules-lunge.png"));
    // the break-out's countdown in the header and the briefing
    const w = await wireOf(page);
    expect(w.breakOutRound).toBeGreaterThan(w.round);
    expect(await page.textContent("#objective")).toContain(`break-out in ${w.breakOutRound - w.round}`);
    expect(await page.textContent("#ring-reason")).toContain(`opens at round ${w.breakOutRound}`);
  }, 120_000);

  it("online: a command shows the sending marker until the server acknowledges it", async () => {
    const { page, errors } = await newPage(env, 1400, 800);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?speed=${FAST}`);
    await waitLS(page, "s.startReady");
    await page.check("input[name=seat][value=takumi]");
    await page.click("#create-btn");
    const s = await waitLS(page, "s.ready && s.code && s.phase === 'player' && !s.animating");
    const legal = await legalOf(page);
    const move = legal.find((a) => a.type === "move" && a.unit === s.selected)!;
    expect(move).toBeTruthy();
    await clickTile(page, move.to.x, move.to.y);
    const after = await waitLS(page, `s.step > ${s.step} && s.pending === 0`);
    expect(after.pendingSeen).toBeGreaterThanOrEqual(1);
    expect(await page.isHidden("#pending")).toBe(true);
    await page.close();
  }, 120_000);
});
