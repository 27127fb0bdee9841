// PEM files for the TLS listeners of the security suite and benchmark, made with the openssl command: a CA and a
// server certificate for 127.0.0.1 (Kafka's PEM key store: the private key and its chain in one file).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Makes the CA and the server's key store in `dir`.
 * @param {string} dir
 * @returns {{ caPath: string, serverKeystorePath: string }}
 */
export function makeServerCertificates(dir) {
  const openssl = (/** @type {string[]} */ args) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=skein-test-ca", "-keyout", "ca.key", "-out", "ca.crt"]);
  writeFileSync(join(dir, "server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=skein-test-broker", "-keyout", "server.key", "-out", "server.csr"]);
  openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.crt"]);
  const read = (/** @type {string} */ file) => readFileSync(join(dir, file), "utf8");
  writeFileSync(join(dir, "server-keystore.pem"), read("server.key") + read("server.crt") + read("ca.crt"));
  return { caPath: join(dir, "ca.crt"), serverKeystorePath: join(dir, "server-keystore.pem") };
}
