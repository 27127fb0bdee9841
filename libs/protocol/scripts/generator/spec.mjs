// Reads Kafka's message definitions (JSON with `//` comments) into a normalized model: version ranges, field
// types, structs (inline, common and the message itself) and their reachable versions.
import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";

/** A version range: `lo`..`hi` inclusive (`hi` is Infinity for "N+"); null stands for "none". */
export function parseVersions(text, fallback = null) {
  if (text === undefined || text === null || text === "") return fallback;
  if (text === "none") return null;
  const plus = /^(\d+)\+$/.exec(text);
  if (plus) return { lo: Number(plus[1]), hi: Infinity };
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) return { lo: Number(range[1]), hi: Number(range[2]) };
  if (/^\d+$/.test(text)) return { lo: Number(text), hi: Number(text) };
  throw new Error(`Bad version range ${JSON.stringify(text)}`);
}

export function inVersions(range, version) {
  return range !== null && version >= range.lo && version <= range.hi;
}

export function versionsText(range) {
  if (range === null) return "none";
  if (range.hi === Infinity) return `${range.lo}+`;
  return range.lo === range.hi ? `${range.lo}` : `${range.lo}-${range.hi}`;
}

const PRIMITIVES = new Set(["bool", "int8", "int16", "uint16", "int32", "uint32", "int64", "float64", "string", "bytes", "records", "uuid"]);

/** A field type: a primitive, a struct (by name) or an array of either. */
export function parseType(text) {
  if (text.startsWith("[]")) return { kind: "array", element: parseType(text.slice(2)) };
  if (PRIMITIVES.has(text)) return { kind: text };
  if (!/^[A-Z][A-Za-z0-9]*$/.test(text)) throw new Error(`Bad type ${text}`);
  return { kind: "struct", struct: text };
}

/** Kafka's `lowerCaseFirst`: the JSON name `TopicData` is the field `topicData`. */
export function camelCase(name) {
  return name[0].toLowerCase() + name.slice(1);
}

/** Strips `//` line comments (outside strings) so that the file parses as JSON. */
export function stripComments(text) {
  return text
    .split("\n")
    .map((line) => {
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (c === '"' && line[i - 1] !== "\\") inString = !inString;
        else if (!inString && c === "/" && line[i + 1] === "/") return line.slice(0, i);
      }
      return line;
    })
    .join("\n");
}

/** Loads every `*.json` of `dir` (sorted by file name) as a normalized message. */
export function loadMessages(dir) {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => normalizeMessage(JSON.parse(stripComments(readFileSync(join(dir, file), "utf8"))), basename(file)));
}

function normalizeField(raw, structs, messageName, owner) {
  const taggedVersions = parseVersions(raw.taggedVersions);
  const field = {
    name: raw.name,
    camel: camelCase(raw.name),
    path: `${owner}.${camelCase(raw.name)}`,
    type: parseType(raw.type),
    versions: parseVersions(raw.versions, taggedVersions),
    nullableVersions: parseVersions(raw.nullableVersions),
    taggedVersions,
    tag: raw.tag === undefined ? null : Number(raw.tag),
    flexibleOverride: raw.flexibleVersions === undefined ? undefined : parseVersions(raw.flexibleVersions),
    defaultText: raw.default === undefined ? "" : String(raw.default),
    hasDefault: raw.default !== undefined,
    ignorable: raw.ignorable === true,
    about: raw.about ?? "",
  };
  if (field.versions === null) throw new Error(`${messageName}.${raw.name}: no versions`);
  if ((field.tag === null) !== (taggedVersions === null)) throw new Error(`${messageName}.${raw.name}: tag without taggedVersions`);
  const structName = field.type.kind === "struct" ? field.type.struct : field.type.kind === "array" && field.type.element.kind === "struct" ? field.type.element.struct : null;
  if (raw.fields) {
    if (structName === null) throw new Error(`${messageName}.${raw.name}: fields on a non-struct type`);
    addStruct(structs, messageName, structName, parseVersions(raw.versions, taggedVersions), raw.fields);
  }
  field.structName = structName;
  return field;
}

function addStruct(structs, messageName, name, versions, rawFields) {
  if (structs.has(name)) throw new Error(`${messageName}: struct ${name} is defined twice`);
  const struct = { name, typeName: messageName + name, versions, fields: [] };
  structs.set(name, struct);
  struct.fields = rawFields.map((raw) => normalizeField(raw, structs, messageName, struct.typeName));
  return struct;
}

function normalizeMessage(raw, file) {
  const structs = new Map();
  const validVersions = parseVersions(raw.validVersions);
  const message = {
    file,
    name: raw.name,
    type: raw.type,
    apiKey: raw.apiKey ?? null,
    listeners: raw.listeners ?? [],
    validVersions,
    flexibleVersions: parseVersions(raw.flexibleVersions),
    latestVersionUnstable: raw.latestVersionUnstable === true,
    structs,
  };
  // Common structs first: fields refer to them by name.
  for (const common of raw.commonStructs ?? []) addStruct(structs, raw.name, common.name, parseVersions(common.versions), common.fields);
  const top = { name: raw.name, typeName: raw.name, versions: validVersions, fields: [], top: true };
  structs.set(raw.name, top);
  top.fields = raw.fields.map((f) => normalizeField(f, structs, raw.name, raw.name));
  message.top = top;
  for (const struct of structs.values()) {
    for (const field of struct.fields) {
      if (field.structName !== null && !structs.has(field.structName)) throw new Error(`${raw.name}: unknown struct ${field.structName}`);
    }
  }
  return message;
}
