/** The partial path cannot build this change as a full build would; the service runs a full build and logs the reason. */
export class PartialRefusal extends Error {
  override name = 'PartialRefusal';
}
