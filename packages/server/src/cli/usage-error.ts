/** Bad command-line input: main prints the message and exits with code 1, without a stack. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
