// Steps the applicant works in the cabinet, through Debian's Chromium, on a definition of the
// test's own (a staff step, then the employer's answer with a field and a refusal whose reason
// is required): "my steps" in the cabinet, the step's form on the case page with its errors tied
// to the fields, the refusal carried out. axe-core and screenshots in kk, ru and en.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DEMO_EMPLOYER_BIN, demoApi } from './demo_api.mjs';
import { checkInKkAndRu, checkPage, demoServerAndBrowser, errorOf, pageAs, root } from './support.mjs';

const CABINET_STEPS = `
code: cabinet-steps
version: browser-test-1
status: active
title: {kk: Кабинеттегі қадамдар, ru: Шаги в кабинете, en: Steps in the cabinet}
source: written by tests/browser/applicant_steps.test.mjs, not a regulation
act: {number: "1", adopted: 2019-12-01}
service_term: {office: 10wd}
effective: {from: 2020-01-01}
provider: centre
applicant: employer
channels:
  office: {ref: "1", start: register}
steps:
  - id: register
    ref: "1.1"
    role: employer_specialist
    limit: 1wd
    title: {kk: Тіркеу, ru: Регистрация, en: Register}
    outcomes:
      - {id: accepted, next: answer}
  - id: answer
    ref: "5.1"
    role: employer
    limit: 2wd
    title: {kk: Шартқа жауап беру, ru: Ответить на договор, en: Answer the contract}
    fields:
      - {name: workplaces, type: number, required: true, min: 1, max: 100,
         label: {kk: Жұмыс орындарының саны, ru: Число рабочих мест, en: Number of workplaces}}
    outcomes:
      - {id: accepted, end: notification}
      - id: declined
        end: refusal
        fields:
          - {name: reason, type: text, required: true, max_length: 500,
             label: {kk: Бас тарту себебі, ru: Причина отказа, en: Reason for refusal}}
`;

// The shipped definitions and this one, in a directory the server is started on.
const definitions = path.join(mkdtempSync(path.join(os.tmpdir(), 'jumys-cabsteps-defs-')), 'processes');
cpSync(path.join(root, 'processes'), definitions, { recursive: true });
mkdirSync(path.join(definitions, 'cabinet-steps'));
writeFileSync(path.join(definitions, 'cabinet-steps', 'browser-test-1.yaml'), CABINET_STEPS);

const env = demoServerAndBrowser('jumys-cabsteps-', ['--processes', definitions]);
const { ok, work } = demoApi(env);

test('the employer finds the step in the cabinet, is told what is wrong beside each field, and refuses with a reason', async () => {
  const filed = await ok('clerk', 'POST', '/api/v1/cases', {
    process: 'cabinet-steps', channel: 'office', applicant: { bin: DEMO_EMPLOYER_BIN }, documents: [],
  }, 201);
  await work(filed.id, 'employers', 'accepted');
  // Staff never see it in their queue; the employer's queue holds it.
  assert.equal((await ok('employers', 'GET', '/api/v1/tasks')).filter((t) => t.case_id === filed.id).length, 0);
  const mine = (await ok('employer', 'GET', '/api/v1/tasks')).filter((t) => t.case_id === filed.id);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].step, 'answer');
  // The message that the step awaits them is in the employer's inbox.
  const inbox = await ok('employer', 'GET', '/api/v1/inbox');
  const items = inbox.messages;
  assert.ok(items.some((m) => m.case_id === filed.id && /awaits you|ожидает вас|күтуде/.test(m.subject)), JSON.stringify(items).slice(0, 400));

  const page = await pageAs(env, 'employer');
  await page.goto(`${env.base}/cabinet`);
  const steps = page.locator('section.my-steps');
  await steps.getByRole('link', { name: 'Answer the contract' }).waitFor();
  await checkPage(page, 'cabinet-my-steps-en');
  await checkInKkAndRu(page, 'cabinet-my-steps', (p) => p.locator('section.my-steps li a').first().waitFor());

  await steps.getByRole('link', { name: 'Answer the contract' }).click();
  const form = page.locator('form.task-form');
  await form.waitFor();
  assert.match(await page.locator('#status-sentence').innerText(), /waiting for you/);
  // Sent empty: the error sits beside the field, which is marked invalid.
  const workplaces = form.getByLabel('Number of workplaces');
  await form.getByRole('button', { name: 'Complete the step' }).click();
  const workplacesError = await errorOf(page, workplaces);
  await workplacesError.waitFor();
  assert.equal(await workplaces.getAttribute('aria-invalid'), 'true');
  await checkPage(page, 'case-applicant-step-error-en');
  // Redrawn in each language (the form anew, without the errors).
  await checkInKkAndRu(page, 'case-applicant-step', (p) => p.locator('form.task-form').waitFor());

  // Refusing needs its reason, asked for beside its own field.
  await workplaces.fill('3');
  await form.getByRole('radio', { name: 'Declined' }).check();
  const reason = form.getByLabel('Reason for refusal');
  await form.getByRole('button', { name: 'Complete the step' }).click();
  await (await errorOf(page, reason)).waitFor();
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');
  await reason.fill('The staff is complete');
  await form.getByRole('button', { name: 'Complete the step' }).click();
  await page.locator('form.task-form').waitFor({ state: 'detached' });
  const kase = await ok('employer', 'GET', `/api/v1/cases/${filed.id}`);
  assert.notEqual(kase.status, 'open');
  assert.equal(kase.result.kind, 'refusal');
  const answer = kase.tasks.find((t) => t.step === 'answer');
  assert.ok(answer.completed_at);
  assert.equal(answer.outcome, 'declined');
  await checkPage(page, 'case-applicant-step-done-en');
});
