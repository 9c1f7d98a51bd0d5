/** The fields of a Result that a unit table does not look at, filled with placeholders. */
export const RESULT_FIELDS = {
  level: 'MUST' as const,
  message: 'm',
  description: 'd',
  section: 'S',
  url: 'u',
  quote: 'q',
  hint: 'h',
  scenarios: [],
  evidence: [],
  rerun: 'r',
};
