import { createRequire } from "node:module";
import { DicomError } from "../core/errors.js";
import { formatTag, isPrivateTag, parseTag, tagElement, tagGroup } from "../core/tag.js";
import { isVR } from "../core/vr.js";
import { lookupKeyword } from "../dictionary/index.js";
import type { Action, Decision } from "../actions/types.js";
import type { ElementFacts } from "../profile/decide.js";
import type { SafePrivateEntry } from "./safe-private.js";
import { isPseudonymLength, isPseudonymPrefix } from "./pseudonym.js";

/** What a recipe rule matches. */
export type RuleMatch =
  | { tag: number }
  | { range: [number, number] }
  | { group: number }
  | { vr: string }
  | { creator: string; element?: number };

/** A validated recipe rule. */
export interface RecipeRule { index: number; line: number; match: RuleMatch; action: Action; tier: number }

/** A validated recipe (config file): options, rules, safe private additions, settings. */
export interface Recipe {
  options: string[];
  rules: RecipeRule[];
  safePrivate: SafePrivateEntry[];
  dateShiftDays?: number;
  pseudonymPrefix?: string;
  /** Base32 characters of the keyed code in generated patient IDs (6-26). */
  pseudonymLength?: number;
}

const ACTIONS = ["keep", "remove", "empty", "dummy", "remapUid", "shiftDate", "clean", "scrub"] as const;

/** Line number (1-based) of a character offset. */
const lineOf = (text: string, at: number): number => text.slice(0, Math.max(0, at)).split("\n").length;

/** Line of the n-th occurrence of a key in the text (best effort, for messages). */
function lineOfKey(text: string, key: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(`"${key}"`, at + 1);
    if (at < 0) return 0;
  }
  return lineOf(text, at);
}

/** The line of a JSON.parse error: from "position N", or by finding the quoted context Node 20+ shows. */
function jsonErrorLine(text: string, message: string): number {
  const pos = /position (\d+)/.exec(message);
  if (pos) return lineOf(text, +pos[1]);
  const ctx = /(?:\.\.\.)?"([\s\S]*?)(?:\.\.\.)?" is not valid JSON/.exec(message);
  const tok = /Unexpected token '(.)'/.exec(message);
  if (ctx && tok) {
    const snippet = ctx[1].replace(/^\.\.\./, "").replace(/\.\.\.$/, "");
    const at = text.indexOf(snippet);
    if (at >= 0) return lineOf(text, at + Math.max(0, snippet.indexOf(tok[1])));
  }
  return /end of JSON input/.test(message) ? lineOf(text, text.length) : 0;
}

function fail(line: number, what: string): never {
  throw new DicomError("CONFIG", `config${line ? ` line ${line}` : ""}: ${what}`);
}

function parseTagText(v: unknown, line: number, what: string): number {
  const t = typeof v === "string" ? parseTag(v) ?? lookupKeyword(v) : undefined;
  if (t === undefined) fail(line, `${what} must be a tag like "(0010,0010)" or a keyword`);
  return t;
}

function parseAction(v: unknown, line: number): Action {
  if (typeof v === "string" && (ACTIONS as readonly string[]).includes(v)) return { kind: v as (typeof ACTIONS)[number] };
  if (v && typeof v === "object" && "replace" in v) {
    const r = (v as { replace: unknown }).replace;
    if (typeof r === "string") return { kind: "replace", values: r.split("\\") };
  }
  fail(line, `action must be one of ${ACTIONS.join(", ")} or {"replace": "VALUE"}`);
}

