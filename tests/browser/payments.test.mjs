// The payments registry in the browser (docs/PAYMENTS.md), on the demo's orders of the city
// centre to the demo employer (P000001 and P000002 paid in batch B000001, P000003 returned
// "AC04 account closed", P000004 a draft). The head sees the totals, approves P000004 with the
// key file (its approval text signed as served), exports it in a new batch whose pain.001
// downloads with P000004 as the EndToEndId, imports a CSV statement that marks it paid (one
// line matching nothing), reads the statements imported with the exceptions of each one's
// lines (the line that matched nothing, the demo's order returned by the bank), and re-issues
// P000003 to a corrected IBAN after a mistyped one is refused in the form, which resolves that
// line. The analyst sees the registry and the statements without the head's controls; the
// employer sees the payments received in the cabinet. axe-core and screenshots in kk, ru and en.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { demoApi } from './demo_api.mjs';
import { checkInKkAndRu, checkPage, demoServerAndBrowser, pageAs } from './support.mjs';

const env = demoServerAndBrowser('jumys-payments-');
const { ok } = demoApi(env);

const P = (n) => `KZO-CITY-2026-P${String(n).padStart(6, '0')}`;
const NBSP = '\u00a0';
const tenge = (tiyn) => `${String(Math.trunc(tiyn / 100)).replace(/\B(?=(\d{3})+$)/g, NBSP)}.${String(tiyn % 100).padStart(2, '0')}${NBSP}₸`;

// A Kazakh IBAN of the bank account number `bban` (16 characters), its check digits computed.
function iban(bban) {
  let rest = 0;
  for (const c of `${bban}KZ00`) {
    const n = parseInt(c, 36);
    rest = (rest * (n > 9 ? 100 : 10) + n) % 97;
  }
  return `KZ${String(98 - rest).padStart(2, '0')}${bban}`;
}
const CORRECTED = iban('125KZT5004100200');
const MISTYPED = `KZ${CORRECTED.slice(2, 4) === '00' ? '01' : '00'}${CORRECTED.slice(4)}`;

const order = async (number) => (await ok('head', 'GET', '/api/v1/payments')).find((o) => o.number === number);

