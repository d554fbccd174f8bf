import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, statSync, unlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { DicomError, isDicomError } from "../core/errors.js";
import { moveIntoPlace, writeFileAtomic } from "../io/atomic-write.js";
import type { BatchOptions, BatchSummary, FileEvent } from "./batch-types.js";
import { OutputClaims } from "./claims.js";
import { eventEmitter } from "./events.js";
import { JsonLinesFile } from "./jsonl.js";
import { checkBatchPaths, isInside, normalizeOutputRelPath, pathId, type BatchPaths } from "./paths.js";
import { ProgressBar } from "./progress.js";
import { AsyncQueue } from "./queue.js";
import { LinkageWriter, REPORT_FILES, writeSummary, type QuarantineEntry } from "./reports.js";
import { BatchState, STATE_FILE } from "./state.js";
import { BatchTally } from "./tally.js";
import { failedResult, type TaskResult, type TaskRunner } from "./task.js";
import { walkFiles, type WalkEntry } from "./walk.js";
import { BatchRunners, planRunners } from "./runners.js";
import { STAGING_DIR, Staging } from "./staging.js";

/** Refuses a non-empty output folder unless the run resumes or may overwrite. */
function checkOutputFolder(output: string, options: BatchOptions): void {
  if (options.resume || options.overwrite || !existsSync(output)) return;
  if (readdirSync(output).length > 0) throw new DicomError("CONFIG", "output folder is not empty (resume or overwrite it)");
}

/** Everything one batch run works with. */
interface Run {
  paths: BatchPaths;
  state: BatchState;
  claims: OutputClaims;
  quarantine: JsonLinesFile;
  linkage?: LinkageWriter;
  tally: BatchTally;
  emit: (e: FileEvent) => void;
  checkedDirs: Set<string>;
  reportPaths: boolean;
  staging: Staging;
}

/** Creates an output folder and checks (once per folder) that no symlink leads it out of the output root. */
function ensureOutputDir(run: Run, dir: string): void {
  if (run.checkedDirs.has(dir)) return;
  mkdirSync(dir, { recursive: true });
  if (!isInside(realpathSync(dir), run.paths.output)) throw new DicomError("WRITE", "an output folder leads out of the output root");
  run.checkedDirs.add(dir);
}

/** Writes one processed file's output, linkage and state; returns a failure instead of throwing for file-level problems. */
function commitOutput(run: Run, entry: WalkEntry, id: string, result: TaskResult): TaskResult {
  const { outcome, output, staged } = result;
  const out = normalizeOutputRelPath(outcome.outputRelPath ?? entry.relPath);
  if (out === undefined) return failedResult("OUTPUT_PATH", "processor chose an unsafe output path", result.ms);
  if (out.split("/")[0].toLowerCase() === STAGING_DIR) return failedResult("OUTPUT_PATH", "output path would lie in the staging folder", result.ms);
  const rows = outcome.linkage ?? [];
  if (run.linkage && rows.length) {
    const why = run.linkage.check(rows);
    if (why) return failedResult("LINKAGE", why, result.ms);
  }
  const plan = run.claims.plan(id, out);
  const target = join(run.paths.output, plan.path);
  try {
    ensureOutputDir(run, dirname(target));
    if (plan.displaced) {
      try {
        renameSync(join(run.paths.output, plan.displaced.from), join(run.paths.output, plan.displaced.to));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new DicomError("WRITE", "cannot move an earlier output aside");
      }
    }
    if (staged !== undefined) moveIntoPlace(staged, target, { protect: [entry.absPath] });
    else writeFileAtomic(target, output!, { protect: [entry.absPath] });
  } catch (e) {
    const d = isDicomError(e) ? e : new DicomError("WRITE", "cannot write output");
    return failedResult(d.code, d.reason, result.ms);
  }
  run.claims.commit(id, plan);
  if (plan.displaced) run.state.moved(plan.displaced.owner, plan.displaced.to);
  if (plan.displaced || plan.renamed) run.tally.renamed++;
  if (run.linkage && rows.length) {
    try {
      run.linkage.append(rows);
    } catch {
      try { unlinkSync(target); } catch { /* gone already */ }
      return failedResult("LINKAGE", "cannot write the linkage file; output withdrawn", result.ms);
    }
  }
  run.state.done(id, { size: result.size ?? 0, mtimeMs: result.mtimeMs ?? 0, status: "ok", out: plan.path });
  // State lines are batched; a moved output or linkage rows must not be ahead of them after a
  // crash (resume would follow a stale path, or append the rows again).
  if (plan.displaced || (run.linkage && rows.length)) run.state.flush();
  return result;
}

/** Records one processed file: output or quarantine, state, tally, event. */
function commit(run: Run, entry: WalkEntry, result: TaskResult): void {
  const id = pathId(entry.relPath);
  let r = result;
  if (r.status === "ok") r = commitOutput(run, entry, id, r);
  if (r.status !== "ok" && result.staged !== undefined) run.staging.discard(result.staged);
  if (r.status === "failed") {
    const q: QuarantineEntry = { ...(run.reportPaths ? { relPath: entry.relPath } : {}), inputId: id, code: r.outcome.code ?? "UNKNOWN", reason: r.outcome.reason ?? "" };
    run.quarantine.write(q);
  } else if (r.status !== "ok" && r.size !== undefined) {
    run.state.done(id, { size: r.size, mtimeMs: r.mtimeMs ?? 0, status: r.status });
  }
  run.tally.add(r.status, r);
  run.emit({ type: "file", relPath: entry.relPath, status: r.status, ...(r.outcome.code ? { code: r.outcome.code } : {}), ms: r.ms });
}

