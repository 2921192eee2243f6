/**
 * The cluster as the room and the HTTP API see it: which process holds a battle (claims, see
 * ownership.ts) and how many rooms this process hosts. Set up once by createGameServer().
 */
import { matchMaker, ServerError } from "colyseus";
import { LocalOwnership, type Ownership } from "./ownership.js";
import { log } from "../logger.js";

/** Close code a room sends its clients when this process is being stopped (deploy): the client
 *  comes back by the battle's code, into the same seat, on another process. Colyseus' own code for
 *  a server shutdown. */
export const CLOSE_DEPLOY = 4001;

interface ClusterState {
  ownership: Ownership;
  /** Rooms hosted by this process (a count for /health, not a registry). */
  rooms: number;
  clustered: boolean;
}

let state: ClusterState = { ownership: new LocalOwnership("local"), rooms: 0, clustered: false };

export function setCluster(ownership: Ownership, clustered: boolean): void {
  state = { ownership, rooms: 0, clustered };
}

export function clusterInfo() {
  return { processId: matchMaker.processId, publicAddress: matchMaker.publicAddress ?? null, clustered: state.clustered, rooms: state.rooms };
}

/**
 * Claims the battle `code` for a room about to open on this process; throws 409 if it is live on
 * another process (or being opened here). A claim taken over from a dead process also drops that
 * process's stale listing of the room, so the new room's listing is the only one.
 */
export async function claimBattle(code: string): Promise<void> {
  const claim = await state.ownership.claim(code);
  // Redis has just lost its keys: the process holding this battle may not have claimed it again yet
  if (!claim.ok && claim.holder === "recovering") throw new ServerError(503, `ERR_UNAVAILABLE: battle ${code} cannot be opened for a few seconds (Redis is recovering)`);
  if (!claim.ok) {
    throw new ServerError(409, `ERR_UNKNOWN_CODE: battle ${code} is already open (join it by its room id)`);
  }
  if (claim.tookFrom) {
    const stale = await matchMaker.driver.findOne({ roomId: code });
    if (stale && stale.processId === claim.tookFrom) await matchMaker.driver.remove(code);
  }
}

/** Whether a process still beats (always true for this process and without Redis). */
export async function processAlive(processId: string): Promise<boolean> {
  return processId === matchMaker.processId || (await state.ownership.alive(processId));
}

/** Tries to claim a fresh code; false if another process holds it. */
export async function claimNewCode(code: string): Promise<boolean> {
  return (await state.ownership.claim(code, true)).ok;
}

/**
 * Releases a disposed room's battle: first its listing is gone from the driver (Colyseus removes it
 * without waiting; removing it again on the same connection waits for that), so a process reopening
 * the battle right after cannot have its fresh listing deleted by this room's late removal.
 */
export async function releaseBattle(code: string): Promise<void> {
  try {
    const listing = await matchMaker.driver.findOne({ roomId: code });
    if (listing && listing.processId === matchMaker.processId) await matchMaker.driver.remove(code);
  } catch {
    /* the driver is shutting down: the sweep or a takeover cleans up */
  }
  await state.ownership.release(code).catch((err) => log.error({ kind: "cluster", room: code }, `could not release ${code}: ${(err as Error).message}`));
}

/** Whether Redis answers (always true without Redis): matchmaking is refused while it does not. */
let redisReady: () => boolean = () => true;
export function setRedisReady(fn: () => boolean): void {
  redisReady = fn;
}
export function clusterAvailable(): boolean {
  return !state.clustered || redisReady();
}

/** After Redis lost its keys: claims this process's battles again; the rooms of any claimed
 *  meanwhile by another process are closed (their clients come back by the code). */
export async function reassertClaims(): Promise<string[]> {
  const lost = await state.ownership.reassert();
  for (const code of lost) {
    log.error({ kind: "cluster", room: code }, `battle ${code} was claimed by another process while Redis recovered: closing it here`);
    await matchMaker.getLocalRoomById(code)?.disconnect(CLOSE_DEPLOY).catch(() => {});
  }
  return lost;
}

export function roomOpened(): void {
  state.rooms++;
}

export function roomClosed(): void {
  state.rooms--;
}
