import type { ListenerConfig } from "@skein/broker";
import { describe, expect, it } from "vitest";
import { checkExposure, isLoopbackHost } from "./exposure.js";
import { readServiceConfig } from "./service-config.js";

function listener(name: string, securityProtocol: ListenerConfig["securityProtocol"], host: string, clientAuth: "none" | "required" = "none"): ListenerConfig {
  const tls = securityProtocol.endsWith("SSL") ? ({ clientAuth } as ListenerConfig["tls"]) : null;
  return { name, securityProtocol, host, port: 0, advertisedHost: "127.0.0.1", advertisedPort: null, tls, saslMechanisms: securityProtocol.startsWith("SASL") ? ["SCRAM-SHA-256"] : [], reauthMs: 0 };
}

describe("the safe default", () => {
  it("takes 127.0.0.0/8, ::1 and localhost as loopback; a wildcard or empty host is not", () => {
    expect(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(["", "0.0.0.0", "::", "10.0.0.5", "example.com"].map(isLoopbackHost)).toEqual([false, false, false, false, false]);
  });

  it("without authentication, HTTP listens on loopback by default; with BASIC on every interface", () => {
    expect(readServiceConfig({}).host).toBe("127.0.0.1");
    expect(readServiceConfig({ SKEIN_AUTHENTICATION_METHOD: "BASIC" }).host).toBe("0.0.0.0");
  });

  it("refuses unauthenticated endpoints beyond loopback unless SKEIN_ALLOW_UNAUTHENTICATED=true", () => {
    const basic = readServiceConfig({ SKEIN_AUTHENTICATION_METHOD: "BASIC" });
    expect(checkExposure(basic, [listener("PLAINTEXT", "PLAINTEXT", "127.0.0.1"), listener("SASL_SSL", "SASL_SSL", ""), listener("MTLS", "SSL", "0.0.0.0", "required")])).toEqual([]);
    expect(() => checkExposure(basic, [listener("SSL", "SSL", "0.0.0.0")])).toThrow(/^Refusing to serve Kafka listener SSL \(SSL\) on 0\.0\.0\.0 without authentication to other hosts: .*SKEIN_ALLOW_UNAUTHENTICATED=true$/);
    expect(() => checkExposure(readServiceConfig({ HOST: "0.0.0.0" }), [])).toThrow(/^Refusing to serve HTTP on 0\.0\.0\.0 \(HOST\) without authentication to other hosts/);
    const allowed = readServiceConfig({ HOST: "::", SKEIN_ALLOW_UNAUTHENTICATED: "true" });
    expect(checkExposure(allowed, [listener("PLAINTEXT", "PLAINTEXT", "")])).toEqual(["HTTP on :: (HOST) without authentication", "Kafka listener PLAINTEXT (PLAINTEXT) on every interface without authentication"]);
  });
});
