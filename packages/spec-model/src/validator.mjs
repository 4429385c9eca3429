// The one ajv configuration of the repository; see validator.d.mts.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { specModel } from "./index.mjs";

/**
 * @typedef {import("./index.d.mts").SpecModel} SpecModel
 * @typedef {import("./index.d.mts").Where} Where
 * @typedef {import("./index.d.mts").OperationRef} OperationRef
 * @typedef {import("./validator.d.mts").SpecValidator} SpecValidatorApi
 * @typedef {import("./validator.d.mts").ValidatorOptions} ValidatorOptions
 * @typedef {import("ajv/dist/2020.js").ValidateFunction} ValidateFunction
 * @typedef {import("ajv/dist/2020.js").ErrorObject} ErrorObject
 */

// ajv-formats is CommonJS: its function is the module itself or its `default`.
const addFormats = /** @type {(ajv: Ajv2020) => Ajv2020} */ (
  /** @type {{ default?: unknown }} */ (addFormatsModule).default ?? addFormatsModule
);

/** The id the document is registered under; `${DOCUMENT_ID}#/components/...` names a node of it. */
const DOCUMENT_ID = "urn:otc-vpcep:openapi";

/** Keywords OpenAPI 3.1 adds to JSON Schema: they document, ajv has nothing to check (it validates a `oneOf` itself). */
const OPENAPI_KEYWORDS = ["discriminator", "example", "externalDocs", "xml"];

/**
 * What strict mode must be told of a document: every `x-` extension key used anywhere in it,
 * and every `format` its schemas name (OpenAPI allows any; one ajv-formats does not know checks nothing).
 * @param {unknown} node
 * @param {{ extensions: Set<string>, formats: Set<string> }} found
 */
function documentTerms(node, found = { extensions: new Set(), formats: new Set() }) {
  if (Array.isArray(node)) node.forEach((item) => documentTerms(item, found));
  else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) found.extensions.add(key);
      if (key === "format" && typeof value === "string") found.formats.add(value);
      documentTerms(value, found);
    }
  }
  return found;
}

/** @implements {SpecValidatorApi} */
class SpecValidator {
  /** @param {SpecModel} model @param {ValidatorOptions} options */
  constructor(model, options) {
    /** @readonly */
    this.model = model;
    /** @readonly */
    const coerceTypes = options.coerceTypes ?? false;
    this.ajv = new Ajv2020({
      // Strict about the schemas' keywords (a misspelt one throws), not about what OpenAPI allows:
      // a schema without a `type`, a `required` naming a property not declared, a tuple left open.
      strict: true,
      strictTypes: false,
      strictRequired: false,
      strictTuples: false,
      // Coercing, ajv's strictNumbers lets the text `Infinity` through as a number, past any
      // `maximum`; without it, `Infinity` is refused as the server (Prism) refuses it.
      strictNumbers: !coerceTypes,
      allErrors: options.allErrors ?? true,
      coerceTypes,
    });
    addFormats(this.ajv);
    // The wire's int64 is any integer. JSON.parse rounds one above 2^53 (the service sends
    // such marker_ids), and what it rounds to is still an integer: no safe-integer range.
    this.ajv.addFormat("int64", { type: "number", validate: (value) => Number.isInteger(value) });
    const { extensions, formats } = documentTerms(model.document);
    for (const format of formats) if (this.ajv.formats[format] === undefined) this.ajv.addFormat(format, true);
    // The document's components and paths are registered, as one schema, so that `#/components/...`
    // and `#/paths/...` resolve; those two names are declared as keywords, so that strict mode accepts
    // that schema, and they are the only names besides OpenAPI's keywords and the `x-` extensions.
    const { components = {}, paths = {} } = /** @type {{ components?: object, paths?: object }} */ (model.document);
    const keywords = new Set([...OPENAPI_KEYWORDS, ...extensions, "components", "paths"]);
    this.ajv.addVocabulary([...keywords].filter((keyword) => !this.ajv.getKeyword(keyword)));
    // Not checked against the meta-schema as a whole, which is slow and means little for an
    // OpenAPI document: each schema is checked as it is compiled (a keyword's value too).
    this.ajv.addSchema({ components, paths }, DOCUMENT_ID, undefined, false);
    /** @type {Map<string, ValidateFunction>} */
    this.formats = new Map();
  }

  /** @param {string} pointer @returns {ValidateFunction} */
  schemaAt(pointer) {
    if (this.model.at(pointer) === undefined) throw new Error(`no schema at ${pointer} in the spec`);
    const validate = this.ajv.getSchema(`${DOCUMENT_ID}${pointer.startsWith("#") ? pointer : `#${pointer}`}`);
    if (validate === undefined) throw new Error(`ajv finds no schema at ${pointer}`);
    return validate;
  }

  /** @param {OperationRef} operation @param {Where} where @returns {ValidateFunction | undefined} */
  body(operation, where) {
    const schema = this.model.bodySchema(operation, where);
    return schema === undefined ? undefined : this.schemaAt(schema.pointer);
  }

  /**
   * @param {OperationRef} operation
   * @param {string} name
   * @param {"path" | "query" | "header" | "cookie"} [place]
   * @returns {ValidateFunction}
   */
  parameter(operation, name, place) {
    const entry = typeof operation === "string" ? this.model.operationById(operation) : operation;
    const parameter = entry.parameters.find((candidate) => candidate.name === name && (place === undefined || candidate.in === place));
    if (parameter === undefined) throw new Error(`${entry.id} takes no parameter ${name}${place === undefined ? "" : ` in ${place}`}`);
    return this.schemaAt(`${parameter.pointer}/schema`);
  }

  /** @param {ValidateFunction} validate @param {unknown} value @returns {ErrorObject[]} */
  violations(validate, value) {
    return validate(value) ? [] : [...(validate.errors ?? [])];
  }

  /** @param {string} format @param {string} value @returns {boolean} */
  acceptsFormat(format, value) {
    let check = this.formats.get(format);
    if (check === undefined) {
      check = this.ajv.compile({ type: "string", format });
      this.formats.set(format, check);
    }
    return check(value);
  }
}

/** @param {SpecModel} [model] @param {ValidatorOptions} [options] @returns {SpecValidatorApi} */
export function createValidator(model = specModel(), options = {}) {
  return new SpecValidator(model, options);
}
