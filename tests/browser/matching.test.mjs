// The job seeker's profile and suitable vacancies in Debian's Chromium against the real server
// (docs/MATCHING.md). A few vacancies are written to the store (the vacancy pages are another
// part's): one that meets every must-have, one that misses one, one in Astana and one gone
// stale. The employment specialist opens the demo seeker's card page and sees the profile and
// the ranked vacancies with each reason met or not in words and by an icon; the seeker, in the
// cabinet, says they will move anywhere and Astana's vacancy appears. axe-core and screenshots
// in en, kk and ru (build/screenshots/matching-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { checkInKkAndRu, checkPage, demoServerAndBrowser, pageAs } from './support.mjs';

const env = demoServerAndBrowser('jumys-browser-matching-');
const seekerIin = '900515300127';

function seedVacancies() {
  const row = (title, nkz, kato, wage, must, status = 'published') =>
    `('080540001238', 'kzo-city', '${title}', '', '${nkz}', '${kato}', ${wage}, 'full_time', 2, ` +
    `'${JSON.stringify({ must })}', 0, '${status}', 'employers', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`;
  const rows = [
    row('Welder', '7', '431010000', 30000000, [{ kind: 'driving_licence', value: 'C' }, { kind: 'language', value: 'kk' }]),
    row('Bus driver', '8', '431010000', 32000000, [{ kind: 'driving_licence', value: 'D' }, { kind: 'language', value: 'ru' }]),
    row('Rig operator in Astana', '8', '711000000', 60000000, []),
    row('Stale job', '7', '431010000', 90000000, [], 'stale'),
  ];
  execFileSync('sqlite3', ['-cmd', '.timeout 10000', path.join(env.tmp, 'jumys.db'),
    // The demo's vacancies closed first, so the page ranks only these.
    "UPDATE vacancies SET status = 'closed', next_change_at = NULL; " +
    'INSERT INTO vacancies (employer_bin, office_id, title, description, nkz, kato, wage_tiyn, working_time, ' +
    'workplaces, requirements, disability_suitable, status, created_by, created_at, updated_at) VALUES ' +
    rows.join(', ')]);
}

const titles = (page) => page.locator('ol.matches > li h3').allTextContents();

test('staff and the seeker see the profile and the ranked vacancies with their reasons', async () => {
  seedVacancies();
  const page = await pageAs(env, 'employment');
  await page.goto(`${env.base}/people/${seekerIin}/card`);
  await page.getByRole('heading', { name: "Job seeker's profile" }).waitFor();
  await page.getByText('This person has no individual employment card.').waitFor();
  assert.equal(await page.getByLabel('Place of residence (KATO code)').inputValue(), '431010000');
  assert.equal(await page.getByRole('radio', { name: 'within my oblast' }).isChecked(), true);
  await page.getByRole('heading', { name: 'Suitable vacancies' }).waitFor();
  await page.locator('ol.matches > li').first().waitFor();
  // Every must-have first; the one missing licence D after it; Astana and the stale one never.
  assert.deepEqual(await titles(page), ['Welder', 'Bus driver']);
  const bus = page.locator('ol.matches > li').nth(1);
  const missing = bus.locator('li.reason', { hasText: 'must-have' });
  assert.match(await missing.innerText(), /^✗ not met: 1 of 2 must-have requirements met; missing: driving licence D$/);
  const welder = page.locator('ol.matches > li').first();
  assert.match(await welder.locator('li.reason', { hasText: 'must-have' }).innerText(), /^✓ met: All 2 must-have requirements met$/);
  // The icon is not read out: the words say it.
  assert.equal(await welder.locator('.reason-icon').first().getAttribute('aria-hidden'), 'true');
  await checkPage(page, 'matching-card-staff-en');
  await checkInKkAndRu(page, 'matching-card-staff', async (p) => p.locator('ol.matches > li').first().waitFor());

  // The seeker in the cabinet will move anywhere: Astana's vacancy comes in.
  const seeker = await pageAs(env, 'seeker');
  await seeker.goto(`${env.base}/cabinet`);
  await seeker.getByRole('heading', { name: 'Suitable vacancies' }).waitFor();
  await seeker.locator('ol.matches > li').first().waitFor();
  assert.deepEqual(await titles(seeker), ['Welder', 'Bus driver']);
  await seeker.getByRole('radio', { name: 'anywhere in Kazakhstan' }).check();
  await seeker.getByRole('button', { name: 'Save the profile' }).click();
  await seeker.getByText('The profile is saved.').waitFor();
  await seeker.locator('ol.matches > li h3', { hasText: 'Rig operator in Astana' }).waitFor();
  assert.deepEqual((await titles(seeker)).sort(), ['Bus driver', 'Rig operator in Astana', 'Welder']);
  const astana = seeker.locator('ol.matches > li', { hasText: 'Rig operator in Astana' });
  await astana.getByText('In another oblast (711000000); you are willing to move').waitFor();
  await checkPage(seeker, 'matching-cabinet-en');
  await checkInKkAndRu(seeker, 'matching-cabinet', async (p) => p.locator('ol.matches > li').first().waitFor());

  // A bad entry is refused with the field named, and nothing changes.
  await seeker.getByLabel('Place of residence (KATO code)').fill('4310');
  await seeker.getByRole('button', { name: 'Save the profile' }).click();
  await seeker.locator('[role=alert]').first().waitFor();
  const stored = await seeker.request.get(`${env.base}/api/v1/people/${seekerIin}/profile`);
  assert.equal((await stored.json()).home_kato, '431010000');
});
