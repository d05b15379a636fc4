/**
 * `test`, `[ … ]` and bash's `[[ … ]]`: file tests against the container's file timeline, string
 * and integer comparisons, `!`, `-a`/`-o` (`&&`/`||` inside `[[`) and parentheses. Malformed
 * expressions give status 2 with the shell's complaint, as `[ $EMPTY -eq 200 ]` does.
 */

/** What `test` needs from its surroundings. */
export interface TestEnvironment {
  fileExists(path: string): boolean;
  variableSet(name: string): boolean;
}

/** The exit status of `test` (0 true, 1 false, 2 error) and its error text. */
export interface TestOutcome {
  status: 0 | 1 | 2;
  stderr?: string;
}

const FILE_TESTS = new Set(['-e', '-f', '-d', '-r', '-w', '-x', '-s', '-L', '-h', '-p', '-S', '-b', '-c', '-g', '-u', '-k', '-O', '-G', '-N']);
const STRING_BINARY = new Set(['=', '==', '!=', '<', '>', '=~']);
const INTEGER_BINARY = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

class TestError {
  constructor(readonly message: string) {}
}

class Evaluator {
  private i = 0;

  constructor(
    private readonly args: readonly string[],
    private readonly env: TestEnvironment,
    private readonly bash: boolean,
  ) {}

  run(): boolean {
    if (this.args.length === 0) return false;
    const value = this.or();
    if (this.i < this.args.length) throw new TestError(`${this.args[this.i]}: unknown operand`);
    return value;
  }

  private or(): boolean {
    let value = this.and();
    while (this.args[this.i] === '-o' || (this.bash && this.args[this.i] === '||')) {
      this.i++;
      const right = this.and();
      value = value || right;
    }
    return value;
  }

  private and(): boolean {
    let value = this.not();
    while (this.args[this.i] === '-a' || (this.bash && this.args[this.i] === '&&')) {
      this.i++;
      const right = this.not();
      value = value && right;
    }
    return value;
  }

  private not(): boolean {
    if (this.args[this.i] === '!' && this.i + 1 < this.args.length) {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }

  private primary(): boolean {
    const a = this.args[this.i];
    if (a === undefined) throw new TestError('argument expected');
    if (a === '(' ) {
      this.i++;
      const value = this.or();
      if (this.args[this.i] !== ')') throw new TestError("')' expected");
      this.i++;
      return value;
    }
    const op = this.args[this.i + 1];
    if (op !== undefined && (STRING_BINARY.has(op) || INTEGER_BINARY.has(op) || op === '-nt' || op === '-ot' || op === '-ef')) {
      const b = this.args[this.i + 2];
      if (b === undefined) throw new TestError(`${op}: argument expected`);
      this.i += 3;
      return this.binary(a, op, b);
    }
    if (a.startsWith('-') && a.length === 2 && this.i + 1 < this.args.length) {
      const operand = this.args[this.i + 1]!;
      this.i += 2;
      return this.unary(a, operand);
    }
    if (INTEGER_BINARY.has(a) || (a.startsWith('-') && a.length === 2 && this.i + 1 >= this.args.length && this.args.length > 1)) {
      throw new TestError(`${a}: unknown operand`);
    }
    this.i++;
    return a !== '';
  }

  private unary(op: string, operand: string): boolean {
    if (op === '-n') return operand !== '';
    if (op === '-z') return operand === '';
    if (op === '-v') return this.env.variableSet(operand);
    if (op === '-t') return false;
    if (FILE_TESTS.has(op)) return this.env.fileExists(operand);
    throw new TestError(`${op}: unknown operand`);
  }

  private binary(a: string, op: string, b: string): boolean {
    if (op === '=' || op === '==') return this.bash && op === '==' ? globMatch(a, b) : a === b;
    if (op === '!=') return a !== b;
    if (op === '<') return a < b;
    if (op === '>') return a > b;
    if (op === '=~') return safeRegExp(b)?.test(a) ?? false;
    if (op === '-nt' || op === '-ot' || op === '-ef') return this.env.fileExists(a) && this.env.fileExists(b);
    const x = integer(a);
    const y = integer(b);
    switch (op) {
      case '-eq': return x === y;
      case '-ne': return x !== y;
      case '-lt': return x < y;
      case '-le': return x <= y;
      case '-gt': return x > y;
      default: return x >= y;
    }
  }
}

function integer(text: string): number {
  if (!/^\s*[-+]?\d+\s*$/.test(text)) throw new TestError(`invalid number '${text}'`);
  return Number(text);
}

function safeRegExp(source: string): RegExp | undefined {
  try {
    return new RegExp(source);
  } catch {
    return undefined;
  }
}

/** Shell pattern matching for `[[ a == pattern ]]` (`*`, `?`). */
function globMatch(text: string, pattern: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(text);
}

/**
 * Evaluates `test`-style arguments. `command` is `test`, `[` (expects a final `]`) or `[[`
 * (expects `]]`); `shell` prefixes the error text as the calling shell would (`sh`, `bash`).
 */
export function evaluateTest(command: string, args: readonly string[], env: TestEnvironment, shell = 'sh'): TestOutcome {
  let operands = args;
  if (command === '[' || command === '[[') {
    const close = command === '[' ? ']' : ']]';
    if (args[args.length - 1] !== close) return { status: 2, stderr: `${shell}: missing ${close}\n` };
    operands = args.slice(0, -1);
  }
  try {
    return { status: new Evaluator(operands, env, command === '[[').run() ? 0 : 1 };
  } catch (error) {
    if (error instanceof TestError) return { status: 2, stderr: `${shell}: ${error.message}\n` };
    throw error;
  }
}
