/**
 * Which battle a new room serves: a restore by the server, a stored battle (or campaign) reopened by
 * its code, or a new one. The one place that knows both a lone battle (match.ts) and a campaign
 * (campaign-match.ts), so neither needs the other.
 */
import { ServerError } from "colyseus";
import type { Seat } from "../shared/index.js";
import { services } from "./services.js";
import { normalizeCode } from "./codes.js";
import { claimBattle, claimNewCode, releaseBattle } from "./cluster/index.js";
import { otherSeat } from "./seats.js";
import { CampaignRun } from "./campaign-match.js";
import { count } from "./metrics.js";
import { StoredMatch, type OpenedBattle } from "./match.js";
import { checkJoinOptions, SERVER_ERROR_CODES, type JoinOptions } from "./validation.js";

/** A battle opened for a room; a campaign's carries its run (the match is its current scene's). */
export type OpenedMatch = OpenedBattle & { campaign?: CampaignRun };

/** Options the room is created with (join options, plus the server's own restore marker). */
export interface CreateOptions extends JoinOptions {
  /** Set only by the server (with its secret) to reopen a stored battle. */
  __restore?: { secret: string; code: string };
}

/**
 * The battle a new room serves: a restore by the server, a stored battle reopened by
 * joinOrCreate("battle", { code }), or a new one. `keepOpen`: with waitForPartner, the seat the
 * creator does not take stays open for a friend.
 */
export async function openMatch(raw: CreateOptions | undefined): Promise<OpenedMatch & { keepOpen: Seat | null; created: boolean }> {
  const restore = raw?.__restore;
  // internal options are never accepted from clients (a null or a forged marker is refused as such)
  if (restore !== undefined && (typeof restore !== "object" || restore === null || restore.secret !== services().restoreSecret)) {
    throw new ServerError(400, "ERR_BAD_OPTIONS: not allowed");
  }
  const checked = restore === undefined ? checkJoinOptions(raw) : null;
  if (checked && !checked.ok) throw new ServerError(400, `${checked.code}: ${checked.message}`);
  const options = checked?.ok ? checked.value : {};
  if (restore === undefined && options.code === undefined) {
    if (options.seed !== undefined && !services().settings.allowSeed) {
      throw new ServerError(400, "ERR_BAD_OPTIONS: this server draws every battle's seed itself (a chosen seed is for practice servers: LAST_STAND_ALLOW_SEED=1)");
    }
    // a fresh code is claimed for this process (cluster-wide) as it is picked
    const taken = async (c: string) => !(await claimNewCode(c));
    const opened = await (options.campaign ? CampaignRun.create(options, taken) : StoredMatch.create(options, taken));
    count.created();
    return { ...opened, keepOpen: options.waitForPartner ? otherSeat(options.seat === "wang" ? "wang" : "takumi") : null, created: true };
  }
  const code = restore?.code ?? normalizeCode(options.code ?? "");
  if (!code) throw new ServerError(404, `ERR_UNKNOWN_CODE: ${SERVER_ERROR_CODES.ERR_UNKNOWN_CODE}`);
  // One room per battle across every process, even when opens race (server/cluster/ownership.ts).
  await claimBattle(code);
  try {
    const opened = { ...((await CampaignRun.open(code)) ?? (await StoredMatch.open(code))), keepOpen: null, created: false };
    count.reopened();
    return opened;
  } catch (err) {
    await releaseBattle(code);
    throw err;
  }
}
