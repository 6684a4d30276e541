/**
 * What each logged message says, in one line, keyed as logs.csv counts it (the message id, or the
 * function name of a line without one, `graph-dump`, `crash`): for labels in the report, where a bare
 * "114046" tells a reader nothing. Built from the catalogue's own texts with every argument shown as
 * "…"; a message id several texts share lists the first and how many others.
 */
import { GLUSTERD, SHD, type MessageDef } from './catalogue.js';
import { messageKey } from './logbook.js';

/** Arguments that print as "…" whatever field a text reads (and whatever it calls on it). */
const PLACEHOLDER: unknown = new Proxy(
  {},
  {
    get: () => ({ toString: () => '…', [Symbol.toPrimitive]: () => '…' }),
  },
);

/** A text with its arguments elided; the caller chain of a forced unwind dropped. */
export function templateText(m: MessageDef<never> | MessageDef<unknown>): string {
  const text = (m as MessageDef<unknown>).text(PLACEHOLDER);
  return text.replace(/^\(-->.*?\)\)+\s+/, '').replace(/\s+/g, ' ').trim();
}

function build(): Map<string, string> {
  const texts = new Map<string, string[]>();
  for (const group of [GLUSTERD, SHD]) {
    for (const m of Object.values(group) as MessageDef<unknown>[]) {
      const key = messageKey(m);
      const t = templateText(m);
      const list = texts.get(key) ?? [];
      if (!list.includes(t)) list.push(t);
      texts.set(key, list);
    }
  }
  const out = new Map<string, string>();
  for (const [key, list] of texts) out.set(key, list.length === 1 ? list[0]! : `${list[0]} (and ${list.length - 1} other message${list.length === 2 ? '' : 's'} with this id)`);
  out.set('graph-dump', 'the "Final graph" dump: the whole volfile, printed at every graph load');
  out.set('crash', 'crash dump (pending frames, signal received: 11, configuration details)');
  return out;
}

export const MESSAGE_SUMMARIES: ReadonlyMap<string, string> = build();
