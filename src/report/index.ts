// Review reports: thumbnails with coloured boxes, risk flags, and the self-contained HTML page (no PHI).
export { cssColour, reasonColour, type Rgb } from "./colours.js";
export { thumbnail, thumbnailPng, type ThumbnailBox, type ThumbnailOptions } from "./thumbnail.js";
export { assessRisk, REVIEW_FLAGS, RISK_WEIGHTS, type ReviewFacts, type RiskOptions } from "./risk.js";
export { escapeHtml, renderHtmlReport, type HtmlReportOptions, type ReviewBox, type ReviewEntry } from "./html.js";
