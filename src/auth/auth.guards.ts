import { ExecutionContext, Injectable, type CanActivate } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/errors.js';
import { anonymizeAddress } from '../common/client-address.js';
import { AuthErrors } from './auth.errors.js';
import type { Principal } from '../common/principal.js';
import { ALLOW_WITH_PASSWORD_CHANGE, IS_PUBLIC, ROLES_KEY } from '../common/auth.decorators.js';
import type { Role } from '../common/roles.js';
import { RateLimits } from '../common/rate-limits.js';
import { AppConfig } from '../config/app-config.js';
import { AuthService } from './auth.service.js';
import { verifyAccessToken } from './access-token.js';
import { jwtKey } from './jwt-key.js';

/** `Authorization: Bearer <token>` (the scheme in any case, as passport-jwt read it), else null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const m = /(\S+)\s+(\S+)/.exec(header);
  return m && m[1].toLowerCase() === 'bearer' ? m[2] : null;
}

/** What a route's decorators ask of its callers (@Public, @AllowWithPasswordChange, @Roles), handler over controller. */
interface RoutePolicy {
  isPublic: boolean;
  allowWithPasswordChange: boolean;
  roles: readonly Role[] | undefined;
}

type AuthRequest = FastifyRequest & { user?: Principal };

/**
 * The one global guard: every request passes these checks, in this order.
 *
 * 1. **Authentication**: every route needs a valid bearer token unless it is marked @Public().
 *    The token is verified (HS256, unexpired: access-token.ts), then the caller is loaded:
 *    because the session is checked on every request, logout and refresh-token reuse end a
 *    session's access tokens at once, on every process. A missing, malformed, badly signed or
 *    expired token, or a session that ended, is a 401. A failure to load the caller (the database
 *    is unreachable) is rethrown for the exception filter (503): answering 401 would make the app
 *    log its user out.
 * 2. **The password-change gate**: an account whose password was issued by someone else
 *    (mustChangePassword) may call only the routes marked @AllowWithPasswordChange() until it
 *    changes the password; everything else answers 403 PASSWORD_CHANGE_REQUIRED.
 * 3. **Roles**: @Roles(...) on a handler or controller limits it to those roles (403).
 * 4. **Rate limits** (common/rate-limits.ts): public routes per client, writes per account.
 *
 * One guard rather than four, and the route's decorators read once per handler rather than by
 * the Reflector on every request: Nest awaits each guard in turn, and the four guards with their
 * metadata lookups cost about 25 µs of Node CPU per request (issue 20). A plain guard, not
 * passport's AuthGuard with a JWT strategy: that did the same work through passport's per-request
 * strategy objects and callbacks, about a tenth of the Node CPU of a cheap read (docs/scaling.md,
 * "Findings").
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly policies = new WeakMap<object, WeakMap<object, RoutePolicy>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly rateLimits: RateLimits,
    private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const policy = this.policyOf(context);
    if (context.getType() !== 'http')
      return policy.isPublic || this.authenticated(context.switchToHttp().getRequest<AuthRequest>(), policy);
    const req = context.switchToHttp().getRequest<AuthRequest>();
    if (policy.isPublic) return this.rateLimits.check(req, true);
    return this.authenticated(req, policy).then(() => this.rateLimits.check(req, false));
  }

  /** Steps 1 to 3 for a route that is not public: the caller is loaded onto `req.user`, or this throws the 401 or 403. */
  private async authenticated(req: AuthRequest, policy: RoutePolicy): Promise<true> {
    const token = bearerToken(req.headers.authorization);
    const claims = token ? verifyAccessToken(jwtKey(this.config), token) : null;
    if (!claims) throw AuthErrors.bearerRequired();
    const principal = await this.auth.loadPrincipal(claims.sub, claims.sid);
    if (!principal) throw AuthErrors.bearerRequired();
    principal.requestId = String(req.id);
    principal.clientAddress = anonymizeAddress(req.ip);
    req.user = principal;
    if (principal.mustChangePassword && !policy.allowWithPasswordChange) throw AuthErrors.passwordChangeRequired();
    if (policy.roles && !policy.roles.includes(principal.role)) throw ApiError.forbidden();
    return true;
  }

  private policyOf(context: ExecutionContext): RoutePolicy {
    const controller = context.getClass();
    const handler = context.getHandler();
    let byHandler = this.policies.get(controller);
    if (!byHandler) this.policies.set(controller, (byHandler = new WeakMap()));
    let policy = byHandler.get(handler);
    if (!policy) {
      const targets = [handler, controller];
      policy = {
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
        allowWithPasswordChange: this.reflector.getAllAndOverride<boolean>(ALLOW_WITH_PASSWORD_CHANGE, targets) === true,
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
      };
      byHandler.set(handler, policy);
    }
    return policy;
  }
}
