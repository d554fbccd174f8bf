// Region rules: which rectangles to redact for which kind of image, read from a JSON file and
// validated with errors that name the line (format: README.md in this folder).
import { DicomError, isDicomError } from "../../core/errors.js";
import { parsePath, type PathExprStep } from "../../dataset/path.js";
import type { Rect } from "../types.js";
import { parseLocatedJson, type JsonNode } from "./located-json.js";

/** A test of one attribute's value; the path is a keyword, a tag or a nested path expression. */
export interface AttributeTest {
  readonly kind: "attribute";
  readonly path: string;
  readonly steps: PathExprStep[];
  readonly op: "equals" | "contains" | "regex" | "present";
  /** equals: any of these; contains: the first; present: true or false. */
  readonly values: readonly (string | number | boolean)[];
  readonly regex?: RegExp;
  readonly ignoreCase: boolean;
  readonly line: number;
}

/** A condition: an attribute test, or and / or / not of conditions. */
export type Condition =
  | AttributeTest
  | { readonly kind: "and" | "or"; readonly all: readonly Condition[]; readonly line: number }
  | { readonly kind: "not"; readonly inner: Condition; readonly line: number };

/** One rule: when its condition holds (always, without one), redact its rectangles and/or outside the ultrasound regions. */
export interface RegionRule {
  readonly index: number;
  readonly name: string;
  readonly line: number;
  readonly when?: Condition;
  readonly redact: readonly Rect[];
  readonly keepUltrasoundRegions: boolean;
}

/** A validated rules file. */
export interface RegionRules {
  readonly source: string;
  readonly rules: readonly RegionRule[];
}

type Node = JsonNode;

class Checker {
  constructor(private readonly source: string) {}

  fail(node: { line: number }, where: string, why: string): never {
    throw new DicomError("CONFIG", `${this.source} line ${node.line}: ${where}: ${why}`);
  }

  members(node: Node, where: string, allowed: readonly string[]): ReadonlyMap<string, Node> {
    if (node.kind !== "object") this.fail(node, where, "must be an object");
    for (const key of node.entries.keys()) {
      if (!allowed.includes(key)) this.fail(node.entries.get(key)!, `${where}.${key}`, `unknown member (allowed: ${allowed.join(", ")})`);
    }
    return node.entries;
  }

  rect(node: Node, where: string): Rect {
    let v: number[];
    if (node.kind === "array") v = node.items.map((n) => (n.kind === "number" ? n.value : NaN));
    else if (node.kind === "string") v = node.value.split(",").map((s) => (s.trim() === "" ? NaN : Number(s)));
    else if (node.kind === "object") {
      const m = this.members(node, where, ["x", "y", "w", "h"]);
      v = ["x", "y", "w", "h"].map((k) => {
        const n = m.get(k);
        return n?.kind === "number" ? n.value : NaN;
      });
    } else return this.fail(node, where, "must be [x, y, w, h], \"x,y,w,h\" or {x, y, w, h}");
    if (v.length !== 4 || !v.every(Number.isFinite)) this.fail(node, where, "needs four numbers x, y, w, h");
    if (v[2] <= 0 || v[3] <= 0) this.fail(node, where, "width and height must be positive");
    return { x: v[0], y: v[1], w: v[2], h: v[3] };
  }

  condition(node: Node, where: string): Condition {
    if (node.kind !== "object") this.fail(node, where, "must be an object");
    const e = node.entries;
    if (e.has("and") || e.has("or")) {
      const kind = e.has("and") ? "and" : "or";
      this.members(node, where, [kind]);
      const list = e.get(kind)!;
      if (list.kind !== "array" || list.items.length === 0) this.fail(list, `${where}.${kind}`, "must be a non-empty array of conditions");
      return { kind, all: list.items.map((c, i) => this.condition(c, `${where}.${kind}[${i}]`)), line: node.line };
    }
    if (e.has("not")) {
      this.members(node, where, ["not"]);
      return { kind: "not", inner: this.condition(e.get("not")!, `${where}.not`), line: node.line };
    }
    return this.attributeTest(node, where);
  }

