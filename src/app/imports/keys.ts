import { createHash } from 'node:crypto';
import { cellText } from '../../domain/imports/cells.js';
import type { CellValue } from '../../domain/imports/cells.js';
import type { ImportEntity } from '../../domain/imports/entities.js';

/**
 * The identity of a row across runs, so a re-run imports nothing twice: the file's key
 * column (the source system's id) when the mapping names one, else the row's mapped values
 * by field (so renaming a header or adding an unmapped column changes nothing). Hashed with
 * the tenant and entity: a fixed-size key that says nothing about the row.
 */
export function externalKey(
  tenantId: string,
  entity: ImportEntity,
  keyCell: CellValue | undefined | null,
  fieldCells: ReadonlyMap<string, CellValue>,
): string {
  const identity =
    keyCell !== undefined && keyCell !== null && cellText(keyCell) !== ''
      ? `key\u0000${cellText(keyCell)}`
      : `row\u0000${JSON.stringify(
          [...fieldCells]
            .map(([field, value]) => [field, cellText(value)])
            .filter(([, text]) => text !== '')
            .sort(([a = ''], [b = '']) => (a < b ? -1 : a > b ? 1 : 0)),
        )}`;
  return createHash('sha256').update(`${tenantId}\u0000${entity}\u0000${identity}`).digest('hex');
}
