import { it } from '@jest/globals';
import { createTestApp } from '../support/test-app.js';
it('boots', async () => {
  try {
    const t = await createTestApp();
    const r = await t.http().get('/api/health');
    console.log(r.status, JSON.stringify(r.headers), r.body);
    await t.close();
  } catch (e) { console.log('ERR', e); throw e; }
}, 60000);
