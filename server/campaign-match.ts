/**
 * A campaign as the room plays it (docs/PROTOCOL.md, "Campaigns"): the six scenes in
 * order in one room, under one code, each scene a match of its own (`CODE-1` … `CODE-6`) whose
 * record replays on its own. Between scenes the room is in stage "report" until every seat a human
 * holds is marked ready; seats of the bot (or open) count as ready.
 *
 * The engine decides everything (shared/campaign): this module creates, stores and reopens. The
 * campaign's state is never stored, only derived: reopening replays the finished scenes' records
 * through `endScene` (the records are the truth). The store keeps the seed, the options, the
 * finished scenes' match ids, the ready marks and the stage (the last for listings only).
 */
import { ServerError } from "colyseus";
import {
  endScene, hashCampaign, newCampaign, nextSceneMap, replay, SCENES, startScene,
  type BattleState, type Campaign, type CampaignOptions, type MapDef, type Seat,
} from "../shared/index.js";
import { campaignSummary, sceneFacts, type SceneFacts } from "../shared/campaign/summary.js";
import { services } from "./services.js";
import { uniqueCode } from "./codes.js";
import { loadMapById } from "./maps.js";
import { drawSeed, EXPIRED, loadNewMap, newRoomOptions, StoredMatch, type OpenedBattle, type StoredRoomOptions } from "./match.js";
import type { CampaignProgress } from "./store/index.js";
import type { JoinOptions } from "./validation.js";

export type CampaignStage = "scene" | "report" | "over" | "complete";

/** Scene `index` (0-based)'s match id. */
export const sceneMatchId = (code: string, index: number) => `${code}-${index + 1}`;

/** The campaign code of a scene's match id ("ABCDE-3" → "ABCDE"), or null for a battle's. */
export function campaignCodeOf(matchId: string): string | null {
  const m = /^([A-Z]{8}|[A-Z]{5})-[1-9]$/.exec(matchId);
  return m ? m[1] : null;
}

/** The room-level Schema fields of a campaign (docs/PROTOCOL.md), or a single battle's (empty). */
export function campaignFields(run: CampaignRun | null, humanSeats: Seat[]): Record<string, string | number | boolean> {
  return run?.fields(humanSeats) ?? { campaignStage: "", campaignScene: 0, campaignScenes: 0, campaignReadyTakumi: false, campaignReadyWang: false, campaign: "" };
}

type Ready = { takumi: boolean; wang: boolean; seq: Record<Seat, number> };

export class CampaignRun {
  private summaryJson = "";

  private constructor(
    readonly code: string,
    private campaign: Campaign,
    private readonly facts: SceneFacts[],
    private readonly progress: CampaignProgress & { ready: Ready },
  ) {
    this.refreshSummary();
  }

  get stage(): CampaignStage {
    return this.progress.stage as CampaignStage;
  }

  /** A new campaign under a fresh code, and its first scene's battle. */
  static async create(options: JoinOptions, taken: (code: string) => Promise<boolean>): Promise<OpenedBattle & { campaign: CampaignRun }> {
    if (options.map !== undefined) throw new ServerError(400, "ERR_BAD_OPTIONS: a campaign plays its own scenes (no map)");
    const { store } = services();
    // A chosen seed (practice) derives the scenes' seeds; otherwise each scene's is drawn apart from the
    // CSPRNG and kept with the campaign, so no record served lets anyone compute the next scene.
    const seed = options.seed ?? drawSeed();
    const sceneSeeds = options.seed === undefined ? SCENES.map(() => drawSeed()) : undefined;
    const campaign = newCampaign(seed, { difficulty: options.difficulty ?? "normal", splitVision: false, ...(sceneSeeds ? { sceneSeeds } : {}) });
    const map = loadNewMap(SCENES[0].map, options);
    const code = await uniqueCode(async (c) => (await store.codeExists(c)) || (await taken(c)));
    const ro = newRoomOptions(options);
    const progress = { scene: 0, stage: "scene", ready: { takumi: false, wang: false, seq: { takumi: 0, wang: 0 } }, scenes: [], finished: false, finalHash: null };
    const opened = await StoredMatch.createWith(sceneMatchId(code, 0), map, startScene(campaign, map), ro, true);
    // stored, like a battle, once its creator has joined
    const persist = async () => {
      await store.createCampaign({ code, seed: campaign.seed, options: { ...campaign.options }, roomOptions: { ...ro }, createdAt: Date.now(), progress });
      await opened.persist!();
    };
    return { ...opened, persist, campaign: new CampaignRun(code, campaign, [], progress) };
  }

