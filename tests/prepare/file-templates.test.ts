/** File templates of prepare.yaml: `{id}`, `{new_id}` and `{column:<name>}` (a row's value as one folder name). */
import { describe, expect, it } from 'vitest';
import { fillTemplate, rowColumns } from '../../harness/prepare/csv-split-preparer.js';

const header = ['image_id', 'label', 'variety'];
const columns = (label: string) => rowColumns(header, ['100330.jpg', label, 'ADT45'], 'train.csv');

describe('fillTemplate', () => {
  it.each([
    ['train_images/{column:label}/{id}', 'train_images/blast/100330.jpg'],
    ['test_images/{id}', 'test_images/100330.jpg'],
    ['images/{new_id}.jpg', 'images/Test_0.jpg'],
    ['{column:variety}/{column:label}/{id}', 'ADT45/blast/100330.jpg'],
  ])('%s → %s', (template, expected) => {
    expect(fillTemplate(template, '100330.jpg', 'Test_0', columns('blast'))).toBe(expected);
  });

  it.each(['..', '.', '', 'a/b', 'a\\b'])("refuses the column value '%s' as a folder name", (value) => {
    expect(() => fillTemplate('x/{column:label}/{id}', '1', '1', columns(value))).toThrow(
      `column 'label' holds '${value}', which cannot name a folder`,
    );
  });

  it('names the source when the column does not exist', () => {
    expect(() => fillTemplate('{column:species}/{id}', '1', '1', columns('blast'))).toThrow(
      "train.csv has no column 'species' (columns: image_id, label, variety)",
    );
  });
});
