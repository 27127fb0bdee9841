import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "../test-support/temp-dir.js";
import type { AclBinding, AclOperation, PatternType, ResourceType } from "./acl.js";
import { Authorizer } from "./authorizer.js";
import { FileAclStore } from "./file-acl-store.js";
import { userPrincipal } from "./principal.js";

const tempDir = useTempDirs();

function acl(
  resourceType: ResourceType,
  name: string,
  patternType: PatternType,
  principal: string,
  operation: AclOperation,
  permissionType: "ALLOW" | "DENY" = "ALLOW",
  host = "*",
): AclBinding {
  return { pattern: { resourceType, name, patternType }, entry: { principal, host, operation, permissionType } };
}

async function authorizerWith(acls: AclBinding[], options: { superUsers?: string[]; allowEveryoneIfNoAclFound?: boolean } = {}): Promise<Authorizer> {
  const store = new FileAclStore(join(tempDir(), "acls.json"));
  const authorizer = await Authorizer.open(store, options);
  expect(await authorizer.createAcls(acls)).toEqual(acls.map(() => null));
  return authorizer;
}

const alice = { principal: userPrincipal("alice"), clientAddress: "10.0.0.1" };

/**
 * Each row: the ACLs, who asks for what, and Kafka's answer (as StandardAuthorizer and its tests decide it).
 */
