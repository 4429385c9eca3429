// Direction-aware comparison of two bundled OpenAPI documents: what a client written
// against the old one would break on in the new one. Requests must not demand more;
// responses must not deliver less; operations must not disappear. Responses follow the
// spec's policy, "requests strict, responses tolerant": widening what a response may hold
// (opening an enum, dropping a format or a pattern) is fine, narrowing it is breaking,
// because clients that validate responses would start refusing what the service sends.

import { specModel } from "@otc-vpcep/spec-model";
import fc from "fast-check";

/**
 * @typedef {{ rule: string, where: string, message: string }} BreakingChange
 * @typedef {any} Json A node of an OpenAPI document, read from JSON.
 * @typedef {(node: Json) => Json} Resolve
 * @typedef {{ resolveOld: Resolve, resolveNew: Resolve, visited: Map<Json, Set<Json>> }} Context
 * @typedef {import("@otc-vpcep/spec-model").Operation} Operation
 */

/**
 * Follows a node's `$ref`s to what they name; `{}` for no node.
 * @param {import("@otc-vpcep/spec-model").SpecModel} model
 * @returns {Resolve}
 */
function resolver(model) {
  return (node) => (node === undefined || node === null ? {} : (model.resolve(node).node ?? {}));
}

/**
 * Every operation, keyed by `METHOD path`.
 * @param {import("@otc-vpcep/spec-model").SpecModel} model
 * @returns {Map<string, Operation>}
 */
function operations(model) {
  return new Map(model.operations().map((entry) => [`${entry.method.toUpperCase()} ${entry.path}`, entry]));
}

/** @type {Record<string, (before: number, after: number) => boolean>} */
const TIGHTER = {
  maxLength: (before, after) => after < before,
  maximum: (before, after) => after < before,
  maxItems: (before, after) => after < before,
  maxProperties: (before, after) => after < before,
  minLength: (before, after) => after > before,
  minimum: (before, after) => after > before,
  minItems: (before, after) => after > before,
  minProperties: (before, after) => after > before,
};

/**
 * The strings a schema accepts when it lists them (`enum`, `const`, or `anyOf`/`oneOf` of
 * such), else undefined: any value of its type. An open enum, `anyOf` of the documented
 * values and a plain string, accepts any string.
 * @param {Json} schema
 * @param {Resolve} resolve
 * @returns {Set<unknown> | undefined}
 */
function acceptedValues(schema, resolve) {
  const node = resolve(schema);
  // A boolean schema: `true` takes any value, `false` none.
  if (typeof node === "boolean") return node ? undefined : new Set();
  if (Array.isArray(node.enum)) return new Set(node.enum);
  if ("const" in node) return new Set([node.const]);
  const branches = node.anyOf ?? node.oneOf;
  if (!Array.isArray(branches)) return undefined;
  const sets = branches.map((/** @type {Json} */ branch) => acceptedValues(branch, resolve));
  if (sets.some((set) => set === undefined)) return undefined;
  return new Set(sets.flatMap((set) => [...(/** @type {Set<unknown>} */ (set))]));
}

/**
 * An open enum: `anyOf` (or `oneOf`) of listed values and a string without constraints.
 * @param {Json} schema
 * @param {Resolve} resolve
 */
function isOpenEnum(schema, resolve) {
  const branches = (schema.anyOf ?? schema.oneOf ?? []).map(resolve);
  const unconstrained = (/** @type {Json} */ branch) =>
    isString(branch) && Object.keys(branch).every((key) => ["type", "description", "title"].includes(key));
  return branches.some(unconstrained) && branches.some((/** @type {Json} */ branch) => acceptedValues(branch, resolve) !== undefined);
}

/** @param {Json} schema */
function hasBranches(schema) {
  return Array.isArray(schema.anyOf ?? schema.oneOf);
}

/** @param {Json} schema */
function isString(schema) {
  return [schema.type].flat().includes("string");
}

/** @param {Json} schema @returns {string | undefined} */
function typesOf(schema) {
  return schema.type === undefined ? undefined : [schema.type].flat().sort().join("|");
}

