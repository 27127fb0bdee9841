import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** PEM files for TLS tests, made with the openssl command: a CA, a server certificate for 127.0.0.1, client certificates. */
export interface TestCertificates {
  dir: string;
  caCert: string;
  /** The CA certificate's path (a PEM trust store). */
  caPath: string;
  /** The server's private key and certificate chain in one PEM file (Kafka's PEM key store). */
  serverKeystorePath: string;
  serverKeystorePassword: string | null;
  /** A PKCS12 key store holding the same server key and certificate, with password `changeit`. */
  serverPkcs12Path: string;
  /** A client certificate and key signed by the CA, subject `CN=<name>,OU=clients,O=Skein`. */
  client(name: string): { key: string; cert: string; keyPath: string; certPath: string };
  /** A client certificate signed by a CA the server does not trust. */
  untrustedClient(name: string): { key: string; cert: string };
}

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: "pipe" });
}

/** Makes a CA and a server certificate (valid for 127.0.0.1 and localhost) in `dir`. */
export function makeTestCertificates(dir: string): TestCertificates {
  const ca = (name: string) => {
    openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", `/CN=${name}`, "-keyout", `${name}.key`, "-out", `${name}.crt`], dir);
  };
  const sign = (caName: string, name: string, subject: string, extensions: string) => {
    writeFileSync(join(dir, `${name}.ext`), extensions);
    openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", `${name}.key`, "-out", `${name}.csr`], dir);
    openssl(["x509", "-req", "-in", `${name}.csr`, "-CA", `${caName}.crt`, "-CAkey", `${caName}.key`, "-CAcreateserial", "-days", "2", "-extfile", `${name}.ext`, "-out", `${name}.crt`], dir);
  };
  ca("test-ca");
  sign("test-ca", "server", "/CN=skein-test-broker", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  const read = (file: string) => readFileSync(join(dir, file), "utf8");
  writeFileSync(join(dir, "server-keystore.pem"), read("server.key") + read("server.crt") + read("test-ca.crt"));
  openssl(["pkcs12", "-export", "-inkey", "server.key", "-in", "server.crt", "-certfile", "test-ca.crt", "-passout", "pass:changeit", "-out", "server.p12"], dir);
  let untrustedCa = false;
  return {
    dir,
    caCert: read("test-ca.crt"),
    caPath: join(dir, "test-ca.crt"),
    serverKeystorePath: join(dir, "server-keystore.pem"),
    serverKeystorePassword: null,
    serverPkcs12Path: join(dir, "server.p12"),
    client(name) {
      sign("test-ca", `client-${name}`, `/O=Skein/OU=clients/CN=${name}`, "extendedKeyUsage=clientAuth\n");
      return { key: read(`client-${name}.key`), cert: read(`client-${name}.crt`), keyPath: join(dir, `client-${name}.key`), certPath: join(dir, `client-${name}.crt`) };
    },
    untrustedClient(name) {
      if (!untrustedCa) ca("other-ca");
      untrustedCa = true;
      sign("other-ca", `untrusted-${name}`, `/O=Skein/OU=clients/CN=${name}`, "extendedKeyUsage=clientAuth\n");
      return { key: read(`untrusted-${name}.key`), cert: read(`untrusted-${name}.crt`) };
    },
  };
}
