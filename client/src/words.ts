/**
 * The log's words for every event the engine emits, with names a player reads ("Private Wang-1",
 * "a creature in the dust"), never ids. The table is typed by event kind, so a new kind added to
 * shared/core/types.ts fails the type-check (and tests/client/words.test.ts) until it is worded here.
 */
import type { BattleEvent, DamageCause, PhraseKey, Pos, WireState } from "./engine";
import { RULES, civilianName, creatureKindName, creatureName, soldierName } from "./engine";

export const SEAT_NAME: Record<string, string> = { takumi: "Takumi", wang: "Wang", spectator: "Spectator" };
/** The quick phrases' words, by key (only the key travels). */
export const PHRASE_TEXT: Record<PhraseKey, string> = {
  coverMe: "Cover me",
  fallingBack: "Falling back",
  holdOn: "Hold on to him!",
  needAmmo: "Need ammo",
  wait: "Wait",
  go: "Go",
};

export const phraseLine = (seat: string, key: PhraseKey) => `${SEAT_NAME[seat] ?? seat}: “${PHRASE_TEXT[key]}”`;

/**
 * What the board announces when a seat changes hands (a player drops, the bot takes his seat, he
 * comes back); null for a change not worth a word.
 */
export function seatChangeText(seat: string, before: string, after: string): string | null {
  const name = SEAT_NAME[seat] ?? seat;
  if (before === after || !before) return null;
  if (after === "dropped") return `${name} lost the connection — his seat is held for him`;
  if (after === "bot") return before === "dropped" ? `${name} did not come back — the bot takes his squad` : `The bot takes ${name}'s squad`;
  if (after === "player") return before === "dropped" ? `${name} is back` : before === "bot" ? `${name} takes his squad from the bot` : `${name} joins the battle`;
  if (after === "open") return `${name} left — his seat is open`;
  if (after === "partner") return `You command ${name}'s squad as well`;
  return null;
}

/** Where the unseen are: "in the dust" on a dusty map, "out of sight" on a clear one (setSceneDust). */
export const UNSEEN = { where: "in the dust" };

/** The battle screen tells the words its map's air: a clear map has no dust to speak of. */
export function setSceneDust(dusty: boolean): void {
  UNSEEN.where = dusty ? "in the dust" : "out of sight";
}

/** A unit's name as the log and the panels say it. */
export function unitName(w: WireState | null, id: string): string {
  const civilian = civilianName(id);
  if (civilian) return civilian;
  const u = w?.units[id];
  if (!u) return id.startsWith("c") ? `a creature ${UNSEEN.where}` : soldierNameFromId(id);
  if (u.kind === "takumi") return "Sergeant Takumi";
  if (u.kind === "wang") return "Sergeant Wang";
  if (u.kind === "private") return soldierNameFromId(id);
  // the engine's one naming (core/names.ts), as its previews say it: the order badge on its tile
  // while it has announced an intent, so the plan, the log and the board agree on "Snatcher 1"
  return creatureName(u.kind, id, w?.intents?.find((i) => i.unit === id)?.order ?? null);
}

/** "wang-private-1" → "Private Wang-1": the engine's one naming (soldiers are always in the state, even gone). */
const soldierNameFromId = soldierName;

const CAUSE: Record<DamageCause, string> = {
  shot: "a shot",
  grenade: "the grenade",
  butt: "a rifle butt",
  acid: "acid",
  splash: "an acid splash",
  vapour: "corpse vapour",
  grab: "the grab",
  sweep: "a sweep",
  spit: "spit acid",
  fall: "the fall",
  spawn: "a creature climbing out under him",
  tug: "the tug-of-war",
  fire: "the fire",
};

const PHASE: Record<string, string> = { enemy: "Enemy phase", environment: "Environment phase", player: "Player phase" };
const STAGE: Record<string, string> = { hold: "hold the line", reach: "reach the survivors", extract: "break out to the exit" };
const at = (p: Pos) => `${p.x},${p.y}${p.level ? ` (level ${p.level})` : ""}`;

type Wording = { [K in BattleEvent["type"]]: (e: Extract<BattleEvent, { type: K }>, n: (id: string) => string) => string };

