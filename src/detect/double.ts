// A +0 that V8 holds as a double, for numeric fields that start at 0 and later hold fractions.
/**
 * V8 types an object field by its first value: a field first set to the literal 0 is stored as a
 * small integer, and the first fraction written to it re-types the field, throwing away every
 * optimised function that read it (once per thread: each --jobs lane paid it again, issue #5).
 * The result of a floating-point addition is a heap double, so a field initialised with this one
 * is a double from the start. Object.is(DOUBLE_ZERO, 0): the same value as the literal.
 */
export const DOUBLE_ZERO = Number.parseFloat("-0") + 0;
