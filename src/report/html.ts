/**
 * The review page: one self-contained HTML file (inline CSS and script, images as data: URIs, a
 * content security policy that forbids any fetch) for a person to check a run quickly. Per image:
 * an id, before and after thumbnails with the redaction boxes drawn in the colour of their reason
 * (see thumbnail.ts and the legend), flags and a risk score; sorted by risk, re-sortable.
 *
 * No PHI: the page shows only what the entries carry as text, namely ids, reasons and flags, all
 * escaped; never OCR text, header values or file names. Callers must pass ids that are indexes
 * or path hashes, not names.
 */
import { reasonColour, cssColour } from "./colours.js";

/** A redaction box on the review page: frame pixels and the reason (recognizer, rule) that made it. */
export interface ReviewBox {
  x: number;
  y: number;
  w: number;
  h: number;
  reason: string;
}

/** One image on the review page. */
export interface ReviewEntry {
  /** An index or path hash, never a file name. */
  id: string;
  width: number;
  height: number;
  /** PNG thumbnail before redaction, boxes drawn (thumbnailPng). */
  before?: Uint8Array;
  /** PNG thumbnail after redaction. */
  after?: Uint8Array;
  boxes: ReviewBox[];
  /** Fixed flag texts (see REVIEW_FLAGS in risk.ts). */
  flags: string[];
  /** Risk score in [0, 1]; higher is reviewed first. */
  risk: number;
}

/** Options of `renderHtmlReport`. */
export interface HtmlReportOptions {
  /** Page title. Default "dicom-deid review". */
  title?: string;
  /** Extra summary lines shown under the title (counts, settings; no PHI). */
  summary?: readonly string[];
  /** Displayed thumbnail width in CSS pixels. Default 256. */
  thumbnailWidth?: number;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 of bytes (no Buffer, so the page can also be built in a browser). */
export function base64(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  if (i < bytes.length) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : "=") + "=";
  }
  return out;
}

const clampRisk = (r: number): number => (Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 1);

/** Background colour of a risk score: green through amber to red. */
function riskColour(r: number): string {
  const hue = Math.round(120 * (1 - r));
  return `hsl(${hue} 70% 42%)`;
}

function image(png: Uint8Array | undefined, label: string, width: number): string {
  if (!png) return `<div class="noimg" style="width:${width}px">no ${label} image</div>`;
  return `<figure><img alt="${label}" width="${width}" src="data:image/png;base64,${base64(png)}"><figcaption>${label}</figcaption></figure>`;
}

function entryHtml(e: ReviewEntry, order: number, width: number): string {
  const risk = clampRisk(e.risk);
  const counts = new Map<string, number>();
  for (const b of e.boxes) counts.set(b.reason, (counts.get(b.reason) ?? 0) + 1);
  const reasons = [...counts].map(([r, n]) => `<span class="reason"><i style="background:${cssColour(reasonColour(r))}"></i>${escapeHtml(r)} ${n}</span>`).join("");
  const flags = e.flags.map((f) => `<span class="flag">${escapeHtml(f)}</span>`).join("");
  return [
    `<section class="entry" data-risk="${risk}" data-order="${order}" data-flagged="${e.flags.length > 0 ? 1 : 0}">`,
    `<header><span class="risk" style="background:${riskColour(risk)}">${risk.toFixed(2)}</span>`,
    `<span class="id">${escapeHtml(e.id)}</span><span class="size">${Math.round(e.width)} x ${Math.round(e.height)}, ${e.boxes.length} boxes</span></header>`,
    `<div class="flags">${flags || '<span class="none">no flags</span>'}</div>`,
    `<div class="reasons">${reasons}</div>`,
    `<div class="pair">${image(e.before, "before", width)}${image(e.after, "after", width)}</div>`,
    `</section>`,
  ].join("");
}

const CSS = `
body{font:14px system-ui,sans-serif;margin:16px;background:#f4f4f4;color:#222}
h1{font-size:20px;margin:0 0 4px}
.summary{margin:0 0 8px;color:#444}
.controls{margin:8px 0;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.legend span{margin-right:10px;white-space:nowrap}
i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px;border:1px solid #0004}
#list{display:flex;flex-wrap:wrap;gap:12px}
.entry{background:#fff;border:1px solid #ccc;border-radius:6px;padding:8px}
.entry header{display:flex;gap:8px;align-items:center;margin-bottom:4px}
.risk{color:#fff;font-weight:600;padding:1px 6px;border-radius:4px}
.id{font-family:ui-monospace,monospace}
.size{color:#666;font-size:12px}
.flag{display:inline-block;background:#fde2e1;color:#8a1c13;border-radius:4px;padding:0 6px;margin:2px 4px 2px 0;font-size:12px}
.none{color:#888;font-size:12px}
.reason{font-size:12px;margin-right:8px}
.pair{display:flex;gap:8px}
figure{margin:0}
figcaption{font-size:11px;color:#666;text-align:center}
img{display:block;background:#000;image-rendering:auto}
.noimg{height:64px;display:flex;align-items:center;justify-content:center;background:#ddd;color:#666;font-size:12px}
body.flagged-only .entry[data-flagged="0"]{display:none}
`;

const SCRIPT = `
(function(){
  var list=document.getElementById('list');
  function sort(by){
    var items=Array.prototype.slice.call(list.children);
    items.sort(function(a,b){
      if(by==='risk'){var d=parseFloat(b.dataset.risk)-parseFloat(a.dataset.risk);if(d)return d;}
      return parseInt(a.dataset.order,10)-parseInt(b.dataset.order,10);
    });
    items.forEach(function(e){list.appendChild(e);});
  }
  document.getElementById('sort').addEventListener('change',function(ev){sort(ev.target.value);});
  document.getElementById('flagged').addEventListener('change',function(ev){document.body.classList.toggle('flagged-only',ev.target.checked);});
})();
`;

/** The review page as one self-contained HTML string (see the module comment: no PHI). */
export function renderHtmlReport(entries: readonly ReviewEntry[], options: HtmlReportOptions = {}): string {
  const width = Math.max(32, Math.round(options.thumbnailWidth ?? 256));
  const title = escapeHtml(options.title ?? "dicom-deid review");
  const reasons = new Map<string, number>();
  for (const e of entries) for (const b of e.boxes) reasons.set(b.reason, (reasons.get(b.reason) ?? 0) + 1);
  const legend = [...reasons]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([r, n]) => `<span><i style="background:${cssColour(reasonColour(r))}"></i>${escapeHtml(r)} (${n})</span>`)
    .join("");
  const flagged = entries.filter((e) => e.flags.length > 0).length;
  const ordered = entries.map((e, i) => ({ e, i })).sort((a, b) => clampRisk(b.e.risk) - clampRisk(a.e.risk) || a.i - b.i);
  const summary = [`${entries.length} images, ${flagged} flagged`, ...(options.summary ?? [])].map((s) => `<p class="summary">${escapeHtml(s)}</p>`).join("");
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title><style>${CSS}</style></head><body>`,
    `<h1>${title}</h1>${summary}`,
    '<div class="controls"><label>sort <select id="sort"><option value="risk">by risk</option><option value="order">in run order</option></select></label>',
    '<label><input type="checkbox" id="flagged"> flagged only</label>',
    `<span class="legend">${legend || "no redaction boxes"}</span></div>`,
    `<main id="list">${ordered.map(({ e, i }) => entryHtml(e, i, width)).join("\n")}</main>`,
    `<script>${SCRIPT}</script></body></html>`,
  ].join("\n");
}
