/**
 * The drill in the page (`/?offline=1&map=drill&drill=1`): an offline battle on the drill map with
 * Wang's seat idle; after each command the engine's drill (shared/drill) says which step is done
 * and sets the next step's scene. The card says what to do, what was just done, and lets the
 * player skip a step or the whole drill.
 */
import * as engine from "../engine";
import type { DrillProgress } from "../engine";
import { BattleScreen } from "../battle/screen";
import { esc } from "../dom";
import { loadMap } from "../maps";
import { OfflineBackend } from "../offline";
import { setTestState } from "../teststate";
import { DRILL_URL } from "./howto";
import { installGuide } from "./install";
import { markDrillOffered } from "./prefs";

export async function runDrill(app: HTMLElement, seed: number): Promise<OfflineBackend> {
  const map = await loadMap(engine.DRILL_MAP_ID);
  const backend = new OfflineBackend(map, engine.DRILL_SEAT, seed, "normal", { partnerIdle: true });
  markDrillOffered("played");
  let { state, progress } = engine.drillStart(backend.battle);
  backend.restage(state);
  // Wang, the instructor, points at what each step is about as it begins
  const point = () => {
    const f = engine.currentStep(progress)?.focus?.(backend.battle);
    if (f) backend.partnerPing({ ...f.pos, kind: f.kind });
  };
  const card = new DrillCard(() => {
    const r = engine.drillSkipStep(progress, backend.battle);
    progress = r.progress;
    if (r.state !== backend.battle) backend.restage(r.state);
    card.show(progress, []);
    point();
  });
  backend.afterEvents = (events) => {
    const r = engine.drillAdvance(progress, backend.battle, events);
    const before = progress.step;
    progress = r.progress;
    if (r.state !== backend.battle) backend.restage(r.state);
    if (progress.step !== before || r.progress.justDone.length) card.show(progress, r.progress.justDone);
    if (progress.step !== before) point();
  };
  (window as unknown as { __offline: OfflineBackend }).__offline = backend;
  const guide = installGuide(backend, { tips: false });
  const screen = new BattleScreen(app, backend);
  await screen.start();
  // the card comes after the drill's briefing screen (at once when there is none)
  const showCard = () => card.show(progress, []);
  if (guide?.briefing.open) guide.briefing.onClosed(showCard);
  else showCard();
  return backend;
}

class DrillCard {
  private el: HTMLElement;
  private lastDone = "";

  constructor(private skip: () => void) {
    this.el = document.createElement("aside");
    this.el.id = "drill-card";
    this.el.setAttribute("aria-live", "polite");
  }

  show(p: DrillProgress, justDone: string[]): void {
    if (!this.el.isConnected) document.body.appendChild(this.el);
    const steps = engine.DRILL_STEPS;
    if (justDone.length) this.lastDone = steps.find((s) => s.id === justDone[justDone.length - 1])?.done ?? "";
    const step = engine.currentStep(p);
    const doneLine = this.lastDone ? `<p class="drill-done" id="drill-done">✓ ${esc(this.lastDone)}</p>` : "";
    if (!step) {
      markDrillOffered("done");
      this.el.innerHTML = `<h3>Drill complete</h3>${doneLine}<p>You have seen what every battle asks: read their intents, mind the acid, hold on to your own, and know your way out.</p>
        <p class="drill-buttons"><a class="button primary" id="drill-play" href="/">Play a battle</a> <a class="button" href="${DRILL_URL}">Again</a></p>`;
    } else {
      this.el.innerHTML = `<h3>Drill <span class="drill-count">${p.step + 1} of ${steps.length}</span> · ${esc(step.title)} <button id="drill-min" type="button" title="Fold the card away">–</button></h3>${doneLine}<p id="drill-ask">${esc(step.ask)}</p>
        <p class="drill-buttons"><button id="drill-skip-step" type="button">Skip this step</button> <a class="button" id="drill-leave" href="/">Leave the drill</a></p>`;
      this.el.querySelector("#drill-skip-step")!.addEventListener("click", () => this.skip());
      this.el.querySelector("#drill-min")!.addEventListener("click", () => this.el.classList.toggle("min"));
    }
    this.el.querySelector("#drill-leave")?.addEventListener("click", () => markDrillOffered("skipped"));
    setTestState({ drill: { step: step?.id ?? "finished", index: p.step, done: justDone } });
  }
}
