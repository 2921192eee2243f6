/**
 * The animation queue: each step's events are played one after another on the board, each with
 * its worded log line (words.ts) and, for the few that change the battle's course, a banner. A
 * state that arrives while events play waits until they end, so units do not jump ahead of their
 * animation.
 */
import type { BattleEvent, WireState } from "../engine";
import type { BoardRenderer } from "../board";
import { PHASE_TEXT } from "../hud";
import { describeEvent, unitName, UNSEEN } from "../words";
import { getTestState, setTestState } from "../teststate";

export interface PlaybackHost {
  readonly board: BoardRenderer;
  /** The state on the board (the events play from it). */
  readonly wire: WireState | null;
  log(line: string): void;
  banner(text: string, ms: number): void;
  hideBanner(): void;
  /** These events begin to play (a banner keeps off them). */
  happening(events: BattleEvent[]): void;
  /** Something the screen shows changed (playing started, a phase began): redraw once. */
  changed(): void;
  /** Resolves once the screen is drawn as it is now. */
  drawn(): Promise<void>;
  /** The queue ran dry: show the state that came meanwhile (null if none). */
  done(next: WireState | null): void;
}

type Naming = (id: string) => string;
/** The banner (text, ms on screen; 0 = until the phase ends) an event raises, by event kind. */
type Banners = { [K in BattleEvent["type"]]?: (e: Extract<BattleEvent, { type: K }>, n: Naming) => [string, number] };

const BANNERS: Banners = {
  ended: (e) => [e.outcome === "won" ? "Victory" : "Defeat", 0],
  squeezed: (e) => [`The line closes — radius ${e.radius}`, 0],
  taken: (e, n) => [`${n(e.unit)} was taken`, 0],
  weaponLost: (e, n) => [`${n(e.unit)} lost his rifle`, 0],
  ambush: (e, n) => [`Ambush! ${n(e.unit)} stopped short`, 1800],
};

function bannerFor(e: BattleEvent, n: Naming): [string, number] | undefined {
  const make = BANNERS[e.type] as ((e: BattleEvent, n: Naming) => [string, number]) | undefined;
  return make?.(e, n);
}

const bump = (key: string) => setTestState({ [key]: ((getTestState()[key] as number) ?? 0) + 1 });

export class Playback {
  playing = false;
  /** The phase whose events are playing (enemy, environment), null at the squad's turn. */
  animPhase: string | null = null;
  private queue: { round: number; events: BattleEvent[] }[] = [];
  private held: WireState | null = null;

  constructor(private host: PlaybackHost) {}

  /** A step's events: played now, or after those already queued. */
  push(round: number, events: BattleEvent[]): void {
    if (!events.length) return;
    this.queue.push({ round, events });
    this.host.board.note(`in ${events.length}${this.playing ? " queued" : ""}`);
    if (!this.playing) void this.drain();
  }

  /** A new state: kept until the events end (true), or to be shown now (false). */
  hold(wire: WireState): boolean {
    if (!this.playing) return false;
    this.held = wire;
    return true;
  }

  /** A campaign's next scene: nothing queued of the old one is played. */
  clear(): void {
    this.queue = [];
    this.held = null;
    this.animPhase = null;
  }

  private async drain(): Promise<void> {
    this.playing = true;
    try {
      // the events play from the board as it is shown (the previews hidden while they play)
      await this.host.drawn();
      while (this.queue.length) await this.playStep(this.queue.shift()!.events);
    } finally {
      this.host.board.note("dry");
      this.playing = false;
      this.animPhase = null;
      const next = this.held;
      this.held = null;
      this.host.done(next);
    }
  }

  private async playStep(events: BattleEvent[]): Promise<void> {
    const h = this.host;
    const n: Naming = (id) => unitName(h.wire, id);
    const enemy = events.some((e) => e.type === "phase");
    const seenEnemy = events.some((e) => "unit" in e && typeof e.unit === "string" && e.unit.startsWith("c"));
    // a kill splashes acid on several tiles: one line for the run, not one per tile
    let acid: Extract<BattleEvent, { type: "acid" }>[] = [];
    const flushAcid = () => {
      if (acid.length === 1) h.log(describeEvent(acid[0], h.wire));
      else if (acid.length > 1) h.log(`Acid spreads over ${acid.length} tiles (up to ${Math.max(...acid.map((a) => a.intensity))})`);
      acid = [];
    };
    await h.board.animate(events, (e) => {
      if (e.type === "acid") {
        acid.push(e);
        return;
      }
      flushAcid();
      const line = describeEvent(e, h.wire);
      if (line) h.log(line);
      if (e.type === "phase") {
        this.animPhase = e.phase === "player" ? null : e.phase;
        if (e.phase === "enemy") {
          h.banner(seenEnemy ? "Enemy phase" : `Enemy phase — ${UNSEEN.where}`, 0);
          bump("enemySeen");
          // when the enemy phase began to play (the pace test splits the wait after Ready with it)
          setTestState({ enemyAt: performance.now() });
        } else if (e.phase !== "player") h.banner(PHASE_TEXT[e.phase] ?? e.phase, 0);
        // the phase's banner where none of its events will play, if the board has such a band
        h.happening(events);
        h.changed();
        return;
      }
      const banner = bannerFor(e, n);
      if (banner) h.banner(...banner);
      h.happening([e]);
    });
    flushAcid();
    // what the squad heard in the fog: noise markers drifting to where the next state has them
    const next = this.held;
    const wire = h.wire;
    if (enemy && next && wire && next.phase === "player" && (next.noise?.length || wire.noise?.length)) {
      bump("heard");
      // it drifts on while the squad's move begins: nothing to wait for in it
      void h.board.noiseDrift(wire.noise ?? [], next.noise ?? []);
    }
    if (enemy) h.hideBanner();
  }
}
