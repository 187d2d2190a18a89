import fastifyMultipart, { type FastifyMultipartOptions } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/**
 * @fastify/multipart in stream mode only, the way the app reads uploads (`request.file()`: the
 * member import, a document's file). The plugin's disk mode (`saveRequestFiles`, files written to a
 * temporary folder) adds two hooks to every request of the server, uploads or not: an async
 * `onRequest` that puts a `close` listener on the response and an async `onResponse` that cleans the
 * temporary files — three promises and a listener per request, for files the app never writes
 * (issue 20). They are left out, and `saveRequestFiles` refuses, so that nothing can write a file
 * nobody would clean.
 *
 * Registered on Fastify itself: Nest's adapter then leaves the plugin alone (it registers it only
 * when nothing has decorated `isMultipart`). The tests of uploads (test/faults/upload-bombs,
 * test/e2e/document-files, member-import-export) run through it.
 */
export async function registerMultipartStreams(fastify: FastifyInstance, options: FastifyMultipartOptions): Promise<void> {
  const plugin = (instance: FastifyInstance, opts: FastifyMultipartOptions, done: (err?: Error) => void) => {
    const streamsOnly = new Proxy(instance, {
      get(target, property) {
        if (property === 'addHook') {
          return (name: string, hook: unknown) =>
            name === 'onRequest' || name === 'onResponse' ? target : target.addHook(name as 'onSend', hook as never);
        }
        if (property === 'decorateRequest') {
          return (name: string, value: unknown) =>
            target.decorateRequest(name, name === 'saveRequestFiles' ? refuseDiskMode : (value as never));
        }
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    (fastifyMultipart as unknown as (i: FastifyInstance, o: FastifyMultipartOptions, d: (err?: Error) => void) => void)(
      streamsOnly,
      opts,
      done,
    );
  };
  // like fastify-plugin: on the root context, so that every route reads uploads
  Object.assign(plugin, { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: '@fastify/multipart (streams)' });
  await fastify.register(plugin, options);
}

function refuseDiskMode(): never {
  throw new Error('uploads are read as streams (request.file()); saving them to disk is not set up (common/multipart.ts)');
}
