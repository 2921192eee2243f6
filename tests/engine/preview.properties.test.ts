/**
 * Previews hold to what apply does (docs/DESIGN.md §14): for random legal actions on random states of
 * every map, every event the action causes at once that hurts, removes or strands a unit the seat
 * can see was in its preview (on the branch the roll took), and a preview names no unit the seat
 * cannot see. The round's end (ready) is not run by the preview (roundEnd.ts) and is left out.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  apply, createBattle, legalActions, previewAction, viewFor,
  type Action, type BattleEvent, type BattleState, type Consequence, type Seat,
} from "../../shared/index.js";
import { map, pickLegal, type MapId } from "./helpers.js";

const MAPS: MapId[] = ["last-stand", "the-alley", "the-streets", "the-tower", "the-bus", "the-wall", "tower-test"];
const SEATS: Seat[] = ["takumi", "wang"];

/** The consequence kinds an event must be found under. */
function wanted(e: BattleEvent): { kinds: Consequence["kind"][]; unit?: string; amount?: number } | null {
  switch (e.type) {
    case "damaged": return e.amount > 0 ? { kinds: [e.cause === "splash" ? "splash" : e.cause === "fire" ? "fire" : "damage"], unit: e.unit, amount: e.amount } : null;
    case "down": return { kinds: ["down"], unit: e.unit };
    case "died": return { kinds: ["dies"], unit: e.unit };
    case "weaponLost": return { kinds: ["weaponLost"], unit: e.unit };
    case "corroded": return { kinds: ["corroded"], unit: e.unit, amount: e.armor };
    case "taken": return { kinds: ["dies", "leftBehind"], unit: e.unit };
    case "withdrew": case "extracted": return { kinds: ["leaves"], unit: e.unit };
    case "ended": return { kinds: ["endsScene"] };
    default: return null;
  }
}

function checkOne(s: BattleState, seat: Seat, action: Action, where: string): number {
  const view = viewFor(s, seat);
  const seen = new Set(view.units.map((u) => u.id));
  const p = previewAction(s, seat, action);
  expect(p.ok, `${where}: a legal action previewed as refused: ${JSON.stringify(p.refusal)}`).toBe(true);
  // no leak: every unit a preview names is one the seat sees
  for (const c of p.consequences) if (c.unit) expect(seen.has(c.unit), `${where}: preview names hidden ${c.unit}`).toBe(true);
  const r = apply(s, { seat, action });
  if (!r.ok) throw new Error(`${where}: legal action refused ${r.code}`);
  // what the seat could not know changes the outcome: an ambush, a floor melted under the fog
  if (r.events.some((e) => e.type === "ambush" || e.type === "fell")) return 0;
  const shot = r.events.find((e) => e.type === "shot");
  const branch = shot && shot.type === "shot" ? (shot.hit ? "hit" : "miss") : "always";
  let checked = 0;
  for (const e of r.events) {
    const w = wanted(e);
    if (!w || (w.unit && !seen.has(w.unit))) continue;
    checked++;
    const found = p.consequences.some((c) => w.kinds.includes(c.kind) && c.unit === w.unit && (c.when === "always" || c.when === branch)
      && (w.amount === undefined || c.amount === w.amount));
    expect(found, `${where}: ${JSON.stringify(action)} caused ${JSON.stringify(e)} not in its preview ${JSON.stringify(p.consequences)}`).toBe(true);
  }
  // a scene that ends strands everyone still on the board: each named
  if (r.state.phase === "ended")
    for (const u of r.state.units)
      if (u.side === "squad" && (u.fate === "active" || u.fate === "carried"))
        expect(p.consequences.some((c) => c.kind === "leftBehind" && c.unit === u.id), `${where}: ${u.id} stranded unannounced`).toBe(true);
  return checked;
}

describe("previews hold to what apply does", () => {
  MAPS.forEach((id, k) => {
    it(`${id}: every event that hurts, removes or strands a unit in sight was in the action's preview`, () => {
      let checked = 0;
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 0xffff }), fc.array(fc.record({ seat: fc.constantFrom(...SEATS), pick: fc.nat(), ready: fc.nat(5) }), { minLength: 20, maxLength: 90 }), (seed, steps) => {
          let s = createBattle(map(id), seed);
          for (const [n, st] of steps.entries()) {
            if (s.phase !== "player") return;
            const actions = legalActions(s, st.seat).filter((a) => a.type !== "ready");
            const action: Action = st.ready === 0 || !actions.length ? { type: "ready", ready: !s.ready[st.seat] } : pickLegal(actions, st.pick);
            if (action.type !== "ready") checked += checkOne(s, st.seat, action, `${id} seed ${seed} step ${n}`);
            const r = apply(s, { seat: st.seat, action });
            if (r.ok) s = r.state;
          }
        }),
        { numRuns: id === "tower-test" ? 3 : 5, seed: 3001 + k },
      );
      // the property saw consequences to check at all
      expect(checked).toBeGreaterThan(0);
    }, 240_000);
  });
});
