/**
 * Fault injection for tests: the engine calls the room makes go through `engine`, and every
 * side-channel message (ping, select, pointer, unknown types) passes `sideChannel.before` first,
 * so a test can make one throw and show that the server refuses that message with ERR_INTERNAL
 * and keeps every other room going. Production never changes them.
 */
import { apply, autoplay, autoplayStep } from "../shared/index.js";

export const engine = { apply, autoplay, autoplayStep };

export const sideChannel = {
  before(_type: string): void {},
};
