import { CsvEncoder, JsonLinesEncoder, csvCell, defaultFileName, padRows } from '../../nodes/LeadGenius/actions/export';
import { parseCsv } from '../helpers/csv';

describe('file encoders (actions/export.ts)', () => {
	test('csvCell: RFC 4180 quoting, empty for missing values, JSON for objects', () => {
		expect(csvCell(undefined)).toBe('');
		expect(csvCell(null)).toBe('');
		expect(csvCell('')).toBe('');
		expect(csvCell('plain')).toBe('plain');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
		expect(csvCell(0)).toBe('0');
		expect(csvCell(false)).toBe('false');
		expect(csvCell({ a: [1, 'x,y'] })).toBe('"{""a"":[1,""x,y""]}"');
		expect(csvCell([])).toBe('[]');
	});

	test('CSV without projection: columns of later pages are appended and earlier rows padded', () => {
		const enc = new CsvEncoder();
		enc.addPage([{ id: '1', a: 'x\r\ny' }, { id: '2', a: '"' }]);
		enc.addPage([{ id: '3', b: 'new, field' }]);
		enc.addPage([]);
		enc.addPage([{ c: 5, id: '4', a: 'z' }]);
		const { data, summary } = enc.finish();
		const text = data.toString('utf8');
		expect(summary).toEqual({ records: 4, pages: 4, fields: ['id', 'a', 'b', 'c'], bytes: data.length });
		expect(text).toBe('id,a,b,c\r\n1,"x\r\ny",,\r\n2,"""",,\r\n3,,"new, field",\r\n4,z,,5\r\n');
		expect(parseCsv(text)).toEqual([
			['id', 'a', 'b', 'c'],
			['1', 'x\r\ny', '', ''],
			['2', '"', '', ''],
			['3', '', 'new, field', ''],
			['4', 'z', '', '5'],
		]);
	});

	test('CSV with a projection: exactly those columns, in order, other fields ignored; BOM first', () => {
		const enc = new CsvEncoder({ columns: ['id', 'email', 'score'], bom: true });
		enc.addPage([{ id: '1', email: 'a@x', other: 'no' }, { score: 3, id: '2' }]);
		const { data, summary } = enc.finish();
		expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(data.subarray(3).toString('utf8')).toBe('id,email,score\r\n1,a@x,\r\n2,,3\r\n');
		expect(summary.fields).toEqual(['id', 'email', 'score']);
		expect(summary.bytes).toBe(data.length);
	});

	test('no records: a header-only CSV (projection) or an empty file', () => {
		expect(new CsvEncoder({ columns: ['id', 'email'] }).finish().data.toString()).toBe('id,email\r\n');
		expect(new CsvEncoder().finish().data.length).toBe(0);
		expect(new JsonLinesEncoder().finish().data.length).toBe(0);
	});

	test('padRows pads every row, never a line break inside quotes, and handles non-ASCII', () => {
		const rows = 'a,"q\r\n""x"""\r\nü😀,b\r\n"\r\n"\r\n';
		expect(padRows(Buffer.from(rows), 3, ',,').toString()).toBe('a,"q\r\n""x""",,\r\nü😀,b,,\r\n"\r\n",,\r\n');
	});

	test('JSON Lines: one JSON record per line, the field names seen in order', () => {
		const enc = new JsonLinesEncoder();
		enc.addPage([{ id: '1', n: { a: 'x\ny' } }]);
		enc.addPage([{ id: '2', m: 'é' }]);
		const { data, summary } = enc.finish();
		expect(data.toString('utf8')).toBe('{"id":"1","n":{"a":"x\\ny"}}\n{"id":"2","m":"é"}\n');
		expect(summary).toEqual({ records: 2, pages: 2, fields: ['id', 'n', 'm'], bytes: data.length });
	});

	test('default file names', () => {
		const day = new Date('2026-12-01T23:00:00Z');
		expect(defaultFileName('csv', 'acme-corp', day)).toBe('leads-acme-corp-2026-12-01.csv');
		expect(defaultFileName('jsonl', '', day)).toBe('leads-all-2026-12-01.jsonl');
		expect(defaultFileName('csv', 'a/b c', day)).toBe('leads-a-b-c-2026-12-01.csv');
	});
});
