/**
 * What the board draws over the state, from the controller's preview: selection, cursor, the
 * partner's selection, pointer, planned path, pings and phrases, and (not while events play) reach, route, targets and
 * the grenade's blast.
 */
import type { Pos } from "../engine";
import { emptyOverlay, type Overlay, type PartnerRoute, type PhraseMark, type PingMark } from "../board";
import type { BattleController, Preview } from "../controller";
import { routeTag } from "../hud";
import type { PlanMark } from "../partner/planDraw";
import { haltedDrags } from "../previews";

export interface OverlayInputs {
  ctl: BattleController;
  preview: Preview;
  playing: boolean;
  pings: PingMark[];
  phrases: PhraseMark[];
  partnerRoute: PartnerRoute | null;
  partnerSeat: string | null;
  partnerPointer: Pos | null;
  partnerSelected: string | null;
  partnerPlan?: PlanMark | null;
}

export function boardOverlay({ ctl, preview: p, playing, pings, phrases, partnerRoute, partnerSeat, partnerPointer, partnerSelected, partnerPlan }: OverlayInputs): Overlay {
  const o = emptyOverlay();
  o.selected = ctl.selected;
  o.cursor = ctl.cursor;
  o.pings = pings;
  o.phrases = phrases;
  o.partnerSeat = partnerSeat;
  o.partnerPointer = partnerPointer;
  o.partnerSelected = partnerSelected;
  o.exposed = p.exposed;
  o.focus = p.focus;
  const view = ctl.context?.view;
  o.halted = view ? haltedDrags(view) : {};
  if (playing) return o;
  o.partnerPlan = partnerPlan ?? null;
  o.partnerRoute = partnerRoute;
  o.reach = p.reach;
  o.targets = p.targets;
  o.target = ctl.target;
  o.blast = p.blast;
  o.throwable = p.throwable;
  if (p.route) {
    const burn = p.routeFire.reduce((n, f) => n + f.damage, 0);
    // fire on the way is drawn as a hazard too (no armor lost to it)
    const fire = p.routeFire.map((f) => ({ pos: f.pos, damage: f.damage, corrosion: 0, fire: true }));
    o.route = { path: p.route.path, waypoints: ctl.waypoints, ok: p.route.ok, hazards: [...p.route.hazards, ...fire], ...routeTag(p.route, burn) };
  } else if (ctl.waypoints.length) o.route = { path: [], waypoints: ctl.waypoints, ok: true, hazards: [], tag: "", danger: false };
  return o;
}
