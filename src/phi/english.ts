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
  const doc = nlp(text);
  const spans = doc.people().out("offset") as Array<{ offset: { start: number; length: number } }>;
  return spans.map((s) => ({ start: s.offset.start, end: s.offset.start + s.offset.length }));
}
