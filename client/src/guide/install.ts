/**
 * The guide around a battle: the briefing screen when a scene opens, and the first-time tips. It
 * sits between the backend and the battle screen (it wraps the handlers the screen gives the
 * backend), so the battle screen itself is not touched.
 */
import "./guide.css";
import type { Backend, BackendHandlers } from "../backend";
import { getTestState } from "../teststate";
import { sceneTitle } from "../words";
import { BriefingScreen } from "./briefingScreen";
import { guideOn } from "./prefs";
import { Tips } from "./tips";
import { sceneOpening } from "./sceneGate";

export interface GuideOptions {
  /** First-time tips (off in the drill, which teaches by its own card). */
  tips?: boolean;
}

export function installGuide(backend: Backend, opts: GuideOptions = {}): { briefing: BriefingScreen } | null {
  if (!guideOn()) return null;
  const briefing = new BriefingScreen();
  const tips = opts.tips === false ? null : new Tips(() => !!getTestState().animating || briefing.open);
  let lastScene = "";
  const set = backend.setHandlers.bind(backend);
  backend.setHandlers = (h: BackendHandlers) =>
    set({
      ...h,
      state(wire, info) {
        h.state(wire, info);
        // a scene opens on its briefing: the first state of each scene in this page, at its start
        const open = sceneOpening(lastScene, wire, info);
        lastScene = open.key;
        if (open.brief) {
          const c = info.campaign;
          const place = c.summary?.scenes[c.scene]?.place ?? "";
          briefing.show({ map: backend.map, wire, sceneLabel: c.stage ? sceneTitle(c.scene, c.scenes, place) : "" });
        }
      },
      events(round, events) {
        h.events(round, events);
        tips?.events(events, backend.wire, backend.seat);
      },
    });
  return { briefing };
}
