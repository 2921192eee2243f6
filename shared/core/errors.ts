/** Every refusal the engine can give, with the words a player reads. */
export const ERROR_CODES = {
  ERR_BAD_ACTION: "That is not an action the game knows.",
  ERR_WRONG_PHASE: "That can't be done now: the battle is not in the player phase.",
  ERR_NO_UNIT: "There is no such unit on the board.",
  ERR_NOT_YOUR_UNIT: "That unit belongs to the other sergeant.",
  ERR_UNIT_GONE: "That soldier is no longer on the board.",
  ERR_NO_AP: "That unit has no action points left this round.",
  ERR_OFF_GRID: "That tile is outside the map.",
  ERR_BLOCKED: "That tile can't be entered.",
  ERR_OCCUPIED: "Someone is already standing there.",
  ERR_UNREACHABLE: "That tile is too far to reach with the action points left.",
  ERR_GRABBED: "A grabbed soldier can't move; shoot or rifle-butt the creature holding him.",
  ERR_NO_TARGET: "There is no such enemy in sight.",
  ERR_NO_LINE_OF_SIGHT: "Walls or vehicles block the line of fire.",
  ERR_OUT_OF_RANGE: "The target is out of range.",
  ERR_EMPTY_MAGAZINE: "Click. The magazine is empty: reload first.",
  ERR_NO_AMMO: "No spare magazines left.",
  ERR_MAGAZINE_FULL: "The magazine is already full.",
  ERR_NO_WEAPON: "That soldier has lost his rifle.",
  ERR_NO_GRENADES: "No grenades left.",
  ERR_NOT_ADJACENT: "The rifle butt only reaches an adjacent enemy.",
  ERR_NOT_GRABBING: "A called shot at the arm needs a creature that is holding a soldier.",
  ERR_MUST_TARGET_GRABBER: "A grabbed soldier can only fight the creature holding him.",
  ERR_ALREADY_ON_OVERWATCH: "That soldier is already on overwatch.",
  ERR_NOTHING_TO_UNDO: "There is no move to undo.",
  ERR_ALREADY_READY: "You are already marked ready.",
  ERR_NOT_READY: "You are not marked ready.",
  ERR_SEAT_READY: "You are marked ready: take it back to act again.",
  ERR_TOO_MANY_UNDOS: "You have taken back too many moves this round.",
  ERR_TOO_MANY_TOGGLES: "You have taken your ready back too often this round.",
  ERR_NOT_GRABBED: "That comrade is not held by a creature.",
  ERR_NOT_BESIDE: "Hold on needs a soldier right beside his grabbed comrade.",
  ERR_ALREADY_HELD: "Someone is already holding on to that comrade.",
  ERR_NOT_DOWN: "That comrade is not down.",
  ERR_ALREADY_CARRYING: "He is already carrying someone.",
  ERR_NOT_CARRYING: "He is not carrying anyone.",
  ERR_NOT_CARRIABLE: "Only a comrade who is down, or a child, can be carried; a grown civilian runs by himself.",
  ERR_NOT_ON_WAY_OUT: "Withdrawing needs a soldier standing on a way out (an extraction point or an exit).",
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The refusals of the protocol around the engine (messages, seats, rooms, HTTP), with their words:
 * the server sends them, the client reads them; docs/PROTOCOL.md lists when each is given.
 */
export const PROTOCOL_ERROR_CODES = {
  ERR_BAD_MESSAGE: "The server does not understand that message.",
  ERR_TOO_LARGE: "That message is too large.",
  ERR_RATE_LIMITED: "Too many messages: slow down.",
  ERR_SPECTATOR: "Spectators watch; they cannot act.",
  ERR_NOT_YOUR_SEAT: "That seat is not yours to command.",
  ERR_SEAT_TAKEN: "That seat is taken.",
  ERR_SEAT_KEY: "A seat is taken with its player's key or an invite; the code alone is for watching.",
  ERR_UNKNOWN_MAP: "There is no such map.",
  ERR_BAD_OPTIONS: "Those join options are not valid.",
  ERR_UNKNOWN_CODE: "There is no battle with that code.",
  ERR_INTERNAL: "The server failed to handle that message; the battle is unchanged.",
  ERR_BAD_MAP: "That map's file is broken.",
  ERR_RULES_VERSION: "That battle was recorded under other rules and cannot be reopened.",
  ERR_DUPLICATE: "That command was already received (its sequence number is not new); it was not applied again.",
  ERR_SEQ_GAP: "That sequence number jumps too far past the last one handled (at most 1,000); the command was not applied.",
  ERR_TOO_MANY_ROOMS: "Too many battles created from this address: wait a minute.",
  ERR_TOO_MANY_LOOKUPS: "Too many battles looked up or joined from this address: wait a little.",
  ERR_ROOM_FULL: "That battle has no room for another spectator.",
  ERR_MATCH_IN_PROGRESS: "That battle is still being fought: its record is served once it is over.",
  ERR_NOT_FOUND: "There is nothing here.",
  ERR_FORBIDDEN: "Only the operator may do that.",
  ERR_BAD_REQUEST: "The server could not read that request.",
  ERR_SHUTTING_DOWN: "This server is stopping; the battle moves to another one. Send it again there.",
  ERR_UNAVAILABLE: "The server cannot take that now (the battle is moving, or its database does not answer); nothing was applied: try again in a moment.",
  ERR_RESTORE: "That battle could not be reopened.",
  ERR_CONNECTION: "Not sent: the connection to the server failed.",
  ERR_WRONG_STAGE: "That is not possible now: the campaign is not between two scenes.",
} as const;
export type ProtocolErrorCode = keyof typeof PROTOCOL_ERROR_CODES;

/** Every code a refusal can carry: the engine's and the protocol's. */
export type AnyErrorCode = ErrorCode | ProtocolErrorCode;

/** The words for a code, the engine's or the protocol's (the code itself when unknown). */
export function errorWords(code: string): string {
  return (ERROR_CODES as Record<string, string>)[code] ?? (PROTOCOL_ERROR_CODES as Record<string, string>)[code] ?? code;
}

/** Is this one of the codes (the engine's or the protocol's)? */
export function isErrorCode(code: string): code is AnyErrorCode {
  return Object.hasOwn(ERROR_CODES, code) || Object.hasOwn(PROTOCOL_ERROR_CODES, code);
}

/**
 * A coded message ("ERR_X: words", as Colyseus' matchmaking carries a room's refusal) split into
 * its code and words; null when it does not start with a known code.
 */
export function splitCoded(message: string): { code: AnyErrorCode; words: string } | null {
  const colon = message.indexOf(":");
  const code = colon > 0 ? message.slice(0, colon).trim() : "";
  return isErrorCode(code) ? { code, words: message.slice(colon + 1).trim() } : null;
}
