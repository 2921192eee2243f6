/**
 * The `campaignReady { ready, seq? }` message, in order: shape → a campaign at all → spectator →
 * seat → stage "report" → sequence number. Like a command it is numbered (ack/seq); nothing
 * changes here, the room marks the seats (CampaignRun.mark).
 */
import type { Seat } from "../shared/index.js";
import { checkMessage } from "./validation.js";
import type { Role, SeatTable } from "./seats.js";
import type { Sequence } from "./sequence.js";
import type { CampaignRun } from "./campaign-match.js";

export type ReadyIntake =
  | { kind: "refuse"; code: string; message?: string; seq?: number; lastSeq?: number }
  | { kind: "mark"; role: Seat; seats: Seat[]; ready: boolean; seq?: number };

export function campaignReadyIntake(
  ctx: { campaign: CampaignRun | null; seats: SeatTable; sequence: Sequence; sessionId: string; role: Role },
  payload: unknown,
): ReadyIntake {
  const checked = checkMessage("campaignReady", payload);
  if (!checked.ok) return { kind: "refuse", code: checked.code, message: checked.message };
  const seq = checked.value.seq;
  if (!ctx.campaign) return { kind: "refuse", code: "ERR_WRONG_STAGE", message: "This battle is not a campaign.", seq };
  if (ctx.role === "spectator") return { kind: "refuse", code: "ERR_SPECTATOR", seq };
  // his own seat, and the partner's squad if he took it over
  const own = ctx.seats.controlled(ctx.sessionId);
  if (own.length === 0) return { kind: "refuse", code: "ERR_NOT_YOUR_SEAT", seq };
  if (ctx.campaign.stage !== "report") {
    return { kind: "refuse", code: "ERR_WRONG_STAGE", message: `The campaign is in stage "${ctx.campaign.stage}", not between two scenes.`, seq };
  }
  const numbered = ctx.sequence.accept(ctx.role, seq);
  if (numbered !== "new") return { kind: "refuse", code: numbered === "gap" ? "ERR_SEQ_GAP" : "ERR_DUPLICATE", seq, lastSeq: ctx.sequence.last(ctx.role) };
  return { kind: "mark", role: ctx.role, seats: own, ready: checked.value.ready, seq };
}