/**
 * Compares two schemas in one direction. `request`: what the new schema refuses that the
 * old accepted. `response`: what the old schema promised that the new one no longer does.
 * @param {Json} before
 * @param {Json} after
 * @param {"request" | "response"} direction
 * @param {string} where
 * @param {Context} context
 * @param {BreakingChange[]} changes
 */
function compareSchemas(before, after, direction, where, context, changes) {
  const old = context.resolveOld(before);
  const now = context.resolveNew(after);
  if (typeof old === "boolean" || typeof now === "boolean") return compareBooleanSchemas(old, now, direction, where, context, changes);
  // Shared components are compared once per pair, which also ends recursive schemas.
  const pairedWith = context.visited.get(old) ?? new Set();
  if (pairedWith.has(now)) return;
  context.visited.set(old, pairedWith.add(now));

  const oldType = typesOf(old);
  const newType = typesOf(now);
  if (oldType !== undefined && newType !== undefined && oldType !== newType) {
    changes.push({ rule: `${direction}-type-changed`, where, message: `type changed from ${oldType} to ${newType}` });
    return;
  }
  const oldValues = acceptedValues(old, context.resolveOld);
  const newValues = acceptedValues(now, context.resolveNew);
  if (oldValues !== undefined && newValues !== undefined) {
    const removed = [...oldValues].filter((value) => !newValues.has(value));
    if (removed.length > 0) {
      changes.push({ rule: `${direction}-enum-value-removed`, where, message: `enum value(s) removed: ${removed.join(", ")}` });
    }
    // A closed response enum that gains a value delivers what clients written against it do not know.
    const added = [...newValues].filter((value) => !oldValues.has(value));
    if (direction === "response" && added.length > 0) {
      changes.push({ rule: "response-enum-value-added", where, message: `enum value(s) added to a closed enum: ${added.join(", ")}` });
    }
  } else if (oldValues === undefined && newValues !== undefined && (direction === "request" || isString(old) || hasBranches(old))) {
    changes.push(
      direction === "request"
        ? { rule: "request-enum-added", where, message: `now limited to ${[...newValues].join(", ")}` }
        : { rule: "response-enum-closed", where, message: `any string was accepted, now only ${[...newValues].join(", ")}` },
    );
  }
  for (const [keyword, isTighter] of Object.entries(TIGHTER)) {
    const wasSet = old[keyword] !== undefined;
    if (now[keyword] !== undefined && (!wasSet || isTighter(old[keyword], now[keyword]))) {
      changes.push({ rule: `${direction}-constraint-tightened`, where, message: `${keyword} ${wasSet ? `${old[keyword]} → ` : "added: "}${now[keyword]}` });
    }
  }
  if (now.pattern !== undefined && now.pattern !== old.pattern) {
    const refused = old.pattern === undefined ? "(any string)" : stringRefusedByNewPattern(old.pattern, now.pattern);
    if (refused !== undefined) {
      changes.push({ rule: `${direction}-constraint-tightened`, where, message: `pattern ${old.pattern ?? "(none)"} → ${now.pattern}, which refuses ${JSON.stringify(refused)}` });
    }
  }
  if (isString(now) && now.format !== undefined && now.format !== old.format) {
    changes.push({ rule: `${direction}-constraint-tightened`, where, message: `format ${old.format ?? "(none)"} → ${now.format}` });
  }
  if (direction === "request") {
    const newlyRequired = (now.required ?? []).filter((/** @type {string} */ name) => !(old.required ?? []).includes(name));
    for (const name of newlyRequired) {
      changes.push({ rule: "request-required-added", where: `${where}.${name}`, message: `${name} is now required` });
    }
    if (now.additionalProperties === false && old.additionalProperties !== false) {
      changes.push({ rule: "request-constraint-tightened", where, message: "unknown properties are now refused" });
    }
    for (const name of Object.keys(old.properties ?? {})) {
      if (now.properties?.[name] === undefined && now.additionalProperties === false) {
        changes.push({ rule: "request-property-removed", where: `${where}.${name}`, message: `${name} is no longer accepted` });
      }
    }
  } else {
    for (const name of Object.keys(old.properties ?? {})) {
      if (now.properties?.[name] === undefined) {
        changes.push({ rule: "response-property-removed", where: `${where}.${name}`, message: `${name} is no longer returned` });
      }
    }
    const noLongerRequired = (old.required ?? []).filter((/** @type {string} */ name) => !(now.required ?? []).includes(name));
    for (const name of noLongerRequired) {
      changes.push({ rule: "response-required-removed", where: `${where}.${name}`, message: `${name} may now be absent` });
    }
  }
  for (const [name, schema] of Object.entries(old.properties ?? {})) {
    if (now.properties?.[name] !== undefined) {
      compareSchemas(schema, now.properties[name], direction, `${where}.${name}`, context, changes);
    }
  }
  if (old.items !== undefined && now.items !== undefined) {
    compareSchemas(old.items, now.items, direction, `${where}[]`, context, changes);
  }
  // Two open enums accept every string: their documented values are documentation.
  if (isOpenEnum(old, context.resolveOld) && isOpenEnum(now, context.resolveNew)) return;
  for (const keyword of ["oneOf", "anyOf", "allOf"]) {
    (old[keyword] ?? []).forEach((/** @type {Json} */ branch, /** @type {number} */ index) => {
      const candidates = now[keyword] ?? [];
      if (candidates.length === 0) return;
      // Branches may be reordered: each old one is held against the new one closest to it.
      const findings = candidates.map((/** @type {Json} */ candidate) => {
        /** @type {BreakingChange[]} */
        const found = [];
        compareSchemas(branch, candidate, direction, `${where}.${keyword}[${index}]`, { ...context, visited: copyOf(context.visited) }, found);
        return found;
      });
      changes.push(...findings.reduce((/** @type {BreakingChange[]} */ closest, /** @type {BreakingChange[]} */ found) => (distance(found) < distance(closest) ? found : closest)));
    });
  }
}

