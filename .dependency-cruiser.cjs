// Module boundaries of src/, checked by dependency-cruiser (`npm run deps:check`, part of `npm run lint`).
// common/, config/ and database/ at the ground, feature modules above them, no import cycles between
// module folders, each module's repositories private to it.
//
// Only imports that survive compilation count (tsPreCompilationDeps: false): `import type`, and imports
// used only as types, vanish, so an entity may name another module's entity as a type (`Relation<Member>`)
// without tying the two modules together. A relation's target written as a value (`() => Member`) is a
// real import and counts; `@ManyToOne('Member', ...)` with `import type { Member }` does not.

/** The ground floor: shared by every module, importing none of them. */
const GROUND = '^src/(common|config|database)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment:
        'Two module folders of src import each other (perhaps through others). Move the shared piece down ' +
        '(to common/ or the module both depend on) or call the other way round through a service.',
      scope: 'folder',
      from: { path: '^src/[^/]+/?$' },
      to: { path: '^src/[^/]+/?$', circular: true },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'A file imports itself through a chain of imports: ESM evaluates one of them half-initialised. ' +
        'Cycles made of entities only are allowed: TypeORM relations name their target lazily (`() => Survey`).',
      from: { path: '^src/', pathNot: '\\.entity\\.ts$' },
      to: { circular: true },
    },
    {
      name: 'repositories-are-private',
      severity: 'error',
      comment: "A module's *.repository.ts files are its own (each module owns its tables): other modules call its service.",
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/.*\\.repository\\.ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'ground-imports-no-feature',
      severity: 'error',
      comment:
        'common/, config/ and database/ are the ground floor: a feature module may import them, not the ' +
        'other way round. (The list of every entity is src/entities.ts, above the modules.)',
      from: { path: GROUND },
      to: { path: '^src/', pathNot: GROUND },
    },
    {
      name: 'src-imports-no-tooling',
      severity: 'error',
      comment: 'The application does not depend on its tests, benchmarks or scripts.',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
  ],
  options: {
    // Our own files only; packages are not followed (and not shown).
    includeOnly: '^(src|test|bench|scripts|migrations)/|^ormconfig\\.ts$',
    // Unit specs are tests: like test/, they may reach whatever they need to set a case up.
    exclude: { path: '\\.spec\\.ts$' },
    doNotFollow: { path: 'node_modules' },
    // See the top of this file: type-only imports are not dependencies.
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    // (`./x.js` in an import resolves to `./x.ts` on disk, NodeNext ESM: dependency-cruiser does that itself.)
    reporterOptions: { text: { highlightFocused: true } },
  },
};