/** True (and counted) when an earlier run finished this file and the input is unchanged. */
function resumed(run: Run, entry: WalkEntry): boolean {
  const rec = run.state.get(pathId(entry.relPath));
  if (!rec) return false;
  try {
    const st = statSync(entry.absPath);
    if (st.size !== rec.size || st.mtimeMs !== rec.mtimeMs) return false;
  } catch {
    return false;
  }
  if (rec.status === "ok" && (rec.out === undefined || !existsSync(join(run.paths.output, rec.out)))) return false;
  run.tally.resumed++;
  run.tally.status(rec.status, rec.status === "notDicom" ? "NOT_DICOM" : undefined);
  run.emit({ type: "file", relPath: entry.relPath, status: rec.status, resumed: true, ms: 0 });
  return true;
}

/**
 * De-identifies a file or a folder tree into an output folder with any processor module.
 * Files go to worker threads (or, for `quickFiles` batches, first to this thread: see
 * runners.ts); non-DICOM files are skipped; a failing file is quarantined (quarantine.jsonl) and
 * the batch goes on, as is a file that crashes or hangs its worker (a file done in this thread
 * is not isolated from a crash or hang of the process). Outputs mirror the
 * input tree unless the processor chooses a path; collisions get a suffix from the input's id.
 * Writes summary.json/summary.txt and the resume state; throws only for bad options (CONFIG)
 * or when a report cannot be written.
 */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const paths = checkBatchPaths(options);
  checkOutputFolder(paths.output, options);
  const runners = await BatchRunners.start(options, planRunners(options));

  let state: BatchState | undefined;
  let quarantine: JsonLinesFile | undefined;
  let linkage: LinkageWriter | undefined;
  let staging: Staging | undefined;
  const progress = new ProgressBar(options.progress === false ? undefined : (options.progress ?? process.stderr));
  const queue = new AsyncQueue<WalkEntry>();
  const tally = new BatchTally();
  let found = 0;
  let walking = true;
  let interrupted = false;
  const onAbort = () => {
    interrupted = true;
    queue.close(true);
    runners.abort();
  };
  try {
    mkdirSync(paths.output, { recursive: true });
    mkdirSync(paths.reportDir, { recursive: true });
    staging = Staging.open(paths.output);
    // A resume must check the fingerprint first; a new run records it once computed.
    const fp = options.fingerprint;
    const known = typeof fp === "string" || options.resume ? await fp : undefined;
    const opened = BatchState.open(paths.output, { resume: options.resume, fingerprint: known });
    state = opened;
    const fingerprinted = known === undefined && fp !== undefined ? Promise.resolve(fp).then((v) => opened.fingerprint(v)) : undefined;
    fingerprinted?.catch(() => undefined); // awaited below
    quarantine = new JsonLinesFile(join(paths.reportDir, REPORT_FILES.quarantine));
    if (paths.linkagePath) linkage = new LinkageWriter(paths.linkagePath, options.linkageColumns);
    const claims = new OutputClaims();
    claims.reserve(STATE_FILE);
    for (const name of Object.values(REPORT_FILES)) {
      if (isInside(join(paths.reportDir, name), paths.output)) claims.reserve(relative(paths.output, join(paths.reportDir, name)).split("\\").join("/"));
    }
    if (paths.linkagePath && isInside(paths.linkagePath, paths.output)) claims.reserve(relative(paths.output, paths.linkagePath).split("\\").join("/"));
    state.forEachOutput((id, out) => claims.set(id, out));
    const emitEvent = eventEmitter(options.events);
    const run: Run = { paths, state, claims, quarantine, linkage, tally, emit: emitEvent, checkedDirs: new Set(), reportPaths: options.reportPaths === true, staging };
    const draw = (force = false) => progress.update({ done: tally.files, found, walking, failed: tally.failed, processed: tally.processed }, force);
    const ticker = progress.enabled ? setInterval(() => draw(), 1000) : undefined;
    ticker?.unref();

    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });

    const folderFailed = (relPath: string, code: string) => {
      found++;
      commit(run, { absPath: "", relPath }, failedResult("READ", `cannot read folder (${code})`));
    };
    const walk = (async () => {
      try {
        const walker = walkFiles(paths.input, { onIgnored: () => tally.ignored++, onError: (e) => folderFailed(e.relPath, e.code) });
        for await (const entry of walker) {
          if (interrupted) break;
          found++;
          queue.push(entry);
        }
      } catch (e) {
        folderFailed(".", (e as NodeJS.ErrnoException).code ?? "EIO"); // the input vanished mid-run
      }
    })().finally(() => {
      walking = false;
      queue.close();
    });

    const lane = async (runner: TaskRunner, inThread: boolean) => {
      for (let entry = await queue.next(); entry !== undefined; entry = await queue.next()) {
        if (options.resume && resumed(run, entry)) {
          draw();
          continue;
        }
        const result = await runner.run({ ...entry, stageTo: staging!.take() });
        if (result === undefined) break;
        commit(run, entry, result);
        draw();
        if (inThread) await new Promise((r) => setImmediate(r)); // let the walk, workers, timers and streams run
      }
    };
    await Promise.all([walk, runners.run(lane, () => queue.length)]);
    await fingerprinted;
    state.flush();
    if (ticker) clearInterval(ticker);
    draw(true);
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    progress.finish();
    await runners.close();
    staging?.close();
    state?.close();
    quarantine?.close();
    linkage?.close();
  }
  const summary = tally.summary({
    seconds: (performance.now() - t0) / 1000, workers: runners.workers, found, interrupted, linkageRows: linkage?.rows ?? 0, startedAt,
  });
  writeSummary(paths.reportDir, summary, [paths.input]);
  eventEmitter(options.events)({ type: "summary", ...summary });
  return summary;
}