  attributeTest(node: Node & { kind: "object" }, where: string): AttributeTest {
    const m = this.members(node, where, ["tag", "equals", "contains", "regex", "present", "ignoreCase"]);
    const t = m.get("tag");
    if (!t || t.kind !== "string") return this.fail(node, where, 'needs "tag" (a keyword such as "Modality", a tag "(0008,0060)" or a path) or "and", "or", "not"');
    let steps: PathExprStep[];
    try {
      steps = parsePath(t.value);
    } catch (err) {
      if (isDicomError(err)) this.fail(t, `${where}.tag`, err.reason);
      throw err;
    }
    const ops = (["equals", "contains", "regex", "present"] as const).filter((k) => m.has(k));
    if (ops.length !== 1) this.fail(node, where, 'needs exactly one of "equals", "contains", "regex", "present"');
    const op = ops[0];
    const v = m.get(op)!;
    const ic = m.get("ignoreCase");
    if (ic && ic.kind !== "boolean") this.fail(ic, `${where}.ignoreCase`, "must be true or false");
    const ignoreCase = ic?.kind === "boolean" && ic.value;
    const scalar = (n: Node, w: string): string | number => {
      if (n.kind === "string" || n.kind === "number") return n.value;
      return this.fail(n, w, "must be a string or a number");
    };
    let values: (string | number | boolean)[];
    let regex: RegExp | undefined;
    if (op === "equals") {
      values = v.kind === "array" ? v.items.map((n, i) => scalar(n, `${where}.equals[${i}]`)) : [scalar(v, `${where}.equals`)];
      if (values.length === 0) this.fail(v, `${where}.equals`, "must not be an empty array");
    } else if (op === "present") {
      if (v.kind !== "boolean") this.fail(v, `${where}.present`, "must be true or false");
      values = [v.value];
    } else {
      if (v.kind !== "string" || v.value === "") this.fail(v, `${where}.${op}`, "must be a non-empty string");
      values = [v.value];
      if (op === "regex") {
        try {
          regex = new RegExp(v.value, ignoreCase ? "iu" : "u");
        } catch {
          this.fail(v, `${where}.regex`, "is not a valid regular expression");
        }
      }
    }
    return { kind: "attribute", path: t.value, steps, op, values, regex, ignoreCase, line: node.line };
  }

  rule(node: Node, index: number): RegionRule {
    const where = `rules[${index}]`;
    const m = this.members(node, where, ["name", "when", "redact", "keepUltrasoundRegions", "comment"]);
    const name = m.get("name");
    if (name && name.kind !== "string") this.fail(name, `${where}.name`, "must be a string");
    const redactNode = m.get("redact");
    if (redactNode && redactNode.kind !== "array") this.fail(redactNode, `${where}.redact`, "must be an array of rectangles");
    const redact = redactNode?.kind === "array" ? redactNode.items.map((r, i) => this.rect(r, `${where}.redact[${i}]`)) : [];
    const keep = m.get("keepUltrasoundRegions");
    if (keep && keep.kind !== "boolean") this.fail(keep, `${where}.keepUltrasoundRegions`, "must be true or false");
    const keepUltrasoundRegions = keep?.kind === "boolean" && keep.value;
    if (redact.length === 0 && !keepUltrasoundRegions) this.fail(node, where, 'needs "redact" rectangles or "keepUltrasoundRegions": true');
    const when = m.get("when");
    return {
      index,
      name: name?.kind === "string" ? name.value : `rule ${index + 1}`,
      line: node.line,
      when: when ? this.condition(when, `${where}.when`) : undefined,
      redact,
      keepUltrasoundRegions,
    };
  }
}

/**
 * Parses and validates a region rules file (JSON). Every error is a CONFIG DicomError that names
 * the source, the line and the member, e.g. `rules.json line 12: rules[1].when.tag: unknown keyword "Modaliti"...`.
 */
export function parseRegionRules(text: string, options: { source?: string } = {}): RegionRules {
  const source = options.source ?? "region rules";
  const root = parseLocatedJson(text, source);
  const check = new Checker(source);
  const m = check.members(root, "(top level)", ["version", "rules", "comment"]);
  const version = m.get("version");
  if (version && (version.kind !== "number" || version.value !== 1)) check.fail(version, "version", "must be 1");
  const rules = m.get("rules");
  if (!rules || rules.kind !== "array") return check.fail(rules ?? root, "rules", "must be an array of rules");
  return { source, rules: rules.items.map((r, i) => check.rule(r, i)) };
}
