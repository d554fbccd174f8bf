// Makes `npm start` / `npm test` work on a fresh clone: installs dependencies when
// node_modules is missing or older than package.json, and builds dist/ when it is stale.
import { existsSync, statSync, readdirSync } from "node:fs";
import { execSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const newest = (dir) => {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};
const run = (cmd) => execSync(cmd, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });

const stamp = join(root, "node_modules", ".package-lock.json");
if (!existsSync(stamp) || mtime(stamp) < mtime(join(root, "package.json"))) {
  console.error("[bootstrap] installing dependencies (npm install)...");
  run(existsSync(join(root, "package-lock.json")) ? "npm ci --no-audit --no-fund" : "npm install --no-audit --no-fund");
}
const built = join(root, "dist", "index.js");
if (!existsSync(built) || mtime(built) < newest(join(root, "src"))) {
  console.error("[bootstrap] building (tsc)...");
  run("npx tsc -p tsconfig.build.json");
}
