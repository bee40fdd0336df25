/**
 * The first worksheet's first rows of an XLSX file, read in the browser with the
 * platform's own inflater (DecompressionStream), so the wizard can offer the file's headers
 * for mapping without shipping a spreadsheet library. The server parses the file for real.
 */
interface ZipEntry {
  readonly method: number;
  readonly compressedSize: number;
  readonly localOffset: number;
}

function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  for (let i = 0; i < count && view.getUint32(at, true) === 0x02014b50; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    entries.set(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)), {
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + skip;
  }
  return entries;
}

async function entryText(bytes: Uint8Array, entry: ZipEntry): Promise<string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.slice(start, start + entry.compressedSize);
  if (entry.method === 0) return new TextDecoder().decode(data);
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

function columnIndex(ref: string): number {
  let index = 0;
  for (const char of ref.replace(/\d+$/, '')) index = index * 26 + (char.charCodeAt(0) - 64);
  return index - 1;
}

const textOf = (element: Element): string =>
  Array.from(element.getElementsByTagName('t'))
    .map((t) => t.textContent)
    .join('');

export async function readXlsxRows(bytes: Uint8Array, maxRows: number): Promise<string[][]> {
  const entries = zipEntries(bytes);
  const sheetName =
    ['xl/worksheets/sheet1.xml', ...entries.keys()].find(
      (name) => entries.has(name) && /^xl\/worksheets\/[^/]+\.xml$/.test(name),
    ) ?? '';
  const sheet = entries.get(sheetName);
  if (!sheet) throw new Error('no worksheet');
  const parser = new DOMParser();
  const strings = entries.get('xl/sharedStrings.xml');
  const shared = strings
    ? Array.from(
        parser
          .parseFromString(await entryText(bytes, strings), 'application/xml')
          .getElementsByTagName('si'),
      ).map(textOf)
    : [];
  const doc = parser.parseFromString(await entryText(bytes, sheet), 'application/xml');
  return Array.from(doc.getElementsByTagName('row'))
    .slice(0, maxRows)
    .map((row) => {
      const cells: string[] = [];
      for (const cell of Array.from(row.getElementsByTagName('c'))) {
        const type = cell.getAttribute('t');
        const value = cell.getElementsByTagName('v')[0]?.textContent ?? '';
        cells[columnIndex(cell.getAttribute('r') ?? 'A')] =
          type === 's'
            ? (shared[Number(value)] ?? '')
            : type === 'inlineStr'
              ? textOf(cell)
              : value;
      }
      return Array.from(cells, (cell) => cell ?? '');
    });
}
