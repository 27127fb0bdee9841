import Router from "find-my-way";

type Method = Router.HTTPMethod;

/**
 * Every route the app serves, by method, so that a request for a known path with another method can be answered
 * 405 (with `Allow`) instead of 404. Fed by Fastify's `onRoute` hook as Nest registers routes.
 */
export class RouteTable {
  private readonly router = Router();
  private readonly methods = new Set<Method>();

  add(method: string | string[], url: string): void {
    for (const one of Array.isArray(method) ? method : [method]) {
      const upper = one.toUpperCase() as Method;
      this.router.on(upper, url, () => undefined);
      this.methods.add(upper);
    }
  }

  /** The methods some route serves at this path (no query string), sorted; empty for an unknown path. */
  allowedMethods(path: string): string[] {
    return [...this.methods].filter((method) => this.router.find(method, path) !== null).sort();
  }
}