function parseMatch(m: Record<string, unknown>, line: number): { match: RuleMatch; tier: number } {
  const keys = Object.keys(m);
  if ("keyword" in m || "tag" in m) return { match: { tag: parseTagText(m.keyword ?? m.tag, line, "match.tag/keyword") }, tier: 1 };
  if ("creator" in m) {
    if (typeof m.creator !== "string") fail(line, "match.creator must be a string");
    if (m.element === undefined) return { match: { creator: m.creator }, tier: 3 };
    const e = typeof m.element === "string" ? parseInt(m.element, 16) : NaN;
    if (!(e >= 0 && e <= 0xff)) fail(line, 'match.element must be two hex digits like "08"');
    return { match: { creator: m.creator, element: e }, tier: 1 };
  }
  if ("range" in m) {
    const r = m.range;
    if (!Array.isArray(r) || r.length !== 2) fail(line, 'match.range must be ["(gggg,eeee)", "(gggg,eeee)"]');
    return { match: { range: [parseTagText(r[0], line, "range start"), parseTagText(r[1], line, "range end")] }, tier: 2 };
  }
  if ("group" in m) {
    const g = typeof m.group === "string" && /^[0-9A-Fa-f]{4}$/.test(m.group) ? parseInt(m.group, 16) : NaN;
    if (Number.isNaN(g)) fail(line, 'match.group must be four hex digits like "0019"');
    return { match: { group: g }, tier: 3 };
  }
  if ("vr" in m) {
    if (typeof m.vr !== "string" || !isVR(m.vr)) fail(line, "match.vr must be a VR like PN");
    return { match: { vr: m.vr }, tier: 4 };
  }
  fail(line, `match needs one of tag, keyword, range, group, vr, creator (got ${keys.join(", ") || "nothing"})`);
}

/** Where parts of a config file are (1-based lines, 0 when unknown), for messages. */
interface ConfigLines {
  /** A top-level key. */
  key(k: string): number;
  /** The i-th entry of a top-level list ("rules", "safePrivate"). */
  item(list: "rules" | "safePrivate", i: number): number;
}

/** A config file read as plain data, with where its parts are. */
interface ConfigSource {
  raw: unknown;
  lines: ConfigLines;
}

function jsonSource(text: string): ConfigSource {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail(jsonErrorLine(text, (e as Error).message), "not valid JSON");
  }
  // An entry's line: the n-th "match" (rules) or "creator" (safePrivate) key in the text.
  return { raw, lines: { key: (k) => lineOfKey(text, k, 0), item: (list, i) => lineOfKey(text, list === "rules" ? "match" : "creator", i) } };
}

/** The YAML parser, loaded on first use (it takes about 25 ms to load, and most runs have no YAML config). */
let yamlModule: typeof import("yaml") | undefined;
const yaml = (): typeof import("yaml") => (yamlModule ??= createRequire(import.meta.url)("yaml") as typeof import("yaml"));

