/**
 * Text a client chose (a message type, a field, a name) made safe for a log line: control
 * characters (C0, DEL, C1: terminal escapes such as "\x1b[2J") are written as \xNN, so a log read in
 * a terminal shows them instead of obeying them.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
