/** A mistake in how the suite was called: exit code 2 and a message, never a stack trace. */
export class UsageError extends Error {}
