/**
 * Characters no name, caption or text we show or render may hold: C0 controls except tab, line feed and
 * carriage return (NUL broke every later render with "invalid markup in text"), DEL, C1 controls, and the
 * bidirectional controls (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069) that can make text read
 * differently from what it holds (an RLO turns "gpj.exe" around).
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Removes the characters described at CONTROL; line breaks and tabs stay. */
export function stripControlChars(s: string): string {
  return s.replace(CONTROL, "");
}
