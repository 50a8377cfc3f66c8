/** The message of a failed admin request, for every custom admin page and panel. */

/** Strapi's fetch client throws errors that carry the server's JSON answer; its message is in Slovenian and English. */
export function errorMessage(error: unknown): string {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
  const answer = isObject(error) && isObject(error.response) ? error.response.data : undefined;
  const message = isObject(answer) && isObject(answer.error) ? answer.error.message : undefined;
  if (typeof message === 'string') return message;
  return error instanceof Error ? error.message : String(error);
}
