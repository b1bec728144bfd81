// Prints the run-time imports that run upward in the layer order of docs/architecture.md, one a line, and their count.
import { architectureDoc, folderOf, layerRanks, repositoryImports, upwardImports } from "./imports";

const upward = upwardImports(repositoryImports(), layerRanks(architectureDoc()));
for (const i of upward) console.log(`${folderOf(i.from)} -> ${folderOf(i.to)}: ${i.from} imports ${i.to}`);
console.log(`${upward.length} run-time imports run upward`);