const CASES: { name: string; acls: AclBinding[]; request?: typeof alice; operation: AclOperation; type?: ResourceType; resource?: string; allowed: boolean; options?: { superUsers?: string[]; allowEveryoneIfNoAclFound?: boolean } }[] = [
  { name: "no ACLs: denied by default", acls: [], operation: "READ", allowed: false },
  { name: "no ACLs with allow.everyone.if.no.acl.found: allowed", acls: [], operation: "READ", allowed: true, options: { allowEveryoneIfNoAclFound: true } },
  {
    name: "ACLs on the resource for someone else: denied even with allow.everyone.if.no.acl.found",
    acls: [acl("TOPIC", "orders", "LITERAL", "User:bob", "READ")],
    operation: "READ",
    allowed: false,
    options: { allowEveryoneIfNoAclFound: true },
  },
  {
    name: "ACLs only on another resource: allow.everyone.if.no.acl.found applies",
    acls: [acl("TOPIC", "payments", "LITERAL", "User:bob", "READ")],
    operation: "READ",
    allowed: true,
    options: { allowEveryoneIfNoAclFound: true },
  },
  { name: "literal ALLOW for the operation", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "READ")], operation: "READ", allowed: true },
  { name: "literal ALLOW for another operation", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "READ")], operation: "WRITE", allowed: false },
  { name: "literal ACL of another name does not match", acls: [acl("TOPIC", "order", "LITERAL", "User:alice", "READ")], operation: "READ", allowed: false },
  { name: "prefixed ALLOW matches names it prefixes", acls: [acl("TOPIC", "ord", "PREFIXED", "User:alice", "READ")], operation: "READ", allowed: true },
  { name: "prefixed ALLOW does not match other names", acls: [acl("TOPIC", "pay", "PREFIXED", "User:alice", "READ")], operation: "READ", allowed: false },
  { name: "prefixed ACL equal to the whole name matches", acls: [acl("TOPIC", "orders", "PREFIXED", "User:alice", "READ")], operation: "READ", allowed: true },
  { name: "wildcard resource matches any name", acls: [acl("TOPIC", "*", "LITERAL", "User:alice", "WRITE")], operation: "WRITE", allowed: true },
  { name: "prefixed '*' is a prefix, not a wildcard", acls: [acl("TOPIC", "*", "PREFIXED", "User:alice", "WRITE")], operation: "WRITE", allowed: false },
  { name: "wildcard principal User:*", acls: [acl("TOPIC", "orders", "LITERAL", "User:*", "READ")], operation: "READ", allowed: true },
  { name: "ALL grants every operation", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "ALL")], operation: "ALTER_CONFIGS", allowed: true },
  { name: "DENY wins over ALLOW", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "READ"), acl("TOPIC", "orders", "LITERAL", "User:alice", "READ", "DENY")], operation: "READ", allowed: false },
  {
    name: "a prefixed DENY wins over a literal ALLOW",
    acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "READ"), acl("TOPIC", "ord", "PREFIXED", "User:alice", "READ", "DENY")],
    operation: "READ",
    allowed: false,
  },
  {
    name: "a wildcard-principal DENY denies alice",
    acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "READ"), acl("TOPIC", "*", "LITERAL", "User:*", "READ", "DENY")],
    operation: "READ",
    allowed: false,
  },
  { name: "DENY ALL denies every operation", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "WRITE"), acl("TOPIC", "orders", "LITERAL", "User:alice", "ALL", "DENY")], operation: "WRITE", allowed: false },
  {
    name: "DENY for another operation does not deny",
    acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "ALL"), acl("TOPIC", "orders", "LITERAL", "User:alice", "DELETE", "DENY")],
    operation: "READ",
    allowed: true,
  },
  { name: "READ implies DESCRIBE", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "READ")], operation: "DESCRIBE", allowed: true },
  { name: "WRITE implies DESCRIBE", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "WRITE")], operation: "DESCRIBE", allowed: true },
  { name: "DELETE implies DESCRIBE", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "DELETE")], operation: "DESCRIBE", allowed: true },
  { name: "ALTER implies DESCRIBE", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "ALTER")], operation: "DESCRIBE", allowed: true },
  { name: "CREATE does not imply DESCRIBE", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "CREATE")], operation: "DESCRIBE", allowed: false },
  { name: "ALTER_CONFIGS implies DESCRIBE_CONFIGS", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "ALTER_CONFIGS")], operation: "DESCRIBE_CONFIGS", allowed: true },
  { name: "DESCRIBE does not imply READ", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "DESCRIBE")], operation: "READ", allowed: false },
  {
    name: "a DENY READ does not deny DESCRIBE (DENY implies nothing)",
    acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "DESCRIBE"), acl("TOPIC", "orders", "LITERAL", "User:alice", "READ", "DENY")],
    operation: "DESCRIBE",
    allowed: true,
  },
  { name: "host must match", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "READ", "ALLOW", "10.0.0.2")], operation: "READ", allowed: false },
  { name: "the client's host matches", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "READ", "ALLOW", "10.0.0.1")], operation: "READ", allowed: true },
  {
    name: "an IPv4 client on an IPv6 socket matches its IPv4 host",
    acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "READ", "ALLOW", "10.0.0.1")],
    request: { principal: userPrincipal("alice"), clientAddress: "::ffff:10.0.0.1" },
    operation: "READ",
    allowed: true,
  },
  { name: "a DENY from another host does not deny", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "READ"), acl("TOPIC", "orders", "LITERAL", "User:alice", "READ", "DENY", "10.9.9.9")], operation: "READ", allowed: true },
  { name: "resource types are separate", acls: [acl("GROUP", "orders", "LITERAL", "User:alice", "READ")], operation: "READ", allowed: false },
  { name: "group READ", acls: [acl("GROUP", "order", "LITERAL", "User:alice", "READ")], type: "GROUP", resource: "order", operation: "READ", allowed: true },
  { name: "cluster CREATE", acls: [acl("CLUSTER", "kafka-cluster", "LITERAL", "User:alice", "CREATE")], type: "CLUSTER", resource: "kafka-cluster", operation: "CREATE", allowed: true },
  {
    name: "super users are allowed whatever the ACLs deny",
    acls: [acl("TOPIC", "orders", "LITERAL", "User:*", "ALL", "DENY")],
    operation: "DELETE",
    allowed: true,
    options: { superUsers: ["User:alice"] },
  },
  { name: "principal names are case-sensitive", acls: [acl("TOPIC", "orders", "LITERAL", "User:Alice", "READ")], operation: "READ", allowed: false },
];

