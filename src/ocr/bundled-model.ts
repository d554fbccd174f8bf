/**
 * The OCR language data that ships with the package: @tesseract.js-data/<lang> (gzipped
 * traineddata). tesseract.js reads it as it is; a native tesseract needs it unzipped, so
 * `nativeTessdataDir` unzips it once into a directory named by the data's digest under the
 * system temp folder (written atomically, shared by processes and runs). Nothing is downloaded.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { OcrEngineError } from "./engine.js";

const require = createRequire(import.meta.url);

/** Which traineddata flavour of @tesseract.js-data to load. */
export type TesseractJsModel = "best_int" | "standard";

/** Locates the traineddata directory of @tesseract.js-data/<lang> for a model flavour. */
export function tesseractJsLangPath(lang: string, model: TesseractJsModel = "best_int"): string {
  let pkgJson: string;
  try {
    pkgJson = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  } catch (cause) {
    throw new OcrEngineError(
      "OCR_ENGINE_UNAVAILABLE",
      `Language data package "@tesseract.js-data/${lang}" is not installed; it is needed for OCR language "${lang}".`,
      { cause },
    );
  }
  return join(dirname(pkgJson), model === "best_int" ? "4.0.0_best_int" : "4.0.0");
}

/**
 * A tessdata directory holding the bundled <lang>.traineddata unzipped, for a native tesseract
 * (`--tessdata-dir`); `root` defaults to the system temp folder.
 */
export function nativeTessdataDir(lang: string, model: TesseractJsModel = "best_int", root = tmpdir()): string {
  const source = join(tesseractJsLangPath(lang, model), `${lang}.traineddata.gz`);
  let gz: Buffer;
  try {
    gz = readFileSync(source);
  } catch (cause) {
    throw new OcrEngineError("OCR_ENGINE_UNAVAILABLE", `No ${lang}.traineddata.gz in the language data package.`, { cause });
  }
  const dir = join(root, `dicom-deid-tessdata-${createHash("sha256").update(gz).digest("hex").slice(0, 16)}`);
  const target = join(dir, `${lang}.traineddata`);
  // gzip's trailer holds the unzipped size (mod 2^32): a cached copy of another size is redone.
  if (existsSync(target) && statSync(target).size === gz.readUInt32LE(gz.length - 4)) return dir;
  let data: Buffer;
  try {
    data = gunzipSync(gz);
  } catch (cause) {
    throw new OcrEngineError("OCR_ENGINE_UNAVAILABLE", `The bundled ${lang}.traineddata.gz could not be unzipped.`, { cause });
  }
  mkdirSync(dir, { recursive: true });
  // Written under a unique name and renamed: a reader never sees a partial file.
  const part = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
  writeFileSync(part, data);
  renameSync(part, target);
  return dir;
}
