/**
 * Civilians in a real browser: on the-tower the families upstairs are drawn, Wang
 * beside a child carries him (K, offered by the engine's legalActions), the child rides on his
 * carrier and the log names him. Screenshots go to tests/artifacts/.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { artifact, labels, legalOf, newPage, overlapping, screenshotStats, useEnv, waitLS, wireOf, settled, frames, editOffline, FAST } from "./browser.js";

const env = useEnv();
const pageErrors: string[][] = [];

afterAll(() => {
  for (const e of pageErrors) expect(e).toEqual([]);
});

const edit = editOffline;

describe("civilians in the browser", () => {
  it("the-tower: Wang upstairs beside a child carries him (K); the child rides on him, named in the tags and the log", async () => {
    const { page, errors } = await newPage(env, 1400, 800);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?offline=1&map=the-tower&seat=wang&seed=3&speed=${FAST}`);
    await settled(page, "s.selected === 'wang'");
    // Wang on the top floor at (3, 7), beside child-2 (2, 8) and no other child
    await edit(page, `const w = st.units.find((u) => u.id === "wang"); w.x = 3; w.y = 7; w.level = 2; w.ap = 2;`);
    // up two floors to see them (PageUp)
    await page.keyboard.press("PageUp");
    await page.keyboard.press("PageUp");
    await frames(page);
    let w = await wireOf(page);
    expect(w.units["child-2"]).toMatchObject({ side: "civilian", kind: "child", fate: "active" });
    const legal = await legalOf(page);
    expect(legal).toContainEqual({ type: "carry", unit: "wang", comrade: "child-2" });
    expect(legal.some((a: any) => a.type === "carry" && a.comrade === "civilian-1")).toBe(false);
    const step = w.step;
    await page.keyboard.press("k");
    await settled(page, `s.step === ${step + 1}`);
    w = await wireOf(page);
    expect(w.units["child-2"].fate).toBe("carried");
    expect(w.units.wang.carrying).toBe("child-2");
    await frames(page);
    const tags = await labels(page);
    expect(tags.some((b) => b.text.includes("CARRIES CHILD 2"))).toBe(true);
    expect(overlapping(tags)).toEqual([]);
    // the side panel counts the saved against the map's quota
    expect(await page.locator("#civilians-saved").innerText()).toMatch(/Civilians saved: 0 of 5 \(at least 4 to win/);
    const log: string[] = await page.evaluate(() => (window as any).__lastStandDebug.log());
    expect(log).toContain("Sergeant Wang picks up Child 2");
    const shot = await screenshotStats(page, artifact("civilians-carry.png"));
    expect(shot.colours).toBeGreaterThan(20);
    await page.close();
  }, 120_000);
});
