import { test } from "node:test";
import assert from "node:assert/strict";
import { formatDuration, formatProgress, ProgressBar } from "../../src/pipeline/progress.js";

const state = { done: 50, found: 200, walking: false, failed: 2, processed: 50 };

test("when progress is formatted then it shows done/total, failures, rate and ETA within the width", () => {
  const line = formatProgress(state, 10, 100);
  assert.match(line, /^\[#+-+\] 50\/200 {2}failed 2 {2}5\.0 files\/s {2}ETA 30s$/);
  assert.ok(formatProgress(state, 10, 30).length <= 29);
  assert.match(formatProgress({ ...state, walking: true }, 10, 100), /50\/200\+ .* ETA \?$/);
  assert.deepEqual([formatDuration(42), formatDuration(185), formatDuration(3725)], ["42s", "3m05s", "1h02m"]);
});

test("when the stream is not a TTY then nothing is drawn, and on a TTY one line is redrawn", () => {
  let out = "";
  const pipe = new ProgressBar({ write: (s: string) => (out += s), isTTY: false });
  pipe.update(state, true);
  pipe.finish();
  assert.equal(out, "");
  const tty = new ProgressBar({ write: (s: string) => (out += s), isTTY: true, columns: 80 });
  tty.update(state, true);
  tty.update(state); // throttled
  tty.finish();
  assert.equal(out.split("\r\x1b[2K").length, 3);
  assert.ok(!out.includes("\n"));
});
