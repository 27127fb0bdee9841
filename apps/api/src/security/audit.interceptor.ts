import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import type { FastifyRequest } from "fastify";
import { tap, type Observable } from "rxjs";
import { restErrorFor } from "../errors/rest-error-for.js";
import { AUTHORIZATION_FAILED } from "./http-auth-error.js";
import { HttpAuthorizer } from "./http-authorizer.js";
import { AUDITED_CHANGE, resolveName, routeLabel, type AuditedChange } from "./route-security.js";

/**
 * Writes every change made over HTTP to the audit log once it is answered: who, from where, through which surface,
 * what and whether it succeeded (with the error when it did not). Denials are audited by the ACL check itself.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly authorizer: HttpAuthorizer,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const change = context.getType() === "http" ? this.reflector.get<AuditedChange | undefined>(AUDITED_CHANGE, context.getHandler()) : undefined;
    if (change === undefined) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const identity = request.skeinIdentity;
    if (identity === undefined) return next.handle();
    const record = (outcome: "success" | "failure", detail?: string) => {
      this.authorizer.audit(identity, change.operation, change.resourceType, resolveName(change.name, request), outcome, routeLabel(request), detail);
    };
    return next.handle().pipe(
      tap({
        next: () => record("success"),
        error: (error: unknown) => {
          const rest = restErrorFor(error);
          if (rest.errorCode !== AUTHORIZATION_FAILED) record("failure", rest.message);
        },
      }),
    );
  }
}
