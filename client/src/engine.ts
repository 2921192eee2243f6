/** The one door to the engine in shared/: the client calls these for every preview, never its own rules. */
export * from "../../shared/index.js";
export * from "../../shared/view/wire.js";
export { hashString } from "../../shared/core/hash.js";
export { wireHash } from "../../shared/view/wireFields.js";
export { SEATS, otherSeat } from "../../shared/core/seats.js";
// whether a comrade holding on halts a drag this round (the intents' countdown stands still)
export { holdsOn } from "../../shared/rules/drag.js";
export { newUnit, unitToWire, unitFromWire } from "../../shared/core/unitFields.js";
