/**
 * The seats' colours, defined once: the board's soldiers, the partner's cursor, selection, path,
 * phrases and the bot partner's plan (through the board's palette, board/theme.ts), and the page's
 * seat pills, glyphs and panels (the CSS variables --takumi and --wang, set from here at start).
 */
export const SEAT_COLOUR = { takumi: 0x4da3ff, wang: 0xffb347 } as const;

/** A seat's colour; a seat that is neither (a spectator) gets the neutral white. */
export function seatColour(seat: string | null | undefined): number {
  return seat === "takumi" || seat === "wang" ? SEAT_COLOUR[seat] : 0xffffff;
}

export const cssColour = (c: number) => `#${c.toString(16).padStart(6, "0")}`;

/** Writes the seats' colours into the page's CSS variables (the pills', glyphs' and panels'). */
export function applySeatColours(root: HTMLElement = document.documentElement): void {
  for (const [seat, c] of Object.entries(SEAT_COLOUR)) root.style.setProperty(`--${seat}`, cssColour(c));
}
