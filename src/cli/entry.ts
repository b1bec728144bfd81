/**
 * Entry point of the compiled binary (`bun run build`): `amarktai` starts the app like `bun start`, and
 * `amarktai cli <command> ...` runs a CLI command like `bun run cli <command> ...` (e.g. in the container).
 */
if (process.argv[2] === "cli") {
  const { runCli } = await import("./main");
  process.exit(await runCli(process.argv.slice(3)));
} else {
  await import("../main");
}

export {};
