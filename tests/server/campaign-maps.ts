/**
 * Imported first by a test file that plays whole campaigns through the server: every scene's map
 * is then a crafted one from tests/fixtures/campaign/ (same ids as the story's scenes), where the
 * outcome follows from the walls and the ways out, whatever the seed and however the creatures,
 * soldiers and bots are tuned. The bus is won in round 1 with the privates left behind, the alley
 * lost on the clock (the squad falls back), every later scene won in round 1: the campaign completes.
 */
import { join } from "node:path";

process.env.LAST_STAND_MAPS = join(import.meta.dirname, "..", "fixtures", "campaign");
