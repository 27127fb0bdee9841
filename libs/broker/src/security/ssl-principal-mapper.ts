/**
 * Kafka's `ssl.principal.mapping.rules` (`SslPrincipalMapper`): how a client certificate's distinguished name (RFC
 * 2253, `CN=alice,OU=eng,O=Example`) becomes a principal name. `DEFAULT` keeps the whole name;
 * `RULE:pattern/replacement/[L|U]` applies when the pattern matches the whole name (replacement with `$1`…, the
 * result optionally lower- or upper-cased). Rules are separated by commas and tried in order.
 */
export class SslPrincipalMapper {
  private readonly rules: ({ kind: "default" } | { kind: "rule"; pattern: RegExp; replacement: string; caseChange: "" | "L" | "U"; text: string })[];

  /** @throws Error naming the rule that cannot be parsed */
  constructor(readonly rulesText: string) {
    this.rules = [];
    let rest = rulesText.trim();
    while (rest.length > 0) {
      if (rest.startsWith("DEFAULT")) {
        this.rules.push({ kind: "default" });
        rest = rest.slice("DEFAULT".length);
      } else {
        const match = /^RULE:((?:\\.|[^\\/])*)\/((?:\\.|[^\\/])*)\/([LU]?)/.exec(rest);
        if (!match) throw new Error(`Invalid rule in ssl.principal.mapping.rules: ${rest}`);
        this.rules.push({ kind: "rule", pattern: new RegExp(`^(?:${match[1]})$`), replacement: match[2]!, caseChange: match[3] as "" | "L" | "U", text: match[0] });
        rest = rest.slice(match[0].length);
      }
      rest = rest.replace(/^\s*,?\s*/, "");
    }
    if (this.rules.length === 0) this.rules.push({ kind: "default" });
  }

  /** The principal name for a distinguished name. @throws Error when no rule applies (the connection is refused). */
  apply(distinguishedName: string): string {
    for (const rule of this.rules) {
      if (rule.kind === "default") return distinguishedName;
      if (!rule.pattern.test(distinguishedName)) continue;
      const result = distinguishedName.replace(rule.pattern, rule.replacement);
      return rule.caseChange === "L" ? result.toLowerCase() : rule.caseChange === "U" ? result.toUpperCase() : result;
    }
    throw new Error(`No rules apply to ${distinguishedName}, rules ${this.rulesText}`);
  }
}

/**
 * A certificate subject as Node prints it (`C=US\nO=Example\nCN=alice`, most significant first) in RFC 2253 form
 * as Java's `X500Principal.getName()` gives it (`CN=alice,O=Example,C=US`: least significant first, `,+"\<>;`
 * escaped).
 */
export function rfc2253Name(nodeSubject: string): string {
  return nodeSubject
    .split("\n")
    .filter((line) => line.includes("="))
    .reverse()
    .map((line) => {
      const eq = line.indexOf("=");
      const value = line.slice(eq + 1).replace(/([,+"\\<>;])/g, "\\$1");
      return `${line.slice(0, eq)}=${value}`;
    })
    .join(",");
}
