// A small JSON parser (RFC 8259) that remembers the line of every value, so that a rules file's
// validation errors can name the line they are about.
import { DicomError } from "../../core/errors.js";

/** A JSON value with the 1-based line where it starts. */
export type JsonNode =
  | { readonly kind: "object"; readonly line: number; readonly entries: ReadonlyMap<string, JsonNode> }
  | { readonly kind: "array"; readonly line: number; readonly items: readonly JsonNode[] }
  | { readonly kind: "string"; readonly line: number; readonly value: string }
  | { readonly kind: "number"; readonly line: number; readonly value: number }
  | { readonly kind: "boolean"; readonly line: number; readonly value: boolean }
  | { readonly kind: "null"; readonly line: number };

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

class Parser {
  private at = 0;
  private line = 1;
  constructor(private readonly text: string, private readonly source: string) {}

  fail(why: string, line = this.line): never {
    throw new DicomError("CONFIG", `${this.source} line ${line}: ${why}`);
  }

  private space(): void {
    while (this.at < this.text.length) {
      const c = this.text[this.at];
      if (c === "\n") this.line++;
      else if (c !== " " && c !== "\t" && c !== "\r") return;
      this.at++;
    }
  }

  document(): JsonNode {
    const v = this.value();
    this.space();
    if (this.at < this.text.length) this.fail("unexpected text after the JSON value");
    return v;
  }

  private value(): JsonNode {
    this.space();
    const line = this.line;
    const c = this.text[this.at];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return { kind: "string", line, value: this.string() };
    for (const [word, node] of [["true", { kind: "boolean", line, value: true }], ["false", { kind: "boolean", line, value: false }], ["null", { kind: "null", line }]] as const) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return node;
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 64));
    if (m) {
      this.at += m[0].length;
      return { kind: "number", line, value: Number(m[0]) };
    }
    return this.fail(c === undefined ? "unexpected end of the file" : "expected a JSON value");
  }

  private string(): string {
    this.at++;
    let out = "";
    for (;;) {
      const c = this.text[this.at++];
      if (c === undefined || c === "\n") this.fail("unterminated string");
      if (c === '"') return out;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = this.text[this.at++];
      if (e === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at, this.at + 4))) {
        out += String.fromCharCode(parseInt(this.text.slice(this.at, this.at + 4), 16));
        this.at += 4;
      } else if (e in ESCAPES) {
        out += ESCAPES[e];
      } else {
        this.fail("bad escape in a string");
      }
    }
  }

  private object(): JsonNode {
    const line = this.line;
    this.at++;
    const entries = new Map<string, JsonNode>();
    this.space();
    if (this.text[this.at] === "}") {
      this.at++;
      return { kind: "object", line, entries };
    }
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') this.fail("expected a quoted member name");
      const keyLine = this.line;
      const key = this.string();
      if (entries.has(key)) this.fail(`member "${key}" appears twice`, keyLine);
      this.space();
      if (this.text[this.at++] !== ":") this.fail('expected ":" after a member name');
      entries.set(key, this.value());
      this.space();
      const c = this.text[this.at++];
      if (c === "}") return { kind: "object", line, entries };
      if (c !== ",") this.fail('expected "," or "}" in an object');
    }
  }

  private array(): JsonNode {
    const line = this.line;
    this.at++;
    const items: JsonNode[] = [];
    this.space();
    if (this.text[this.at] === "]") {
      this.at++;
      return { kind: "array", line, items };
    }
    for (;;) {
      items.push(this.value());
      this.space();
      const c = this.text[this.at++];
      if (c === "]") return { kind: "array", line, items };
      if (c !== ",") this.fail('expected "," or "]" in an array');
    }
  }
}

/** Parses JSON text; syntax errors are CONFIG errors naming `source` and the line. */
export function parseLocatedJson(text: string, source = "JSON"): JsonNode {
  return new Parser(text.replace(/^\uFEFF/, ""), source).document();
}
