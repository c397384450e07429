package io.github.flowruns.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The {@code --format} of a command's output. */
enum OutputFormat {
  /** Aligned columns for people. */
  TABLE,
  /** One JSON array (or object, for a single run). */
  JSON,
  /** One JSON object per line. */
  JSONL,
  /** RFC 4180 CSV with a header row. */
  CSV;

  /** The name as typed on the command line. */
  String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code --format} values in any case. */
  static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat f : values()) {
        if (f.name().equalsIgnoreCase(value.trim())) {
          return f;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not a format; expected table, json, jsonl or csv");
    }
  }
}
