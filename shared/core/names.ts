/**
 * Soldiers' names as every screen and the roll of the fallen say them: "Sergeant Takumi",
 * "Private Wang-1". One place, so the board, the log and the campaign's roll agree.
 */

const SERGEANTS: Record<string, string> = { takumi: "Sergeant Takumi", wang: "Sergeant Wang" };

/** A soldier's name from his id ("wang-private-1" → "Private Wang-1"); other ids come back as they are. */
export function soldierName(id: string): string {
  if (SERGEANTS[id]) return SERGEANTS[id];
  const m = /^(takumi|wang)-private-(\d+)$/.exec(id);
  return m ? `Private ${m[1] === "takumi" ? "Takumi" : "Wang"}-${m[2]}` : id;
}
