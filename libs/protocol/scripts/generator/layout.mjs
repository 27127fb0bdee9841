// Works out, for every struct of a message and every version in which it can appear, how each field is laid out on
// the wire (absent, mandatory with its encoding, or tagged). Versions with the same layout share one generated
// function, so the generated code has one straight-line branch per distinct layout instead of a test per field.
import { inVersions } from "./spec.mjs";

const FIXED_SIZES = { bool: 1, int8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, int64: 8, float64: 8, uuid: 16 };

export function fixedSize(kind) {
  return FIXED_SIZES[kind];
}

export function isFlexible(message, version) {
  return inVersions(message.flexibleVersions, version);
}

/** How one field is laid out in one version. */
export function fieldLayout(message, field, version) {
  if (!inVersions(field.versions, version)) return { mode: "absent" };
  const flexible = isFlexible(message, version);
  if (flexible && inVersions(field.taggedVersions, version)) return { mode: "tagged", flexible: true, nullable: inVersions(field.nullableVersions, version) };
  const compact = field.flexibleOverride === undefined ? flexible : inVersions(field.flexibleOverride, version);
  return { mode: "mandatory", flexible: compact, nullable: inVersions(field.nullableVersions, version) };
}

/** Computes signatures, groups and minimum sizes for every struct of `message`. */
export function computeLayouts(message) {
  const layouts = new Map(); // struct name -> { versions: Set, signature: Map<version, string>, groups: [...] }
  const signatureCache = new Map();

  function signature(struct, version) {
    const key = `${struct.name}@${version}`;
    if (signatureCache.has(key)) return signatureCache.get(key);
    const parts = [isFlexible(message, version) ? "F" : "N"];
    for (const field of struct.fields) {
      const layout = fieldLayout(message, field, version);
      if (layout.mode === "absent") {
        parts.push("-");
        continue;
      }
      let part = `${layout.mode[0]}${layout.flexible ? "c" : ""}${layout.nullable ? "?" : ""}`;
      if (field.structName !== null) part += `{${signature(message.structs.get(field.structName), version)}}`;
      parts.push(part);
    }
    const result = parts.join(",");
    signatureCache.set(key, result);
    return result;
  }

  function visit(struct, version) {
    let entry = layouts.get(struct.name);
    if (!entry) {
      entry = { struct, versions: new Set(), signatures: new Map() };
      layouts.set(struct.name, entry);
    }
    if (entry.versions.has(version)) return;
    if (!inVersions(struct.versions, version) && !struct.top) throw new Error(`${message.name}: struct ${struct.name} used outside its versions at ${version}`);
    entry.versions.add(version);
    entry.signatures.set(version, signature(struct, version));
    for (const field of struct.fields) {
      if (field.structName === null) continue;
      if (fieldLayout(message, field, version).mode === "absent") continue;
      visit(message.structs.get(field.structName), version);
    }
  }

  const { lo, hi } = message.validVersions;
  for (let v = lo; v <= hi; v++) visit(message.top, v);

  for (const entry of layouts.values()) {
    const bySignature = new Map();
    for (const version of [...entry.versions].sort((a, b) => a - b)) {
      const sig = entry.signatures.get(version);
      if (!bySignature.has(sig)) bySignature.set(sig, []);
      bySignature.get(sig).push(version);
    }
    entry.groups = [...bySignature.values()].map((versions) => ({ versions, first: versions[0], suffix: `V${versions[0]}` }));
    entry.groupOf = new Map();
    for (const group of entry.groups) for (const v of group.versions) entry.groupOf.set(v, group);
  }
  return layouts;
}

/** The fewest bytes one value of `struct` takes in `version` (tagged fields count 0, the tag section 1). */
export function minStructSize(message, struct, version) {
  let size = isFlexible(message, version) ? 1 : 0;
  for (const field of struct.fields) {
    const layout = fieldLayout(message, field, version);
    if (layout.mode !== "mandatory") continue;
    size += minFieldSize(message, field.type, layout, version);
  }
  return size;
}

/** The fewest bytes a mandatory field of `type` takes. */
export function minFieldSize(message, type, layout, version) {
  switch (type.kind) {
    case "string":
      return layout.flexible ? 1 : 2;
    case "bytes":
    case "records":
    case "array":
      return layout.flexible ? 1 : 4;
    case "struct":
      return layout.nullable ? 1 : minStructSize(message, message.structs.get(type.struct), version);
    default:
      return FIXED_SIZES[type.kind];
  }
}

/** The fewest bytes one element of an array of `element` takes. */
export function minElementSize(message, element, layout, version) {
  if (element.kind === "struct") return minStructSize(message, message.structs.get(element.struct), version);
  return minFieldSize(message, element, { mode: "mandatory", flexible: layout.flexible, nullable: false }, version);
}
