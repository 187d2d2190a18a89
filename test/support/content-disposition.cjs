/*
 * Jest (on Node 20) cannot require() an ES module, and @fastify/static (CommonJS) requires
 * content-disposition 3, which is ESM-only. Under jest only, this CommonJS stand-in provides the
 * one function @fastify/static calls; the running server uses the real package.
 */
'use strict';

function create(filename, options) {
  const type = (options && options.type) || 'attachment';
  if (filename === undefined) return type;
  const name = String(filename).split(/[\\/]/).pop();
  const fallback = name.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, '\\$&');
  if (/^[\x20-\x7e]*$/.test(name)) return `${type}; filename="${fallback}"`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

module.exports = { create };
