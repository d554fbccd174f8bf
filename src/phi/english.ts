// English-language knowledge from compromise: which words are ordinary vocabulary, and person spans in prose.
import nlp from "compromise";

const NAME_TAGS = new Set(["FirstName", "MaleName", "FemaleName", "LastName", "Person", "Honorific", "ProperNoun"]);

let lexicon: Record<string, string | string[]> | undefined;

function lex(): Record<string, string | string[]> {
  if (!lexicon) lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  return lexicon;
}

/** compromise's tags of the word in its lexicon (empty when unknown). */
function tagsOf(word: string): string[] {
  const t = lex()[word.toLowerCase()];
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
}

/** True when compromise's lexicon knows the word as ordinary vocabulary (verb, adjective, noun...), not as a name. */
export function isCommonEnglishWord(word: string): boolean {
  const tags = tagsOf(word);
  return tags.length > 0 && !tags.some((t) => NAME_TAGS.has(t));
}

/** True when compromise's lexicon knows the word as a first name or surname. */
export function isKnownNameWord(word: string): boolean {
  return tagsOf(word).some((t) => NAME_TAGS.has(t) && t !== "ProperNoun");
}

/** Character spans compromise tags as people in prose (text should be in normal case for best results). */
export function personSpans(text: string): Array<{ start: number; end: number }> {
  const known = spanCache.get(text);
  if (known !== undefined) return known.map((s) => ({ ...s }));
  const doc = nlp(text);
  const spans = (doc.people().out("offset") as Array<{ offset: { start: number; length: number } }>).map((s) => ({ start: s.offset.start, end: s.offset.start + s.offset.length }));
  if (spanCache.size >= SPAN_CACHE_SIZE) spanCache.delete(spanCache.keys().next().value as string);
  spanCache.set(text, spans);
  return spans.map((s) => ({ ...s }));
}

/**
 * Lines of text seen before, with their person spans: compromise takes about a millisecond a line,
 * and a series repeats its burned-in lines (name, institution, labels) on every image. The
 * oldest entry goes first when the cache is full.
 */
const spanCache = new Map<string, Array<{ start: number; end: number }>>();
const SPAN_CACHE_SIZE = 4096;
