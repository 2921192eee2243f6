/** `window.__lastStand`: what the page shows, for tests (ready = the battle is drawn and interactive). */
export interface LastStandState {
  ready: boolean;
  seat: string;
  round: number;
  phase: string;
  [k: string]: unknown;
}

declare global {
  interface Window {
    __lastStand: LastStandState;
  }
}

export function getTestState(): LastStandState {
  if (!window.__lastStand) window.__lastStand = { ready: false, seat: "", round: 0, phase: "" };
  return window.__lastStand;
}

export function setTestState(patch: Partial<LastStandState>): void {
  window.__lastStand = { ...getTestState(), ...patch };
}
