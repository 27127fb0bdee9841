import type { AclBinding } from "./acl.js";

/**
 * Where ACLs live (Kafka keeps them in its metadata log). The engine ships a file in the data directory; the service
 * implements it over its database so that every edge and every node sees one set of ACLs. The `Authorizer` keeps
 * them in memory and is the only writer in a process.
 */
export interface AclStore {
  /** Every stored ACL. */
  load(): Promise<AclBinding[]>;
  /** Stores each binding not stored yet (adding an existing ACL is no error, as in Kafka); all or nothing. */
  add(bindings: readonly AclBinding[]): Promise<void>;
  /** Removes each of these bindings (exactly equal ones); bindings not stored are ignored; all or nothing. */
  remove(bindings: readonly AclBinding[]): Promise<void>;
  /**
   * Calls `listener` when another process changed the stored ACLs (nodes sharing a database), so the authorizer
   * reloads; returns a function that stops the calls. Stores only one process writes need not implement it.
   */
  watch?(listener: () => void): () => void;
  close(): Promise<void>;
}
