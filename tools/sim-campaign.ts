/**
 * npm run sim -- --campaign --seed 1 --games 200 [--difficulty normal] [--json] [--record file.json]
 * Plays whole campaigns with two bots (campaign seeds seed, seed+1, …) and prints how far they get:
 * per scene, how many campaigns reached it, won it, lost it on the clock and fell back with both
 * sergeants (the campaign goes on), how often both sergeants came out of it, and the mean soldiers
 * who started it and came out of it.
 * --record writes the first campaign's record.
 */
import { writeFileSync } from "node:fs";
import { DIFFICULTIES, SCENES, type Difficulty } from "../shared/index.js";
import { hashString } from "../shared/core/hash.js";
import { loadMapById } from "../server/maps.js";
import { playCampaign } from "./play-campaign.js";
import { orExit, type Args } from "./args.js";

export function simCampaigns(args: Args): void {
  const { seed, games, difficulty } = orExit(() => {
    const difficulty = args.get("difficulty", "normal") as Difficulty;
    if (!DIFFICULTIES.includes(difficulty)) throw new Error(`--difficulty must be one of ${DIFFICULTIES.join(", ")}`);
    return { seed: args.num("seed", 1), games: args.num("games", 200), difficulty };
  });
  const maps = new Map(SCENES.map((s) => [s.map, orExit(() => loadMapById(s.map))]));
  const reached = SCENES.map(() => 0), won = SCENES.map(() => 0), soldiers = SCENES.map(() => 0);
  // per scene: lost on the clock and fallen back with both sergeants (the campaign went on), soldiers out
  const fellBack = SCENES.map(() => 0), survived = SCENES.map(() => 0), bothOut = SCENES.map(() => 0);
  let complete = 0, fallen = 0;
  const hashes: string[] = [];
  for (let g = 0; g < games; g++) {
    const played = playCampaign(seed + g, { difficulty }, (id) => maps.get(id)!);
    played.startedPerScene.forEach((n, i) => { reached[i]++; soldiers[i] += n; });
    played.campaign.results.forEach((r, i) => {
      if (r.outcome === "won") won[i]++;
      survived[i] += r.survived.length;
      const sergeants = r.survived.includes("takumi") && r.survived.includes("wang");
      if (sergeants) bothOut[i]++;
      if (sergeants && r.outcome === "lost") fellBack[i]++;
    });
    if (played.campaign.status === "complete") complete++;
    fallen += played.campaign.fallen.length;
    hashes.push(played.record.finalHash!);
    if (g === 0 && args.get("record", "") !== "") writeFileSync(args.get("record", ""), JSON.stringify(played.record) + "\n");
  }
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const scenes = SCENES.map((s, i) => ({
    map: s.map,
    reached: round2(reached[i] / games),
    won: round2(won[i] / games),
    fellBack: round2(fellBack[i] / games),
    // of the campaigns that reached the scene
    bothSergeantsOut: reached[i] ? round2(bothOut[i] / reached[i]) : 0,
    soldiersAtStart: reached[i] ? round2(soldiers[i] / reached[i]) : 0,
    soldiersOut: reached[i] ? round2(survived[i] / reached[i]) : 0,
  }));
  const summary = {
    campaign: true,
    difficulty,
    seed,
    games,
    reachedTheWall: scenes[scenes.length - 1].reached,
    complete: round2(complete / games),
    fallenPerCampaign: round2(fallen / games),
    scenes,
    hash: hashString(hashes.join(",")),
  };
  if (args.flag("json")) console.log(JSON.stringify(summary));
  else {
    for (const [k, v] of Object.entries(summary)) if (k !== "scenes") console.log(`${k.padEnd(17)} ${v}`);
    console.log("scene          reached  won   fell back  both sergeants out  soldiers at start  soldiers out");
    for (const s of scenes)
      console.log(`${s.map.padEnd(14)} ${String(s.reached).padEnd(8)} ${String(s.won).padEnd(5)} ${String(s.fellBack).padEnd(10)} ${String(s.bothSergeantsOut).padEnd(19)} ${String(s.soldiersAtStart).padEnd(18)} ${s.soldiersOut}`);
  }
}
