/**
 * The API process as the benchmarks start it: the same entry point as `npm start` (src/main.ts),
 * under a name of its own, so that `pkill -f dist/src/main.js` run by someone restarting a dev
 * server on the same machine does not stop a measurement.
 */
import '../src/main.js';
