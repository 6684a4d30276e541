/**
 * The volfile parser (GlusterFS's graph.y, as behaviour; reference §2.1):
 *
 *   VOLUMES     := VOLUME+
 *   VOLUME      := "volume" WORD TYPE_LINE [OPTIONS] [SUBVOLUMES] [OPTIONS] "end-volume"
 *   TYPE_LINE   := "type" WORD
 *   OPTION_LINE := "option" WORD WORD
 *   SUBVOLUMES  := "subvolumes" WORD+        (each defined earlier in the file)
 *
 * The last volume of the file is the top. Messages are GlusterFS's, and each error carries the line
 * GlusterFS would name (for "before line N" messages, the line of the token that showed the gap).
 *
 * Choices where GlusterFS's behaviour is not a useful model, or not known exactly:
 * - A volume must have at least one option or a `subvolumes` line besides its type: GlusterFS's
 *   grammar has no rule for a type alone (its own sink.vol test notes that "an option is required,
 *   otherwise the graph parsing fails"); reported as "Please specify option <key> <value>".
 * - `type` after an option or `subvolumes` line is a syntax error (the type line comes first); a
 *   `subvolumes` line in a volume with no type yet reports the missing type at that line.
 * - A missing `end-volume` at the end of the file is reported at the unterminated volume's header
 *   line (GlusterFS's message names no line). A `volume` inside a volume uses GlusterFS's
 *   "new volume (…) definition in line … unexpected".
 * - An empty file, an unterminated quote and backticks get messages of our own in GlusterFS's style.
 * - A subvolume may be listed twice on one line; GlusterFS links it twice and so do we.
 */
import { Graph } from '../graph/graph.js';
import { Xlator } from '../graph/xlator.js';
import { Lexer, Tok } from './lexer.js';
import { VolfileError } from './volfile-error.js';
import { isKnownXlatorType } from './xlator-types.js';

export { VolfileError } from './volfile-error.js';

const ALLOWED = `allowed tokens are 'volume', 'type', 'subvolumes', 'option', 'end-volume'`;

/** Parses a volfile's text; `file` names it in errors. Throws VolfileError on malformed input. */
export function parseVolfile(text: string, file: string): Graph {
  return new Parser(text, file).parse();
}

class Parser {
  private readonly lex: Lexer;
  private readonly xlators: Xlator[] = [];
  private readonly byName = new Map<string, Xlator>();
  /** Per xlator type, the option keys and values of the last xlator of that type, by position (lexer hints). */
  private readonly hints = new Map<string, { keys: string[]; values: string[] }>();

  constructor(
    text: string,
    private readonly file: string,
  ) {
    this.lex = new Lexer(text, file);
  }

  parse(): Graph {
    const lex = this.lex;
    if (lex.advance() === Tok.Eof) {
      const line = lex.eofLine;
      throw this.error(`syntax error in line ${line}: unexpected end of file (no volume defined)`, line);
    }
    while (lex.kind !== Tok.Eof) {
      if (lex.kind !== Tok.Volume) throw this.topLevelSyntaxError();
      this.volume();
    }
    return new Graph(this.xlators);
  }

