/**
 * Shell variables that count their changes, so that the interpreter can recognise a loop whose
 * iterations change nothing (and will therefore repeat forever).
 */

/** A variable map with a change counter. */
export class Variables extends Map<string, string> {
  version = 0;

  override set(name: string, value: string): this {
    if (super.get(name) !== value) this.version++;
    return super.set(name, value);
  }

  override delete(name: string): boolean {
    if (super.has(name)) this.version++;
    return super.delete(name);
  }
}
