// The payments registry in the browser (docs/PAYMENTS.md), on the orders the demo's P3 case
// earned (src/services/demo/demo_special_workplaces.h): the workplace subsidy and a wage
// subsidy a month. In the month before this one the head approved them but the newest with EDS
// and exported them in the first batch, whose statement paid them but one, returned "AC04
// account closed"; the orders made since are drafts. The demo runs up to today, so the test reads
// the numbers, months and amounts from the API. The head sees the totals, approves the drafts
// with the key file (each approval text signed as served), exports them in a new batch whose
// pain.001 downloads with their numbers as EndToEndIds, imports a CSV statement that marks them
// paid (one line matching nothing, one naming an order the demo's statement paid), reads the
// statements imported with the exceptions of each one's lines (those two lines, the order the
// bank returned), and re-issues the returned order to a corrected IBAN after a mistyped one is
// refused in the form, which resolves that line. The analyst sees the registry without the head's
// controls but with the statements; the employer sees the payments received in the cabinet. axe-core and screenshots in
// kk, ru and en.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { demoApi } from './demo_api.mjs';
import { checkInKkAndRu, checkPage, demoServerAndBrowser, kzDate, pageAs } from './support.mjs';

const env = demoServerAndBrowser('jumys-payments-');
const { ok } = demoApi(env);

const NBSP = '\u00a0';
const tenge = (tiyn) => `${String(Math.trunc(tiyn / 100)).replace(/\B(?=(\d{3})+$)/g, NBSP)}.${String(tiyn % 100).padStart(2, '0')}${NBSP}₸`;
const decimal = (tiyn) => (tiyn / 100).toFixed(2);
const dotted = (date) => date.split('-').reverse().join('.');
const sum = (orders) => orders.reduce((total, o) => total + o.amount.amount, 0);
const UNMATCHED = 'KZO-CITY-2026-P999999';

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

const orders = async () => (await ok('head', 'GET', '/api/v1/payments')).sort((a, b) => a.id - b.id);
const order = async (number) => (await orders()).find((o) => o.number === number);

