/**
 * A long match record for restore measurements: a bot battle padded, round after round, with what
 * a seat may repeat within the rules' bounds — a soldier's move and its undo (RULES.undoPerRound a
 * round), then its ready and taking it back (RULES.unreadyPerRound) — each a logged step, up to
 * `steps` entries. Between the paddings the bots play the round out, so the state is a real battle's.
 */
import {
  apply, autoplay, createBattle, hashState, newRecord, reachableTiles, RULES, RULES_VERSION,
  type Action, type BattleState, type MapDef, type MatchRecord, type Seat,
} from "../shared/index.js";

/** A move of one of the seat's soldiers that can be undone (a move that revealed something is final). */
function undoableMove(s: BattleState, seat: Seat): Action | null {
  for (const u of s.units) {
    if (u.side !== "squad" || u.seat !== seat || u.fate !== "active" || u.ap <= 0) continue;
    for (const t of reachableTiles(s, u.id)) {
      const move: Action = { type: "move", unit: u.id, to: t.pos };
      const r = apply(s, { seat, action: move });
      if (r.ok && r.state.undo[seat].length > 0 && apply(r.state, { seat, action: { type: "undo" } }).ok) return move;
    }
  }
  return null;
}

export function longRecord(map: MapDef, seed: number, steps: number): MatchRecord {
  let s = createBattle(map, seed);
  const record = newRecord(map, seed, s.options, RULES_VERSION);
  const log = (seat: Seat, action: Action): boolean => {
    if (record.log.length >= steps) return false;
    const r = apply(s, { seat, action });
    if (!r.ok) throw new Error(`padding refused: ${r.code}`);
    s = r.state;
    record.log.push({ seat, action, hash: hashState(s) });
    return true;
  };
  while (record.log.length < steps && s.phase === "player") {
    for (const seat of ["takumi", "wang"] as Seat[]) {
      if (s.ready[seat]) continue;
      const move = undoableMove(s, seat);
      for (let i = 0; move && i < RULES.undoPerRound; i++) if (!log(seat, move) || !log(seat, { type: "undo" })) break;
    }
    // ready and taken back, by Takumi only (his partner's ready would end the round)
    for (let i = 0; i < RULES.unreadyPerRound && !s.ready.wang && !s.ready.takumi; i++) if (!log("takumi", { type: "ready", ready: true }) || !log("takumi", { type: "ready", ready: false })) break;
    // the round played out by the bots
    const round = s.round;
    const played = autoplay(s, ["takumi", "wang"], { max: steps - record.log.length, untilPhaseEnds: true });
    for (const step of played.steps) record.log.push({ ...step.command, hash: hashState(step.state) });
    s = played.state;
    if (s.round === round && played.steps.length === 0) break;
  }
  record.finalHash = hashState(s);
  return record;
}
