/**
 * The YAML library's syntax errors in plain words. Its messages speak the YAML spec's language
 * ("Implicit map keys need to be followed by map values", "Nested mappings are not allowed in compact
 * mappings"); a scenario author needs to know what is wrong with the line and how to fix it. The
 * library's own phrase stays at the end, in parentheses, for searching.
 */
import type { YAMLError } from 'yaml';

/** Plain words for the library's error codes, with how to fix the line. */
const PLAIN: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT: 'the indentation does not line up: every key of one mapping, and every "- " of one list, must start in the same column',
  BLOCK_AS_IMPLICIT_KEY: 'this line is indented as if it continued the line above, but it starts a new "key: value"; line it up with the keys above it',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; is a line indented too much, or is a ":" missing on the line above?',
  MISSING_CHAR: 'something is missing here',
  TAB_AS_INDENT: 'a tab is used for indentation; YAML indents with spaces only',
  DUPLICATE_KEY: 'this key is given twice in the same mapping',
  BAD_SCALAR_START: 'a value cannot start with this character unquoted; put the value in quotes',
  UNEXPECTED_TOKEN: 'unexpected text here',
  BLOCK_IN_FLOW: 'a "key: value" block cannot sit inside [ … ] or { … }; write the list one "- " item per line instead',
  BAD_DQ_ESCAPE: 'a backslash escape inside "double quotes" is not valid YAML; use single quotes, or write \\\\ for a backslash',
  MULTIPLE_DOCS: 'a scenario file holds one document: remove the "---" line',
  KEY_OVER_1024_CHARS: 'a key longer than 1024 characters',
  BAD_ALIAS: 'an alias (*name) refers to an anchor (&name) that is not defined before it',
  TAG_RESOLVE_FAILED: 'a value tagged with "!" cannot be read; remove the tag',
};

/** Plain words for particular messages (more precise than their code). */
const BY_MESSAGE: readonly [RegExp, string][] = [
  [/Implicit map keys need to be followed by map values/, 'this line is neither a list item ("- …") nor "key: value": is the "- " or the ":" missing?'],
  [/Sequence item without - indicator/, 'this line sits in a list but does not start with "- "'],
  [/Missing closing "?quote/, 'a quote is opened and never closed on this value'],
  [/Flow sequence in block collection must be sufficiently indented and end with a \]/, 'a "[" list is not closed with "]" (or its next line is not indented more than its key)'],
  [/Flow mapping in block collection must be sufficiently indented and end with a \}/, 'a "{" mapping is not closed with "}" (or its next line is not indented more than its key)'],
  [/All mapping items must start at the same column/, 'the keys of one mapping must all start in the same column'],
  [/Tabs are not allowed as indentation/, 'a tab is used for indentation; YAML indents with spaces only'],
  [/Map keys must be unique/, 'this key is given twice in the same mapping'],
];

/**
 * `{ message, expected }` for one syntax error: plain words, then the parser's own phrase in
 * brackets; a message without plain words keeps the parser's, with "(expected valid YAML)".
 */
export function explainYamlError(e: Pick<YAMLError, 'code' | 'message'>): { message: string; expected?: string } {
  const original = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const plain = BY_MESSAGE.find(([re]) => re.test(original))?.[1] ?? PLAIN[e.code];
  return plain ? { message: `YAML: ${plain} [parser: ${lowerFirst(original)}]` } : { message: `YAML: ${original}`, expected: 'valid YAML' };
}

function lowerFirst(s: string): string {
  return s.length > 1 && /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