test('the head: totals, approval with EDS, a batch and its pain.001, a statement, a re-issue', async () => {
  // The demo as it stands: three paid, one returned, the rest drafts, in one batch of four.
  const before = await orders();
  const [first] = before;
  const paid = before.filter((o) => o.status === 'paid');
  const [returned, ...others] = before.filter((o) => o.status === 'returned');
  const drafts = before.filter((o) => o.status === 'draft');
  assert.equal(first.kind, 'workplace_subsidy');
  assert.equal(paid.length, 3);
  assert.equal(others.length, 0);
  assert.ok(drafts.length >= 1, 'the head has drafts to approve');
  assert.equal(paid.length + 1 + drafts.length, before.length);
  const [batch] = await ok('head', 'GET', '/api/v1/payments/batches');
  assert.equal(batch.orders, 4);

  const page = await pageAs(env, 'head');
  await page.getByRole('navigation').getByRole('link', { name: 'Payments' }).click();
  await page.locator('#page-title', { hasText: 'Payments registry' }).waitFor();

  // Totals: month rows by status columns, with amounts and counts. The contract's first month
  // has the workplace subsidy and that month's wage subsidy, both paid.
  const totals = page.locator('#payment-totals table[data-programme="special-workplaces"]');
  await totals.waitFor();
  assert.deepEqual(await totals.locator('thead th').allInnerTexts(), ['Month', 'Draft', 'Approved', 'Sent to the bank', 'Paid', 'Returned']);
  const month = first.period.from.slice(0, 7);
  const paidThen = paid.filter((o) => o.period.from.startsWith(month));
  assert.equal(paidThen.length, 2);
  const cells = await totals.locator(`tr[data-month="${month}"]`).locator('th, td').allInnerTexts();
  assert.equal(cells[0], `${month.slice(5)}.${month.slice(0, 4)}`);
  assert.equal(cells[4], `${tenge(sum(paidThen))}\norders: 2`);
  assert.equal(cells[1], '—');
  const newest = drafts.at(-1);
  assert.equal(await totals.locator(`tr[data-month="${newest.period.from.slice(0, 7)}"] td`).nth(0).innerText(), `${tenge(newest.amount.amount)}\norders: 1`);

  // The exceptions: the returned order with its reason and the way to re-issue it.
  const returnedRow = page.locator(`#payment-exceptions tr[data-order="${returned.number}"]`);
  assert.match(await returnedRow.innerText(), /AC04 account closed/);
  await returnedRow.getByRole('button', { name: `Re-issue ${returned.number}` }).waitFor();
  // The orders, all of them, with the batch of the paid ones.
  assert.equal(await page.locator('#payment-orders tbody tr').count(), before.length);
  const row = await page.locator(`#payment-orders tr[data-order="${first.number}"]`).locator('th, td').allInnerTexts();
  assert.equal(row[1], 'Workplace subsidy');
  assert.match(row[2], /«Арал Балық» ЖШС\nBIN 080540001238/);
  assert.equal(row[3], 'KZ86125KZT5004100100');
  assert.equal(row[5], `${dotted(first.period.from)} — ${dotted(first.period.to)}`);
  assert.equal(row[7], `Paid\npaid on ${dotted(first.settled_at)}`);
  assert.equal(row[8], batch.number);
  await page.locator('fieldset.signing[data-ncalayer=absent]').waitFor();
  await checkPage(page, 'payments-head-en');
  await checkInKkAndRu(page, 'payments-head', (p) => p.locator('#payment-totals table').waitFor());

  // Approval with EDS: every draft ticked, the key file opened once, the result read out.
  for (const d of drafts) {
    const draft = page.locator(`#payment-approval tr[data-order="${d.number}"]`);
    assert.equal(await draft.getByRole('checkbox', { name: `Select ${d.number}` }).isChecked(), true);
  }
  await page.locator('#payment-approval input[name=key-file]').setInputFiles(path.join(env.tmp, 'dev-ca', 'head.p12'));
  await page.locator('#payment-approval input[name=key-password]').fill('demo');
  await page.getByRole('button', { name: 'Sign and approve the selected drafts' }).click();
  const approval = page.locator('#approval-result');
  for (const d of drafts) await approval.locator(`li[data-order="${d.number}"][data-state=signed]`).waitFor();
  assert.match(await approval.innerText(), new RegExp(`^Approved ${drafts.length} of ${drafts.length}\\.`));
  assert.deepEqual(await approval.locator('li').allInnerTexts(), drafts.map((d) => `${d.number}: approved`));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'approval-result');
  for (const d of drafts) {
    const approved = await order(d.number);
    assert.equal(approved.status, 'approved');
    assert.equal(approved.approved.login, 'head');
    // The signer's IIN, masked as the API shows IINs: the head approved with an EDS.
    assert.match(approved.approved.signer_iin ?? '', /^\d{2}\*+\d{2}$/);
  }
  assert.equal(await page.locator('#payment-approval form').isHidden(), true, 'no draft is left');
  await checkPage(page, 'payments-approved-en');

  // Export: a new batch with the approved orders; its pain.001 downloads with the session.
  assert.equal(await page.locator('#export-waiting').innerText(), `Approved orders waiting for export: ${drafts.length}`);
  await page.getByRole('button', { name: 'Export the approved orders to a new batch' }).click();
  const exported = page.locator('#export-result');
  await exported.getByText(/ was made\./).waitFor();
  const made = (await ok('head', 'GET', '/api/v1/payments/batches')).find((b) => b.id !== batch.id);
  await exported.getByText(`Batch ${made.number} was made. Orders: ${drafts.length}, total ${tenge(sum(drafts))}.`).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'export-result');
  const batchRow = page.locator(`#payment-batches tr[data-batch="${made.number}"]`);
  await batchRow.waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    batchRow.getByRole('link', { name: `pain.001 file (XML) (batch ${made.number})` }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `${made.number}.pain.001.xml`);
  const xml = readFileSync(await download.path(), 'utf8');
  for (const d of drafts) assert.match(xml, new RegExp(`<EndToEndId>${d.number}</EndToEndId>`));
  assert.doesNotMatch(xml, new RegExp(`<EndToEndId>${first.number}</EndToEndId>`));
  for (const d of drafts) assert.equal((await order(d.number)).status, 'exported');
  assert.equal(await batchRow.getByRole('link', { name: /^CSV file/ }).getAttribute('href'), `/api/v1/payments/batches/${made.id}/csv`);
  await checkPage(page, 'payments-exported-en');

  // The bank's statement as CSV: the new batch paid, a line that names no order, and the first
  // order again (paid by the demo's statement).
  const today = kzDate();
  const statement = path.join(env.tmp, 'statement.csv');
  writeFileSync(statement, `reference,status,amount,date\n${drafts.map((d) => `${d.number},paid,${decimal(d.amount.amount)},${today}\n`).join('')}${UNMATCHED},paid,10.00,${today}\n${first.number},paid,${decimal(first.amount.amount)},${today}\n`);
  await page.getByLabel('Statement file (CSV or camt.053 XML)').setInputFiles(statement);
  await page.getByRole('button', { name: 'Import the statement' }).click();
  const imported = page.locator('#statement-result');
  await imported.getByText('Statement statement.csv was imported.').waitFor();
  const counts = Object.fromEntries(await imported.locator('dd').evaluateAll((dd) => dd.map((d) => [d.dataset.count, d.textContent])));
  assert.deepEqual(counts, { matched: String(drafts.length + 1), paid: String(drafts.length), returned: '0', unmatched: UNMATCHED });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'statement-result');
  for (const d of drafts) {
    const settled = await order(d.number);
    assert.equal(settled.status, 'paid');
    assert.equal(settled.settled_at, today);
  }
  // The line that matched nothing is among the exceptions.
  assert.deepEqual(await page.locator('#unmatched-lines li').allInnerTexts(), [`${UNMATCHED} — ${tenge(1000)} line ${drafts.length + 1}`]);
  assert.match(await page.locator(`#payment-orders tr[data-order="${newest.number}"]`).innerText(), new RegExp(`Paid\npaid on ${dotted(today).replaceAll('.', '\\.')}`));
  await checkPage(page, 'payments-statement-en');

  // The statements imported, newest first: ours, then the demo's (its batch paid but the
  // newest order, returned).
  const statements = page.locator('#payment-statements tbody tr');
  const d = drafts.length;
  assert.deepEqual(await statements.evaluateAll((tr) => tr.map((r) => [...r.cells].slice(2, 7).map((c) => c.innerText))), [
    [String(d + 2), String(d), '0', '1', '1'],
    [String(batch.orders), String(batch.orders - 1), '1', '0', '0'],
  ]);
  // Ours, opened from the exceptions: the unmatched line marked in words, the paid ones not.
  await page.getByRole('button', { name: 'Show every line of this statement' }).click();
  const lines = page.locator('#statement-detail tbody tr');
  await lines.first().waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H3', 'the lines take the focus');
  assert.deepEqual(await lines.evaluateAll((tr) => tr.map((r) => [r.dataset.line, r.dataset.exception])), [
    ...drafts.map((_, i) => [String(i + 1), 'false']), [String(d + 1), 'true'], [String(d + 2), 'true'],
  ]);
  assert.deepEqual(await lines.nth(d).locator('th, td').allInnerTexts(), [
    String(d + 1), UNMATCHED, tenge(1000), 'Exception: Matched no order', '—',
    'No exported order has this reference and amount: check the line with the bank.',
  ]);
  assert.deepEqual(await lines.nth(0).locator('td').allInnerTexts(), [drafts[0].number, tenge(drafts[0].amount.amount), 'Marked paid', drafts[0].number, '—']);
  assert.deepEqual((await lines.nth(d + 1).locator('td').allInnerTexts()).slice(2), [
    'Exception: Settled before', first.number,
    `Order ${first.number} was settled by an earlier statement and this line changed nothing: check with the bank that it was not paid twice.`,
  ]);
  assert.equal(await page.locator('#statement-exceptions').innerText(), 'Exceptions to resolve: 2 (matched no order: 1; returned by the bank: 0; settled before: 1).');
  await page.getByLabel('Show only the exceptions').check();
  assert.equal(await lines.nth(0).isHidden(), true);
  assert.equal(await lines.nth(d).isVisible(), true);
  await checkPage(page, 'payments-statement-lines-en');
  // The demo's statement: the order the bank returned (its last line), with its reason, to be
  // issued again.
  const returnedLine = batch.orders;
  await statements.nth(1).getByRole('button', { name: /^Show the lines/ }).click();
  const returnedStatementLine = page.locator(`#statement-detail tr[data-line="${returnedLine}"]`);
  await returnedStatementLine.waitFor();
  assert.equal(await returnedStatementLine.getAttribute('data-exception'), 'true');
  assert.deepEqual((await returnedStatementLine.locator('td').allInnerTexts()).slice(2), [
    'Exception: Returned by the bank\nAC04 account closed', returned.number,
    `The bank returned order ${returned.number}: issue it again under Exceptions, to a corrected account if need be.`,
  ]);
  await checkPage(page, 'payments-statement-returned-en');
  await checkInKkAndRu(page, 'payments-statement-returned', async (p) => {
    await p.locator('#payment-statements tbody tr').nth(1).locator('button').click();
    await p.locator(`#statement-detail tr[data-line="${returnedLine}"]`).waitFor();
  });

  // Re-issue: the form opens with the focus in it; a mistyped IBAN is refused before sending.
  await returnedRow.getByRole('button', { name: `Re-issue ${returned.number}` }).click();
  const form = page.getByRole('group', { name: `Re-issue order ${returned.number}` });
  const ibanField = form.getByLabel('Corrected IBAN (optional)');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'iban');
  await ibanField.fill(MISTYPED);
  await page.getByRole('button', { name: 'Re-issue as a new draft' }).click();
  await form.getByText(/This IBAN is not valid/).waitFor();
  assert.equal(await ibanField.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'iban');
  assert.equal((await orders()).length, before.length, 'nothing was sent');
  await checkPage(page, 'payments-reissue-invalid-en');
  // Typed with spaces and in small letters, as people copy an IBAN.
  await ibanField.fill(CORRECTED.toLowerCase().replace(/(.{4})/g, '$1 '));
  await page.getByRole('button', { name: 'Re-issue as a new draft' }).click();
  const reissued = page.locator('#exceptions-result');
  await reissued.getByText(/ was re-issued as draft /).waitFor();
  const issued = (await orders()).find((o) => o.reissue_of === returned.id);
  await reissued.getByText(`Order ${returned.number} was re-issued as draft ${issued.number} to account ${CORRECTED}.`).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'exceptions-result');
  assert.equal(issued.status, 'draft');
  assert.equal(issued.payee.iban, CORRECTED);
  assert.equal(issued.amount.amount, returned.amount.amount);
  assert.equal(await page.locator(`#payment-exceptions tr[data-order="${returned.number}"]`).count(), 0, 'settled by the re-issue');
  await page.locator(`#payment-approval tr[data-order="${issued.number}"]`).waitFor();
  assert.match(await page.locator(`#payment-orders tr[data-order="${issued.number}"]`).innerText(), new RegExp(`re-issue of ${returned.number}`));
  // The demo statement's returned line is resolved by the re-issue.
  await page.locator('#payment-statements tbody tr').nth(1).getByRole('button').click();
  const resolved = page.locator(`#statement-detail tr[data-line="${returnedLine}"]`);
  await resolved.waitFor();
  assert.equal(await resolved.getAttribute('data-exception'), 'false');
  assert.equal(await resolved.locator('td.resolve').innerText(), `Resolved: issued again as ${issued.number}.`);
  assert.equal(await page.locator('#statement-exceptions').innerText(), 'No exception: every line settled its order.');
  await checkPage(page, 'payments-reissued-en');

  // The orders filtered by status, the filter kept in the address.
  const nowPaid = [...paid, ...drafts].sort((a, b) => a.id - b.id).map((o) => o.number);
  await page.getByLabel('Status').selectOption('paid');
  await page.locator('#orders-count', { hasText: `Orders shown: ${nowPaid.length}` }).waitFor();
  assert.deepEqual(await page.locator('#payment-orders tbody th').allInnerTexts(), nowPaid);
  assert.match(page.url(), /\/payments\?status=paid$/);
  await page.reload();
  await page.locator('#orders-count', { hasText: `Orders shown: ${nowPaid.length}` }).waitFor();
  assert.equal(await page.getByLabel('Status').inputValue(), 'paid');
  await page.context().close();
});

