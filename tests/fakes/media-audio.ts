/** A mono 16-bit PCM WAV of a soft tone, `seconds` long, so fakes answer with real audio. */
export function toneWav(seconds: number, rate = 24000, freq = 220): Buffer {
  const n = Math.max(1, Math.round(seconds * rate));
  const buf = Buffer.alloc(44 + n * 2);
  buf.write("RIFF", 0);
  buf.writeUInt32LE(36 + n * 2, 4);
  buf.write("WAVEfmt ", 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write("data", 36);
  buf.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * freq * i) / rate) * 8000), 44 + i * 2);
  return buf;
}

/** Roughly how long a line takes to say: 0.3 s per word, at least half a second. */
export function speechSeconds(text: string): number {
  return Math.max(0.5, text.trim().split(/\s+/).length * 0.3);
}
