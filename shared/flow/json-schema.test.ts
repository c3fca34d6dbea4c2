import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLOW_SCHEMA_PATH, flowDocumentJsonSchemaText, strictFlowDocumentSchema } from './strict-schema.js';
import { baseDoc } from './testing/build.js';

describe('flow-document.schema.json', () => {
  it('is up to date with the zod schemas (run `npm run gen:schema` if this fails)', () => {
    const onDisk = readFileSync(FLOW_SCHEMA_PATH, 'utf8');
    expect(onDisk === flowDocumentJsonSchemaText(), `${FLOW_SCHEMA_PATH} is stale: run \`npm run gen:schema\` and commit the result`).toBe(true);
  });

  it('is generated from the strict schema: node types are a closed union with typed data', () => {
    expect(strictFlowDocumentSchema.safeParse(baseDoc()).success).toBe(true);
    const unknownType = { ...baseDoc(), nodes: [{ id: 'x', type: 'warp', position: { x: 0, y: 0 }, data: {} }] };
    expect(strictFlowDocumentSchema.safeParse(unknownType).success).toBe(false);
    const badData = { ...baseDoc(), nodes: [{ id: 'x', type: 'wait', position: { x: 0, y: 0 }, data: { mode: 'duration' } }] };
    expect(strictFlowDocumentSchema.safeParse(badData).success).toBe(false);
    const schema = JSON.parse(flowDocumentJsonSchemaText());
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(['SegmentData', 'LinkageData', 'ConditionGroup', 'AgentScript']));
  });

  it('accepts every checked-in flow', () => {
    for (const file of readdirSync('flows').filter((f) => f.endsWith('.json'))) {
      const result = strictFlowDocumentSchema.safeParse(JSON.parse(readFileSync(`flows/${file}`, 'utf8')));
      expect(result.success, `${file}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
  });
});
