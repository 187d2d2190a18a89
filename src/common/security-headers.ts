import helmet from 'helmet';

/**
 * The response headers of every answer (API, dashboard, Swagger UI, files), through
 * helmet (bootstrap.ts). One Content-Security-Policy serves all of them: the dashboard (a Vite build)
 * and Swagger UI load only same-origin scripts and no inline script; both need inline styles (the
 * dashboard's MUI/emotion injects <style> elements, Swagger UI's page has a <style> block) and
 * data: and blob: images (icons, previews of uploaded images) and blob: frames (the PDF preview).
 * Nothing may frame the app; nothing is loaded from another origin.
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    // the dashboard previews a document's PDF from a blob: URL (fetched with the bearer token) in a frame
    'frame-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  },
};

/** Options for helmet (bootstrap.ts). */
export function securityHeaderOptions() {
  return {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // the API is called from the dashboard on this origin or, with CORS_ORIGINS, from a sibling
    // origin of the same site: same-site keeps its files loadable there, and nowhere else
    crossOriginResourcePolicy: { policy: 'same-site' as const },
    crossOriginOpenerPolicy: { policy: 'same-origin' as const },
    // HTTPS is terminated in front of the API; browsers ignore the header over plain HTTP
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' as const },
    xFrameOptions: { action: 'deny' as const },
    // helmet removes X-Powered-By; Node and Fastify send no Server header
    hidePoweredBy: true,
  };
}

/**
 * The headers helmet sets with these options, as `[name, value]` pairs, worked out once: helmet's
 * middleware sets the same values on every answer (nothing in them depends on the request), and
 * running it per request cost about 15 µs of Node CPU (a dozen middleware closures, issue 20).
 * bootstrap.ts sets them on every response; X-Powered-By, which helmet removes, is never set. The
 * names are lower-cased, as Fastify keeps a reply's headers (no new string per header and request).
 */
export function securityHeaders(): readonly (readonly [string, string])[] {
  const headers: [string, string][] = [];
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers.push([name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value)]);
    },
    removeHeader: () => undefined,
  };
  let failed: unknown;
  type Middleware = ReturnType<typeof helmet>;
  helmet(securityHeaderOptions())(
    {} as Parameters<Middleware>[0],
    res as unknown as Parameters<Middleware>[1],
    (err?: unknown) => (failed = err),
  );
  if (failed) throw failed;
  return headers;
}
