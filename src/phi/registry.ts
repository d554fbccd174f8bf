// Recognizer registry: recognizers registered explicitly by name; an unknown name throws listing the known ones.
import type { Recognizer } from "./types.js";
import { DicomError } from "../core/errors.js";
import { headerValuesRecognizer } from "./recognizers/header-values.js";
import { labelValueRecognizer } from "./recognizers/label-value.js";
import { datePatternRecognizer } from "./recognizers/date-pattern.js";
import { idPatternRecognizer } from "./recognizers/id-pattern.js";
import { phonePatternRecognizer } from "./recognizers/phone-pattern.js";
import { emailPatternRecognizer } from "./recognizers/email-pattern.js";
import { urlPatternRecognizer } from "./recognizers/url-pattern.js";
import { addressPatternRecognizer } from "./recognizers/address-pattern.js";
import { agePatternRecognizer } from "./recognizers/age-pattern.js";
import { institutionPatternRecognizer } from "./recognizers/institution-pattern.js";
import { personNameRecognizer } from "./recognizers/person-name.js";

/** A name -> recognizer table. */
export class RecognizerRegistry {
  private readonly byName = new Map<string, Recognizer>();

  /** Adds a recognizer; a second one with the same name throws. */
  register(recognizer: Recognizer): this {
    if (this.byName.has(recognizer.name)) {
      throw new DicomError("CONFIG", `recognizer "${recognizer.name}" is already registered`);
    }
    this.byName.set(recognizer.name, recognizer);
    return this;
  }

  /** The recognizer of that name; throws a CONFIG error listing the known names when there is none. */
  get(name: string): Recognizer {
    const r = this.byName.get(name);
    if (!r) throw new DicomError("CONFIG", `unknown recognizer "${name}"; known: ${this.names().join(", ")}`);
    return r;
  }

  /** True when a recognizer of that name is registered. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Registered names, in registration order. */
  names(): string[] {
    return [...this.byName.keys()];
  }
}

/** The built-in recognizers, in the order they are registered. */
export const BUILT_IN_RECOGNIZERS: readonly Recognizer[] = [
  headerValuesRecognizer,
  labelValueRecognizer,
  datePatternRecognizer,
  idPatternRecognizer,
  phonePatternRecognizer,
  emailPatternRecognizer,
  urlPatternRecognizer,
  addressPatternRecognizer,
  agePatternRecognizer,
  institutionPatternRecognizer,
  personNameRecognizer,
];

/** A new registry holding every built-in recognizer. */
export function createDefaultRegistry(): RecognizerRegistry {
  const registry = new RecognizerRegistry();
  for (const r of BUILT_IN_RECOGNIZERS) registry.register(r);
  return registry;
}
