package dev.customtasks.cli.output;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code -o yaml|json}, as kubectl spells it; without {@code -o} a command prints for people. */
public enum OutputFormat {
  YAML, JSON;

  /** Reads {@code yaml} or {@code json} in any case, and says which are allowed otherwise. */
  public static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "yaml" -> YAML;
        case "json" -> JSON;
        default -> throw new TypeConversionException("expected yaml or json, got '" + value + "'");
      };
    }
  }
}
