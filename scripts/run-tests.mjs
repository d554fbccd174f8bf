// Runs every test/**/*.test.ts with node's test runner via tsx (Node 20's --test takes no globs).
// Extra arguments are passed to node --test (e.g. --test-name-pattern).
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const files = [];
const walk = (d) => {
  for (const e of readdirSync(d).sort()) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) { if (e !== "fixtures") walk(p); }
    else if (e.endsWith(".test.ts")) files.push(relative(root, p));
  }
};
walk(join(root, "test"));
const args = ["--import", "tsx", "--test", "--test-reporter=spec", ...process.argv.slice(2), ...files];
const r = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