export const WORDS: Wording = {
  moved: (e, n) => `${n(e.unit)} moves to ${at(e.path[e.path.length - 1] ?? { x: 0, y: 0, level: 0 })}`,
  shot: (e, n) =>
    `${n(e.unit)} ${e.overwatch ? "fires on overwatch at" : e.called ? "aims at the arm of" : "fires at"} ${n(e.target)}: ${e.hit ? `hit (${e.chance}%)` : `miss (${e.chance}%)`}`,
  grenade: (e, n) => `${n(e.unit)} throws a grenade at ${at(e.at)} (${e.tiles.length} tiles)`,
  butt: (e, n) => `${n(e.unit)} rifle-butts ${n(e.target)} (−${e.damage})`,
  damaged: (e, n) => `${n(e.unit)} takes ${e.amount} from ${CAUSE[e.cause] ?? e.cause} (hp ${e.hp})`,
  died: (e, n) => `${n(e.unit)} dies`,
  acid: (e) => `acid ${e.intensity} spreads at ${at(e.at)}`,
  corroded: (e, n) => `acid eats ${n(e.unit)}'s armor (armor ${e.armor})`,
  grabbed: (e, n) => (e.hit ? `${n(e.unit)} grabs ${n(e.victim)}` : `${n(e.unit)} lunges at ${n(e.victim)} and misses`),
  freed: (e, n) => `${n(e.unit)} is freed by ${n(e.by)} (${RULES.freedAp} AP next round)`,
  dragged: (e, n) => `${n(e.unit)} drags ${n(e.victim)} ${e.path.length} tile${e.path.length === 1 ? "" : "s"} toward the dark`,
  taken: (e, n) => `${n(e.unit)} is taken by ${n(e.by)}`,
  pounced: (e, n) => `${n(e.unit)} pounces to ${at(e.to)}${e.hit.length ? `, sweeping ${e.hit.map(n).join(" and ")}` : ""}`,
  spat: (e, n) => `${n(e.unit)} spits acid at ${at(e.at)}${e.hit ? `, hitting ${n(e.hit)}` : ""}`,
  spawned: (e) => `a ${creatureKindName(e.kind)} climbs out at ${at(e.at)}`,
  reloaded: (e, n) => `${n(e.unit)} reloads`,
  overwatch: (e, n) => `${n(e.unit)} goes on overwatch`,
  weaponLost: (e, n) => `${n(e.unit)}'s rifle falls into the acid and is lost`,
  melted: (e) => `the floor at ${at(e.at)} melts through`,
  fell: (e, n) => `${n(e.unit)} falls through to ${at(e.to)}`,
  squeezed: (e) => `the line closes to radius ${e.radius}${e.nextRadius !== e.radius ? ` (next: ${e.nextRadius})` : ""}`,
  perimeterBroken: () => "the line is broken: break out to the exit!",
  objective: (e) => `new objective: ${STAGE[e.stage] ?? e.stage}`,
  extracted: (e, n) => (civilianName(e.unit) ? `${n(e.unit)} gets out: saved` : `${n(e.unit)} reaches the exit and is out`),
  withdrew: (e, n) => `${n(e.unit)} falls back off the board and is out`,
  rescued: (e) => `survivors rescued at ${at(e.at)}`,
  ready: (e) => `${SEAT_NAME[e.seat] ?? e.seat} is ${e.ready ? "ready" : "not ready"}`,
  undone: (e, n) => `${n(e.unit)}'s move is taken back`,
  phase: (e) => `— ${PHASE[e.phase] ?? e.phase}, round ${e.round} —`,
  ended: (e) => (e.outcome === "won" ? "the battle is won" : "the battle is lost"),
  heldOn: (e, n) => `${n(e.unit)} holds on to ${n(e.comrade)}`,
  down: (e, n) => `${n(e.unit)} is down: revive him before the next round ends`,
  revived: (e, n) => `${n(e.by)} gets ${n(e.unit)} back on his feet`,
  carried: (e, n) => `${n(e.by)} picks up ${n(e.unit)}`,
  dropped: (e, n) => `${n(e.by)} puts ${n(e.unit)} down at ${at(e.at)}`,
  tugged: (e, n) => `${n(e.by)} holds on: the drag halts and the tug hurts ${n(e.victim)}`,
  pulled: (e, n) => `${n(e.unit)} pulls ${n(e.victim)} to ${at(e.to)}`,
  fire: (e) => `fire at ${at(e.at)}${e.rounds > 0 ? ` (${e.rounds} round${e.rounds === 1 ? "" : "s"})` : " goes out"}`,
  heard: (e, n) =>
    e.fate === "dead" ? `a scream out of sight: ${n(e.civilian)} is dead` : e.fate === "taken" ? `a cry dragged off into the dark: ${n(e.civilian)} is taken` : `${n(e.civilian)} got out where you could not see: saved`,
  objectiveLost: (e) =>
    `the scene can no longer be won: ${e.canStillSave === 0 ? "no one is left to save" : `at most ${e.canStillSave} can still be saved`}, and it needs ${e.need}. Get your soldiers out alive`,
  ambush: (e, n) => `ambush! ${n(e.unit)} runs into ${n(e.by)} at ${at(e.at)} and stops short`,
};

