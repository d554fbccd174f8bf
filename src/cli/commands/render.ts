import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import type { Command } from "commander";
import type { VoiChoice } from "../../pixels/render/render-frame.js";
import { runCommand, UsageError } from "../run-command.js";
import { cliStreams } from "../io.js";

const MODES = ["normal", "inverted", "extremes", "extremes-min"] as const;
const VOIS = ["auto", "robust", "minmax"] as const;

interface RenderCliOptions {
  frame?: string;
  output?: string;
  mode: string;
  voi: string;
  gray?: boolean;
  scale?: string;
  lenient?: boolean;
}

/** A non-negative integer option, or a usage error naming it. */
function wholeNumber(text: string, name: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${name} must be a whole number >= 0, got "${text}"`);
  return Number(text);
}

/** The default output path: the input's name with .png (and the frame number when given). */
function defaultOutput(file: string, frame: number | undefined): string {
  const stem = basename(file, extname(file)) || "image";
  return `${stem}${frame !== undefined ? `.f${frame}` : ""}.png`;
}

/** `dicom-deid render <file> [--frame N] [-o out.png] [--mode ...] [--voi ...] [--gray] [--scale F] [--lenient]`. */
export function registerRender(program: Command, setExit: (code: number) => void): void {
  program
    .command("render")
    .description("render one frame to an 8-bit PNG, as the OCR sees it (for review)")
    .argument("<file>", "DICOM file (never modified)")
    .option("--frame <n>", "zero-based frame number (default 0)")
    .option("-o, --output <file>", "PNG to write, or - for stdout (default: <name>.png in the current folder)")
    .option("--mode <mode>", `rendering: ${MODES.join(", ")}`, "normal")
    .option("--voi <voi>", `grayscale mapping: ${VOIS.join(", ")}`, "auto")
    .option("--gray", "one channel (luminance) for colour images")
    .option("--scale <factor>", "enlarge by this factor (bilinear)")
    .option("--lenient", "read damaged files leniently")
    .action(async (file: string, opts: RenderCliOptions) => {
      setExit(await runCommand(file, async () => {
        if (!(MODES as readonly string[]).includes(opts.mode)) throw new UsageError(`--mode must be one of ${MODES.join(", ")}, got "${opts.mode}"`);
        if (!(VOIS as readonly string[]).includes(opts.voi)) throw new UsageError(`--voi must be one of ${VOIS.join(", ")}, got "${opts.voi}"`);
        const frameIndex = opts.frame === undefined ? undefined : wholeNumber(opts.frame, "--frame");
        const scale = opts.scale === undefined ? 1 : Number(opts.scale);
        if (!(scale > 0 && scale <= 16)) throw new UsageError(`--scale must be a number in (0, 16], got "${opts.scale}"`);
        const [{ readDicom }, { writeFileAtomic }, { openPixels, readFrame }, { renderFrame }, { extremes, inverted, upscale }, { encodePng }] = await Promise.all([
          import("../../io/read/read-file.js"), import("../../io/atomic-write.js"), import("../../pixels/image.js"),
          import("../../pixels/render/render-frame.js"), import("../../pixels/render/variants.js"), import("../../pixels/render/png.js"),
        ]);
        const f = readDicom(new Uint8Array(readFileSync(file)), { file: basename(file), lenient: opts.lenient });
        const src = openPixels(f);
        const index = frameIndex ?? 0;
        if (index >= src.format.numberOfFrames) throw new UsageError(`--frame ${index} is outside 0..${src.format.numberOfFrames - 1}`);
        const frame = await readFrame(src, index);
        const base = { frameIndex: index, voi: opts.voi as VoiChoice, grayscale: opts.gray };
        let r =
          opts.mode === "extremes" || opts.mode === "extremes-min"
            ? extremes(f, frame, { frameIndex: index, which: opts.mode === "extremes" ? "max" : "min" })
            : renderFrame(f, frame, base);
        if (opts.mode === "inverted") r = inverted(r);
        if (scale !== 1) r = upscale(r, scale);
        const png = await encodePng(r);
        const out = opts.output ?? defaultOutput(file, frameIndex);
        if (out === "-") {
          cliStreams().stdout.write(png);
        } else {
          writeFileAtomic(out, png, { protect: [file] });
          cliStreams().stderr.write(`dicom-deid: rendered frame ${index} (${r.width}x${r.height}, ${r.channels === 1 ? "grey" : "RGB"})\n`);
        }
        return 0;
      }));
    });
}
