import { ExecutionContext, Injectable, type CanActivate } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/errors.js';
import { anonymizeAddress } from '../common/client-address.js';
import { AuthErrors } from './auth.errors.js';
import type { Principal } from '../common/principal.js';
import { ALLOW_WITH_PASSWORD_CHANGE, IS_PUBLIC, ROLES_KEY } from '../common/auth.decorators.js';
import type { Role } from '../common/roles.js';
import { AuthService, type AccessClaims } from './auth.service.js';

/** `Authorization: Bearer <token>` (the scheme in any case, as passport-jwt read it), else null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const m = /(\S+)\s+(\S+)/.exec(header);
  return m && m[1].toLowerCase() === 'bearer' ? m[2] : null;
}

/**
 * Global: every route needs a valid bearer token unless it is marked @Public(). The token is
 * verified (HS256, unexpired: JwtService, configured in auth.module.ts), then the caller is
 * loaded: because the session is checked on every request, logout and refresh-token reuse end a
 * session's access tokens at once, on every process.
 *
 * A missing, malformed, badly signed or expired token, or a session that ended, is a 401. A
 * failure to load the caller (the database is unreachable) is rethrown for the exception filter
 * (503): answering 401 would make the app log its user out.
 *
 * A plain guard, not passport's AuthGuard with a JWT strategy: that did the same work through
 * passport's per-request strategy objects and callbacks, about a tenth of the Node CPU of a cheap
 * read (docs/scaling.md, "Findings").
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const claims = this.claimsOf(bearerToken(req.headers.authorization));
    if (!claims) throw AuthErrors.bearerRequired();
    const principal = await this.auth.loadPrincipal(claims.sub, claims.sid);
    if (!principal) throw AuthErrors.bearerRequired();
    principal.requestId = String(req.id);
    principal.clientAddress = anonymizeAddress(req.ip);
    req.user = principal;
    return true;
  }

  /** The claims of a valid access token, else null. */
  private claimsOf(token: string | null): AccessClaims | null {
    if (!token) return null;
    let claims: Partial<AccessClaims> | undefined;
    try {
      claims = this.jwt.verify<AccessClaims>(token);
    } catch {
      return null;
    }
    return typeof claims?.sub === 'string' && typeof claims.sid === 'string' ? (claims as AccessClaims) : null;
  }
}

/**
 * Global, after the JWT guard: an account whose password was issued by someone else
 * (mustChangePassword) may call only the routes marked @AllowWithPasswordChange() until it
 * changes the password; everything else answers 403 PASSWORD_CHANGE_REQUIRED.
 */
@Injectable()
export class PasswordChangeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest().user as Principal | undefined;
    if (!user?.mustChangePassword) return true; // a public route, or nothing to change
    const allowed = this.reflector.getAllAndOverride<boolean>(ALLOW_WITH_PASSWORD_CHANGE, [context.getHandler(), context.getClass()]);
    if (allowed) return true;
    throw AuthErrors.passwordChangeRequired();
  }
}

/** Global: @Roles(...) on a handler or controller limits it to those roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const user = context.switchToHttp().getRequest().user as Principal | undefined;
    if (!user) return true; // a public route
    if (!roles.includes(user.role)) throw ApiError.forbidden();
    return true;
  }
}
