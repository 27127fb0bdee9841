import { Body, Controller, Get, HttpCode, Post, Req, Res } from "@nestjs/common";
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from "@nestjs/swagger";
import { ACL_OPERATIONS, AuditLog, CLUSTER_RESOURCE_NAME, formatPrincipal, type AclOperation } from "@skein/broker";
import type { FastifyReply, FastifyRequest } from "fastify";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { RestError } from "../errors/rest-error.js";
import { HttpAuthError } from "./http-auth-error.js";
import { HttpAuthenticator } from "./http-authenticator.js";
import { HttpAuthorizer } from "./http-authorizer.js";
import { clearedSessionCookie, sessionCookie } from "./http-credentials.js";
import { Identity, type HttpIdentity } from "./http-identity.js";
import { HttpSessions } from "./http-sessions.js";
import { AuthenticatedOnly, PublicRoute } from "./route-security.js";
import { LoginRequestDto, SessionDto } from "./security.dto.js";

/** The cluster operations the console asks about, to show only the actions the principal may take. */
const CLUSTER_OPERATIONS: readonly AclOperation[] = ACL_OPERATIONS.filter((op) => ["CREATE", "ALTER", "DESCRIBE", "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "CLUSTER_ACTION", "IDEMPOTENT_WRITE"].includes(op));

/**
 * The console's sign-in: who is signed in (with the CSRF token and what the principal may do on the cluster), sign in
 * with a user's password (a session cookie: HttpOnly, SameSite=Strict, Secure over HTTPS), sign out.
 */
@ApiTags("Sign-in (Skein)")
@Controller("auth")
export class AuthController {
  constructor(
    private readonly authenticator: HttpAuthenticator,
    private readonly authz: HttpAuthorizer,
  ) {}

  @Get("session")
  @PublicRoute("answers whether the request is signed in")
  @ApiOperation({ summary: "Who is signed in", description: "With the session's CSRF token and the cluster operations the principal may perform. Never 401: signed_in says." })
  @ApiOkResponse({ type: SessionDto })
  async session(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionDto> {
    try {
      const identity = await this.authenticator.authenticate({ headers: request.headers, sourceAddress: request.ip, method: "GET", transport: "http" });
      return this.describe(identity);
    } catch (error) {
      if (!(error instanceof HttpAuthError) || error.status !== 401) throw error;
      if (error.headers["set-cookie"] !== undefined) void reply.header("set-cookie", error.headers["set-cookie"]);
      return { signed_in: false, authentication: this.authenticator.settings.authentication, authorization: this.authz.enabled };
    }
  }

  @Post("login")
  @HttpCode(200)
  @PublicRoute("signs in")
  @ApiOperation({ summary: "Sign in", description: "Checks the user's password and starts a session. Failed sign-ins are audited and, past authentication.failures.max per source, refused for a while (429)." })
  @ApiBody({ type: LoginRequestDto })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ type: ErrorDto, description: "Wrong user name or password (40101)" })
  @ApiTooManyRequestsResponse({ type: ErrorDto, description: "Too many failed authentications from this address (42901)" })
  async login(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionDto> {
    if (!this.authenticator.enabled) throw new RestError(400, 40002, "Authentication is off (SKEIN_AUTHENTICATION_METHOD=NONE): there is nothing to sign in to.");
    const { username, password } = (body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof username !== "string" || typeof password !== "string" || username === "") throw new RestError(422, 42206, "Payload error. username and password are required.");
    try {
      const { token, identity, expiresAt } = await this.authenticator.login(username, password, { headers: request.headers, sourceAddress: request.ip, method: "POST", transport: "http" });
      void reply.header("set-cookie", sessionCookie(token, expiresAt - Date.now(), this.authenticator.settings.secureCookies)).header("cache-control", "no-store");
      return { ...this.describe(identity), expires_at: expiresAt };
    } catch (error) {
      if (error instanceof HttpAuthError) void reply.headers(error.headers);
      throw error;
    }
  }

  @Post("logout")
  @HttpCode(204)
  @AuthenticatedOnly("ends the caller's own session")
  @ApiOperation({ summary: "Sign out", description: "Ends the session (its cookie no longer works anywhere) and clears the cookie. Needs the X-CSRF-Token." })
  @ApiNoContentResponse({ description: "Signed out" })
  async logout(@Identity() identity: HttpIdentity, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.authenticator.logout(identity);
    void reply.header("set-cookie", clearedSessionCookie(this.authenticator.settings.secureCookies));
  }

  private describe(identity: HttpIdentity): SessionDto {
    return {
      signed_in: true,
      authentication: this.authenticator.settings.authentication,
      authorization: this.authz.enabled,
      user: identity.principal.name,
      principal: formatPrincipal(identity.principal),
      method: identity.method,
      ...(identity.sessionToken !== undefined ? { csrf_token: HttpSessions.csrfToken(identity.sessionToken) } : {}),
      super_user: this.authz.isSuperUser(identity),
      cluster_operations: this.authz.authorizedOperations(identity, "CLUSTER", CLUSTER_RESOURCE_NAME, CLUSTER_OPERATIONS),
      audit_log_readable: this.authz.authorize(identity, "READ", "TOPIC", AuditLog.TOPIC),
    };
  }
}
