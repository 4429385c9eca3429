// The one reader of an OpenAPI description for the repository; see index.d.mts for the API
// and README.md for who uses it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * @typedef {import("./index.d.mts").OpenApiDocument} OpenApiDocument
 * @typedef {import("./index.d.mts").PathItemObject} PathItemObject
 * @typedef {import("./index.d.mts").OperationObject} OperationObject
 * @typedef {import("./index.d.mts").Operation} Operation
 * @typedef {import("./index.d.mts").Parameter} Parameter
 * @typedef {import("./index.d.mts").Located} Located
 * @typedef {import("./index.d.mts").Media} Media
 * @typedef {import("./index.d.mts").RequestBody} RequestBody
 * @typedef {import("./index.d.mts").Response} Response
 * @typedef {import("./index.d.mts").Where} Where
 * @typedef {import("./index.d.mts").OperationRef} OperationRef
 * @typedef {import("./index.d.mts").SpecModel} SpecModelApi
 * @typedef {import("./index.d.mts").JsonObject} JsonObject
 * @typedef {import("./index.d.mts").Schema} Schema
 * @typedef {import("./index.d.mts").HttpMethod} HttpMethod
 */

/** @type {import("./index.d.mts").HTTP_METHODS} */
export const HTTP_METHODS = /* @__PURE__ */ Object.freeze(/** @type {const} */ (["get", "put", "post", "delete", "options", "head", "patch", "trace"]));

const PARAMETER_PLACES = ["path", "query", "header", "cookie"];
/** A chain of `$ref`s longer than this is taken for a circle. */
const MAX_HOPS = 64;

/** @param {"json" | "yaml"} [format] @returns {string} */
export function bundledSpecPath(format = "json") {
  return createRequire(import.meta.url).resolve(`@otc-vpcep/spec/openapi.${format}`);
}

/** @type {OpenApiDocument | undefined} */
let bundled;

/** @param {string} [file] @returns {OpenApiDocument} */
export function loadSpec(file) {
  if (file !== undefined) return JSON.parse(readFileSync(file, "utf8"));
  bundled ??= JSON.parse(readFileSync(bundledSpecPath(), "utf8"));
  return /** @type {OpenApiDocument} */ (bundled);
}

