/**
 * Names as every screen, preview and the roll of the fallen say them: "Sergeant Takumi",
 * "Private Wang-1", "Civilian 2", "Snatcher 3". One place, so the board, the lists, the engine's
 * previews and the campaign's roll agree.
 */

const SERGEANTS: Record<string, string> = { takumi: "Sergeant Takumi", wang: "Sergeant Wang" };

/** A soldier's name from his id ("wang-private-1" → "Private Wang-1"); other ids come back as they are. */
export function soldierName(id: string): string {
  if (SERGEANTS[id]) return SERGEANTS[id];
  const m = /^(takumi|wang)-private-(\d+)$/.exec(id);
  return m ? `Private ${m[1] === "takumi" ? "Takumi" : "Wang"}-${m[2]}` : id;
}

const CREATURE_KINDS: Record<string, string> = { snatcher: "Snatcher", leaper: "Leaper", spitter: "Spitter" };

/** "civilian-2" → "Civilian 2", "child-1" → "Child 1" (their ids are their names); null for anyone else. */
export function civilianName(id: string): string | null {
  const m = /^(civilian|child)-(\d+)$/.exec(id);
  return m ? `${m[1] === "child" ? "Child" : "Civilian"} ${m[2]}` : null;
}

/**
 * A creature as the board badges it and the lists name it: its kind and its place in the enemy
 * phase's order while it has announced an intent ("Snatcher 3", the badge on its tile), else its
 * number ("Snatcher 12"). An unknown kind (an intent whose creature is out of sight) is "Creature".
 */
export function creatureName(kind: string, id: string, order: number | null): string {
  return `${CREATURE_KINDS[kind] ?? "Creature"} ${order ?? id.replace(/^c/, "")}`;
}

/** A creature kind's name: "Snatcher". */
export function creatureKindName(kind: string): string {
  return CREATURE_KINDS[kind] ?? kind;
}
