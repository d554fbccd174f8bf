import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every file below a folder whose name ends with one of the extensions, sorted. */
export function listFiles(dir: string, exts: readonly string[] = [".dcm"]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (exts.some((x) => p.endsWith(x))) out.push(p);
    }
  };
  walk(dir);
  return out;
}
