/**
 * The player's settings, kept across visits (localStorage): colours for a colour-blind player
 * (deuteranopia, protanopia: sides, intents, acid, fire and the ring then differ by shape or
 * pattern as well as by colour) and the text's size. Applied as attributes of the page's root
 * (`data-palette`, `data-text`), which the CSS and the board read.
 */
export type Palette = "normal" | "deuteranopia" | "protanopia";
export type TextSize = "normal" | "large";
export interface Settings {
  palette: Palette;
  text: TextSize;
}

const KEY = "lastStand.settings";
const PALETTES: Palette[] = ["normal", "deuteranopia", "protanopia"];
const TEXTS: TextSize[] = ["normal", "large"];

export function loadSettings(): Settings {
  let raw: Partial<Settings> = {};
  try {
    raw = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<Settings>;
  } catch {
    raw = {};
  }
  return {
    palette: PALETTES.includes(raw.palette as Palette) ? (raw.palette as Palette) : "normal",
    text: TEXTS.includes(raw.text as TextSize) ? (raw.text as TextSize) : "normal",
  };
}

export function applySettings(s: Settings): void {
  const root = document.documentElement;
  root.dataset.palette = s.palette;
  root.dataset.text = s.text;
}

export function saveSettings(s: Settings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    // private mode: kept for this visit only
  }
  applySettings(s);
}

/** Shapes and patterns as well as colours (the board reads it as it draws). */
export function colourBlind(): boolean {
  const p = document.documentElement.dataset.palette;
  return !!p && p !== "normal";
}

/** The settings panel's controls (hud.ts's #settings-panel) wired to the settings; `changed` redraws. */
export function wireSettings(root: HTMLElement, changed: () => void): void {
  const s = loadSettings();
  const palette = root.querySelector<HTMLSelectElement>("#set-palette");
  const text = root.querySelector<HTMLSelectElement>("#set-text");
  if (palette) {
    palette.value = s.palette;
    palette.addEventListener("change", () => {
      saveSettings({ ...loadSettings(), palette: palette.value as Palette });
      changed();
    });
  }
  if (text) {
    text.value = s.text;
    text.addEventListener("change", () => {
      saveSettings({ ...loadSettings(), text: text.value as TextSize });
      changed();
    });
  }
}
