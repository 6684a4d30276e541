import { UserError } from '../../errors.js';

/** A malformed volfile: GlusterFS's parser message, with `where` = `file:line`. */
export class VolfileError extends UserError {
  constructor(message: string, where?: string) {
    super(message, where);
    this.name = 'VolfileError';
  }

  static at(message: string, file: string, line: number): VolfileError {
    return new VolfileError(message, `${file}:${line}`);
  }
}