/**
 * Compares where either schema is a boolean one: `true` takes any value, as `{}` does, and
 * `false` takes none. A request schema that becomes `false` refuses every value; a response
 * schema that was `false` promised that no value comes, and one that becomes `false` no
 * longer matches what comes.
 * @param {Json} old
 * @param {Json} now
 * @param {"request" | "response"} direction
 * @param {string} where
 * @param {Context} context
 * @param {BreakingChange[]} changes
 */
function compareBooleanSchemas(old, now, direction, where, context, changes) {
  if (now === false && old !== false) {
    const message = direction === "request" ? "now refuses every value (the schema false)" : "now matches no value (the schema false)";
    changes.push({ rule: `${direction}-schema-false`, where, message });
  } else if (old === false && now !== false && direction === "response") {
    changes.push({ rule: "response-schema-opened", where, message: "matched no value (the schema false), now matches values clients do not expect" });
  } else if (old !== false && now !== false) {
    compareSchemas(old === true ? {} : old, now === true ? {} : now, direction, where, context, changes);
  }
}

/**
 * How far apart two branches are, by what comparing them found: a branch whose type or
 * listed values (a discriminating `const`) differ is another branch, not a changed one.
 * @param {BreakingChange[]} found
 */
function distance(found) {
  return found.reduce((sum, change) => sum + (/type-changed|enum-value-removed/.test(change.rule) ? 10 : 1), 0);
}

/** @param {Map<Json, Set<Json>>} visited */
function copyOf(visited) {
  return new Map([...visited].map(([schema, pairs]) => [schema, new Set(pairs)]));
}

/**
 * A string the old pattern accepts and the new one refuses, if fast-check finds one among
 * strings generated from the old pattern; undefined if the new pattern accepts all it tried
 * (regular-expression containment is not decidable here, so this samples).
 * @param {string} oldPattern
 * @param {string} newPattern
 * @returns {string | undefined}
 */