  /** Reopens a stored campaign (null if there is none): its finished scenes replayed, and the scene
   *  being played restored as a battle is, or the last one's final view between scenes. */
  static async open(code: string): Promise<(OpenedBattle & { campaign: CampaignRun }) | null> {
    const { store } = services();
    const row = await store.getCampaign(code);
    if (!row) return null;
    let campaign = newCampaign(row.seed, row.options as Partial<CampaignOptions>);
    const facts: SceneFacts[] = [];
    const saved = row.progress.ready as Partial<Ready>;
    const seq: Record<Seat, number> = { takumi: saved.seq?.takumi ?? 0, wang: saved.seq?.wang ?? 0 };
    for (const id of row.progress.scenes) {
      const record = await store.getRecord(id);
      if (!record) throw new ServerError(500, `ERR_RESTORE: scene ${id} has no record`);
      const map = loadMapById(record.map.id);
      facts.push(sceneFacts(replay(record, map).state, id));
      campaign = endScene(campaign, map, record);
      for (const c of record.log as { seq?: number; by?: Seat; seat: Seat }[]) if (c.seq) seq[c.by ?? c.seat] = Math.max(seq[c.by ?? c.seat], c.seq);
    }
    const progress = { ...row.progress, ready: { takumi: saved.takumi === true, wang: saved.wang === true, seq } };
    const run = new CampaignRun(code, campaign, facts, progress);
    // The scene being played: the one after the finished ones, if its match was stored (a crash
    // between storing it and the progress is caught up here).
    const current = campaign.status === "playing" ? await store.getInfo(sceneMatchId(code, campaign.scene)) : null;
    if (current?.outcome === EXPIRED) throw new ServerError(404, "ERR_UNKNOWN_CODE: That campaign expired.");
    const last = Math.max(0, facts.length - 1);
    const opened = await StoredMatch.open(current ? current.id : sceneMatchId(code, last));
    for (const s of ["takumi", "wang"] as const) seq[s] = Math.max(seq[s], opened.lastSeq[s]);
    opened.lastSeq = { ...seq };
    if (current) {
      run.progress.scene = campaign.scene;
      run.progress.stage = "scene";
      // it ended, but the campaign did not hear of it before the process stopped
      if (opened.battle.phase === "ended") {
        await opened.match.finish(String(opened.battle.outcome ?? "ended"));
        await run.sceneEnded(opened.match, opened.map, opened.battle);
      }
    } else {
      run.progress.scene = last;
      run.progress.stage = campaign.status === "playing" ? "report" : campaign.status;
    }
    run.refreshSummary();
    return { ...opened, campaign: run };
  }

  /** The scene's battle has ended: its stored record goes through `endScene`; the stage moves on. */
  async sceneEnded(match: StoredMatch, map: MapDef, battle: BattleState): Promise<void> {
    const record = await services().store.getRecord(match.code);
    if (!record) throw new Error(`scene ${match.code} has no record`);
    this.campaign = endScene(this.campaign, map, record);
    this.facts.push(sceneFacts(battle, match.code));
    const p = this.progress;
    p.scenes.push(match.code);
    p.stage = this.campaign.status === "playing" ? "report" : this.campaign.status;
    p.ready.takumi = p.ready.wang = false;
    p.finished = this.campaign.status !== "playing";
    p.finalHash = p.finished ? hashCampaign(this.campaign) : null;
    this.refreshSummary();
    await this.save();
  }

  /** Marks `seats` ready (or not) to go on; `seq` is the sender's sequence number, kept for restarts. */
  async mark(role: Seat, seats: Seat[], ready: boolean, seq: number | undefined): Promise<void> {
    for (const s of seats) this.progress.ready[s] = ready;
    if (seq !== undefined) this.progress.ready.seq[role] = Math.max(this.progress.ready.seq[role], seq);
    await this.save();
  }

  /** Between scenes: a seat counts as ready when marked so, or when no human holds it. */
  readyOf(seat: Seat, humanSeats: Seat[]): boolean {
    return this.stage === "report" && (this.progress.ready[seat] || !humanSeats.includes(seat));
  }

  /** The next scene is due: some human holds a seat, and every seat a human holds is ready. */
  due(humanSeats: Seat[]): boolean {
    return this.stage === "report" && humanSeats.length > 0 && humanSeats.every((s) => this.progress.ready[s]);
  }

  /** Starts the next scene: a new match `CODE-N` with the survivors, under the same room options. */
  async nextScene(ro: StoredRoomOptions): Promise<OpenedBattle> {
    const id = nextSceneMap(this.campaign);
    if (id === null || this.stage !== "report") throw new Error("no scene follows");
    const map = loadMapById(id);
    const matchId = sceneMatchId(this.code, this.campaign.scene);
    const opened = await StoredMatch.createWith(matchId, map, startScene(this.campaign, map), { ...ro, humanSeats: [...ro.humanSeats], lastActive: Date.now() });
    Object.assign(this.progress, { scene: this.campaign.scene, stage: "scene" });
    this.progress.ready.takumi = this.progress.ready.wang = false;
    this.refreshSummary();
    await this.save();
    return opened;
  }

  /** The room-level Schema fields (docs/PROTOCOL.md). */
  fields(humanSeats: Seat[]): Record<string, string | number | boolean> {
    return {
      campaignStage: this.stage, campaignScene: this.progress.scene, campaignScenes: SCENES.length,
      campaignReadyTakumi: this.readyOf("takumi", humanSeats), campaignReadyWang: this.readyOf("wang", humanSeats),
      campaign: this.summaryJson,
    };
  }

  /** What GET /api/battles/CODE adds. */
  info(): { stage: CampaignStage; scene: number; scenes: number } {
    return { stage: this.stage, scene: this.progress.scene, scenes: SCENES.length };
  }

  /** The campaign's engine state, for in-process tests only (it holds the seed). */
  stateForTests(): Campaign {
    return this.campaign;
  }

  private refreshSummary(): void {
    this.summaryJson = JSON.stringify(campaignSummary(this.campaign, this.facts, this.progress.stage === "scene" ? this.campaign.scene : null));
  }

  private save(): Promise<void> {
    return services().store.saveCampaign(this.code, { ...this.progress, ready: { ...this.progress.ready } });
  }
}
