package dev.customtasks.cli;

import dev.customtasks.crds.duration.GoDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Every duration option of ctk takes Go's form ({@code 15s}, {@code 500ms}, {@code 1h30m}), as
 * kubectl's {@code --timeout} and controller-runtime's flags do; the message says what is wrong.
 */
public final class GoDurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    try {
      return GoDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
