import { ExecutionContext, Injectable, type CanActivate } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ApiError } from '../common/errors.js';
import { AuthErrors } from './auth.errors.js';
import type { Principal } from '../common/principal.js';
import { ALLOW_WITH_PASSWORD_CHANGE, IS_PUBLIC, ROLES_KEY } from '../common/auth.decorators.js';
import type { Role } from '../common/roles.js';

/** Global: every route needs a valid bearer token unless it is marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  /**
   * passport-jwt reports a missing, malformed, badly signed or expired token as no user (a 401);
   * `err` is set only when loading the caller failed, e.g. the database is unreachable. That is
   * rethrown for the exception filter (503): answering 401 would make the app log its user out.
   */
  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw AuthErrors.bearerRequired();
    return user;
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