function stringRefusedByNewPattern(oldPattern, newPattern) {
  const newRegex = new RegExp(newPattern, "u");
  const samples = fc.sample(fc.stringMatching(new RegExp(oldPattern, "u")), { numRuns: 500, seed: 15 });
  return samples.find((sample) => !newRegex.test(sample));
}

/**
 * The operation's parameters (the path item's included) by place and name.
 * @param {Operation} entry
 * @returns {Map<string, Json>}
 */
function parametersOf(entry) {
  return new Map(entry.parameters.map((parameter) => [`${parameter.in}:${parameter.name}`, parameter.object]));
}

/**
 * The changes from `before` to `after` that break clients written against `before`.
 * @param {Json} before
 * @param {Json} after
 * @returns {BreakingChange[]}
 */
export function breakingChanges(before, after) {
  /** @type {BreakingChange[]} */
  const changes = [];
  const oldModel = specModel(before);
  const newModel = specModel(after);
  const resolveOld = resolver(oldModel);
  const resolveNew = resolver(newModel);
  const oldOperations = operations(oldModel);
  const newOperations = operations(newModel);
  for (const [key, entry] of oldOperations) {
    const counterpart = newOperations.get(key);
    const id = entry.operation.operationId ?? key;
    if (counterpart === undefined) {
      changes.push({ rule: "operation-removed", where: key, message: `${id} (${key}) was removed` });
      continue;
    }
    if (entry.operation.operationId !== counterpart.operation.operationId) {
      changes.push({ rule: "operation-renamed", where: key, message: `operationId ${entry.operation.operationId} became ${counterpart.operation.operationId}` });
    }
    const context = { resolveOld, resolveNew, visited: new Map() };
    const oldParameters = parametersOf(entry);
    const newParameters = parametersOf(counterpart);
    for (const [name, parameter] of newParameters) {
      const previous = oldParameters.get(name);
      if (parameter.required && !previous?.required) {
        changes.push({ rule: "request-required-added", where: `${id} ${name}`, message: `parameter ${name} is now required` });
      }
      if (previous !== undefined) compareSchemas(previous.schema ?? {}, parameter.schema ?? {}, "request", `${id} ${name}`, context, changes);
    }
    for (const name of oldParameters.keys()) {
      if (!newParameters.has(name)) changes.push({ rule: "parameter-removed", where: `${id} ${name}`, message: `parameter ${name} was removed` });
    }
    const oldBody = oldModel.bodySchema(entry, "request")?.node;
    const newBody = newModel.bodySchema(counterpart, "request")?.node;
    if (oldBody !== undefined && newBody !== undefined) compareSchemas(oldBody, newBody, "request", `${id} body`, context, changes);
    if (oldBody === undefined && newBody !== undefined && newModel.requestBody(counterpart)?.required) {
      changes.push({ rule: "request-required-added", where: `${id} body`, message: "a request body is now required" });
    }
    for (const status of Object.keys(entry.operation.responses ?? {})) {
      if (counterpart.operation.responses?.[status] === undefined) {
        if (/^2/.test(status)) changes.push({ rule: "response-status-removed", where: `${id} ${status}`, message: `status ${status} was removed` });
        continue;
      }
      const oldSchema = oldModel.bodySchema(entry, status)?.node;
      const newSchema = newModel.bodySchema(counterpart, status)?.node;
      if (oldSchema !== undefined && newSchema !== undefined) compareSchemas(oldSchema, newSchema, "response", `${id} ${status}`, context, changes);
    }
  }
  return changes;
}

/**
 * Whether the changesets in `files` (name → text) release `packageName` as major.
 * @param {Map<string, string>} files
 */
export function majorChangesetFor(files, packageName = "@otc-vpcep/spec") {
  for (const text of files.values()) {
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "";
    for (const line of front.split("\n")) {
      const match = /^\s*["']?([^"':]+)["']?\s*:\s*["']?(major|minor|patch)["']?\s*$/.exec(line);
      if (match?.[1] === packageName && match[2] === "major") return true;
    }
  }
  return false;
}
