import { formatPrincipal, parseSuperUsers, userPrincipal, type Logger } from "@skein/broker";
import type { ServiceSecurity } from "./service-security.js";
import { checkPassword, checkUserName } from "./user-accounts.js";

/** The first admin, from the environment (SKEIN_ADMIN_USER and SKEIN_ADMIN_PASSWORD). */
export interface AdminBootstrap {
  user: string;
  password: string;
}

/** The static broker configs with the admin added to `super.users` (Kafka's list of principals allowed everything). */
export function withSuperUser(configs: Record<string, string>, user: string): Record<string, string> {
  const principal = formatPrincipal(userPrincipal(user));
  const superUsers = parseSuperUsers(configs["super.users"] ?? null);
  return superUsers.includes(principal) ? configs : { ...configs, "super.users": [...superUsers, principal].join(";") };
}

/**
 * Makes the admin user with its password when it does not exist yet. An existing admin keeps its password: the
 * environment bootstraps the first start, and a password changed since (in the console, over the wire) stays.
 */
export async function bootstrapAdmin(security: ServiceSecurity, admin: AdminBootstrap, logger: Logger): Promise<void> {
  if ((await security.users.get(admin.user)) !== null) {
    logger.info(`Security  admin User:${admin.user} is a super user (it exists; SKEIN_ADMIN_PASSWORD is only used to create it)`);
    return;
  }
  await security.users.setPassword(admin.user, admin.password);
  logger.info(`Security  created the admin User:${admin.user} (a super user) from SKEIN_ADMIN_USER and SKEIN_ADMIN_PASSWORD`);
}

/** Checks SKEIN_ADMIN_USER and SKEIN_ADMIN_PASSWORD; throws with a message naming the variable. */
export function checkAdminBootstrap(admin: AdminBootstrap): void {
  try {
    checkUserName(admin.user);
  } catch (error) {
    throw new Error(`SKEIN_ADMIN_USER: ${(error as Error).message}`);
  }
  try {
    checkPassword(admin.password);
  } catch (error) {
    throw new Error(`SKEIN_ADMIN_PASSWORD: ${(error as Error).message}`);
  }
}
