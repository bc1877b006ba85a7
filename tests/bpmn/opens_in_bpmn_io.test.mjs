// Every process's BPMN export read by bpmn-moddle, the model layer bpmn-js imports diagrams
// with: no unknown elements or broken references, and a shape or edge for every node and flow
// so that bpmn-js has something to draw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = process.env.JUMYS_BIN ?? path.join(root, 'build', 'jumys');
const { BpmnModdle } = await import(path.join(root, 'web/node_modules/bpmn-moddle/dist/index.js'));

const codes = readdirSync(path.join(root, 'processes'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

test('there are processes to export', () => {
  assert.ok(codes.length >= 8, `only ${codes.length} process folders`);
});

for (const code of codes) {
  test(`${code} opens without warnings and is fully drawn`, async () => {
    const xml = execFileSync(binary, ['export-bpmn', code], { encoding: 'utf8' });
    const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
    assert.deepEqual(warnings.map((w) => w.message), []);

    const process = rootElement.rootElements.find((e) => e.$type === 'bpmn:Process');
    assert.ok(process, 'no bpmn:Process');
    const nodes = process.flowElements.filter((e) => e.$type !== 'bpmn:SequenceFlow');
    const flows = process.flowElements.filter((e) => e.$type === 'bpmn:SequenceFlow');
    // Not every process has a clerk's task: the attendance schedule (U1) is a repeat of waits.
    const activities = ['bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:ReceiveTask'];
    assert.ok(nodes.some((e) => activities.includes(e.$type)), 'no task');

    const plane = rootElement.diagrams[0]?.plane;
    assert.ok(plane, 'no diagram');
    const drawn = new Set(plane.planeElement.map((di) => di.bpmnElement?.id));
    for (const element of [...nodes, ...flows]) {
      assert.ok(drawn.has(element.id), `${element.id} has no shape or edge`);
    }
    for (const flow of flows) {
      assert.ok(flow.sourceRef && flow.targetRef, `${flow.id} is not connected`);
    }
  });
}
