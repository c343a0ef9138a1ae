/**
 * A small RFC 4180 reader for tests: fields separated by commas, records by CRLF (a bare LF is
 * accepted too), fields in double quotes may hold commas, line breaks and doubled quotes. Written
 * independently of the node's encoder so that the tests check the file, not the encoder's idea of it.
 */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let i = 0;
	let quoted = false;
	let fieldStarted = false;
	while (i < text.length) {
		const c = text[i];
		if (quoted) {
			if (c === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				quoted = false;
				i++;
				continue;
			}
			field += c;
			i++;
			continue;
		}
		if (c === '"') {
			if (field !== '') throw new Error(`CSV: quote inside an unquoted field at offset ${i}`);
			quoted = true;
			fieldStarted = true;
			i++;
		} else if (c === ',') {
			row.push(field);
			field = '';
			fieldStarted = false;
			i++;
		} else if (c === '\r' || c === '\n') {
			if (c === '\r' && text[i + 1] !== '\n') throw new Error(`CSV: bare CR at offset ${i}`);
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			fieldStarted = false;
			i += c === '\r' ? 2 : 1;
		} else {
			field += c;
			fieldStarted = true;
			i++;
		}
	}
	if (quoted) throw new Error('CSV: unterminated quoted field');
	if (fieldStarted || field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}
