// Compiled by tests/main/binary.test.ts into a standalone executable: proves sharp's native addon loads from
// beside a compiled binary (the same plugin `bun run build` uses) by making and resizing a PNG.
import sharp from "sharp";

const png = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#0f766e" } })
  .png()
  .toBuffer();
const meta = await sharp(await sharp(png).resize(10).png().toBuffer()).metadata();
console.log(`sharp ${meta.width}x${meta.height} ${meta.format}`);
