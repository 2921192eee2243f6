/**
 * A long match record for restore measurements: a bot battle's opening, padded with pairs of a
 * soldier's move and its undo (legal, each a logged step) up to `steps` entries.
 */
import { apply, autoplay, createBattle, hashState, newRecord, reachableTiles, RULES_VERSION, type MapDef, type MatchRecord } from "../shared/index.js";

export function longRecord(map: MapDef, seed: number, steps: number): MatchRecord {
  let s = createBattle(map, seed);
  const record = newRecord(map, seed, s.options, RULES_VERSION);
  const unit = s.units.find((u) => u.side === "squad" && u.seat === "takumi" && u.fate === "active")!;
  // A tile whose move can be undone (a move that revealed something is final).
  const to = reachableTiles(s, unit.id)
    .map((t) => t.pos)
    .find((p) => {
      const r = apply(s, { seat: "takumi", action: { type: "move", unit: unit.id, to: p } });
      return r.ok && r.state.undo.takumi.length > 0 && apply(r.state, { seat: "takumi", action: { type: "undo" } }).ok;
    });
  if (!to) throw new Error("no move that can be undone");
  while (record.log.length + 2 <= steps) {
    for (const action of [{ type: "move" as const, unit: unit.id, to: { x: to.x, y: to.y, level: to.level } }, { type: "undo" as const }]) {
      const r = apply(s, { seat: "takumi", action });
      if (!r.ok) throw new Error(`padding refused: ${r.code}`);
      s = r.state;
      record.log.push({ seat: "takumi", action, hash: hashState(s) });
    }
  }
  // The rest of the round and on, played by the bot, so the state is a real battle's.
  const played = autoplay(s, ["takumi", "wang"], { max: steps - record.log.length });
  for (const step of played.steps) record.log.push({ ...step.command, hash: hashState(step.state) });
  record.finalHash = hashState(played.state);
  return record;
}