/** The log line of one event (an unknown kind from a newer server still gets a line). */
export function describeEvent(e: BattleEvent, w: WireState | null): string {
  const n = (id: string) => unitName(w, id);
  const f = (WORDS as Record<string, (e: BattleEvent, n: (id: string) => string) => string>)[e.type];
  const line = f ? f(e, n) : `${(e as { type: string }).type}`;
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/**
 * A refusal in words a player reads: the server's message, except for the codes about the
 * connection rather than the move (the server's words are written for a developer there).
 */
const REFUSAL: Record<string, string> = {
  ERR_SHUTTING_DOWN: "The server is being updated and hands this battle to another one: your last command was not played yet: it is sent again as soon as you are back in your seat, in a moment.",
  ERR_UNAVAILABLE: "The server cannot record the battle right now: your last command was not played yet; it is sent again in a moment.",
  ERR_DUPLICATE: "That command had already arrived (it was sent again after the connection came back): it counts once.",
  ERR_RATE_LIMITED: "Too many commands at once: wait a moment, then try again.",
  ERR_CONNECTION: "Not sent: the connection is down. It goes out again as soon as you are reconnected.",
};

export function refusalText(code: string, message: string): string {
  return REFUSAL[code] ?? message;
}

/** The marker while commands await the server's acknowledgement. */
export function pendingText(count: number): string {
  return count <= 0 ? "" : count === 1 ? "sending…" : `sending ${count}…`;
}

// ---- the campaign and the objective line ---------------------------------------------------

/** "in the alley" → "In the alley". */
export const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const rounds = (n: number): string => `${n} round${n === 1 ? "" : "s"}`;

/** The header's scene: "Scene 2 of 6 · In the alley". */
export function sceneTitle(index: number, count: number, place: string): string {
  return `Scene ${index + 1} of ${count}${place ? ` · ${capital(place)}` : ""}`;
}

/**
 * A scene's clock in its own words: `left` counts the rounds still to play, this one included
 * (the battle ends after the map's last round). The bus's clock is its burning power cell.
 */
const CLOCK: Record<string, (left: number) => string> = {
  "the-bus": (left) => (left <= 1 ? "the cell blows at the end of this round" : `the cell blows in ${rounds(left)}`),
};

export function clockText(mapId: string, left: number): string {
  const f = CLOCK[mapId];
  if (f) return f(left);
  return left <= 1 ? "last round" : `${rounds(left)} left`;
}

/** The score of a scene played for a score (the wall: how long, how many through the gate). */
const SCORE: Record<string, (held: number, out: number) => string> = {
  "the-wall": (held, out) => `held ${rounds(held)} · ${out} through the gate`,
};

export function scoreText(mapId: string, held: number, out: number): string | null {
  return SCORE[mapId]?.(held, out) ?? null;
}

export const OBJECTIVE_NAME: Record<string, string> = { hold: "Hold the line", reach: "Reach them", extract: "Break out" };

/** Between scenes and at the end. */
export const CAMPAIGN_WORDS = {
  betweenTitle: "Between scenes",
  waitingSummary: "Waiting for the campaign's report…",
  noReport: "No report for this scene.",
  won: "won",
  lost: "lost",
  kills: "Creatures killed",
  gotOut: "Got out",
  roundsHeld: "Rounds held",
  throughGate: "Through the gate",
  civilians: "Civilians saved",
  /** The bus's people: the trapped at its door. */
  trappedSaved: "The trapped saved",
  /** How the civilians were lost, beside the saved ("" when none was). */
  civiliansLost: (dead: number, taken: number) => [dead ? `dead ${dead}` : "", taken ? `taken ${taken}` : ""].filter(Boolean).join(" · "),
  soldiersLost: "Soldiers lost",
  lostHow: (how: [string, number][]) => how.map(([h, n]) => `${h} ${n}`).join(" · "),
  cameOut: (out: number, of: number) => `${out} of ${of} came out of it.`,
  watching: "You are watching: the players go on when both are ready.",
  notReached: "not reached",
  replay: "replay",
  rollTitle: "The roll of the fallen",
  rollEmpty: "No one has fallen yet.",
  livingTitle: "Still standing",
  livingEmpty: "No one is left.",
  nextTitle: "Next",
  pursuit: (n: number) => `They followed you: ${n} more Snatchers catch up with the squad in the second round.`,
  readyButton: "Ready — go on",
  unreadyButton: "Not ready yet",
  over: "The campaign is over",
  complete: "The last night is over",
  scenesTitle: "The scenes",
  record: "Download the campaign record",
  newCampaign: "New campaign",
  lookAtBoard: "Look at the board",
  fullReport: "The scene in full: chart, replay",
  backToReport: "Between scenes",
  backToEnd: "The campaign's end",
} as const;

/** What a seat is doing between scenes, as its partner sees it. */
export function readyText(seat: string, holder: string, ready: boolean, you: boolean, watching = false): string {
  const name = SEAT_NAME[seat] ?? seat;
  if (you) return ready ? "You are ready: waiting to go on." : "Mark ready to go on.";
  if (holder === "bot") return watching ? `The bot commands ${name}'s squad: it goes on with the other.` : `The bot commands ${name}'s squad: it goes on when you do.`;
  if (holder === "open" || holder === "") return watching ? `${name}'s seat is open.` : `${name}'s seat is open: the campaign goes on when you are ready.`;
  if (holder === "partner") return `You command ${name}'s squad as well.`;
  if (holder === "dropped") return ready ? `${name} is ready (his connection dropped).` : `${name} lost the connection: waiting for him.`;
  return ready ? `${name} is ready.` : `Waiting for ${name}.`;
}
