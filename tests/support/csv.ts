/**
 * A strict RFC 4180 reader for tests, written apart from the writer it checks:
 * records end in CRLF; a bare CR or LF outside quotes, a quote inside an
 * unquoted field or text after a closing quote is an error, not a guess.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let inQuotes = false;
  const endField = () => {
    record.push(field);
    field = "";
    quoted = false;
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        inQuotes = false;
        quoted = true;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === ",") {
      endField();
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      endField();
      records.push(record);
      record = [];
      i += 2;
    } else if (quoted) {
      throw new Error(`text after a closing quote at ${i}`);
    } else if (c === '"') {
      if (field !== "") throw new Error(`quote inside an unquoted field at ${i}`);
      inQuotes = true;
      i++;
    } else if (c === "\r" || c === "\n") {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (inQuotes) throw new Error("unterminated quoted field");
  if (field !== "" || quoted || record.length > 0) {
    endField();
    records.push(record);
  }
  return records;
}

/** Records as objects keyed by the header row; every record must have as many fields as the header. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error("no header row");
  return rows.map((row, i) => {
    if (row.length !== header.length) throw new Error(`record ${i + 2} has ${row.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((h, k) => [h, row[k]!]));
  });
}
