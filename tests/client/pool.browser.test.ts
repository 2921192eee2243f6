/**
 * The browser contexts newPage() hands out again (tests/client/browser.ts): a page in one gets
 * nothing of the site's data a page before it left, two pages open at once are in two contexts,
 * a tab shares its page's, and no service worker controls a page. The pages here open the site's
 * map list (a document of the site's origin, no battle drawn).
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { newPage, newTab, useEnv, PHONE } from "./browser.js";

const env = useEnv();

describe("newPage's browser contexts", () => {
  it("a context handed out again is warm but holds none of the site's data the page before it left", async () => {
    const first = await newPage(env, 800, 600);
    await first.page.goto(`${env.url}/api/maps`);
    await first.page.evaluate(async () => {
      localStorage.setItem("lastStand.test", "left behind");
      document.cookie = "left=behind; max-age=3600";
      await new Promise<void>((resolve, reject) => {
        const req = indexedDB.open("left-behind");
        req.onsuccess = () => (req.result.close(), resolve());
        req.onerror = () => reject(req.error);
      });
    });
    const ctx = first.page.context();
    await first.page.close();

    const next = await newPage(env, 640, 480);
    expect(next.page.context(), "the context handed out again").toBe(ctx);
    expect(next.page.viewportSize()).toEqual({ width: 640, height: 480 });
    await next.page.goto(`${env.url}/api/maps`);
    const left = await next.page.evaluate(async () => ({
      storage: localStorage.length,
      cookie: document.cookie,
      databases: (await indexedDB.databases()).map((d) => d.name),
      worker: navigator.serviceWorker?.controller ? "controlled" : "none",
      width: innerWidth,
    }));
    expect(left).toEqual({ storage: 0, cookie: "", databases: [], worker: "none", width: 640 });

    // open at once: two contexts; a phone's is another again
    const other = await newPage(env, 640, 480);
    expect(other.page.context()).not.toBe(ctx);
    const phone = await newPage(env, 390, 844, PHONE);
    expect([ctx, other.page.context()]).not.toContain(phone.page.context());
    await phone.page.goto(`${env.url}/api/maps`);
    expect(await phone.page.evaluate(() => ({ dpr: devicePixelRatio, touch: navigator.maxTouchPoints > 0, width: screen.width }))).toEqual({ dpr: 3, touch: true, width: 390 });

    // a tab shares its page's context and data, at its size
    await next.page.evaluate(() => localStorage.setItem("lastStand.test", "shared"));
    const tab = await newTab(next.page);
    expect(tab.page.context()).toBe(ctx);
    await tab.page.goto(`${env.url}/api/maps`);
    expect(await tab.page.evaluate(() => [localStorage.getItem("lastStand.test"), innerWidth])).toEqual(["shared", 640]);
    for (const p of [next, other, phone, tab]) {
      expect(p.errors).toEqual([]);
      await p.page.close();
    }
    expect(first.errors).toEqual([]);
  });
});

describe("the tests' Chromium", () => {
  it("opens a browser context with no browser UI of its own (no omnibox popup pages, no renderer for them)", async () => {
    const { page, errors } = await newPage(env, 640, 480);
    await page.goto(`${env.url}/api/maps`);
    const cdp = await env.browser.newBrowserCDPSession();
    const { targetInfos } = (await cdp.send("Target.getTargets")) as { targetInfos: { type: string; url: string }[] };
    await cdp.detach();
    expect(targetInfos.some((t) => t.type === "page" && t.url.startsWith(env.url)), "the page itself is listed").toBe(true);
    expect(targetInfos.filter((t) => t.url.startsWith("chrome://")).map((t) => t.url)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("keeps every feature playwright turns off turned off (Chromium reads only the last --disable-features: ours restates playwright's)", () => {
    // this run's Chromium browser processes, read from /proc: children of vitest's main process (build-once.ts
    // launched one per worker) or of this one (a file run alone); playwright's own flag first, ours last
    const parentOf = (pid: string) => Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
    const browsers = readdirSync("/proc")
      .filter((pid) => /^\d+$/.test(pid))
      .map((pid) => {
        try {
          return [process.ppid, process.pid].includes(parentOf(pid)) ? readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0") : [];
        } catch {
          return []; // gone meanwhile
        }
      })
      .filter((args) => args[0]?.includes("chromium") && args.includes("--remote-debugging-pipe") && !args.some((a) => a.startsWith("--type=")));
    expect(browsers.length, "the workers' Chromium found").toBeGreaterThan(0);
    for (const args of browsers) {
      const lists = args.filter((a) => a.startsWith("--disable-features=")).map((a) => a.slice("--disable-features=".length).split(","));
      expect(lists.length, "playwright's flag and ours").toBeGreaterThanOrEqual(2);
      const last = lists[lists.length - 1];
      for (const list of lists) for (const feature of list) expect(last, `${feature} stays turned off`).toContain(feature);
      expect(last).toContain("WebUIOmniboxPopup");
    }
  });
});