function yamlSource(text: string): ConfigSource {
  const { isMap, isScalar, LineCounter, parseDocument } = yaml();
  const counter = new LineCounter();
  // Failsafe schema: every scalar is a string, so "0019" and "08" stay hex digits (numbers are read where a number is wanted).
  const doc = parseDocument(text, { lineCounter: counter, schema: "failsafe", uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) fail(counter.linePos(error.pos[0]).line, `not valid YAML (${error.code})`);
  const lineAt = (node: unknown): number => {
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? counter.linePos(range[0]).line : 0;
  };
  const top = isMap(doc.contents) ? doc.contents : undefined;
  return {
    raw: doc.toJS(),
    lines: {
      key: (k) => lineAt(top?.items.find((p) => isScalar(p.key) && p.key.value === k)?.key),
      item: (list, i) => lineAt(doc.getIn([list, i], true)),
    },
  };
}

/** The format of a config: JSON when it opens with "{" or "[" (YAML's superset reads the same), else YAML. */
export function recipeFormat(text: string): "json" | "yaml" {
  return /^\uFEFF?\s*[{[]/.test(text) ? "json" : "yaml";
}

/**
 * Parses and validates a recipe written in JSON or YAML (see `recipeFormat`); errors name the
 * line. Precedence of rules: tag/keyword and creator+element (tier 1) over tag ranges (2) over
 * groups and whole private creators (3) over VRs (4); within a tier the first rule listed wins.
 * Recipe rules override the profile.
 */
export function parseRecipe(text: string, format: "json" | "yaml" = recipeFormat(text)): Recipe {
  const { raw, lines } = format === "json" ? jsonSource(text) : yamlSource(text);
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) fail(1, `the config must be a ${format === "json" ? "JSON object" : "YAML mapping"}`);
  const o = raw as Record<string, unknown>;
  const known = ["options", "rules", "safePrivate", "dateShiftDays", "pseudonymPrefix", "pseudonymLength", "$schema", "comment"];
  for (const k of Object.keys(o)) if (!known.includes(k)) fail(lines.key(k), `unknown key "${k}"; known: ${known.join(", ")}`);
  const options = o.options ?? [];
  if (!Array.isArray(options) || options.some((x) => typeof x !== "string")) fail(lines.key("options"), "options must be a list of option names");
  const rules: RecipeRule[] = [];
  const rawRules = o.rules ?? [];
  if (!Array.isArray(rawRules)) fail(lines.key("rules"), "rules must be a list");
  rawRules.forEach((r, i) => {
    const line = lines.item("rules", i);
    if (!r || typeof r !== "object" || !("match" in r) || !("action" in r)) fail(line, `rules[${i}] needs "match" and "action"`);
    const { match, tier } = parseMatch((r as { match: Record<string, unknown> }).match ?? {}, line);
    rules.push({ index: i, line, match, tier, action: parseAction((r as { action: unknown }).action, line) });
  });
  const safePrivate: SafePrivateEntry[] = [];
  const rawSafe = o.safePrivate ?? [];
  if (!Array.isArray(rawSafe)) fail(lines.key("safePrivate"), "safePrivate must be a list");
  rawSafe.forEach((s, i) => {
    const line = lines.item("safePrivate", i);
    const g = typeof s?.group === "string" ? parseInt(s.group, 16) : NaN;
    const e = typeof s?.element === "string" ? parseInt(s.element, 16) : NaN;
    if (typeof s?.creator !== "string" || !(g & 1) || !(e >= 0 && e <= 0xff)) fail(line, `safePrivate[${i}] needs creator, an odd group "0019" and element "0C"`);
    safePrivate.push({ creator: s.creator, group: g, element: e });
  });
  // YAML scalars arrive as strings (failsafe schema): a whole number is read as one.
  const whole = (v: unknown): unknown => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v);
  const days = whole(o.dateShiftDays);
  if (days !== undefined && (typeof days !== "number" || days < 1 || days > 36500)) fail(lines.key("dateShiftDays"), "dateShiftDays must be a number of days from 1 to 36500");
  const prefix = o.pseudonymPrefix;
  if (prefix !== undefined && !isPseudonymPrefix(prefix)) fail(lines.key("pseudonymPrefix"), "pseudonymPrefix must be 1-16 letters, digits, _ or -");
  const length = whole(o.pseudonymLength);
  if (length !== undefined && !isPseudonymLength(length)) fail(lines.key("pseudonymLength"), "pseudonymLength must be a whole number from 6 to 26");
  return {
    options: options as string[], rules, safePrivate, dateShiftDays: days as number | undefined, pseudonymPrefix: prefix,
    ...(length !== undefined ? { pseudonymLength: length } : {}),
  };
}

function matches(m: RuleMatch, f: ElementFacts): boolean {
  if ("tag" in m) return m.tag === f.tag;
  if ("range" in m) return f.tag >= m.range[0] && f.tag <= m.range[1];
  if ("group" in m) return tagGroup(f.tag) === m.group;
  if ("vr" in m) return f.vr === m.vr;
  if (!isPrivateTag(f.tag) || f.privateCreator?.trim().toUpperCase() !== m.creator.trim().toUpperCase()) return false;
  return m.element === undefined || (tagElement(f.tag) & 0xff) === m.element;
}

/** The recipe's decision for an element, or undefined to let the profile decide. */
export function recipeDecision(recipe: Recipe, facts: ElementFacts): Decision | undefined {
  let best: RecipeRule | undefined;
  for (const r of recipe.rules) if (matches(r.match, facts) && (!best || r.tier < best.tier)) best = r;
  if (!best) return undefined;
  let action = best.action;
  if (facts.isSequence && (action.kind === "keep" || action.kind === "clean" || action.kind === "scrub")) action = { kind: "recurse" };
  return { action, rule: `recipe rule ${best.index + 1} (line ${best.line}) on ${formatTag(facts.tag)}` };
}
