/**
 * npm run sim -- --map last-stand --seed 1 --games 200 [--difficulty normal] [--json] [--record file.json]
 * Plays bot-vs-creatures battles (seeds seed, seed+1, …) and prints one summary. Deterministic:
 * the same arguments print the same output in any process. --record writes the first game's record.
 * With --campaign (no --map): plays whole campaigns instead (tools/sim-campaign.ts).
 */
import { writeFileSync } from "node:fs";
import { hashString } from "../shared/core/hash.js";
import { cameOut, endedOnTheClock, hashState, DIFFICULTIES, type Difficulty } from "../shared/index.js";
import { loadMapById } from "../server/maps.js";
import { playBattle } from "./play.js";
import { orExit, readArgs } from "./args.js";
import { emptyConduct } from "./conduct.js";

const args = readArgs();
if (args.flag("campaign")) {
  const { simCampaigns } = await import("./sim-campaign.js");
  simCampaigns(args);
  process.exit(0);
}
const { mapId, seed, games, difficulty, map } = orExit(() => {
  const mapId = args.get("map", "last-stand");
  const difficulty = args.get("difficulty", "normal") as Difficulty;
  if (!DIFFICULTIES.includes(difficulty)) throw new Error(`--difficulty must be one of ${DIFFICULTIES.join(", ")}`);
  return { mapId, seed: args.num("seed", 1), games: args.num("games", 200), difficulty, map: loadMapById(mapId) };
});

let wins = 0, rounds = 0, dead = 0, taken = 0, acid = 0, kills = 0, extracted = 0;
// what a campaign needs of a scene (shared/campaign): both sergeants out alive (extracted, or
// fallen back when the time ran out), and how many soldiers come out to play the next one
let bothOut = 0, bothOutOnClock = 0, cameOutSum = 0, withdrawals = 0;
// civilians: saved, killed and taken per battle
let civSaved = 0, civDead = 0, civTaken = 0;
// the three rule modules' balance, summed over the battles
const sums = { grabs: 0, drags: 0, freed: 0, holds: 0, acidFromMoves: 0, ringFromCorpses: 0, ringFromRounds: 0 };
// the soldier bots' conduct (tools/conduct.ts), summed over the battles
const conduct = emptyConduct();
/** Creatures in the squad's sight at the start of every player phase of every battle. */
const inSight: number[] = [];
const hashes: string[] = [];
for (let g = 0; g < games; g++) {
  const played = playBattle(map, seed + g, { difficulty }, g === 0 && args.get("record", "") !== "");
  const s = played.state;
  if (s.outcome === "won") wins++;
  rounds += s.round;
  dead += s.report.soldiersDead;
  taken += s.report.soldiersTaken;
  acid += s.report.acidDamage;
  kills += s.report.kills;
  extracted += s.units.filter((u) => u.side === "squad" && u.fate === "extracted").length;
  withdrawals += played.withdrawals;
  const out = cameOut(s);
  cameOutSum += out.size;
  if (out.has("takumi") && out.has("wang")) {
    bothOut++;
    if (s.outcome !== "won" && endedOnTheClock(s)) bothOutOnClock++;
  }
  civSaved += s.civiliansSaved;
  civDead += s.units.filter((u) => u.side === "civilian" && u.fate === "dead").length;
  civTaken += s.units.filter((u) => u.side === "civilian" && u.fate === "taken").length;
  for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += s.report[k];
  for (const k of Object.keys(conduct) as (keyof typeof conduct)[]) conduct[k] += played.conduct[k];
  inSight.push(...s.report.inSight);
  hashes.push(hashState(s));
  if (played.record) writeFileSync(args.get("record", ""), JSON.stringify(played.record, null, 1) + "\n");
}
const round2 = (x: number) => Math.round(x * 100) / 100;
inSight.sort((a, b) => a - b);
const percentile = (q: number) => (inSight.length ? inSight[Math.min(inSight.length - 1, Math.floor(q * inSight.length))] : 0);
const perBattle = Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, round2(v / games)]));
const summary = {
  map: mapId,
  difficulty,
  seed,
  games,
  wins,
  losses: games - wins,
  winRate: round2(wins / games),
  meanRounds: round2(rounds / games),
  soldiersDead: round2(dead / games),
  soldiersTaken: round2(taken / games),
  soldiersLost: round2((dead + taken) / games),
  acidDamage: round2(acid / games),
  kills: round2(kills / games),
  // the-wall's score beside meanRounds (how long): how many got out
  soldiersExtracted: round2(extracted / games),
  // the campaign's figures: both sergeants out alive (of which lost on the clock, fallen back)
  bothSergeantsOut: round2(bothOut / games),
  bothSergeantsFellBack: round2(bothOutOnClock / games),
  soldiersCameOut: round2(cameOutSum / games),
  // soldiers who left from a way out by their own action (withdraw), per battle
  withdrawals: round2(withdrawals / games),
  civiliansSaved: round2(civSaved / games),
  civiliansDead: round2(civDead / games),
  civiliansTaken: round2(civTaken / games),
  ...perBattle,
  friendlySplash: round2(conduct.friendlySplash / games),
  riflesLost: round2(conduct.riflesLost / games),
  leftBehind: round2(conduct.leftBehind / games),
  // the share of grabs answered of those a comrade on the board could answer, and of all grabs
  grabsAnswered: conduct.grabs > conduct.grabsAlone ? round2(conduct.grabsAnswered / (conduct.grabs - conduct.grabsAlone)) : 1,
  grabsAnsweredAll: conduct.grabs ? round2(conduct.grabsAnswered / conduct.grabs) : 1,
  inSightP50: percentile(0.5),
  inSightP95: percentile(0.95),
  hash: hashString(hashes.join(",")),
};
if (args.flag("json")) console.log(JSON.stringify(summary));
else for (const [k, v] of Object.entries(summary)) console.log(`${k.padEnd(14)} ${v}`);
