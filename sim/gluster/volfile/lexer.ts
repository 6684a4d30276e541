/**
 * The volfile lexer (GlusterFS's graph.l, as behaviour): keywords are whole words in lower case
 * (`volume`, `type`, `end-volume`, `option`, and `subvolumes` or `Subvolumes`); `#` at the start of a
 * word comments out the rest of the line; `"…"` is a quoted word where `\x` stands for `x` and
 * newlines are allowed; any other run of characters up to a blank (space, tab, newline, CR, VT, FF)
 * or a quote is a word.
 */
import { VolfileError } from './volfile-error.js';

/** Token kinds. Word is a bare or quoted word (a name, a type, an option key or value). */
export const Tok = { Volume: 0, Type: 1, EndVolume: 2, Subvolumes: 3, Option: 4, Word: 5, Eof: 6 } as const;
export type Tok = (typeof Tok)[keyof typeof Tok];

const KEYWORD_TEXT: readonly string[] = ['volume', 'type', 'end-volume', 'subvolumes', 'option'];

/** The keyword spelled by s[start, start+len), or Tok.Word. */
function keywordAt(s: string, start: number, len: number): Tok {
  switch (len) {
    case 4:
      return s.startsWith('type', start) ? Tok.Type : Tok.Word;
    case 6:
      if (s.startsWith('option', start)) return Tok.Option;
      return s.startsWith('volume', start) ? Tok.Volume : Tok.Word;
    case 10:
      if (s.startsWith('end-volume', start)) return Tok.EndVolume;
      // `subvolumes` or `Subvolumes`
      return (s.charCodeAt(start) === 115 || s.charCodeAt(start) === 83) && s.startsWith('ubvolumes', start + 1) ? Tok.Subvolumes : Tok.Word;
    default:
      return Tok.Word;
  }
}

const SPACE = 32, TAB = 9, LF = 10, CR = 13, VT = 11, FF = 12, QUOTE = 34, HASH = 35, BACKSLASH = 92;

export class Lexer {
  kind: Tok = Tok.Eof;
  /** The word's text (quotes removed, escapes resolved) or the keyword as written. */
  text = '';
  /** Line (1-based) where the current token starts. */
  line = 1;
  quoted = false;
  private pos = 0;
  private curLine = 1;

  constructor(
    private readonly src: string,
    private readonly file: string,
  ) {
    refuseBackticks(src, file);
  }

  /** Line of the end of input: the last line that has any character on it (1 for an empty file). */
  get eofLine(): number {
    let n = 1;
    for (let i = 0; i < this.src.length; i++) if (this.src.charCodeAt(i) === LF && i < this.src.length - 1) n++;
    return n;
  }

  /**
   * Reads the next token. `hint` is the word expected here (the option key or value at the same
   * place in the previous xlator of the same type): when the next word spells it, the hint string
   * itself is used and no new string is allocated — a generated volfile repeats the same keys and
   * most values in every client block, and a 1,000-volume legacy volfile has 57,000 lines.
   */
  advance(hint?: string): Tok {
    const s = this.src;
    const n = s.length;
    let i = this.pos;
    let line = this.curLine;
    for (;;) {
      // Blanks are spelled out inline: this loop mostly runs cold (once per file), where calls cost.
      while (i < n) {
        const c = s.charCodeAt(i);
        if (c === SPACE) {
          i++;
        } else if (c === LF) {
          line++;
          i++;
        } else if (c === TAB || c === CR || c === VT || c === FF) {
          i++;
        } else {
          break;
        }
      }
      if (i < n && s.charCodeAt(i) === HASH) {
        while (i < n && s.charCodeAt(i) !== LF) i++;
        continue;
      }
      break;
    }
    this.line = line;
    if (i >= n) {
      this.pos = i;
      this.curLine = line;
      this.kind = Tok.Eof;
      this.text = '';
      this.quoted = false;
      return this.kind;
    }
    if (s.charCodeAt(i) === QUOTE) {
      const startLine = line;
      i++;
      let text = '';
      let run = i;
      for (;;) {
        if (i >= n) throw VolfileError.at(`syntax error in line ${startLine}: unterminated quoted string`, this.file, startLine);
        const c = s.charCodeAt(i);
        if (c === QUOTE) break;
        if (c === LF) line++;
        if (c === BACKSLASH) {
          if (i + 1 >= n) throw VolfileError.at(`syntax error in line ${startLine}: unterminated quoted string`, this.file, startLine);
          text += s.slice(run, i);
          if (s.charCodeAt(i + 1) === LF) line++;
          text += s[i + 1];
          i += 2;
          run = i;
          continue;
        }
        i++;
      }
      text += s.slice(run, i);
      this.pos = i + 1;
      this.curLine = line;
      this.kind = Tok.Word;
      this.text = text;
      this.quoted = true;
      return this.kind;
    }
    const start = i;
    while (i < n) {
      const c = s.charCodeAt(i);
      // Blanks are all below the quote (34): everything above it continues the word.
      if (c <= QUOTE && (c === QUOTE || c === SPACE || c === LF || c === TAB || c === CR || c === VT || c === FF)) break;
      i++;
    }
    this.pos = i;
    this.curLine = line;
    this.quoted = false;
    // Keywords are recognised in place, so that the commonest tokens cost no string.
    const len = i - start;
    const kw = keywordAt(s, start, len);
    this.kind = kw;
    if (kw !== Tok.Word) this.text = KEYWORD_TEXT[kw]!;
    else if (hint !== undefined && hint.length === len && s.startsWith(hint, start)) this.text = hint;
    else this.text = s.slice(start, i);
    return kw;
  }
}

/**
 * GlusterFS runs every `…` in a volfile as a shell command before parsing it. shdsim never runs
 * commands, so it refuses any backtick, comments included (GlusterFS substitutes before it knows what
 * a comment is), and reports an unpaired one with GlusterFS's message.
 */
function refuseBackticks(src: string, file: string): void {
  const first = src.indexOf('`');
  if (first < 0) return;
  const positions: number[] = [];
  for (let i = first; i >= 0; i = src.indexOf('`', i + 1)) positions.push(i);
  const where = (at: number) => {
    let line = 1;
    let col = 1;
    for (let i = 0; i < at; i++) {
      if (src.charCodeAt(i) === LF) {
        line++;
        col = 1;
      } else col++;
    }
    return { line, col };
  };
  if (positions.length % 2 === 1) {
    const { line, col } = where(positions[positions.length - 1]!);
    throw VolfileError.at(`Unterminated backtick in volume specification file at line (${line}), column (${col}).`, file, line);
  }
  const { line, col } = where(first);
  throw VolfileError.at(
    `backtick command substitution in volume specification file at line (${line}), column (${col}) is not supported: shdsim never runs commands`,
    file,
    line,
  );
}
