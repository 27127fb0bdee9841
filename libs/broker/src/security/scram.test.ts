import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ScramClient } from "../test-support/scram-client.js";
import { useTempDirs } from "../test-support/temp-dir.js";
import { Authenticator } from "./authenticator.js";
import { FileCredentialStore } from "./file-credential-store.js";
import { parsePlainMessage } from "./plain.js";
import { saltedPassword, scramCredentialFromPassword, scramCredentialFromSaltedPassword } from "./scram.js";
import { decodeSaslName, ScramServerExchange } from "./scram-server.js";

const tempDir = useTempDirs();

describe("SCRAM", () => {
  it("reproduces RFC 7677's SCRAM-SHA-256 exchange byte for byte", async () => {
    const salt = Buffer.from("W22ZaJ0SNY7soEsUEjb6gQ==", "base64");
    const credential = scramCredentialFromSaltedPassword("SCRAM-SHA-256", await saltedPassword("SCRAM-SHA-256", "pencil", salt, 4096), salt, 4096);
    const server = new ScramServerExchange("SCRAM-SHA-256", { serverNonce: () => "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0" });
    expect(server.receiveClientFirst(Buffer.from("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"))).toEqual({ user: "user" });
    expect(server.serverFirst(credential).toString()).toBe("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
    const serverFinal = server.receiveClientFinal(Buffer.from("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
    expect(serverFinal.toString()).toBe("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    expect(server.isComplete).toBe(true);
  });

  for (const mechanism of ["SCRAM-SHA-256", "SCRAM-SHA-512"] as const) {
    it(`${mechanism}: a client with the password authenticates and verifies the server`, async () => {
      const credential = await scramCredentialFromPassword(mechanism, "s3cret!", 4096);
      const client = new ScramClient(mechanism, "alice", "s3cret!");
      const server = new ScramServerExchange(mechanism);
      server.receiveClientFirst(client.clientFirst());
      const final = server.receiveClientFinal(await client.clientFinal(server.serverFirst(credential)));
      expect(client.verifyServerFinal(final)).toBe(true);
    });

    it(`${mechanism}: a wrong password fails at the proof`, async () => {
      const credential = await scramCredentialFromPassword(mechanism, "right", 4096);
      const client = new ScramClient(mechanism, "alice", "wrong");
      const server = new ScramServerExchange(mechanism);
      server.receiveClientFirst(client.clientFirst());
      const clientFinal = await client.clientFinal(server.serverFirst(credential));
      expect(() => server.receiveClientFinal(clientFinal)).toThrow(/Invalid user credentials/);
      expect(server.isComplete).toBe(false);
    });
  }

  it("an unknown user gets a server-first message like any other and fails at the proof", async () => {
    const client = new ScramClient("SCRAM-SHA-256", "nobody", "x");
    const server = new ScramServerExchange("SCRAM-SHA-256");
    server.receiveClientFirst(client.clientFirst());
    const serverFirst = server.serverFirst(null).toString();
    expect(serverFirst).toMatch(/^r=[^,]+,s=[A-Za-z0-9+/=]+,i=4096$/);
    const clientFinal = await client.clientFinal(Buffer.from(serverFirst));
    expect(() => server.receiveClientFinal(clientFinal)).toThrow(/Invalid user credentials/);
  });

  it("a client-final message replayed into another exchange fails: the server nonce differs", async () => {
    const credential = await scramCredentialFromPassword("SCRAM-SHA-256", "pw", 4096);
    const client = new ScramClient("SCRAM-SHA-256", "alice", "pw", "fixed-client-nonce");
    const first = new ScramServerExchange("SCRAM-SHA-256");
    first.receiveClientFirst(client.clientFirst());
    const recorded = await client.clientFinal(first.serverFirst(credential));
    first.receiveClientFinal(recorded);
    const second = new ScramServerExchange("SCRAM-SHA-256");
    second.receiveClientFirst(client.clientFirst());
    second.serverFirst(credential);
    expect(() => second.receiveClientFinal(recorded)).toThrow(/Invalid client nonce/);
  });

  it("a client-final message with a truncated nonce fails even when it ends with the server's", async () => {
    const credential = await scramCredentialFromPassword("SCRAM-SHA-256", "pw", 4096);
    const client = new ScramClient("SCRAM-SHA-256", "alice", "pw", "abc");
    const server = new ScramServerExchange("SCRAM-SHA-256", { serverNonce: () => "SERVER" });
    server.receiveClientFirst(client.clientFirst());
    const serverFirst = server.serverFirst(credential);
    expect(() => server.receiveClientFinal(Buffer.from("c=biws,r=SERVER,p=AAAA"))).toThrow(/Invalid client nonce/);
    expect(serverFirst.toString()).toContain("r=abcSERVER");
  });

  it("refuses malformed and unsupported client-first messages", () => {
    const attempt = (text: string) => () => new ScramServerExchange("SCRAM-SHA-256").receiveClientFirst(Buffer.from(text));
    expect(attempt("")).toThrow(/client first message/);
    expect(attempt("n,,r=abc")).toThrow(/expected n=<user>,r=<nonce>/);
    expect(attempt("p=tls-unique,,n=a,r=b")).toThrow(/channel binding/);
    expect(attempt("n,,m=ext,n=a,r=b")).toThrow(/mandatory extensions/);
    expect(attempt("n,,n=a=2Db,r=x")).toThrow(/invalid user name/);
    expect(attempt("n,a=bob,n=alice,r=x")).toThrow(/authorization id/);
    expect(attempt("n,,n=alice,r=x,tokenauth=true")).toThrow(/Delegation token/);
    expect(attempt("n,,n=alice,r=a,b")).toThrow(/attribute/);
    expect(new ScramServerExchange("SCRAM-SHA-256").receiveClientFirst(Buffer.from("n,a=alice,n=alice,r=x"))).toEqual({ user: "alice" });
  });

  it("refuses a credential below 4096 iterations and messages out of order", async () => {
    const weak = await scramCredentialFromPassword("SCRAM-SHA-256", "pw", 1024);
    const server = new ScramServerExchange("SCRAM-SHA-256");
    server.receiveClientFirst(Buffer.from("n,,n=alice,r=x"));
    expect(() => server.serverFirst(weak)).toThrow(/less than the minimum 4096/);
    expect(() => server.receiveClientFinal(Buffer.from("c=biws,r=x,p=AAAA"))).toThrow(/Unexpected SCRAM message in state FAILED/);
  });

  it("decodes saslname escapes", () => {
    expect(decodeSaslName("a=2Cb=3Dc")).toBe("a,b=c");
    expect(decodeSaslName("a=4")).toBeNull();
  });
});

describe("Authenticator", () => {
  it("checks PLAIN passwords against SCRAM credentials, and asks the password verifier for users without one", async () => {
    const store = new FileCredentialStore(join(tempDir(), "scram-credentials.json"));
    await store.alterScramCredentials([{ kind: "upsert", user: "alice", mechanism: "SCRAM-SHA-256", credential: await scramCredentialFromPassword("SCRAM-SHA-256", "alice-pw") }]);
    const authenticator = new Authenticator(store, { passwordVerifier: async (user, password) => (user === "http-only" ? password === "h" : null) });
    expect(await authenticator.verifyPlain("alice", "alice-pw")).toBe(true);
    expect(await authenticator.verifyPlain("alice", "wrong")).toBe(false);
    expect(await authenticator.verifyPlain("http-only", "h")).toBe(true);
    expect(await authenticator.verifyPlain("http-only", "x")).toBe(false);
    expect(await authenticator.verifyPlain("nobody", "x")).toBe(false);
  });

  it("runs a SCRAM exchange over the stored credentials, which survive a reopen without any password in the file", async () => {
    const path = join(tempDir(), "scram-credentials.json");
    const store = new FileCredentialStore(path);
    await store.alterScramCredentials([{ kind: "upsert", user: "bob", mechanism: "SCRAM-SHA-512", credential: await scramCredentialFromPassword("SCRAM-SHA-512", "bob-secret", 8192) }]);
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(path, "utf8")).not.toContain("bob-secret");
    const authenticator = new Authenticator(new FileCredentialStore(path));
    const client = new ScramClient("SCRAM-SHA-512", "bob", "bob-secret");
    const { exchange, user, serverFirst } = await authenticator.startScram("SCRAM-SHA-512", client.clientFirst());
    expect(user).toBe("bob");
    expect(serverFirst.toString()).toContain(",i=8192");
    expect(client.verifyServerFinal(exchange.receiveClientFinal(await client.clientFinal(serverFirst)))).toBe(true);
    expect(await new FileCredentialStore(path).listScramCredentials()).toEqual([{ user: "bob", mechanism: "SCRAM-SHA-512", iterations: 8192 }]);
  });
});

describe("PLAIN", () => {
  it("parses authzid NUL user NUL password with Kafka's messages", () => {
    expect(parsePlainMessage(Buffer.from("\u0000alice\u0000pw"))).toEqual({ user: "alice", password: "pw" });
    expect(parsePlainMessage(Buffer.from("alice\u0000alice\u0000pw"))).toEqual({ user: "alice", password: "pw" });
    expect(() => parsePlainMessage(Buffer.from("alice"))).toThrow("Invalid SASL/PLAIN response: expected 3 tokens, got 1");
    expect(() => parsePlainMessage(Buffer.from("\u0000\u0000pw"))).toThrow("username not specified");
    expect(() => parsePlainMessage(Buffer.from("\u0000alice\u0000"))).toThrow("password not specified");
    expect(() => parsePlainMessage(Buffer.from("bob\u0000alice\u0000pw"))).toThrow("authorization id that is different");
  });
});
