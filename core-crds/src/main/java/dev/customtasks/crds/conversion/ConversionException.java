package dev.customtasks.crds.conversion;

/**
 * An object that cannot be converted between {@code tekton.dev} versions. The message says which
 * field and why in Tekton's words (for a removed field: {@code must not set the field(s):
 * spec.resources}, as Tekton's validation refuses it), so an API server or a conversion webhook can
 * hand it to the user as it stands.
 */
public class ConversionException extends RuntimeException {

  public ConversionException(String message) {
    super(message);
  }

  /** Tekton's message for a field that a version no longer accepts ({@code apis.ErrDisallowedFields}). */
  static ConversionException disallowed(String fieldPath) {
    return new ConversionException("must not set the field(s): " + fieldPath);
  }
}