test('the head: totals, approval with EDS, a batch and its pain.001, a statement, a re-issue', async () => {
  const page = await pageAs(env, 'head');
  await page.getByRole('navigation').getByRole('link', { name: 'Payments' }).click();
  await page.locator('#page-title', { hasText: 'Payments registry' }).waitFor();

  // Totals: month rows by status columns, with amounts and counts.
  const totals = page.locator('#payment-totals table[data-programme="special-workplaces"]');
  await totals.waitFor();
  assert.deepEqual(await totals.locator('thead th').allInnerTexts(), ['Month', 'Draft', 'Approved', 'Sent to the bank', 'Paid', 'Returned']);
  const september = await totals.locator('tr[data-month="2026-09"]').locator('th, td').allInnerTexts();
  assert.equal(september[0], '09.2026');
  assert.equal(september[4], `${tenge(141_495_000)}\norders: 2`);
  assert.equal(september[1], '—');
  assert.match(await totals.locator('tr[data-month="2026-11"] td').nth(0).innerText(), /^235\u00a0200\.00\u00a0₸\norders: 1$/);

  // The exceptions: the returned order with its reason and the way to re-issue it.
  const returned = page.locator(`#payment-exceptions tr[data-order="${P(3)}"]`);
  assert.match(await returned.innerText(), /AC04 account closed/);
  await returned.getByRole('button', { name: `Re-issue ${P(3)}` }).waitFor();
  // The orders, all four, with the batch of the paid ones.
  const orders = page.locator('#payment-orders tbody tr');
  assert.equal(await orders.count(), 4);
  const first = await page.locator(`#payment-orders tr[data-order="${P(1)}"]`).locator('th, td').allInnerTexts();
  assert.equal(first[1], 'Workplace subsidy');
  assert.match(first[2], /«Арал Балық» ЖШС\nBIN 080540001238/);
  assert.equal(first[3], 'KZ86125KZT5004100100');
  assert.equal(first[5], '01.09.2026 — 28.09.2026');
  assert.match(first[7], /^Paid\npaid on 28\.09\.2026$/);
  assert.equal(first[8], 'KZO-CITY-2026-B000001');
  await page.locator('fieldset.signing[data-ncalayer=absent]').waitFor();
  await checkPage(page, 'payments-head-en');
  await checkInKkAndRu(page, 'payments-head', (p) => p.locator('#payment-totals table').waitFor());

  // Approval with EDS: the draft ticked, the key file opened once, the result read out.
  const draft = page.locator(`#payment-approval tr[data-order="${P(4)}"]`);
  assert.equal(await draft.getByRole('checkbox', { name: `Select ${P(4)}` }).isChecked(), true);
  await page.locator('#payment-approval input[name=key-file]').setInputFiles(path.join(env.tmp, 'dev-ca', 'head.p12'));
  await page.locator('#payment-approval input[name=key-password]').fill('demo');
  await page.getByRole('button', { name: 'Sign and approve the selected drafts' }).click();
  const approval = page.locator('#approval-result');
  await approval.locator(`li[data-order="${P(4)}"][data-state=signed]`).waitFor();
  assert.match(await approval.innerText(), new RegExp(`^Approved 1 of 1\\.\\n+${P(4)}: approved$`));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'approval-result');
  const approved = await order(P(4));
  assert.equal(approved.status, 'approved');
  assert.equal(approved.approved.login, 'head');
  // The signer's IIN, masked as the API shows IINs: the head approved with an EDS.
  assert.match(approved.approved.signer_iin ?? '', /^\d{2}\*+\d{2}$/);
  assert.equal(await page.locator('#payment-approval form').isHidden(), true, 'no draft is left');
  await checkPage(page, 'payments-approved-en');

  // Export: a new batch with the one approved order; its pain.001 downloads with the session.
  assert.equal(await page.locator('#export-waiting').innerText(), 'Approved orders waiting for export: 1');
  await page.getByRole('button', { name: 'Export the approved orders to a new batch' }).click();
  const exported = page.locator('#export-result');
  await exported.getByText(`Batch KZO-CITY-2026-B000002 was made. Orders: 1, total ${tenge(23_520_000)}.`).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'export-result');
  const batchRow = page.locator('#payment-batches tr[data-batch="KZO-CITY-2026-B000002"]');
  await batchRow.waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    batchRow.getByRole('link', { name: 'pain.001 file (XML) (batch KZO-CITY-2026-B000002)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'KZO-CITY-2026-B000002.pain.001.xml');
  const xml = readFileSync(await download.path(), 'utf8');
  assert.match(xml, new RegExp(`<EndToEndId>${P(4)}</EndToEndId>`));
  assert.doesNotMatch(xml, new RegExp(`<EndToEndId>${P(1)}</EndToEndId>`));
  assert.equal((await order(P(4))).status, 'exported');
  assert.equal(await batchRow.getByRole('link', { name: /^CSV file/ }).getAttribute('href'), '/api/v1/payments/batches/2/csv');
  await checkPage(page, 'payments-exported-en');

  // The bank's statement as CSV: P000004 paid, a line that names no order, and P000001 again
  // (paid by the demo's statement).
  const statement = path.join(env.tmp, 'statement.csv');
  writeFileSync(statement, `reference,status,amount,date\n${P(4)},paid,235200.00,2026-12-01\nKZO-CITY-2026-P999999,paid,10.00,2026-12-01\n${P(1)},paid,1179750.00,2026-12-01\n`);
  await page.getByLabel('Statement file (CSV or camt.053 XML)').setInputFiles(statement);
  await page.getByRole('button', { name: 'Import the statement' }).click();
  const imported = page.locator('#statement-result');
  await imported.getByText('Statement statement.csv was imported.').waitFor();
  const counts = Object.fromEntries(await imported.locator('dd').evaluateAll((dd) => dd.map((d) => [d.dataset.count, d.textContent])));
  assert.deepEqual(counts, { matched: '2', paid: '1', returned: '0', unmatched: 'KZO-CITY-2026-P999999' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'statement-result');
  const paid = await order(P(4));
  assert.equal(paid.status, 'paid');
  assert.equal(paid.settled_at, '2026-12-01');
  // The line that matched nothing is among the exceptions.
  assert.deepEqual(await page.locator('#unmatched-lines li').allInnerTexts(), [`KZO-CITY-2026-P999999 — ${tenge(1000)} line 2`]);
  assert.match(await page.locator(`#payment-orders tr[data-order="${P(4)}"]`).innerText(), /Paid\npaid on 01\.12\.2026/);
  await checkPage(page, 'payments-statement-en');

  // The statements imported, newest first: ours, then the demo's (two paid, one returned).
  const statements = page.locator('#payment-statements tbody tr');
  assert.deepEqual(await statements.evaluateAll((tr) => tr.map((r) => [...r.cells].slice(2, 7).map((c) => c.innerText))), [
    ['3', '1', '0', '1', '1'],
    ['3', '2', '1', '0', '0'],
  ]);
  // Ours, opened from the exceptions: the unmatched line marked in words, the paid one not.
  await page.getByRole('button', { name: 'Show every line of this statement' }).click();
  const lines = page.locator('#statement-detail tbody tr');
  await lines.first().waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H3', 'the lines take the focus');
  assert.deepEqual(await lines.evaluateAll((tr) => tr.map((r) => [r.dataset.line, r.dataset.exception])), [['1', 'false'], ['2', 'true'], ['3', 'true']]);
  assert.deepEqual(await lines.nth(1).locator('th, td').allInnerTexts(), [
    '2', 'KZO-CITY-2026-P999999', tenge(1000), 'Exception: Matched no order', '—',
    'No exported order has this reference and amount: check the line with the bank.',
  ]);
  assert.deepEqual(await lines.nth(0).locator('td').allInnerTexts(), [P(4), tenge(23_520_000), 'Marked paid', P(4), '—']);
  assert.deepEqual((await lines.nth(2).locator('td').allInnerTexts()).slice(2), [
    'Exception: Settled before', P(1),
    `Order ${P(1)} was settled by an earlier statement and this line changed nothing: check with the bank that it was not paid twice.`,
  ]);
  assert.equal(await page.locator('#statement-exceptions').innerText(), 'Exceptions to resolve: 2 (matched no order: 1; returned by the bank: 0; settled before: 1).');
  await page.getByLabel('Show only the exceptions').check();
  assert.equal(await lines.nth(0).isHidden(), true);
  assert.equal(await lines.nth(1).isVisible(), true);
  await checkPage(page, 'payments-statement-lines-en');
  // The demo's statement: the order the bank returned, with its reason, to be issued again.
  await statements.nth(1).getByRole('button', { name: /^Show the lines/ }).click();
  const returnedLine = page.locator('#statement-detail tr[data-line="3"]');
  await returnedLine.waitFor();
  assert.equal(await returnedLine.getAttribute('data-exception'), 'true');
  assert.deepEqual((await returnedLine.locator('td').allInnerTexts()).slice(2), [
    'Exception: Returned by the bank\nAC04 account closed', P(3),
    `The bank returned order ${P(3)}: issue it again under Exceptions, to a corrected account if need be.`,
  ]);
  await checkPage(page, 'payments-statement-returned-en');
  await checkInKkAndRu(page, 'payments-statement-returned', async (p) => {
    await p.locator('#payment-statements tbody tr').nth(1).locator('button').click();
    await p.locator('#statement-detail tr[data-line="3"]').waitFor();
  });

  // Re-issue: the form opens with the focus in it; a mistyped IBAN is refused before sending.
  const before = (await ok('head', 'GET', '/api/v1/payments')).length;
  await returned.getByRole('button', { name: `Re-issue ${P(3)}` }).click();
  const form = page.getByRole('group', { name: `Re-issue order ${P(3)}` });
  const ibanField = form.getByLabel('Corrected IBAN (optional)');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'iban');
  await ibanField.fill(MISTYPED);
  await page.getByRole('button', { name: 'Re-issue as a new draft' }).click();
  await form.getByText(/This IBAN is not valid/).waitFor();
  assert.equal(await ibanField.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'iban');
  assert.equal((await ok('head', 'GET', '/api/v1/payments')).length, before, 'nothing was sent');
  await checkPage(page, 'payments-reissue-invalid-en');
  // Typed with spaces and in small letters, as people copy an IBAN.
  await ibanField.fill(CORRECTED.toLowerCase().replace(/(.{4})/g, '$1 '));
  await page.getByRole('button', { name: 'Re-issue as a new draft' }).click();
  const reissued = page.locator('#exceptions-result');
  await reissued.getByText(`Order ${P(3)} was re-issued as draft ${P(5)} to account ${CORRECTED}.`).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'exceptions-result');
  const issued = await order(P(5));
  assert.equal(issued.status, 'draft');
  assert.equal(issued.payee.iban, CORRECTED);
  assert.equal(issued.reissue_of, (await order(P(3))).id);
  assert.equal(await page.locator(`#payment-exceptions tr[data-order="${P(3)}"]`).count(), 0, 'settled by the re-issue');
  await page.locator(`#payment-approval tr[data-order="${P(5)}"]`).waitFor();
  assert.match(await page.locator(`#payment-orders tr[data-order="${P(5)}"]`).innerText(), new RegExp(`re-issue of ${P(3)}`));
  // The demo statement's returned line is resolved by the re-issue.
  await page.locator('#payment-statements tbody tr').nth(1).getByRole('button').click();
  const resolved = page.locator('#statement-detail tr[data-line="3"]');
  await resolved.waitFor();
  assert.equal(await resolved.getAttribute('data-exception'), 'false');
  assert.equal(await resolved.locator('td.resolve').innerText(), `Resolved: issued again as ${P(5)}.`);
  assert.equal(await page.locator('#statement-exceptions').innerText(), 'No exception: every line settled its order.');
  await checkPage(page, 'payments-reissued-en');

  // The orders filtered by status, the filter kept in the address.
  await page.getByLabel('Status').selectOption('paid');
  await page.locator('#orders-count', { hasText: 'Orders shown: 3' }).waitFor();
  assert.deepEqual(await page.locator('#payment-orders tbody th').allInnerTexts(), [P(1), P(2), P(4)]);
  assert.match(page.url(), /\/payments\?status=paid$/);
  await page.reload();
  await page.locator('#orders-count', { hasText: 'Orders shown: 3' }).waitFor();
  assert.equal(await page.getByLabel('Status').inputValue(), 'paid');
  await page.context().close();
});

