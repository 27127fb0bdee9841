import { Global, Module, type DynamicModule } from "@nestjs/common";
import { APP_GUARD, APP_INTERCEPTOR } from "@nestjs/core";
import { ClusterModule } from "../cluster/cluster.module.js";
import { Engine } from "../engine/engine.js";
import { AclsController } from "./acls.controller.js";
import { AuditInterceptor } from "./audit.interceptor.js";
import { AuditLogController } from "./audit-log.controller.js";
import { AuthController } from "./auth.controller.js";
import { ClientQuotasController } from "./client-quotas.controller.js";
import { HttpAuthenticator } from "./http-authenticator.js";
import { HttpAuthorizer } from "./http-authorizer.js";
import { HttpSessions } from "./http-sessions.js";
import type { HttpSecuritySettings } from "./http-security-settings.js";
import { RouteSecurityGuard } from "./route-security.guard.js";
import { ServiceSecurity } from "./service-security.js";
import { UsersController } from "./users.controller.js";

/**
 * The HTTP edge's security: who a request is (HttpAuthenticator), what it may do (HttpAuthorizer, over the engine's
 * authorizer), the ACL check every route declares (RouteSecurityGuard) and the audit of changes (AuditInterceptor);
 * and the resources to manage it: sign-in, ACLs, users and API keys, client quotas, the audit log.
 */
@Global()
@Module({})
export class SecurityModule {
  static forRoot(engine: Engine, settings: HttpSecuritySettings): DynamicModule {
    return {
      module: SecurityModule,
      imports: [ClusterModule],
      controllers: [AuthController, AclsController, UsersController, ClientQuotasController, AuditLogController],
      providers: [
        { provide: ServiceSecurity, useValue: engine.accounts },
        { provide: HttpSessions, useFactory: () => new HttpSessions(engine.metadata.client, settings.sessionTimeoutMs) },
        { provide: HttpAuthenticator, useFactory: (sessions: HttpSessions) => new HttpAuthenticator(engine.accounts, sessions, settings), inject: [HttpSessions] },
        { provide: HttpAuthorizer, useFactory: () => new HttpAuthorizer(engine.accounts) },
        { provide: APP_GUARD, useClass: RouteSecurityGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
      exports: [ServiceSecurity, HttpAuthenticator, HttpAuthorizer],
    };
  }
}
