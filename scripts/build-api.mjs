// Compiles the API (what tsconfig.build.json includes: src, migrations, scripts, bench, ormconfig.ts;
// no unit spec) into dist/ with SWC, file by file, as Nest's `nest build -b swc` does: a fresh
// clone's build takes a second or two of CPU where `tsc` took 20-30 s. SWC does not check types:
// `npm run typecheck` (tsc --noEmit, in CI) does, and tsconfig.json's isolatedModules makes it refuse
// what a file-by-file compiler cannot compile as tsc would (a re-exported type, a const enum across
// files). Jest compiles the same sources with the same options (jest.config.js imports SWC_JSC).
//
// Plain JavaScript: it runs before anything is compiled. `node scripts/build-api.mjs` builds;
// `npm run build` and `npm start` (scripts/build-stale.mjs, when dist/ is older than its sources) run it.
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** TypeScript with legacy decorators and their type metadata (Nest's injection, TypeORM's columns), as tsc emits them. */
export const SWC_JSC = {
  parser: { syntax: 'typescript', decorators: true },
  transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
  keepClassNames: true,
  target: 'es2022',
};

/** What tsconfig.build.json compiles (paths from the repository root). */
export const API_SOURCES = ['src', 'migrations', 'scripts', 'bench', 'ormconfig.ts'];

/** The TypeScript files under `path` that the build compiles: no unit spec, no declaration file. */
function sourceFiles(path, found = []) {
  if (!existsSync(path)) return found;
  if (!statSync(path).isDirectory()) {
    if (/\.ts$/.test(path) && !/\.(spec|d)\.ts$/.test(path)) found.push(path);
    return found;
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'results') continue;
    sourceFiles(join(path, entry.name), found);
  }
  return found;
}

/** The TypeScript files a compiled file imports by a relative path (`from './x.js'`, `import('../y.js')`). */
function relativeImports(file, code) {
  const found = [];
  for (const m of code.matchAll(/(?:\bfrom|\bimport\s*\(?)\s*['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
    const ts = resolve(dirname(file), `${m[1]}.ts`);
    if (existsSync(ts)) found.push(ts);
  }
  return found;
}

/**
 * Compiles every source into `<root>/dist/<same path>.js` with its source map, and, as tsc does, the
 * files outside those folders that they import (bench/push-stubs-server.ts uses test/support's push
 * stubs). dist/src/main.js is written last: scripts/build-stale.mjs takes its modification time for
 * the whole build's, so a build cut short is rebuilt at the next start.
 */
export async function buildApi(root = REPO) {
  const { transformFile } = await import('@swc/core');
  const files = new Set(API_SOURCES.flatMap((s) => sourceFiles(join(root, s))));
  const main = join(root, 'src', 'main.ts');
  const compile = async (file) => {
    const out = join(root, 'dist', relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, {
      swcrc: false,
      configFile: false,
      jsc: SWC_JSC,
      module: { type: 'es6' },
      sourceMaps: true,
      sourceFileName: relative(dirname(out), file),
    });
    await mkdir(dirname(out), { recursive: true });
    await writeFile(`${out}.map`, map);
    await writeFile(out, `${code}\n//# sourceMappingURL=${basename(out)}.map\n`);
    return relativeImports(file, code);
  };
  // the folders' files, then what they import from elsewhere (and so on), main.js last
  let round = [...files].filter((f) => f !== main);
  while (round.length) {
    const imported = (await Promise.all(round.map(compile))).flat();
    round = [...new Set(imported)].filter((f) => !files.has(f) && f !== main);
    for (const f of round) files.add(f);
  }
  if (files.has(main)) await compile(main);
  return files.size;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const n = await buildApi();
  console.log(
    `build-api: ${n} files compiled into dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s (SWC; types: npm run typecheck)`,
  );
}
