/**
 * The drill: the first battle that teaches by doing (docs/DESIGN.md §14). Each step asks
 * the player to do one thing and is checked by the engine's state and events alone; a step may set
 * its scene (stage.ts) and fall back to an earlier step when its scene falls apart (the comrade
 * was taken). Played as Sergeant Takumi on `maps/drill.tmj`; Wang's seat stays idle.
 */
import type { BattleEvent, BattleState, Pos, Seat, Unit } from "../core/types.js";
import { posOfUnit } from "../core/units.js";
import { threatsOn } from "../movement/routePreview.js";
import { stageScene } from "./stage.js";
import { RULES, SOLDIERS } from "../rules/table.js";

export const DRILL_MAP_ID = "drill";
export const DRILL_SEAT: Seat = "takumi";
const PRIVATE = "takumi-private-1";

export interface DrillStep {
  id: string;
  title: string;
  /** What the player is asked to do. */
  ask: string;
  /** What he has just done or seen, said once the step is done. */
  done: string;
  /** The step's scene, set when it begins. */
  stage?: (s: BattleState) => BattleState;
  /** Is the step done, after a command's events? */
  check: (s: BattleState, events: BattleEvent[]) => boolean;
  /** The scene fell apart: the id of the step to go back to (staged anew), or null. */
  fallback?: (s: BattleState) => string | null;
  /** The tile the instructor points at when the step begins (a ping), and what kind. */
  focus?: (s: BattleState) => { pos: Pos; kind: "danger" | "move" | "target" } | null;
}

const mine = (s: BattleState): Unit[] => s.units.filter((u) => u.side === "squad" && u.seat === DRILL_SEAT && u.fate === "active");
const isMine = (s: BattleState, id: string) => s.units.some((u) => u.id === id && u.side === "squad" && u.seat === DRILL_SEAT);
const isCreature = (s: BattleState, id: string) => s.units.some((u) => u.id === id && u.side === "creature");
const creaturesLeft = (s: BattleState) => s.units.some((u) => u.side === "creature" && u.fate === "active");
const privateOf = (s: BattleState) => s.units.find((u) => u.id === PRIVATE);
const creatureAt = (kind: "danger" | "target") => (s: BattleState) => {
  const c = s.units.find((u) => u.side === "creature" && u.fate === "active");
  return c ? { pos: posOfUnit(c), kind } : null;
};

export const DRILL_STEPS: DrillStep[] = [
  {
    id: "move",
    title: "Move",
    ask: `Click Sergeant Takumi, then click a lit tile to move him there. The path shows what the move costs before you commit. Each soldier has ${RULES.apPerRound} action points (AP) a round; one moves him up to ${SOLDIERS.takumi.move} tiles.`,
    done: "Moved. Every move is previewed: its AP, the acid on the way, and whatever is announced to strike where you stop.",
    check: (s, ev) => ev.some((e) => e.type === "moved" && isMine(s, e.unit)),
  },
  {
    id: "intent",
    title: "Read an intent",
    ask: "A Snatcher. Nothing attacks without warning: it shows what it will do. The red tiles are its lunge's reach where it will land, and it names its victim: your private. Move the private off the red tiles.",
    done: "Out of its reach: when it lunges, it closes on nothing.",
    stage: (s) => stageScene(s, DRILL_SEAT, {
      soldiers: { takumi: { x: 2, y: 4 }, [PRIVATE]: { x: 5, y: 4 } },
      creatures: [{ kind: "snatcher", x: 9, y: 4, hp: 3 }],
    }),
    check: (s) => {
      if (s.phase !== "player") return false;
      const grabs = s.intents.filter((i) => i.kind === "grab");
      return grabs.length > 0 && !mine(s).some((u) => threatsOn(s, u).some((t) => t.kind === "grab"));
    },
    fallback: (s) => (privateOf(s)?.grabbedBy || privateOf(s)?.fate !== "active" || !creaturesLeft(s) ? "intent" : null),
    focus: creatureAt("danger"),
  },
  {
    id: "shoot",
    title: "Shoot",
    ask: "Now shoot it: select a soldier and click the Snatcher to aim (its hit chance and the parts of it are shown), then click it again to fire. Out of AP? Press E to end the round.",
    done: "Fired.",
    check: (s, ev) => ev.some((e) => e.type === "shot" && isMine(s, e.unit)),
    focus: creatureAt("target"),
    fallback: (s) => (privateOf(s)?.fate !== "active" || !creaturesLeft(s) ? "intent" : null),
  },
  {
    id: "kill",
    title: "A kill splashes acid",
    ask: "Kill it. Watch where it falls: its blood is acid.",
    done: "Its blood splashed acid on the tiles around the corpse (green). Acid burns whoever stands or walks in it and eats armor; never kill one beside a comrade.",
    check: (s, ev) => ev.some((e) => e.type === "died" && isCreature(s, e.unit)) && ev.some((e) => e.type === "acid"),
    fallback: (s) => (privateOf(s)?.fate !== "active" || !creaturesLeft(s) ? "intent" : null),
  },
  {
    id: "hold",
    title: "Hold on",
    ask: "A Snatcher has your private and will drag him to the drain (the purple path; \"gone in 1\"). Move Takumi beside him, then press H (Hold on): it costs all his AP, and the drag halts this round.",
    done: `Holding on. End the round (E): the drag halts, and the tug costs the private ${RULES.snatcher.tugDamage} hp.`,
    stage: (s) => stageScene(s, DRILL_SEAT, {
      soldiers: { takumi: { x: 5, y: 5 }, [PRIVATE]: { x: 2, y: 6 } },
      creatures: [{ kind: "snatcher", x: 1, y: 6, hp: 5, grabs: PRIVATE }],
    }),
    check: (s, ev) => ev.some((e) => e.type === "heldOn" && e.comrade === PRIVATE),
    fallback: (s) => (privateOf(s)?.grabbedBy ? null : "hold"),
    focus: (s) => { const p = privateOf(s); return p ? { pos: posOfUnit(p), kind: "danger" } : null; },
  },
  {
    id: "free",
    title: "Free him",
    ask: "End the round (E) if you have not. Then free him: kill the Snatcher (he takes the splash), or a called shot at its arm (C, then click it twice) frees him clean. Hold on again if you cannot.",
    done: `Free. A freed soldier has ${RULES.freedAp} AP next round.`,
    check: (s, ev) => ev.some((e) => e.type === "freed" && e.unit === PRIVATE),
    fallback: (s) => (privateOf(s)?.fate !== "active" ? "hold" : null),
    focus: creatureAt("target"),
  },
  {
    id: "withdraw",
    title: "Withdraw",
    ask: "The green tiles on the right are a way out. Walk a soldier onto one (E ends the round if he needs two), then press W (Withdraw): he leaves the board alive. In a battle this is how a squad falls back.",
    done: "Out alive. That is the drill.",
    stage: (s) => stageScene(s, DRILL_SEAT, { clear: true }),
    focus: () => ({ pos: { x: 11, y: 2, level: 0 }, kind: "move" }),
    check: (s, ev) => ev.some((e) => (e.type === "withdrew" || e.type === "extracted") && isMine(s, e.unit)),
  },
];