test('the analyst sees the registry without the head’s controls', async () => {
  const [first] = await orders();
  const [batch] = (await ok('head', 'GET', '/api/v1/payments/batches')).sort((a, b) => a.id - b.id);
  const page = await pageAs(env, 'analyst');
  await page.getByRole('navigation').getByRole('link', { name: 'Payments' }).click();
  await page.locator('#payment-totals table').waitFor();
  await page.locator(`#payment-orders tr[data-order="${first.number}"]`).waitFor();
  await page.locator(`#payment-batches tr[data-batch="${batch.number}"]`).waitFor();
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
  const all = await orders();
  const [first] = all;
  const page = await pageAs(env, 'employer');
  await page.goto(`${env.base}/cabinet`);
  const section = page.getByRole('region', { name: 'Payments received' });
  await section.waitFor();
  const rows = section.locator('tbody tr');
  assert.deepEqual(await section.locator('tbody th').allInnerTexts(), all.map((o) => o.number));
  assert.deepEqual(await rows.nth(0).locator('th, td').allInnerTexts(), [first.number, 'Workplace subsidy', `${dotted(first.period.from)} — ${dotted(first.period.to)}`, tenge(first.amount.amount), 'Paid', dotted(first.settled_at)]);
  const at = (o) => rows.nth(all.indexOf(o)).innerText();
  assert.match(await at(all.find((o) => o.status === 'returned')), /Returned\nAC04 account closed/);
  assert.match(await at(all.filter((o) => o.status === 'paid').at(-1)), new RegExp(`Paid\t${dotted(kzDate()).replaceAll('.', '\\.')}`));
  assert.match(await at(all.find((o) => o.reissue_of)), /Draft\t—/);
  // The employer's menu has no registry.
  assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Payments' }).count(), 0);
  await checkPage(page, 'payments-cabinet-en');
  await checkInKkAndRu(page, 'payments-cabinet', (p) => p.locator('#my-payments table').waitFor());
  await page.context().close();
});
