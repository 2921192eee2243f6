/**
 * A crowded round of last-stand for the browser tests and the client benchmark: the first seed (on
 * hard) whose battle, played by the offline page's autoplay (each round: Takumi's bot to his ready,
 * then Wang's), reaches round `minRound` or later with `minInSight` creatures in the squad's sight.
 * Chosen with the engine, so a change of the rules or the waves moves the seed, not the test.
 */
import { apply, autoplayStep, createBattle, viewFor, type BattleState, type Seat } from "../shared/index.js";
import { loadMapById } from "../server/maps.js";

export interface Crowded {
  seed: number;
  /** Rounds to autoplay (`?autoplay=N`) to reach the crowded round's player phase. */
  rounds: number;
  round: number;
  inSight: number;
  /** The battle at that round's player phase (tests load it into the page instead of autoplaying to it). */
  state: BattleState;
}

function playToReady(s: BattleState, seat: Seat): BattleState {
  const round = s.round;
  for (let guard = 0; guard < 200 && s.phase === "player" && s.round === round && !s.ready[seat]; guard++) {
    const step = autoplayStep(s, seat);
    if (!step) break;
    s = step.state;
  }
  return s;
}

/** Takumi marks ready at once (as the tests press "e"), Wang's bot plays: the battle goes on. */
function survivesReady(s: BattleState): boolean {
  const r = apply(s, { seat: "takumi", action: { type: "ready", ready: true } });
  return r.ok && playToReady(r.state, "wang").phase === "player";
}

export function crowdedRound(minInSight = 10, minRound = 8, difficulty: "normal" | "hard" = "hard"): Crowded {
  const map = loadMapById("last-stand");
  for (let seed = 1; seed <= 200; seed++) {
    let s = createBattle(map, seed, { difficulty, splitVision: false });
    for (let rounds = 0; rounds < 20 && s.phase === "player"; rounds++) {
      const v = viewFor(s, "spectator");
      const inSight = v.units.filter((u) => u.side === "creature" && u.fate === "active").length;
      if (s.round >= minRound && inSight >= minInSight && v.intents.length > 3 && survivesReady(s)) return { seed, rounds, round: s.round, inSight, state: s };
      s = playToReady(playToReady(s, "takumi"), "wang");
    }
  }
  throw new Error(`no seed of last-stand (${difficulty}) reaches round ${minRound} with ${minInSight} creatures in sight`);
}
