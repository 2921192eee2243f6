/**
 * What the room says of a campaign (docs/PROTOCOL.md, "Campaigns"): the stage, the scene, the two
 * seats' ready flags between scenes and the public summary (JSON in the Schema's `campaign`).
 * A single battle has stage "" and no summary. Plain data, read by net.ts and the panels.
 */
import type { CampaignSummary, Seat } from "./engine";

export type CampaignStage = "" | "scene" | "report" | "over" | "complete";

/** The public campaign summary the room sends (shared/campaign/summary.ts). */
export type { CampaignSummary };

export interface CampaignInfo {
  stage: CampaignStage;
  /** 0-based: the scene being played (in "report", the one just ended). */
  scene: number;
  scenes: number;
  ready: Record<Seat, boolean>;
  summary: CampaignSummary | null;
}

export const noCampaign = (): CampaignInfo => ({ stage: "", scene: 0, scenes: 0, ready: { takumi: false, wang: false }, summary: null });

const STAGES: readonly CampaignStage[] = ["", "scene", "report", "over", "complete"];

let lastJson = "";
let lastSummary: CampaignSummary | null = null;

/** The summary from its JSON (parsed once per distinct text; a broken text is no summary). */
export function parseSummary(json: string): CampaignSummary | null {
  if (!json) return null;
  if (json === lastJson) return lastSummary;
  let s: CampaignSummary | null = null;
  try {
    const v = JSON.parse(json) as CampaignSummary;
    if (v && Array.isArray(v.scenes) && Array.isArray(v.fallen) && Array.isArray(v.results) && Array.isArray(v.soldiers)) s = v;
  } catch {
    s = null;
  }
  lastJson = json;
  lastSummary = s;
  return s;
}

/** The campaign's room fields from the Schema state's JSON. */
export function readCampaign(j: Record<string, unknown>): CampaignInfo {
  const stage = String(j.campaignStage ?? "") as CampaignStage;
  if (!stage || !STAGES.includes(stage)) return noCampaign();
  return {
    stage,
    scene: Number(j.campaignScene ?? 0),
    scenes: Number(j.campaignScenes ?? 0),
    ready: { takumi: !!j.campaignReadyTakumi, wang: !!j.campaignReadyWang },
    summary: parseSummary(String(j.campaign ?? "")),
  };
}
