import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import type { DeidOptions } from "../../deid/deidentify.js";
import { optionFlags, processorOptionsFrom, type DeidFlags } from "../deid-options.js";
import { runCommand, UsageError } from "../run-command.js";
import { cliStreams } from "../io.js";

/** `dicom-deid profile --explain <file>`: the action each element would get and why (no values). */
export function registerProfile(program: Command, setExit: (code: number) => void): void {
  const cmd = program
    .command("profile")
    .description("explain the de-identification profile: the action each element of a file would get and why (never values)")
    .option("--explain <file>", "DICOM file to explain")
    .option("--config <file>", "recipe file (JSON or YAML)")
    .option("--region-rules <file>", "also explain which region rule matches the file and why")
    .option("--json", "print JSON lines instead of a table");
  for (const o of optionFlags()) cmd.option(o.flag, o.help);
  cmd.action(async (flags: DeidFlags & { explain?: string; json?: boolean; regionRules?: string }) => {
    setExit(await runCommand(flags.explain, async () => {
      if (!flags.explain) throw new UsageError("profile needs --explain <file>");
      const [{ readDicom }, { lookupTag }, { planFile }, { parseRecipe }, { PROFILE_SOURCE }, { planPath }] = await Promise.all([
        import("../../io/read/read-file.js"), import("../../dictionary/index.js"), import("../../deid/deidentify.js"),
        import("../../deid/recipe.js"), import("../../profile/table.js"), import("../../deid/plan.js"),
      ]);
      const o = await processorOptionsFrom({ ...flags, secret: "explain-only-secret" }, () => undefined);
      const file = readDicom(new Uint8Array(readFileSync(flags.explain)), { file: basename(flags.explain) });
      const deid: DeidOptions = {
        profile: o.profile, secret: { key: new Uint8Array(8), ephemeral: true }, pseudonym: o.pseudonym,
        maxShiftDays: o.maxShiftDays, recipe: o.recipeText ? parseRecipe(o.recipeText) : undefined,
      };
      const { plan } = planFile(file, deid);
      if (!flags.json) cliStreams().stdout.write(`# ${PROFILE_SOURCE}\n`);
      for (const e of plan) {
        const kw = lookupTag(e.element.tag)?.keyword || "-";
        const depth = e.loc.chain.length;
        const path = planPath(e);
        if (flags.json) cliStreams().stdout.write(JSON.stringify({ path, keyword: kw, vr: e.element.vr, action: e.decision.action.kind, rule: e.decision.rule }) + "\n");
        else cliStreams().stdout.write(`${"  ".repeat(depth)}${path.split(".").pop()} ${e.element.vr} ${kw.padEnd(36 - 2 * depth)} ${e.decision.action.kind.padEnd(9)} ${e.decision.rule}\n`);
      }
      if (flags.regionRules) {
        const { explainRegions, parseRegionRules } = await import("../../redact/index.js");
        const ex = explainRegions(file, parseRegionRules(readFileSync(flags.regionRules, "utf8"), { source: basename(flags.regionRules) }));
        if (flags.json) cliStreams().stdout.write(JSON.stringify({ regionRules: ex }) + "\n");
        else {
          cliStreams().stdout.write(`# region rules: ${ex.matchedRule ? `rule ${ex.matchedRule.index + 1} "${ex.matchedRule.name}" (line ${ex.matchedRule.line}) applies` : "no rule applies"}\n`);
          for (const r of ex.rules) {
            cliStreams().stdout.write(`#   rule ${r.index + 1} (line ${r.line}) ${r.matched ? "matched" : "did not match"}${r.note ? `: ${r.note}` : ""}\n`);
            for (const t of r.tests) cliStreams().stdout.write(`#     ${JSON.stringify(t)}\n`);
          }
        }
      }
      return 0;
    }));
  });
}
