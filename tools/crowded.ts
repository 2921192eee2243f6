/**
 * A crowded round of last-stand for the browser tests and the client benchmark: the first seed (on
 * hard) whose battle, played by the offline page's autoplay (each round: Takumi's bot to his ready,
 * then Wang's), reaches round `minRound` or later with `minInSight` creatures in the squad's sight.
 * Found with the engine once and stored (tests/fixtures/positions/crowded-N-R.json), so a run does
 * not play battles to find it; a stored round that no longer is what it must be (a change of the
 * rules, the waves or the map) is refused, naming the command that stores it anew:
 * `npx tsx tools/crowded.ts --freeze`.
 */
import { join, resolve } from "node:path";
import { apply, autoplayStep, createBattle, viewFor, type BattleState, type Seat } from "../shared/index.js";
import { loadMapById } from "../server/maps.js";
import { readPosition, writePosition } from "./perft-positions.js";

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

/** What a crowded round must be: late enough, crowded enough, intents shown, and Ready lets it go on. */
function problem(c: Crowded, minInSight: number, minRound: number): string | null {
  const v = viewFor(c.state, "spectator");
  const inSight = v.units.filter((u) => u.side === "creature" && u.fate === "active").length;
  if (c.state.phase !== "player") return "not a player phase";
  if (c.state.round < minRound) return `round ${c.state.round} < ${minRound}`;
  if (inSight < minInSight) return `${inSight} creatures in sight < ${minInSight}`;
  if (v.intents.length <= 3) return `${v.intents.length} intents shown`;
  if (!survivesReady(c.state)) return "the battle ends when the squad marks ready";
  return null;
}

/** The crowded round's search, with the engine (playing battles): what `--freeze` stores. */
export function findCrowdedRound(minInSight = 10, minRound = 8, difficulty: "normal" | "hard" = "hard"): Crowded {
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

export const CROWDED_DIR = join(import.meta.dirname, "..", "tests", "fixtures", "positions");
/** The crowded rounds the tests and the benchmark use: [minInSight, minRound]. */
export const CROWDED: readonly (readonly [number, number])[] = [[10, 8], [8, 10], [14, 10]];
const crowdedFile = (minInSight: number, minRound: number) => join(CROWDED_DIR, `crowded-${minInSight}-${minRound}.json`);

/** The stored crowded round (on hard), checked to be what it must be. */
export function crowdedRound(minInSight = 10, minRound = 8): Crowded {
  const file = crowdedFile(minInSight, minRound);
  const { state, extra } = readPosition<Omit<Crowded, "state">>(file);
  const c = { ...extra, state };
  const why = problem(c, minInSight, minRound);
  if (why) throw new Error(`${file} is no longer a crowded round (${why}): store it anew with npx tsx tools/crowded.ts --freeze`);
  return c;
}

if (import.meta.filename === resolve(process.argv[1] ?? "") && process.argv.includes("--freeze")) {
  for (const [minInSight, minRound] of CROWDED) {
    const { state, ...rest } = findCrowdedRound(minInSight, minRound);
    writePosition(crowdedFile(minInSight, minRound), state, rest);
    console.log(`crowded-${minInSight}-${minRound}: seed ${rest.seed}, round ${rest.round}, ${rest.inSight} in sight`);
  }
}
