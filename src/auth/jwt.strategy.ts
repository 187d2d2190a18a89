import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config.js';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../common/principal.js';
import { anonymizeAddress } from '../common/client-address.js';
import { AuthService, type AccessClaims } from './auth.service.js';
import { jwtKey } from './jwt-key.js';

/**
 * Verifies the bearer token, then loads the caller. Because the session is checked on every
 * request, logout and refresh-token reuse end a session's access tokens at once, on every process.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken.verify unchanged; its types predate KeyObject
      secretOrKey: jwtKey(config) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(req: FastifyRequest, claims: AccessClaims): Promise<Principal | false> {
    if (typeof claims?.sub !== 'string' || typeof claims?.sid !== 'string') return false;
    const principal = await this.auth.loadPrincipal(claims.sub, claims.sid);
    if (!principal) return false;
    principal.requestId = String(req.id);
    principal.clientAddress = anonymizeAddress(req.ip);
    return principal;
  }
}
