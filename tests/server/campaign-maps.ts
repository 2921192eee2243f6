/**
 * Imported first by a test file that plays whole campaigns through the server: the scenes' maps are
 * then the crafted ones of tests/fixtures/campaign/ (same ids as the story's), where the outcome
 * follows from walls, ways out and fire, whatever the seed and however the creatures, soldiers and
 * bots are tuned: the bus won in round 1 with the privates left behind, the alley lost with both
 * sergeants killed in its fire, and the campaign over.
 */
import { join } from "node:path";

process.env.LAST_STAND_MAPS = join(import.meta.dirname, "..", "fixtures", "campaign");