  private volume(): void {
    const lex = this.lex;
    const headerLine = lex.line;
    if (lex.advance() !== Tok.Word) throw this.topLevelSyntaxError();
    const name = lex.text;
    if (this.byName.has(name)) throw this.error(`Line ${lex.line}: volume '${name}' defined again`, lex.line);
    let type: string | undefined;
    const options = new Map<string, string>();
    const children: Xlator[] = [];
    let sawSubvolumes = false;
    let hints = this.hintsFor(undefined);
    lex.advance();
    for (;;) {
      switch (lex.kind) {
        case Tok.Type: {
          const line = lex.line;
          if (type !== undefined) throw this.error(`line ${line}: duplicate 'type' defined for volume '${name}'`, line);
          if (options.size > 0 || sawSubvolumes) throw this.volumeSyntaxError(name);
          if (lex.advance() !== Tok.Word) throw this.before(name, 'Please specify volume type');
          type = lex.text;
          hints = this.hintsFor(type);
          if (!isKnownXlatorType(type)) {
            throw this.error(`Volume '${name}', line ${lex.line}: type '${type}' is not valid or not found on this machine`, lex.line);
          }
          lex.advance();
          break;
        }
        case Tok.Option: {
          const at = options.size;
          if (lex.advance(hints.keys[at]) !== Tok.Word) throw this.before(name, 'Please specify option <key> <value>');
          const key = lex.text;
          const keyLine = lex.line;
          if (lex.advance(hints.values[at]) !== Tok.Word) throw this.before(name, 'Please specify option <key> <value>');
          if (options.has(key)) throw this.error(`Volume '${name}', line ${keyLine}: duplicate entry ('option ${key}') present`, keyLine);
          options.set(key, lex.text);
          hints.keys[at] = key;
          hints.values[at] = lex.text;
          lex.advance();
          break;
        }
        case Tok.Subvolumes: {
          const line = lex.line;
          if (sawSubvolumes) throw this.error(`line ${line}: duplicate 'subvolumes' defined for volume '${name}'`, line);
          if (type === undefined) throw this.before(name, 'Please specify volume type');
          sawSubvolumes = true;
          while (lex.advance() === Tok.Word) {
            const sub = lex.text;
            if (sub === name) throw this.error(`Volume '${name}', line ${lex.line}: has '${sub}' itself as subvolume`, lex.line);
            const child = this.byName.get(sub);
            if (!child) throw this.error(`Volume '${name}', line ${lex.line}: subvolume '${sub}' is not defined prior to usage`, lex.line);
            children.push(child);
          }
          if (children.length === 0) throw this.before(name, 'Please specify subvolumes');
          break;
        }
        case Tok.EndVolume: {
          if (type === undefined) throw this.before(name, 'Please specify volume type');
          if (options.size === 0 && !sawSubvolumes) throw this.before(name, 'Please specify option <key> <value>');
          const xl = new Xlator(name, type, options);
          for (const c of children) xl.link(c);
          this.xlators.push(xl);
          this.byName.set(name, xl);
          lex.advance();
          return;
        }
        case Tok.Volume: {
          const line = lex.line;
          const next = lex.advance() === Tok.Word ? lex.text : '';
          throw this.error(`new volume (${next}) definition in line ${line} unexpected`, line);
        }
        case Tok.Eof:
          throw this.error(`'end-volume' not defined for volume '${name}'`, headerLine);
        default:
          throw this.volumeSyntaxError(name);
      }
    }
  }

  private hintsFor(type: string | undefined): { keys: string[]; values: string[] } {
    const t = type ?? '';
    let h = this.hints.get(t);
    if (!h) this.hints.set(t, (h = { keys: [], values: [] }));
    return h;
  }

  private error(message: string, line: number): VolfileError {
    return VolfileError.at(message, this.file, line);
  }

  /** "Volume X, before line N: …": N is the line of the token that came instead of what is missing. */
  private before(name: string, what: string): VolfileError {
    const line = this.lex.kind === Tok.Eof ? this.lex.eofLine : this.lex.line;
    return this.error(`Volume ${name}, before line ${line}: ${what}`, line);
  }

  private volumeSyntaxError(name: string): VolfileError {
    const lex = this.lex;
    return this.error(`syntax error: line ${lex.line} (volume '${name}'): "${lex.text}"\n${ALLOWED}()`, lex.line);
  }

  private topLevelSyntaxError(): VolfileError {
    const lex = this.lex;
    if (lex.kind === Tok.Eof) return this.error(`syntax error in line ${lex.eofLine}: unexpected end of file`, lex.eofLine);
    return this.error(`syntax error in line ${lex.line}: "${lex.text}"\n(${ALLOWED})`, lex.line);
  }
}
