import { outputKey, suffixedPath } from "./paths.js";

/** Owner of the names reserved for reports at the output root; it always keeps its name. */
const RESERVED = "\0reserved";

/** Where a file's output goes, and which earlier output must first move aside. */
export interface ClaimPlan {
  /** Output path (relative to the output root) for the claiming file. */
  path: string;
  /** True when the wanted path was taken and `path` carries a suffix. */
  renamed: boolean;
  /** An earlier output whose owner id sorts after the claimant's: it moves to its own suffixed name. */
  displaced?: { owner: string; from: string; to: string };
}

/**
 * Output paths claimed so far, keyed case-folded so two names that differ only in case
 * collide on every platform. Owners are input path ids (`pathId`). On a collision the owner
 * whose id sorts first keeps the plain name and the other gets a suffix from its id, so the
 * output tree is the same whatever order the workers finish in.
 */
export class OutputClaims {
  /** key -> owner id + "\n" + exact output path. */
  private readonly map = new Map<string, string>();

  /** Reserves a report file name at the output root. */
  reserve(outRelPath: string): void {
    this.set(RESERVED, outRelPath);
  }

  /** Records that the output of `owner` (an input path id) is at `out` (used when loading an earlier run's state). */
  set(owner: string, out: string): void {
    this.map.set(outputKey(out), `${owner}\n${out}`);
  }

  /** The owner and exact output path of a claimed key. */
  private get(key: string): { owner: string; out: string } | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    const nl = v.indexOf("\n");
    return { owner: v.slice(0, nl), out: v.slice(nl + 1) };
  }

  /** A free suffixed variant of `base` for `owner`. */
  private free(base: string, owner: string): string {
    for (let attempt = 0; ; attempt++) {
      const alt = suffixedPath(base, owner, attempt);
      const cur = this.get(outputKey(alt));
      if (!cur || cur.owner === owner) return alt;
    }
  }

  /** Decides where `owner` (an input path id) writes when it wants `wanted`; call `commit` once written. */
  plan(owner: string, wanted: string): ClaimPlan {
    const cur = this.get(outputKey(wanted));
    if (!cur || cur.owner === owner) return { path: wanted, renamed: false };
    if (cur.owner !== RESERVED && owner < cur.owner) {
      return { path: wanted, renamed: false, displaced: { owner: cur.owner, from: cur.out, to: this.free(cur.out, cur.owner) } };
    }
    return { path: this.free(wanted, owner), renamed: true };
  }

  /** Records a plan once its output (and the move of the displaced output) is done. */
  commit(owner: string, plan: ClaimPlan): void {
    if (plan.displaced) this.set(plan.displaced.owner, plan.displaced.to);
    this.set(owner, plan.path);
  }
}
