import { aclKey, type AclBinding } from "./acl.js";
import type { AclStore } from "./acl-store.js";
import { JsonStateFile } from "./json-state-file.js";

/** The engine's ACL store: `acls.json` in the data directory, rewritten atomically on every change. */
export class FileAclStore implements AclStore {
  private readonly file: JsonStateFile<{ acls: AclBinding[] }>;
  private acls: AclBinding[];

  constructor(path: string) {
    this.file = new JsonStateFile(path, () => ({ acls: [] }));
    this.acls = this.file.read().acls;
  }

  async load(): Promise<AclBinding[]> {
    return structuredClone(this.acls);
  }

  async add(bindings: readonly AclBinding[]): Promise<void> {
    const keys = new Set(this.acls.map(aclKey));
    const added = bindings.filter((b) => {
      const key = aclKey(b);
      if (keys.has(key)) return false;
      keys.add(key);
      return true;
    });
    if (added.length === 0) return;
    this.save([...this.acls, ...structuredClone(added)]);
  }

  async remove(bindings: readonly AclBinding[]): Promise<void> {
    const removed = new Set(bindings.map(aclKey));
    const next = this.acls.filter((b) => !removed.has(aclKey(b)));
    if (next.length !== this.acls.length) this.save(next);
  }

  async close(): Promise<void> {}

  private save(next: AclBinding[]): void {
    this.file.write({ acls: next });
    this.acls = next;
  }
}