describe("Authorizer", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const authorizer = await authorizerWith(c.acls, c.options);
      expect(authorizer.authorize(c.request ?? alice, c.operation, c.type ?? "TOPIC", c.resource ?? "orders")).toBe(c.allowed);
    });
  }

  it("says which rule decided", async () => {
    const allow = acl("TOPIC", "orders", "LITERAL", "User:alice", "READ");
    const authorizer = await authorizerWith([allow], { superUsers: ["User:admin"] });
    expect(authorizer.decide(alice, "READ", "TOPIC", "orders")).toEqual({ allowed: true, rule: { kind: "MatchingAcl", acl: allow } });
    expect(authorizer.decide(alice, "WRITE", "TOPIC", "orders").rule).toEqual({ kind: "NoMatchingAllow" });
    expect(authorizer.decide(alice, "WRITE", "TOPIC", "other").rule).toEqual({ kind: "DefaultDeny" });
    expect(authorizer.decide({ principal: userPrincipal("admin"), clientAddress: "1.2.3.4" }, "WRITE", "TOPIC", "x").rule).toEqual({ kind: "SuperUser" });
  });

  describe("authorizeByResourceType (KIP-679, as InitProducerId uses it)", () => {
    const cases: { name: string; acls: AclBinding[]; allowed: boolean; options?: { allowEveryoneIfNoAclFound?: boolean } }[] = [
      { name: "no ACLs: denied", acls: [], allowed: false },
      { name: "no ACLs with allow.everyone.if.no.acl.found: allowed", acls: [], allowed: true, options: { allowEveryoneIfNoAclFound: true } },
      { name: "a literal ALLOW on any topic", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "WRITE")], allowed: true },
      { name: "a prefixed ALLOW", acls: [acl("TOPIC", "ord", "PREFIXED", "User:alice", "WRITE")], allowed: true },
      { name: "ALLOW ALL", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "ALL")], allowed: true },
      { name: "ALLOW for another operation", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "READ")], allowed: false },
      { name: "a literal ALLOW covered by the same literal DENY", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "WRITE"), acl("TOPIC", "orders", "LITERAL", "User:alice", "WRITE", "DENY")], allowed: false },
      { name: "a literal ALLOW covered by a prefixed DENY", acls: [acl("TOPIC", "orders", "LITERAL", "User:alice", "WRITE"), acl("TOPIC", "or", "PREFIXED", "User:alice", "WRITE", "DENY")], allowed: false },
      { name: "a prefixed ALLOW not covered by a longer prefixed DENY", acls: [acl("TOPIC", "or", "PREFIXED", "User:alice", "WRITE"), acl("TOPIC", "orders", "PREFIXED", "User:alice", "WRITE", "DENY")], allowed: true },
      { name: "a wildcard DENY", acls: [acl("TOPIC", "*", "LITERAL", "User:alice", "WRITE"), acl("TOPIC", "*", "LITERAL", "User:*", "WRITE", "DENY")], allowed: false },
      { name: "a wildcard ALLOW", acls: [acl("TOPIC", "*", "LITERAL", "User:*", "WRITE")], allowed: true },
      { name: "ACLs for another principal", acls: [acl("TOPIC", "orders", "LITERAL", "User:bob", "WRITE")], allowed: false },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const authorizer = await authorizerWith(c.acls, c.options);
        expect(authorizer.authorizeByResourceType(alice, "WRITE", "TOPIC")).toBe(c.allowed);
      });
    }
  });

  it("describes ACLs by filter, with MATCH selecting every pattern that applies to a name", async () => {
    const literal = acl("TOPIC", "orders", "LITERAL", "User:alice", "READ");
    const prefixed = acl("TOPIC", "ord", "PREFIXED", "User:bob", "WRITE");
    const wildcard = acl("TOPIC", "*", "LITERAL", "User:carol", "DESCRIBE");
    const group = acl("GROUP", "orders", "LITERAL", "User:alice", "READ");
    const authorizer = await authorizerWith([literal, prefixed, wildcard, group]);
    const any = { principal: null, host: null, operation: "ANY", permissionType: "ANY" } as const;
    expect(authorizer.acls({ pattern: { resourceType: "TOPIC", name: "orders", patternType: "MATCH" }, entry: any })).toEqual([literal, prefixed, wildcard]);
    expect(authorizer.acls({ pattern: { resourceType: "TOPIC", name: "orders", patternType: "ANY" }, entry: any })).toEqual([literal]);
    expect(authorizer.acls({ pattern: { resourceType: "ANY", name: null, patternType: "PREFIXED" }, entry: any })).toEqual([prefixed]);
    expect(authorizer.acls({ pattern: { resourceType: "ANY", name: null, patternType: "ANY" }, entry: { ...any, principal: "User:alice" } })).toEqual([literal, group]);
  });

  it("refuses invalid ACLs one by one and stores the valid ones", async () => {
    const authorizer = await authorizerWith([]);
    const results = await authorizer.createAcls([
      acl("CLUSTER", "my-cluster", "LITERAL", "User:alice", "CREATE"),
      acl("TOPIC", "", "LITERAL", "User:alice", "READ"),
      acl("TOPIC", "orders", "LITERAL", "alice", "READ"),
      acl("TOPIC", "orders", "LITERAL", "User:alice", "READ"),
    ]);
    expect(results.map((r) => r?.errorName ?? null)).toEqual(["INVALID_REQUEST", "INVALID_REQUEST", "INVALID_REQUEST", null]);
    expect(results[0]!.message).toBe("The only valid name for the CLUSTER resource is kafka-cluster");
    expect(authorizer.acls()).toHaveLength(1);
  });

  it("deletes what each filter selects, keeps the rest, and persists across a reopen", async () => {
    const path = join(tempDir(), "acls.json");
    const authorizer = await Authorizer.open(new FileAclStore(path));
    const changes: string[] = [];
    authorizer.on("change", () => changes.push("change"));
    await authorizer.createAcls([acl("TOPIC", "a", "LITERAL", "User:alice", "READ"), acl("TOPIC", "b", "LITERAL", "User:alice", "READ"), acl("GROUP", "g", "LITERAL", "User:bob", "READ")]);
    const any = { principal: null, host: null, operation: "ANY", permissionType: "ANY" } as const;
    const [topics, nothing] = await authorizer.deleteAcls([
      { pattern: { resourceType: "TOPIC", name: null, patternType: "ANY" }, entry: { ...any, principal: "User:alice" } },
      { pattern: { resourceType: "CLUSTER", name: null, patternType: "ANY" }, entry: any },
    ]);
    expect(topics!.deleted.map((b) => b.pattern.name)).toEqual(["a", "b"]);
    expect(nothing!.deleted).toEqual([]);
    expect(changes).toEqual(["change", "change"]);
    expect(authorizer.authorize(alice, "READ", "TOPIC", "a")).toBe(false);
    const reopened = await Authorizer.open(new FileAclStore(path));
    expect(reopened.acls().map((b) => b.pattern.name)).toEqual(["g"]);
  });

  it("creating an ACL that exists keeps one copy", async () => {
    const binding = acl("TOPIC", "orders", "LITERAL", "User:alice", "READ");
    const authorizer = await authorizerWith([binding]);
    expect(await authorizer.createAcls([binding])).toEqual([null]);
    expect(authorizer.acls()).toHaveLength(1);
  });

  it("a store that fails changes nothing", async () => {
    const store = new FileAclStore(join(tempDir(), "acls.json"));
    const authorizer = await Authorizer.open(store);
    store.add = async () => {
      throw new Error("disk full");
    };
    const [result] = await authorizer.createAcls([acl("TOPIC", "orders", "LITERAL", "User:alice", "READ")]);
    expect(result?.errorName).toBe("UNKNOWN_SERVER_ERROR");
    expect(authorizer.acls()).toEqual([]);
  });
});
