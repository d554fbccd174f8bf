// Recognizer "institution-pattern": capitalised names ending in Hospital, Clinic, Medical Center, Memorial...
import type { Finding, Recognizer, RecognizerInput } from "../types.js";
import { INSTITUTION_GENERIC, INSTITUTION_HEADS, STRONG_INSTITUTION_HEADS } from "../org-words.js";
import { isCapitalised } from "../text-view.js";
import { skeleton } from "../ocr-fold.js";

const CONNECTORS = new Set(["and", "of", "the", "&", "at", "for", "st", "saint", "de", "la", "del", "los", "san", "santa"]);
const MAX_WORDS = 8;
const HEAD_SKELETONS = new Set([...INSTITUTION_HEADS].map(skeleton));
const STRONG_HEAD_SKELETONS = new Set([...STRONG_INSTITUTION_HEADS].map(skeleton));
const GENERIC_SKELETONS = new Set([...INSTITUTION_GENERIC, ...INSTITUTION_HEADS].map(skeleton));

/** Recognizer of institution names: a head noun preceded by capitalised words, at least one of them distinctive. */
export const institutionPatternRecognizer: Recognizer = {
  name: "institution-pattern",
  entities: ["INSTITUTION"],
  analyze({ view, allowed }: RecognizerInput): Finding[] {
    const out: Finding[] = [];
    const toks = view.tokens;
    for (let h = 0; h < toks.length; h++) {
      const head = toks[h];
      if (!head.alpha || !isCapitalised(head.resolved) || !HEAD_SKELETONS.has(head.skel)) continue;
      // Walk left over capitalised words, connectors, commas and hyphens on the same line.
      let first = h;
      let distinctive = 0;
      let longDistinctive = 0;
      for (let k = h - 1; k >= 0 && h - k < MAX_WORDS; k--) {
        const t = toks[k];
        const gap = view.text.slice(t.end, toks[k + 1].start);
        if (t.line !== head.line || !/^(\s*[,&]?\s*|-|'|’)$/.test(gap) || /[:;]/.test(gap)) break;
        const connector = CONNECTORS.has(t.lower);
        if (!connector && !(t.alpha && isCapitalised(t.resolved))) break;
        // Clinical and device words ("Brain", "PORTABLE") are not part of an institution name.
        if (!connector && allowed[k] && !GENERIC_SKELETONS.has(t.skel)) break;
        first = k;
        if (!connector && !GENERIC_SKELETONS.has(t.skel) && !allowed[k]) {
          distinctive++;
          if (t.lower.length >= 4) longDistinctive++;
        }
      }
      while (first < h && CONNECTORS.has(toks[first].lower)) first++;
      // "Hospital of Saint X": also walk right over "of" + capitalised words.
      let last = h;
      if (h + 2 < toks.length && toks[h + 1].lower === "of" && toks[h + 2].line === head.line && isCapitalised(toks[h + 2].resolved)) {
        last = h + 2;
        for (let k = h + 3; k < toks.length && k - h < MAX_WORDS; k++) {
          if (toks[k].line !== head.line || !isCapitalised(toks[k].resolved) || !/^\s+$/.test(view.text.slice(toks[k - 1].end, toks[k].start))) break;
          last = k;
        }
        for (let k = h + 2; k <= last; k++) if (!GENERIC_SKELETONS.has(toks[k].skel) && !allowed[k]) distinctive++;
      }
      if (distinctive === 0) continue;
      // Weak heads ("... Medical Systems", "... Imaging Group") also end company and device names: they need two long distinctive words.
      const strong = STRONG_HEAD_SKELETONS.has(head.skel);
      const score = strong ? (distinctive >= 2 ? 0.7 : 0.6) : longDistinctive >= 2 ? 0.55 : 0.4;
      out.push({ entity: "INSTITUTION", start: toks[first].start, end: toks[last].end, score, recognizer: "institution-pattern",
        explanation: `capitalised name ending in ${strong ? "an institution word" : "a weak institution word"} (${distinctive} distinctive word${distinctive > 1 ? "s" : ""})` });
    }
    return out;
  },
};
