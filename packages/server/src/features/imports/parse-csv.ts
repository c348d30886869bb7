/**
 * A CSV reader for text that arrives in chunks. It is forgiving the way spreadsheet programs
 * are: ragged rows, a stray quote inside an unquoted cell, CR, LF or CRLF line ends. Rows come out
 * one at a time so a million-row file never sits in memory as arrays.
 *
 * Written by hand because it sits on the import's hot path: a line without quotes is one
 * `indexOf` and one `split`, several times faster than a general streaming parser here.
 */
export class CsvRowReader {
  #carry = "";

  constructor(private readonly delimiter: string) {}

  /** Parses the rows completed by this chunk; a row cut by the chunk's end waits for the next. */
  *push(chunk: string): Generator<string[]> {
    yield* this.#drain(this.#carry + chunk, false);
  }

  /** Parses what is left once the text has ended. */
  *end(): Generator<string[]> {
    yield* this.#drain(this.#carry, true);
    this.#carry = "";
  }

  *#drain(text: string, final: boolean): Generator<string[]> {
    let pos = 0;
    const length = text.length;
    // Next positions of a quote, LF and CR, searched again only once passed: each indexOf then
    // scans the text once in all, not once per line.
    const next = { '"': -2, "\n": -2, "\r": -2 };
    const find = (char: '"' | "\n" | "\r") => {
      if (next[char] !== -1 && next[char] < pos) next[char] = text.indexOf(char, pos);
      return next[char] === -1 ? length : next[char];
    };
    while (pos < length) {
      const stop = Math.min(find("\n"), find("\r"));
      if (stop === length && !final) break;
      if (find('"') > stop) {
        // Fast path: no quote on this line. A CR at the chunk's end may be half of a CRLF.
        if (text[stop] === "\r" && stop + 1 === length && !final) break;
        yield text.slice(pos, stop).split(this.delimiter);
        pos = text[stop] === "\r" && text[stop + 1] === "\n" ? stop + 2 : stop + 1;
        continue;
      }
      const parsed = this.#parseQuoted(text, pos, final);
      if (!parsed) break;
      yield parsed.cells;
      pos = parsed.next;
    }
    this.#carry = pos < length ? text.slice(pos) : "";
  }

  /** The slow path: a row with quoted cells, which may hold delimiters and line breaks. */
  #parseQuoted(text: string, start: number, final: boolean): { cells: string[]; next: number } | undefined {
    const cells: string[] = [];
    const d = this.delimiter;
    let pos = start;
    const length = text.length;
    for (;;) {
      let cell = "";
      if (text[pos] === '"') {
        let i = pos + 1;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            if (!final) return undefined;
            // An unclosed quote runs to the end of the file: keep what is there.
            cell += text.slice(i);
            i = length;
            break;
          }
          if (text[q + 1] === '"') {
            cell += text.slice(i, q + 1);
            i = q + 2;
            continue;
          }
          if (q + 1 === length && !final) return undefined;
          cell += text.slice(i, q);
          i = q + 1;
          break;
        }
        pos = i;
      }
      // Unquoted text, or whatever follows a closing quote before the next delimiter.
      let i = pos;
      while (i < length) {
        const c = text[i];
        if (c === d || c === "\n" || c === "\r") break;
        i++;
      }
      if (i === length && !final) return undefined;
      cell += text.slice(pos, i);
      cells.push(cell);
      if (i >= length) return { cells, next: length };
      const c = text[i];
      if (c === d) {
        pos = i + 1;
        continue;
      }
      if (c === "\r" && i + 1 === length && !final) return undefined;
      const next = c === "\r" && text[i + 1] === "\n" ? i + 2 : i + 1;
      return { cells, next };
    }
  }
}

/**
 * Guesses the delimiter from the first lines: Excel writes commas, or tabs for "Unicode text",
 * and semicolons in locales whose decimal mark is a comma.
 */
export function detectDelimiter(sample: string): string {
  const lines = sample.split(/\r\n|\n|\r/).slice(0, 5);
  let best = ",";
  let bestCount = 0;
  for (const candidate of [",", "\t", ";"]) {
    const count = lines.reduce((sum, line) => sum + countOutsideQuotes(line, candidate), 0);
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, char: string): number {
  let count = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === char && !quoted) count++;
  }
  return count;
}
