/**
 * The round: when both seats are ready the enemy phase resolves, then the environment phase
 * (acid, the perimeter's squeeze, spawns, objectives), then a new player phase begins with fresh
 * action points and newly announced intents.
 */
import { RULES } from "../rules/table.js";
import type { BattleState, RoundStats, Seat } from "../core/types.js";
import { type Draft, emit, ownUnits, queue } from "../core/draft.js";
import { enemyPhase } from "../creatures/enemyPhase.js";
import { acidEnvironment } from "../rules/acid.js";
import { fireEnvironment } from "../rules/fire.js";
import { squeeze, updateNextRadius } from "../rules/perimeter.js";
import { spawnWave } from "../rules/spawns.js";
import { checkEnd, extractSoldiers, setStage } from "../rules/objectives.js";
import { planIntents } from "../creatures/intents.js";
import { placeNoise } from "../sight/noise.js";
import { sharedVisibleTiles } from "../sight/sight.js";
import { resolveEffects } from "./effects.js";
import { keepWithCarriers } from "../rules/carrying.js";
import { civiliansRun } from "../rules/civilians.js";

const SEATS: Seat[] = ["takumi", "wang"];

/** A seat with no soldier left on the board has nothing to do and counts as ready. */
export function seatIsIdle(s: BattleState, seat: Seat): boolean {
  return !s.units.some((u) => u.seat === seat && u.fate === "active");
}

function closeRoundStats(s: BattleState): void {
  const r = s.report;
  const before = { kills: 0, shots: 0, hits: 0, acidDamage: 0, lost: 0 };
  for (const p of r.perRound) {
    before.kills += p.kills; before.shots += p.shots; before.hits += p.hits;
    before.acidDamage += p.acidDamage; before.lost += p.soldiersLost;
  }
  const stats: RoundStats = {
    round: s.round,
    kills: r.kills - before.kills,
    shots: r.shots - before.shots,
    hits: r.hits - before.hits,
    acidDamage: r.acidDamage - before.acidDamage,
    soldiersLost: r.soldiersDead + r.soldiersTaken - before.lost,
    creaturesOnBoard: s.units.filter((u) => u.side === "creature" && u.fate === "active").length,
    radius: s.perimeter ? s.perimeter.radius : null,
  };
  r.perRound = [...r.perRound, stats];
  r.rounds = s.round;
}

/** Soldiers down lose a round; at none left they die. */
function bleedOut(d: Draft): void {
  for (const u of d.s.units) {
    if (u.side !== "squad" || (u.fate !== "active" && u.fate !== "carried") || u.down <= 0) continue;
    u.down--;
    if (u.down === 0) queue(d, { kind: "death", unit: u.id });
  }
  resolveEffects(d);
}

function environmentPhase(d: Draft): void {
  const s = d.s;
  emit(d, { type: "phase", phase: "environment", round: s.round });
  acidEnvironment(d);
  fireEnvironment(d);
  resolveEffects(d);
  bleedOut(d);
  if (squeeze(d)) setStage(d, "extract");
  // the civilians run once the creatures have had their turn (and the intents are planned on where they end)
  civiliansRun(d);
  extractSoldiers(d);
  checkEnd(d, true);
  if (s.phase === "ended") return;
  spawnWave(d, s.round + 1);
  resolveEffects(d);
  checkEnd(d, false);
}

/** Begin a player phase: action points back, intents announced, noise heard. */
export function beginPlayerPhase(s: BattleState): void {
  s.phase = "player";
  // the fallen and the gone leave the board for good; creatures are not kept once gone (civilians
  // are, to count who was saved and who lost)
  s.units = s.units.filter((u) => u.side !== "creature" || u.fate === "active");
  for (const u of s.units) {
    if (u.side !== "squad" || u.fate !== "active") continue;
    u.ap = u.down > 0 ? 0 : u.freed ? RULES.freedAp : RULES.apPerRound;
    u.freed = false;
    u.overwatch = false;
    u.heldBy = null;
  }
  for (const seat of SEATS) s.ready[seat] = seatIsIdle(s, seat);
  s.undo = { takumi: [], wang: [] };
  delete s.unready;
  delete s.undone;
  s.intents = planIntents(s);
  // how many creatures the squad faces as the phase opens (the simulator's pressure figure)
  s.report.inSight = [...s.report.inSight, s.units.filter((u) => u.side === "creature" && u.fate === "active" && !u.unseenAtPhaseStart).length];
  s.noise = placeNoise(s, sharedVisibleTiles(s));
  updateNextRadius(s);
}

/** Both seats are ready: play out the enemy and environment phases and start the next round. */
export function resolveRound(d: Draft): void {
  const s = d.s;
  ownUnits(d);
  enemyPhase(d);
  resolveEffects(d);
  keepWithCarriers(d);
  checkEnd(d, false);
  if (s.phase !== "ended") environmentPhase(d);
  closeRoundStats(s);
  if (s.phase === "ended") return;
  s.round++;
  beginPlayerPhase(s);
  emit(d, { type: "phase", phase: "player", round: s.round });
}
