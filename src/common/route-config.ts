import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * Adds `config` to the Fastify route config of a handler (what `@RouteConfig()` of
 * @nestjs/platform-fastify sets), merged with what other decorators put there: RouteConfig itself
 * replaces it, so a route marked both @WithETag() and @AdminList() would lose one of them.
 */
export function MergeRouteConfig(config: Record<string, unknown>): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const previous = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as Record<string, unknown> | undefined) ?? {};
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...previous, ...config }, handler);
    return descriptor;
  };
}

type RouteHook = 'onSend' | 'preSerialization';

/**
 * Puts `hook` on the routes whose config has `key` (set with MergeRouteConfig), as a route-level
 * Fastify hook: the other routes do not run it at all (a global hook that returns at once still
 * costs every request its call). Registered before the routes are (configureApp, before Nest's init).
 */
export function hookRoutesWith(fastify: FastifyInstance, key: string, name: RouteHook, hook: (...args: never[]) => void): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if ((route.config as Record<string, unknown> | undefined)?.[key] === undefined) return;
    const existing = route[name];
    route[name] = (existing ? [...(Array.isArray(existing) ? existing : [existing]), hook] : [hook]) as never;
  });
}