test('the analyst sees the registry without the head’s controls', async () => {
  const page = await pageAs(env, 'analyst');
  await page.getByRole('navigation').getByRole('link', { name: 'Payments' }).click();
  await page.locator('#payment-totals table').waitFor();
  await page.locator(`#payment-orders tr[data-order="${P(1)}"]`).waitFor();
  await page.locator('#payment-batches tr[data-batch="KZO-CITY-2026-B000001"]').waitFor();
  // The statements are read by all who see the registry.
  await page.locator('#payment-statements tbody tr').first().waitFor();
  for (const part of ['#payment-approval', '#payment-return', '#payment-statement', '#export-batch', '#reissue-form button', 'fieldset.signing']) {
    assert.equal(await page.locator(part).count(), 0, `${part} is the head's`);
  }
  assert.equal(await page.getByRole('button', { name: /Re-issue/ }).count(), 0);
  await checkPage(page, 'payments-analyst-en');
  await checkInKkAndRu(page, 'payments-analyst', (p) => p.locator('#payment-totals table').waitFor());
  await page.context().close();
});

test('the employer sees the payments received in the cabinet', async () => {
  const page = await pageAs(env, 'employer');
  await page.goto(`${env.base}/cabinet`);
  const section = page.getByRole('region', { name: 'Payments received' });
  await section.waitFor();
  const rows = section.locator('tbody tr');
  assert.deepEqual(await section.locator('tbody th').allInnerTexts(), [P(1), P(2), P(3), P(4), P(5)]);
  assert.deepEqual(await rows.nth(0).locator('th, td').allInnerTexts(), [P(1), 'Workplace subsidy', '01.09.2026 — 28.09.2026', tenge(117_975_000), 'Paid', '28.09.2026']);
  assert.match(await rows.nth(2).innerText(), /Returned\nAC04 account closed/);
  assert.match(await rows.nth(3).innerText(), /Paid\t01\.12\.2026/);
  assert.match(await rows.nth(4).innerText(), /Draft\t—/);
  // The employer's menu has no registry.
  assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Payments' }).count(), 0);
  await checkPage(page, 'payments-cabinet-en');
  await checkInKkAndRu(page, 'payments-cabinet', (p) => p.locator('#my-payments table').waitFor());
  await page.context().close();
});
