/**
 * Districts as real org units and tariff plans in the catalogue (#18 item 1).
 * - `subscribers.district`: the district (an org unit under the row's city) a customer belongs to, or NULL
 *   where the operator keeps none; a district's flows reach and its users see only those customers. The
 *   sample (018) copies the base's columns, so it gets the column too (rebuilds bring the values).
 * - `tariff_plans`: the plans subscribers are on, edited in 目录管理 and versioned with the catalogue. A store
 *   seeded before gets the eight plans it was seeded with (the values `shared/catalogue/plans.ts` had in code);
 *   a fresh store is empty here and the seed loads the demo catalogue's plans.
 * - the `district` attribute, for stores whose attribute rows were seeded before it existed.
 */
export const up = `
ALTER TABLE subscribers ADD COLUMN district TEXT;
CREATE INDEX subscribers_district ON subscribers(district);
ALTER TABLE subscriber_sample ADD COLUMN district TEXT;

CREATE TABLE tariff_plans (
  id TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  monthly_fee REAL NOT NULL,
  data_allowance_mb INTEGER NOT NULL,
  on_sale INTEGER NOT NULL DEFAULT 1
);
INSERT INTO tariff_plans (id, name_zh, name_en, monthly_fee, data_allowance_mb, on_sale) VALUES
  ('basic_18', '18 元保号套餐', 'Basic 18', 18, 1024, 1),
  ('lite_38', '38 元轻享套餐', 'Lite 38', 38, 5120, 1),
  ('plan_58', '58 元畅聊套餐', 'Talk 58', 58, 10240, 1),
  ('plan_88', '88 元全家享', 'Family 88', 88, 20480, 1),
  ('plan_128_5g', '5G 128 元套餐', '5G 128', 128, 40960, 1),
  ('plan_198_5g', '5G 198 元套餐', '5G 198', 198, 81920, 1),
  ('senior_18', '18 元夕阳红卡', 'Senior 18', 18, 1024, 1),
  ('campus_29', '29 元校园卡', 'Campus 29', 29, 15360, 1);
DELETE FROM tariff_plans WHERE NOT EXISTS (SELECT 1 FROM org_units);

INSERT INTO attributes (key, label_zh, label_en, type, sql, column_name, options, options_from, unit_zh, unit_en, description_zh, description_en, builtin, position, updated_at)
  SELECT 'district', '区县', 'District', 'enum', 's.district', 'district', NULL, 'districts', NULL, NULL, '', '', 1, coalesce(max(position), 0) + 1, 0 FROM attributes WHERE true
  ON CONFLICT (key) DO NOTHING;
`;
