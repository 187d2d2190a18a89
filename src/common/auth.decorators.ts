import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Principal } from './principal.js';
import { ApiErrors } from './api-docs.js';
import type { Role } from './roles.js';

export const IS_PUBLIC = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const ALLOW_WITH_PASSWORD_CHANGE = 'auth:allow-with-password-change';

/** A route anyone may call without a token. Use on purpose only; the OpenAPI document lists it with `security: []`. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));

/** Only these roles may call the route (every route already needs a token). */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiErrors(403));

/**
 * A route an account that must change its (issued) password may still call. Every other
 * authenticated route answers it 403 PASSWORD_CHANGE_REQUIRED (auth.guards.ts), which
 * the OpenAPI document lists on every such operation (src/common/openapi.ts).
 */
export const AllowWithPasswordChange = () =>
  applyDecorators(SetMetadata(ALLOW_WITH_PASSWORD_CHANGE, true), ApiExtension('x-allow-with-password-change', true));

/** The authenticated caller, as loaded by auth's global guard (auth.guards.ts). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().user as Principal;
});
