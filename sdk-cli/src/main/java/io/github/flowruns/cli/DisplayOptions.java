package io.github.flowruns.cli;

import io.github.flowruns.RunStatus;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --color=auto|always|never}, and what a table may use of the terminal: its width and
 * colour. Output that is piped or redirected is neither cut nor coloured (unless
 * {@code --color=always}), so scripts read exactly what they always did. A picocli mixin.
 */
final class DisplayOptions {
  /** When status names are coloured. */
  enum ColorMode {
    /** When standard output is a terminal and {@code NO_COLOR} is unset or empty. */
    AUTO,
    /** Always, even into a pipe or a file, and whatever {@code NO_COLOR} says. */
    ALWAYS,
    /** Never. */
    NEVER
  }

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      converter = ColorConverter.class, completionCandidates = ColorModes.class,
      description = "Colour the status in tables: auto (when standard output is a terminal and "
          + "NO_COLOR is not set), always or never (default: ${DEFAULT-VALUE}).")
  ColorMode color = ColorMode.AUTO;

  /** Whether to colour: see {@link ColorMode}. */
  boolean colored(CliContext ctx) {
    switch (color) {
      case ALWAYS:
        return true;
      case NEVER:
        return false;
      default:
        String noColor = ctx.env("NO_COLOR");
        return ctx.stdoutIsTerminal() && (noColor == null || noColor.isEmpty())
            && !"dumb".equals(ctx.env("TERM"));
    }
  }

  /** The width a table row may take: the terminal's, or 0 for no limit. */
  int width(CliContext ctx) {
    return ctx.terminalColumns();
  }

  /** The ANSI colour escape of a status, or "" for none (UNKNOWN). */
  static String ansi(RunStatus status) {
    switch (status) {
      case SUCCEEDED:
        return "\u001b[32m";
      case FAILED:
      case TIMED_OUT:
        return "\u001b[31m";
      case PARTIALLY_SUCCEEDED:
        return "\u001b[33m";
      case RUNNING:
        return "\u001b[36m";
      case QUEUED:
      case PAUSED:
        return "\u001b[34m";
      case CANCELLED:
        return "\u001b[35m";
      default:
        return "";
    }
  }

  static final String RESET = "\u001b[0m";

  /** Parses {@code --color} in any case. */
  static final class ColorConverter implements ITypeConverter<ColorMode> {
    @Override
    public ColorMode convert(String value) {
      for (ColorMode m : ColorMode.values()) {
        if (m.name().equalsIgnoreCase(value.trim())) {
          return m;
        }
      }
      throw new TypeConversionException("'" + value + "' is not a colour mode; expected auto, "
          + "always or never");
    }
  }

  /** Completion candidates of {@code --color}. */
  static final class ColorModes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("auto", "always", "never").iterator();
    }
  }
}