/** @param {string} segment @returns {string} */
export function escapePointer(segment) {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** @param {string} pointer @returns {string[]} */
export function pointerSegments(pointer) {
  const path = pointer.replace(/^#/, "");
  if (path === "") return [];
  if (!path.startsWith("/")) throw new Error(`not a JSON pointer: ${JSON.stringify(pointer)}`);
  return path
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** @param {string} pointer @returns {string} */
export function readablePath(pointer) {
  return pointerSegments(pointer).reduce(
    (path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path === "" ? segment : `${path}.${segment}`),
    "",
  );
}

/** @param {unknown} value @returns {value is JsonObject} */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A JSON Schema, as OpenAPI 3.1 takes one: an object, or `true` (anything) or `false` (nothing).
 * @param {unknown} value @returns {value is Schema}
 */
function isSchema(value) {
  return isObject(value) || typeof value === "boolean";
}

/** @param {unknown} value @returns {value is { $ref: string }} */
function isRef(value) {
  return isObject(value) && typeof value["$ref"] === "string";
}

/** @param {string} mediaType */
function isJson(mediaType) {
  const type = (mediaType.split(";")[0] ?? "").trim().toLowerCase();
  return type === "application/json" || type.endsWith("+json");
}

/** @param {Where} where */
function describeWhere(where) {
  return where === "request" ? "the request" : `the response ${where}`;
}

/** @implements {SpecModelApi} */
class SpecModel {
  /** @param {OpenApiDocument} document */
  constructor(document) {
    /** @readonly */
    this.document = document;
    /** @type {Operation[] | undefined} */
    this.list = undefined;
    /** @type {Map<string, Operation[]> | undefined} */
    this.byId = undefined;
  }

  /** @returns {readonly Operation[]} */
  operations() {
    if (this.list !== undefined) return this.list;
    /** @type {Operation[]} */
    const list = [];
    const documentSecurity = Array.isArray(this.document.security) ? this.document.security : [];
    for (const [path, written] of Object.entries(this.document.paths ?? {})) {
      const item = this.resolve(written, `#/paths/${escapePointer(path)}`);
      if (!isObject(item.node)) throw new Error(`the path item of ${path} is not an object`);
      const pathItem = /** @type {PathItemObject} */ (item.node);
      const shared = this.parametersAt(pathItem, item.pointer);
      for (const key of Object.keys(pathItem)) {
        const method = /** @type {HttpMethod} */ (key);
        const operation = pathItem[method];
        if (!HTTP_METHODS.includes(method) || !isObject(operation)) continue;
        const pointer = `${item.pointer}/${method}`;
        const own = this.parametersAt(operation, pointer);
        const inherited = shared.filter((parameter) => !own.some((mine) => mine.name === parameter.name && mine.in === parameter.in));
        const object = /** @type {OperationObject} */ (operation);
        list.push({
          id: typeof object.operationId === "string" ? object.operationId : `${method.toUpperCase()} ${path}`,
          method,
          path,
          tags: Array.isArray(object.tags) ? object.tags.filter((tag) => typeof tag === "string") : [],
          pointer,
          operation: object,
          pathItem,
          parameters: [...inherited, ...own],
          security: Array.isArray(object.security) ? object.security : documentSecurity,
        });
      }
    }
    this.list = list;
    return list;
  }

  /** @returns {string[]} */
  operationIds() {
    return this.operations().flatMap((entry) => (typeof entry.operation.operationId === "string" ? [entry.operation.operationId] : []));
  }

  /** @param {string} operationId @returns {Operation | undefined} */
  findOperation(operationId) {
    if (this.byId === undefined) {
      /** @type {Map<string, Operation[]>} */
      const byId = new Map();
      for (const entry of this.operations()) {
        if (typeof entry.operation.operationId === "string") byId.set(entry.id, [...(byId.get(entry.id) ?? []), entry]);
      }
      this.byId = byId;
    }
    const found = this.byId.get(operationId);
    if (found !== undefined && found.length > 1) {
      throw new Error(`operationId ${operationId} names ${found.length} operations: ${found.map((entry) => `${entry.method.toUpperCase()} ${entry.path}`).join(", ")}`);
    }
    return found?.[0];
  }

  /** @param {string} operationId @returns {Operation} */
  operationById(operationId) {
    const found = this.findOperation(operationId);
    if (found === undefined) throw new Error(`operation ${operationId} is not in the spec`);
    return found;
  }

  /** @param {OperationRef} operation @returns {Operation} */
  entryOf(operation) {
    return typeof operation === "string" ? this.operationById(operation) : operation;
  }

  /** @param {string} pointer @returns {unknown} */
  at(pointer) {
    /** @type {unknown} */
    let node = this.document;
    for (const segment of pointerSegments(pointer)) {
      if (typeof node !== "object" || node === null || !Object.hasOwn(node, segment)) return undefined;
      node = /** @type {Record<string, unknown>} */ (node)[segment];
    }
    return node;
  }

  /** @param {unknown} node @param {string} [pointer] @returns {Located} */
  resolve(node, pointer = "") {
    let current = node;
    let at = pointer;
    const seen = new Set();
    while (isRef(current)) {
      const ref = current.$ref;
      if (!ref.startsWith("#")) throw new Error(`cannot follow the $ref ${JSON.stringify(ref)}: only local ones (#/...) are read`);
      if (seen.has(ref) || seen.size > MAX_HOPS) throw new Error(`the $ref ${JSON.stringify(ref)} goes round in a circle`);
      seen.add(ref);
      const target = this.at(ref);
      if (target === undefined) throw new Error(`the $ref ${JSON.stringify(ref)}${at === "" ? "" : ` at ${at}`} names nothing`);
      current = target;
      at = ref;
    }
    return { node: current, pointer: at };
  }

  /** @param {string} ref @returns {Located} */
  resolveRef(ref) {
    return this.resolve({ $ref: ref });
  }

  /**
   * The parameters an operation or a path item declares, resolved.
   * @param {JsonObject} holder
   * @param {string} pointer
   * @returns {Parameter[]}
   */
  parametersAt(holder, pointer) {
    const declared = holder["parameters"];
    if (!Array.isArray(declared)) return [];
    return declared.map((written, index) => {
      const { node, pointer: at } = this.resolve(written, `${pointer}/parameters/${index}`);
      if (!isObject(node) || typeof node["name"] !== "string" || !PARAMETER_PLACES.includes(/** @type {string} */ (node["in"]))) {
        throw new Error(`the parameter at ${at} has no name or no valid "in"`);
      }
      return {
        name: node["name"],
        in: /** @type {Parameter["in"]} */ (node["in"]),
        required: node["required"] === true,
        schema: isSchema(node["schema"]) ? node["schema"] : {},
        style: typeof node["style"] === "string" ? node["style"] : undefined,
        explode: typeof node["explode"] === "boolean" ? node["explode"] : undefined,
        pointer: at,
        object: node,
      };
    });
  }

  /**
   * @param {JsonObject} holder a request body or a response
   * @param {string} pointer
   * @returns {Media[]}
   */
  contentOf(holder, pointer) {
    const content = holder["content"];
    if (!isObject(content)) return [];
    return Object.entries(content).map(([mediaType, written]) => {
      const located = this.resolve(written, `${pointer}/content/${escapePointer(mediaType)}`);
      const node = isObject(located.node) ? located.node : {};
      const schema = node["schema"];
      return {
        mediaType,
        node,
        pointer: located.pointer,
        schema: isSchema(schema) ? { node: schema, pointer: `${located.pointer}/schema` } : undefined,
      };
    });
  }

  /** @param {OperationRef} operation @returns {RequestBody | undefined} */
  requestBody(operation) {
    const entry = this.entryOf(operation);
    if (entry.operation.requestBody === undefined) return undefined;
    const { node, pointer } = this.resolve(entry.operation.requestBody, `${entry.pointer}/requestBody`);
    if (!isObject(node)) throw new Error(`the request body of ${entry.id} is not an object`);
    return { required: node["required"] === true, node, pointer, content: this.contentOf(node, pointer) };
  }

  /** @param {OperationRef} operation @returns {Response[]} */
  responses(operation) {
    const entry = this.entryOf(operation);
    const responses = entry.operation.responses;
    if (!isObject(responses)) return [];
    return Object.entries(responses).map(([key, written]) => {
      const { node, pointer } = this.resolve(written, `${entry.pointer}/responses/${escapePointer(key)}`);
      const response = isObject(node) ? node : {};
      return { key, node: response, pointer, content: this.contentOf(response, pointer) };
    });
  }

  /** @param {OperationRef} operation @param {number} status @returns {string | undefined} */
  responseKey(operation, status) {
    const keys = this.responses(operation).map((response) => response.key);
    const wanted = [String(status), `${String(status).charAt(0)}XX`, "DEFAULT"];
    for (const candidate of wanted) {
      const key = keys.find((written) => written.toUpperCase() === candidate);
      if (key !== undefined) return key;
    }
    return undefined;
  }

  /** @param {OperationRef} operation @param {number | string} statusOrKey @returns {Response | undefined} */
  response(operation, statusOrKey) {
    const key = typeof statusOrKey === "number" ? this.responseKey(operation, statusOrKey) : statusOrKey;
    return this.responses(operation).find((response) => response.key === key);
  }

  /** @param {RequestBody | Response | undefined} holder @returns {Media | undefined} */
  jsonMedia(holder) {
    const content = holder?.content ?? [];
    return content.find((media) => media.mediaType.toLowerCase() === "application/json") ?? content.find((media) => isJson(media.mediaType));
  }

  /** @param {OperationRef} operation @param {Where} where */
  bodyOf(operation, where) {
    return where === "request" ? this.requestBody(operation) : this.response(operation, where);
  }

  /** @param {OperationRef} operation @param {Where} where @returns {Located<Schema> | undefined} */
  bodySchema(operation, where) {
    return this.jsonMedia(this.bodyOf(operation, where))?.schema;
  }

  /** @param {OperationRef} operation @param {Where} where @returns {Map<string, unknown>} */
  examples(operation, where) {
    const media = this.jsonMedia(this.bodyOf(operation, where));
    if (media === undefined) throw new Error(`${this.entryOf(operation).id} documents no JSON body for ${describeWhere(where)}`);
    return this.examplesOf(media.node);
  }

  /** @param {JsonObject} holder @returns {Map<string, unknown>} */
  examplesOf(holder) {
    const examples = holder["examples"];
    if (!isObject(examples)) return new Map();
    return new Map(
      Object.entries(examples).map(([name, example]) => {
        const { node } = this.resolve(example);
        return [name, isObject(node) ? node["value"] : undefined];
      }),
    );
  }
}

/** @type {WeakMap<OpenApiDocument, SpecModel>} */
const models = new WeakMap();

/** @param {OpenApiDocument} [document] @returns {SpecModelApi} */
export function specModel(document = loadSpec()) {
  let model = models.get(document);
  if (model === undefined) {
    model = new SpecModel(document);
    models.set(document, model);
  }
  return model;
}
