/** "How to play": the game in a page, opened from the start page. Its numbers are the engine's. */
import { RULES } from "../engine";

export const DRILL_URL = "/?offline=1&map=drill&drill=1";

export const HOW_TO_PLAY: { head: string; text: string }[] = [
  { head: "The round", text: `You and your partner each command a sergeant and his privates. Every soldier has ${RULES.apPerRound} action points (AP) a round: move, shoot, throw, reload. When both of you press Ready (E) the creatures act, then the ground: acid spreads and fades, the ring closes, the next wave climbs out.` },
  { head: "Intents", text: "Nothing attacks without warning. Every creature you can see shows what it will do before you move: where it goes, the tiles it strikes (red), its place in the order (the number). A Snatcher's lunge reaches the tiles around where it lands: step off them and it closes on nothing." },
  { head: "Acid", text: "Their blood is acid. A kill splashes the tiles around the corpse, and the corpse leaks. Acid burns whoever stands in it or walks through it and eats armor; it fades over the rounds. Don't kill one beside a comrade." },
  { head: "The ring", text: "Where the platoon holds a circle, a soldier outside the line is exposed: a Snatcher takes him without a roll. Every corpse at the edge pushes the ring in. Hold until it breaks, then get out." },
  { head: "The drag", text: "A Snatcher that grabs a soldier drags him toward the nearest drain or alley mouth; \"gone in N\" counts the rounds left. Kill it to free him (he takes the splash), or a called shot at its arm (C) frees him clean." },
  { head: "Hold on", text: `A soldier beside a grabbed comrade can hold on (H): all his AP, and the drag halts this round. The tug costs the victim ${RULES.snatcher.tugDamage} hp.` },
  { head: "Withdraw", text: "A soldier on a way out (the green tiles) can withdraw (W): he leaves the board alive. Sergeants who fall back before the objective is met lose the scene, but the campaign goes on with whoever got out." },
  { head: "Keys", text: "Click a soldier, then a tile to move or a creature to shoot; the preview shows every cost before you commit. M move, S shoot, C arm shot, G grenade, H hold on, W withdraw, U undo, E ready, ? all keys." },
];

export function howToPlayHtml(): string {
  return `<dl class="howto">${HOW_TO_PLAY.map((s) => `<dt>${s.head}</dt><dd>${s.text}</dd>`).join("")}</dl>`;
}
