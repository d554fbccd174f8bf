// Region rules: --redact-region arguments, rules files, ultrasound data areas.
export { parseRegionArg, parseRegionArgs } from "./region-arg.js";
export { parseRegionRules, type AttributeTest, type Condition, type RegionRule, type RegionRules } from "./rules.js";
export { evaluateCondition, type ConditionTrace } from "./conditions.js";
export { complementRects, ultrasoundRegions } from "./ultrasound.js";
export { explainRegions, regionsFor, type RegionExplanation, type Regions, type RuleOutcome, type RuleRef } from "./regions-for.js";
export { parseLocatedJson, type JsonNode } from "./located-json.js";
