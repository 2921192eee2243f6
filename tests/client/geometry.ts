/**
 * Geometry of a page as a player sees it, measured in the page: the
 * boxes of every control and label on screen (clipped by the viewport and by any scrolling or
 * clipping ancestor), the pairs of them that overlap, whether the page itself scrolls, and whether
 * a control can be hit where it shows (nothing drawn over its centre).
 */
import type { Page } from "playwright-core";

/** The sizes every screen is tested at: phones upright and on their side, tablets both ways, two desktops. */
export const SIZES: [number, number][] = [
  [390, 844],
  [844, 390],
  [768, 1024],
  [1024, 768],
  [1280, 720],
  [1920, 1080],
];

export const CONTROLS = "button, a[href], input, select, summary, [data-act], [role=button], tr.mine";
export const LABELS = ".pill, h1, h2, h3, label";

export interface Geometry {
  vw: number;
  vh: number;
  /** The page scrolls (the document is larger than the viewport). */
  pageScrolls: boolean;
  /** Pairs of on-screen controls or labels whose boxes overlap (more than 1 px each way). */
  overlaps: string[];
  /** On-screen controls whose centre another element covers. */
  covered: string[];
  /** How many controls and labels were on screen. */
  shown: number;
}

/** The on-screen geometry of the page (or of the elements under `scope`). */
export function geometry(page: Page, scope = "body"): Promise<Geometry> {
  return page.evaluate(
    ([scopeSel, controls, labels]) => {
      const vw = innerWidth;
      const vh = innerHeight;
      type R = { l: number; t: number; r: number; b: number };
      const inter = (a: R, b: R): R => ({ l: Math.max(a.l, b.l), t: Math.max(a.t, b.t), r: Math.min(a.r, b.r), b: Math.min(a.b, b.b) });
      const name = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${(e as HTMLElement).dataset?.act ? `[${(e as HTMLElement).dataset.act}]` : ""}"${(e.textContent ?? "").trim().slice(0, 24)}"`;
      const shownBox = (e: Element): R | null => {
        if (!e.getClientRects().length) return null;
        const cs = getComputedStyle(e);
        if (cs.visibility === "hidden" || Number(cs.opacity) === 0) return null;
        const br = e.getBoundingClientRect();
        let box: R = inter({ l: br.left, t: br.top, r: br.right, b: br.bottom }, { l: 0, t: 0, r: vw, b: vh });
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (Number(s.opacity) === 0 || s.visibility === "hidden") return null;
          if (s.overflowX !== "visible" || s.overflowY !== "visible") {
            const ar = a.getBoundingClientRect();
            box = inter(box, { l: ar.left, t: ar.top, r: ar.right, b: ar.bottom });
          }
        }
        return box.r - box.l >= 2 && box.b - box.t >= 2 ? box : null;
      };
      const root = document.querySelector(scopeSel) ?? document.body;
      const items = [...root.querySelectorAll(`${controls}, ${labels}`)]
        .map((e) => ({ e, box: shownBox(e) }))
        .filter((x): x is { e: Element; box: R } => !!x.box);
      const overlaps: string[] = [];
      for (let i = 0; i < items.length; i++)
        for (let j = i + 1; j < items.length; j++) {
          const a = items[i];
          const b = items[j];
          if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
          const x = inter(a.box, b.box);
          if (x.r - x.l > 1 && x.b - x.t > 1) overlaps.push(`${name(a.e)} × ${name(b.e)}`);
        }
      const covered: string[] = [];
      for (const { e, box } of items) {
        if (!e.matches(controls)) continue;
        const hit = document.elementFromPoint((box.l + box.r) / 2, (box.t + box.b) / 2);
        if (!hit || !(e.contains(hit) || hit.contains(e) || (e.tagName === "TR" && e.contains(hit)))) covered.push(`${name(e)} under ${hit ? name(hit) : "nothing"}`);
      }
      const d = document.scrollingElement ?? document.documentElement;
      return { vw, vh, pageScrolls: d.scrollHeight > vh + 1 || d.scrollWidth > vw + 1, overlaps, covered, shown: items.length };
    },
    [scope, CONTROLS, LABELS] as const,
  );
}

/**
 * Every control under `scope` can be brought on screen without scrolling the page (its scrolling
 * ancestor scrolls it into view) and then hit at its centre. Returns the ones that cannot.
 */
export function unreachable(page: Page, scope: string, pageMayScroll = false): Promise<string[]> {
  return page.evaluate(
    ([scopeSel, controls, mayScroll]) => {
      const out: string[] = [];
      const root = document.querySelector(scopeSel);
      if (!root) return [`no ${scopeSel}`];
      for (const e of root.querySelectorAll<HTMLElement>(controls)) {
        if (!e.getClientRects().length || getComputedStyle(e).visibility === "hidden") continue;
        e.scrollIntoView({ block: "nearest", inline: "nearest" });
        const r = e.getBoundingClientRect();
        const name = `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}"${(e.textContent ?? "").trim().slice(0, 24)}"`;
        if (scrollX !== 0 || (scrollY !== 0 && !mayScroll)) {
          out.push(`${name}: the page scrolled`);
          scrollTo(0, 0);
          continue;
        }
        if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) {
          out.push(`${name}: off screen ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`);
          continue;
        }
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!hit || !(e.contains(hit) || hit.contains(e))) out.push(`${name}: covered by ${hit?.tagName}#${hit?.id}`);
      }
      return out;
    },
    [scope, CONTROLS, pageMayScroll] as const,
  );
}

/** An element's box in the page. */
export function box(page: Page, sel: string): Promise<{ x: number; y: number; w: number; h: number } | null> {
  return page.evaluate((s) => {
    const e = document.querySelector(s);
    if (!e || !e.getClientRects().length) return null;
    const r = e.getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  }, sel);
}
