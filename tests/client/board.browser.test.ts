/**
 * The battle screen in a real browser (Debian Chromium, offline harness served by the real game
 * server): a crowded board whose tags never overlap (checked geometrically from the scene), threat
 * focus, a move through acid previewed with its cost and steered around by a waypoint, Esc and no
 * stale cursor into the next round, zoom and touch, sound's mute kept across visits, and a map
 * the server serves that the client bundle does not carry. Screenshots go to tests/artifacts/.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createBattle, fromWire, toWire, viewFor, tileIndex, type Pos } from "../../shared/index.js";
import { routePreview } from "../../shared/movement/routePreview.js";
import { loadMapById } from "../../server/maps.js";
import { artifact, frames, labels, lastStand, loadOffline, newPage, overlapping, screenshotStats, useEnv, tilePoint, waitLS, wireOf, settled, FAST } from "./browser.js";
import { dryWaypoint } from "./fixtures.js";
import { crowdedRound } from "../../tools/crowded.js";

const env = useEnv();
const pageErrors: string[][] = [];

async function hover(page: Page, x: number, y: number): Promise<void> {
  const p = await tilePoint(page, x, y);
  await page.mouse.move(p.x, p.y);
  // one redraw per animation frame: wait for the next two
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

describe("the board reads at a glance", () => {
  it("a crowded round (10+ creatures): no two tags overlap, hovering a creature focuses its intent", async () => {
    const { page, errors } = await newPage(env, 1600, 860);
    pageErrors.push(errors);
    const warnings: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "warning") warnings.push(m.text());
    });
    // a crowded round picked with the engine (tools/crowded.ts): hard, round 8+, 10+ creatures in
    // sight; played to in Node and loaded into the page, which shows the squad's view of it
    const crowd = crowdedRound(10, 8);
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=${crowd.seed}&difficulty=hard&speed=${FAST}`);
    await settled(page);
    await loadOffline(page, crowd.state);
    const s = await settled(page);
    const wire = await wireOf(page);
    expect(wire).toEqual(JSON.parse(JSON.stringify(toWire(viewFor(crowd.state, "takumi")))));
    const creatures = Object.values(wire.units).filter((u: any) => u.side === "creature" && u.fate === "active") as any[];
    expect(s.round).toBeGreaterThanOrEqual(8);
    expect(creatures.length).toBeGreaterThanOrEqual(10);
    expect(wire.intents.length).toBeGreaterThan(3);

    const idle = await labels(page);
    expect(idle.length).toBeGreaterThan(wire.intents.length);
    expect(overlapping(idle)).toEqual([]);
    // every tag inside the canvas
    const rect = await page.evaluate(() => {
      const r = document.getElementById("board-canvas")!.getBoundingClientRect();
      return { x: r.left, y: r.top, w: r.width, h: r.height };
    });
    for (const b of idle) {
      expect(b.x).toBeGreaterThanOrEqual(rect.x - 0.5);
      expect(b.x + b.w).toBeLessThanOrEqual(rect.x + rect.w + 0.5);
    }

    // hover each creature: its intent is lit (the others dimmed), and still nothing overlaps
    let focused = 0;
    for (const c of creatures.slice(0, 8)) {
      await hover(page, c.x, c.y);
      const f: string[] = await page.evaluate(() => (window as any).__lastStandDebug.focus());
      if (wire.intents.some((i: any) => i.unit === c.id)) {
        expect(f).toEqual([c.id]);
        focused++;
      }
      expect(overlapping(await labels(page))).toEqual([]);
    }
    expect(focused).toBeGreaterThan(0);
    // aiming shows hit chances beside the intents' tags: still no overlap
    await page.keyboard.press("s");
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(overlapping(await labels(page))).toEqual([]);
    await page.keyboard.press("Escape");
    const shot = await screenshotStats(page, artifact("crowded-round.png"));
    expect(shot.colours).toBeGreaterThan(60);

    // the side list lights a creature's intent on the board
    await page.hover("#intent-panel li[data-unit]");
    const lit: string[] = await page.evaluate(() => (window as any).__lastStandDebug.focus());
    expect(lit).toHaveLength(1);

    // the enemy phase, at a pace a person follows (normal speed), seen mid-way
    await page.evaluate(() => (window as any).__lastStandDebug.setSpeed(1));
    await page.mouse.move(5, 5);
    await page.keyboard.press("e");
    await waitLS(page, "s.animating === true && s.phase === 'enemy'", 60_000);
    // mid-way: a few of the creatures' moves have played, the phase is still running
    await page.waitForFunction(() => {
      const log: string[] = (window as any).__lastStandDebug.log();
      const start = log.map((l) => l.startsWith("— Enemy phase")).lastIndexOf(true);
      return start >= 0 && log.length - start > 2;
    }, null, { timeout: 60_000, polling: 50 });
    const midway = await screenshotStats(page, artifact("enemy-phase.png"));
    expect(midway.colours).toBeGreaterThan(60);
    await page.evaluate((n) => (window as any).__lastStandDebug.setSpeed(n), FAST);
    const after = await settled(page, `s.round === ${s.round + 1}`);
    // noise in the dust before or after: the squad heard it move
    if (wire.noise.length || (await wireOf(page)).noise.length) expect(after.heard).toBeGreaterThan(0);
    expect(after.cursor ?? null).toBeNull();
    const log: string[] = await page.evaluate(() => (window as any).__lastStandDebug.log());
    expect(log.length).toBeGreaterThan(5);
    for (const line of log) expect(line).not.toMatch(/\b(c\d+|(takumi|wang)-private-\d)\b/);
    // ten rounds of floating texts and tags share one bitmap font: Pixi never warns of many
    expect(warnings.filter((w) => /font/i.test(w))).toEqual([]);
    await page.close();
  }, 240_000);

  it("a move through acid is previewed with its cost; a waypoint steers it around", async () => {
    // the same position in Node: the offline harness's battle (seed 2) with acid 2 across row 11
    const map = loadMapById("last-stand");
    const s = createBattle(map, 2, { difficulty: "normal" });
    // wide enough that no route of the same AP goes round it (routes avoid acid at equal cost)
    const acid: Pos[] = [6, 7, 8, 9, 10].map((x) => ({ x, y: 11, level: 0 }));
    for (const p of acid) s.layers.acid[tileIndex(map, p.x, p.y, 0)] = 2;
    const view = fromWire(toWire(viewFor(s, "takumi")), map);
    const goal = { x: 8, y: 12, level: 0 };
    const direct = routePreview(view, "takumi", "takumi", goal);
    expect(direct.acidDamage).toBeGreaterThan(0);
    const wp = dryWaypoint(view, "takumi", goal)!;
    expect(wp).not.toBeNull();

    const { page, errors } = await newPage(env, 1400, 800);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2&speed=${FAST}`);
    await settled(page, "s.selected === 'takumi'");
    await page.evaluate((tiles) => {
      (window as any).__offline.editForTest((st: any) => {
        const m = st.map;
        for (const t of tiles) st.layers.acid[t.level * m.width * m.height + t.y * m.width + t.x] = 2;
      });
    }, acid);
    await settled(page);
    await hover(page, goal.x, goal.y);
    const r1 = await page.evaluate(() => (window as any).__lastStandDebug.route());
    expect(r1.ok).toBe(true);
    expect(r1.acidDamage).toBe(direct.acidDamage);
    expect(r1.hazards.length).toBeGreaterThan(0);
    expect(await page.textContent("#route-cost")).toMatch(/acid 2 at \d+,11: −2 hp, armor −1/);
    const tag = (await labels(page)).find((b) => b.id === "route");
    expect(tag?.text).toContain(`−${direct.acidDamage} HP`);
    await screenshotStats(page, artifact("route-through-acid.png"));

    // Shift+click sets the waypoint; the route bends through it and enters no acid
    const wpPt = await tilePoint(page, wp.x, wp.y);
    await page.keyboard.down("Shift");
    await page.mouse.click(wpPt.x, wpPt.y);
    await page.keyboard.up("Shift");
    await hover(page, goal.x, goal.y);
    const r2 = await page.evaluate(() => (window as any).__lastStandDebug.route());
    expect(r2.ok).toBe(true);
    expect(r2.legs).toBe(2);
    expect(r2.hazards).toEqual([]);
    expect(await page.textContent("#route-cost")).toContain("no acid");
    await screenshotStats(page, artifact("route-waypoint.png"));

    // Esc takes the waypoint back; Shift+click sets it again; a click walks the two legs
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => (window as any).__lastStandDebug.waypoints().length)).toBe(0);
    await page.keyboard.down("Shift");
    await page.mouse.click(wpPt.x, wpPt.y);
    await page.keyboard.up("Shift");
    const g = await tilePoint(page, goal.x, goal.y);
    await page.mouse.click(g.x, g.y);
    await waitLS(page, "!s.animating && s.step >= 2", 30_000);
    const w = await wireOf(page);
    expect({ x: w.units.takumi.x, y: w.units.takumi.y }).toEqual({ x: goal.x, y: goal.y });
    expect(w.units.takumi.hp).toBe(w.units.takumi.maxHp);

    // Esc clears one thing at a time down to nothing selected
    for (let i = 0; i < 5; i++) await page.keyboard.press("Escape");
    const cleared = await lastStand(page);
    expect(cleared.selected).toBeNull();
    expect(cleared.cursor ?? null).toBeNull();
    await page.close();
  }, 120_000);

  it("zoom with the wheel; a touch tap selects a soldier, a tap on a tile previews, the same tap again moves him; a long press inspects", async () => {
    const { page } = await newPage(env, 1400, 800, { hasTouch: true });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    pageErrors.push(errors);
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2&speed=${FAST}`);
    await settled(page);
    const c = await tilePoint(page, 11, 8);
    await page.mouse.move(c.x, c.y);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction(() => (window as any).__lastStandDebug.zoom() > 1.2, null, { timeout: 5000 });
    const before = await wireOf(page);
    const p1 = before.units["takumi-private-1"];
    const a = await tilePoint(page, p1.x, p1.y);
    await page.touchscreen.tap(a.x, a.y);
    await waitLS(page, "s.selected === 'takumi-private-1'", 5000);
    const to = { x: p1.x, y: p1.y - 1 };
    const b = await tilePoint(page, to.x, to.y);
    // the first tap previews (the route is shown, nothing is sent)
    await page.touchscreen.tap(b.x, b.y);
    await waitLS(page, `s.cursor && s.cursor.x === ${to.x} && s.cursor.y === ${to.y}`, 5000);
    await frames(page);
    expect((await lastStand(page)).step).toBe(0);
    expect((await page.evaluate(() => (window as any).__lastStandDebug.route()))?.ok).toBe(true);
    // the same tile again: he moves
    await page.touchscreen.tap(b.x, b.y);
    await waitLS(page, "!s.animating && s.step >= 1", 20_000);
    const w = await wireOf(page);
    expect({ x: w.units["takumi-private-1"].x, y: w.units["takumi-private-1"].y }).toEqual(to);
    // a long press inspects the tile (the hover of a finger) and is not taken for a tap
    const steps = (await lastStand(page)).step;
    const q = await tilePoint(page, 12, 5);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: q.x, y: q.y }] });
    // held until the board takes it for a long press, then released
    await waitLS(page, "s.cursor && s.cursor.x === 12 && s.cursor.y === 5", 5000);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await frames(page);
    const inspected = await lastStand(page);
    expect(inspected.step).toBe(steps);
    expect(inspected.pings ?? 0).toBe(0);
    // the ping buttons ping the inspected tile on a touch screen
    const warn = (await page.$("[data-ping=danger]"))!.boundingBox();
    const wb = (await warn)!;
    await page.touchscreen.tap(wb.x + wb.width / 2, wb.y + wb.height / 2);
    await waitLS(page, "(s.pings ?? 0) >= 1", 5000);
    expect((await lastStand(page)).step).toBe(steps);
    await page.close();
  }, 60_000);

  it("at 1280 px the header stays on one row, with the briefing and the ring's reason in the side panel", async () => {
    const { page, errors } = await newPage(env, 1280, 720);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2`);
    await settled(page);
    const h = await page.$eval("#top", (el) => (el as HTMLElement).offsetHeight);
    expect(h).toBeLessThan(40);
    expect(await page.textContent("#briefing")).toMatch(/radius 5\. The break-out to the exit opens at round \d+ \(in \d+ rounds\)/);
    await screenshotStats(page, artifact("battle-1280.png"));
    await page.close();
  }, 60_000);

  it("twenty hovered tiles in one frame make one redraw, ending on the last tile", async () => {
    const { page, errors } = await newPage(env, 1400, 800);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2`);
    await settled(page);
    const pts = [];
    for (let i = 0; i < 20; i++) pts.push(await tilePoint(page, 2 + (i % 18), 3 + Math.floor(i / 18)));
    const r = await page.evaluate(async (points) => {
      const d = (window as any).__lastStandDebug;
      const canvas = document.getElementById("board-canvas")!;
      await new Promise((ok) => requestAnimationFrame(ok));
      const before = d.redraws();
      for (const p of points) canvas.dispatchEvent(new PointerEvent("pointermove", { clientX: p.x, clientY: p.y, pointerId: 1, pointerType: "mouse", bubbles: true }));
      const during = d.redraws();
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
      return { before, during, after: d.redraws(), cursor: (window as any).__lastStand.cursor };
    }, pts);
    expect(r.during).toBe(r.before);
    expect(r.after - r.before).toBeLessThanOrEqual(2);
    expect(r.cursor).toMatchObject({ x: 3, y: 4 });
    await page.close();
  }, 60_000);

  it("sound stays silent before a gesture, and the mute toggle is kept across visits", async () => {
    const { page, errors } = await newPage(env, 1400, 800);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2`);
    await settled(page);
    expect((await page.evaluate(() => (window as any).__lastStandDebug.sound())).played).toEqual([]);
    expect((await lastStand(page)).muted).toBe(false);
    await page.click("#btn-sound");
    expect((await lastStand(page)).muted).toBe(true);
    await page.reload();
    await settled(page);
    expect((await lastStand(page)).muted).toBe(true);
    expect(await page.textContent("#btn-sound")).toContain("off");
    await page.close();
  }, 60_000);

  it("a map the server serves plays though the bundle carries no map", async () => {
    // the build holds no map file (they come from GET /api/maps/:id)
    const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
    const built = walk(env.clientDir).filter((f) => /\.(js|html)$/.test(f));
    for (const f of built) expect(readFileSync(f, "utf8")).not.toContain('"tilewidth"');
    const res = await fetch(`${env.url}/api/maps/tower-test`);
    expect(res.status).toBe(200);
    expect((await res.json()).layers).toBeDefined();
    const missing = await fetch(`${env.url}/api/maps/no-such-map`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).code).toBe("ERR_UNKNOWN_MAP");

    const { page, errors } = await newPage(env, 1400, 800);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?offline=1&map=tower-test&seed=5`);
    await settled(page);
    expect((await wireOf(page)).mapId).toBe("tower-test");
    await page.close();
  }, 60_000);

  it("every story scene the server lists plays a round in the browser, with its briefing from the story", async () => {
    const scenes = ["the-bus", "the-alley", "last-stand", "the-streets", "the-tower", "the-wall"];
    const listed = ((await (await fetch(`${env.url}/api/maps`)).json()) as { id: string }[]).map((m) => m.id);
    for (const id of scenes) expect(listed).toContain(id);
    const { page, errors } = await newPage(env, 1280, 720);
    pageErrors.push(errors);
    for (const id of scenes) {
      await page.goto(`${env.url}/?offline=1&map=${id}&seed=3&autoplay=1&speed=${FAST}`);
      await waitLS(page, "s.autoplayDone === true", 60_000);
      const s = await waitLS(page, "s.ready && !s.animating && (s.phase === 'player' || s.phase === 'ended')", 60_000);
      expect(s.round > 1 || s.phase === "ended", id).toBe(true);
      const briefing = loadMapById(id).briefing;
      if (briefing) expect(await page.textContent("#story-briefing"), id).toContain(briefing.slice(0, 40));
    }
    await screenshotStats(page, artifact("scene-the-wall.png"));
    await page.close();
  }, 180_000);

  it("no page error was thrown", () => {
    expect(pageErrors.flat()).toEqual([]);
  });
});
