/**
 * The engine calls the room makes, behind one object so a test can make one throw (a fault
 * injection hook: the server must refuse that command with ERR_INTERNAL and keep every other room
 * going). Production never changes it.
 */
import { apply } from "../shared/index.js";

export const engine = { apply };
