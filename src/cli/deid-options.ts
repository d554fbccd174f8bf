import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { DicomError } from "../core/errors.js";
import { isPseudonymLength, isPseudonymPrefix } from "../deid/pseudonym.js";
import { OPTION_NAMES, optionsFromNames, type ProfileOptions } from "../profile/options.js";
import type { DeidProcessorOptions } from "../pipeline/deid-processor.js";
import type { PixelMode } from "../burnin/types.js";
import { DEFAULT_OCR_ENGINE } from "../ocr/engine.js";
import { availableParallelism } from "node:os";

/** The CLI flags shared by `deidentify` and `profile --explain`. */
export interface DeidFlags {
  config?: string;
  secret?: string;
  secretFile?: string;
  pseudonymPrefix?: string;
  pseudonymLength?: string;
  mapping?: string;
  dateShiftDays?: string;
  linkage?: string;
  layout?: string;
  lenient?: boolean;
  residualCheck?: boolean;
  redactRegion?: string[];
  regionRules?: string;
  pixels?: string;
  ocrEngine?: string;
  workers?: string;
  failSafe?: boolean;
  hiddenRows?: boolean;
  [option: string]: unknown;
}

/** Validates --pixels. */
function pixelMode(v: string): PixelMode {
  if (v !== "phi" && v !== "all-text" && v !== "off") throw new DicomError("CONFIG", '--pixels must be "phi", "all-text" or "off"');
  return v;
}

/** camelCase of a dashed option name, as commander stores it. */
export const camel = (s: string): string => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Registers one flag per PS3.15 option (e.g. --clean-descriptors), with its CID 7050 code in the help. */
export function optionFlags(): { flag: string; help: string }[] {
  return Object.entries(OPTION_NAMES).map(([name, o]) => ({ flag: `--${name}`, help: `PS3.15 option (CID 7050 ${o.code})` }));
}

/** The secret: --secret, --secret-file, DICOM_DEID_SECRET, else a random one for this run (with a warning). */
export function resolveSecret(flags: DeidFlags, warn: (msg: string) => void): { hex: string; ephemeral: boolean } {
  let text = flags.secret ?? (flags.secretFile ? readFileSync(flags.secretFile, "utf8") : undefined) ?? process.env.DICOM_DEID_SECRET;
  if (text !== undefined) {
    text = text.trim();
    if (text.length < 8) throw new DicomError("CONFIG", "the secret must be at least 8 characters");
    return { hex: Buffer.from(text, "utf8").toString("hex"), ephemeral: false };
  }
  warn("no secret given (--secret, --secret-file or DICOM_DEID_SECRET): using a random one; UIDs, pseudonyms and date shifts will not match later runs");
  return { hex: randomBytes(32).toString("hex"), ephemeral: true };
}

/**
 * Builds the processor options from CLI flags (config file options and flags add up). Recipe,
 * mapping and region parsers are loaded only when their flag is given (start-up time).
 */
export async function processorOptionsFrom(flags: DeidFlags, warn: (msg: string) => void): Promise<DeidProcessorOptions> {
  const recipeText = flags.config ? readFileSync(flags.config, "utf8") : undefined;
  const recipe = recipeText ? (await import("../deid/recipe.js")).parseRecipe(recipeText) : undefined;
  const names = [...(recipe?.options ?? []), ...Object.keys(OPTION_NAMES).filter((n) => flags[camel(n)] === true)];
  const profile: ProfileOptions = optionsFromNames(names);
  if (names.includes("retain-full-dates") && names.includes("retain-modified-dates")) {
    throw new DicomError("CONFIG", "retain-full-dates and retain-modified-dates exclude each other");
  }
  if (flags.pseudonymPrefix !== undefined && !isPseudonymPrefix(flags.pseudonymPrefix)) throw new DicomError("CONFIG", "--pseudonym-prefix must be 1-16 letters, digits, _ or -");
  const codeLength = flags.pseudonymLength !== undefined ? Number(flags.pseudonymLength) : recipe?.pseudonymLength ?? 10;
  if (!isPseudonymLength(codeLength)) throw new DicomError("CONFIG", "--pseudonym-length must be a whole number from 6 to 26");
  const days = flags.dateShiftDays !== undefined ? Number(flags.dateShiftDays) : recipe?.dateShiftDays ?? 365;
  if (!(days >= 1 && days <= 36500)) throw new DicomError("CONFIG", "--date-shift-days must be 1 to 36500");
  const layout = flags.layout ?? "mirror";
  if (layout !== "mirror" && layout !== "patient/study/series") throw new DicomError("CONFIG", '--layout must be "mirror" or "patient/study/series"');
  const regions = flags.redactRegion?.length || flags.regionRules ? await import("../redact/index.js") : undefined;
  const redactRects = regions ? regions.parseRegionArgs(flags.redactRegion ?? []) : [];
  const regionRulesText = flags.regionRules ? readFileSync(flags.regionRules, "utf8") : undefined;
  if (regionRulesText) regions!.parseRegionRules(regionRulesText, { source: flags.regionRules }); // validate before any file
  const secret = resolveSecret(flags, warn);
  const mappingText = flags.mapping ? readFileSync(flags.mapping, "utf8") : undefined;
  const mapping = mappingText ? (await import("../deid/pseudonym.js")).parseMappingCsv(mappingText) : undefined;
  const pixels = pixelMode(flags.pixels ?? "phi");
  const ocrEngine = pixels !== "off" ? await (await import("../ocr/default-engines.js")).resolveOcrEngine(flags.ocrEngine ?? DEFAULT_OCR_ENGINE) : flags.ocrEngine ?? DEFAULT_OCR_ENGINE;
  // Where the batch will run its files (burned-in text never counts as quick files).
  const { planRunners } = await import("../pipeline/runners.js");
  const inThread = planRunners({ workers: flags.workers !== undefined ? Number(flags.workers) : undefined, quickFiles: false }).inThread;
  return {
    profile,
    secretHex: secret.hex,
    pseudonym: {
      prefix: flags.pseudonymPrefix ?? recipe?.pseudonymPrefix ?? "ANON",
      length: codeLength,
      mapping,
    },
    maxShiftDays: days,
    recipeText,
    linkage: Boolean(flags.linkage),
    residualCheck: flags.residualCheck !== false,
    lenient: Boolean(flags.lenient),
    layout,
    redactRects,
    regionRulesText,
    pixels,
    ocrEngine,
    ocrWorkers: inThread ? availableParallelism() : 1,
    // Workers run several files at once for the native engine, whose batches are their stacks.
    ocrConcurrentFiles: ocrEngine === "tesseract-cli" && !inThread,
    failSafe: flags.failSafe !== false,
    hiddenRows: flags.hiddenRows !== false,
  };
}
