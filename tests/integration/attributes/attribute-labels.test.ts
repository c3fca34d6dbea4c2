import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openHarness, type Harness } from '../governance/harness.js';

let h: Harness;
beforeAll(() => { h = openHarness(50); });
afterAll(() => h.close());

const L = (zh: string, en: string) => ({ zh, en });
const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

describe('attributes.* (tRPC): each label names one attribute, per language', () => {
  test('the seeded attribute set has no two alike labels in either language', async () => {
    const list = await h.as('admin').attributes.list();
    expect(list.length).toBeGreaterThan(5);
    for (const lang of ['zh', 'en'] as const) expect(new Set(list.map((a) => norm(a.label[lang]))).size, lang).toBe(list.length);
  });

  test('define refuses a Chinese or English label another attribute has (English ignoring case and spaces), naming the field and that attribute; nothing is written', async () => {
    const admin = h.as('admin');
    await admin.attributes.define({ key: 'creditScore', type: 'integer', label: L('信用分', 'Credit score') });
    const columns = () => Object.keys(h.db.prepare('SELECT * FROM subscribers LIMIT 1').get() as object).length;
    const before = columns();

    await expect(admin.attributes.define({ key: 'creditScore2', type: 'integer', label: L(' 信用 分', 'Score') }))
      .rejects.toMatchObject({ code: 'CONFLICT', message: '中文名称「信用 分」已被属性「信用分」（creditScore）使用（label.zh） / label.zh: "信用 分" is already the Chinese label of attribute "Credit score" (creditScore)' });
    await expect(admin.attributes.define({ key: 'creditScore3', type: 'integer', label: L('信用评分', 'credit   SCORE') }))
      .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^英文名称「credit {3}SCORE」已被属性「信用分」（creditScore）使用（label\.en） \/ label\.en: .*"Credit score" \(creditScore\)$/) });
    // a seeded attribute's label too
    const age = (await admin.attributes.list()).find((a) => a.id === 'age')!;
    await expect(admin.attributes.define({ key: 'age2', type: 'integer', label: L(age.label.zh, 'Age in years') }))
      .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('（age）使用（label.zh）') });

    expect(columns()).toBe(before);
    expect((await admin.attributes.list()).map((a) => a.id)).not.toEqual(expect.arrayContaining(['creditScore2']));
    expect(h.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'attribute.define'").pluck().get()).toBe(1);
  });

  test('update refuses another attribute\'s label but keeps its own (re-saved as it is, or re-cased)', async () => {
    const admin = h.as('admin');
    await admin.attributes.define({ key: 'balance', type: 'number', label: L('余额', 'Balance') });
    await expect(admin.attributes.update({ key: 'balance', label: L('信用分', 'Balance') }))
      .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/（label\.zh） \/ label\.zh: "信用分" is already the Chinese label of attribute "Credit score" \(creditScore\)$/) });
    await expect(admin.attributes.update({ key: 'balance', label: L('余额', 'Credit Score') }))
      .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('label.en') });
    expect((await admin.attributes.list()).find((a) => a.id === 'balance')!.label).toEqual(L('余额', 'Balance'));

    await admin.attributes.update({ key: 'balance', label: L('余额', 'Balance') });
    const recased = await admin.attributes.update({ key: 'balance', label: L('账户余额', 'balance') });
    expect(recased.label).toEqual(L('账户余额', 'balance'));
  });
});
