package io.github.flowruns.cli;

import io.github.flowruns.AuthenticationException;
import io.github.flowruns.FlowRunsException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into an exit status and short lines on standard error, each starting
 * {@code flowruns: }: usage errors exit 2 and point at {@code --help}; a vendor or network failure
 * exits 1 with the SDK's one-line message ({@code <Vendor> <operation>: HTTP <status> <message>
 * [...]}); a stack trace follows only with {@code --debug}. The SDK's messages and stack traces
 * carry no credentials, and option values that are secrets are masked here.
 */
final class Errors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  static final int FAILURE = 1;
  static final int USAGE = 2;
  /** With {@code --wait}: the run ended but did not succeed. */
  static final int RUN_NOT_SUCCEEDED = 3;
  /** With {@code --wait}: the wait timed out before the run ended. */
  static final int WAIT_TIMED_OUT = 4;

  private final CliContext context;

  Errors(CliContext context) {
    this.context = context;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    PrintStream err = context.err();
    err.println("flowruns: " + mask(ex.getMessage(), args));
    if (ex instanceof UnmatchedArgumentException) {
      UnmatchedArgumentException.printSuggestions((UnmatchedArgumentException) ex, err);
    }
    tryHelp(ex.getCommandLine());
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintStream err = context.err();
    String[] args = parseResult.originalArgs().toArray(new String[0]);
    boolean debug = debug(cmd);
    Throwable cause = ex;
    if (ex instanceof ExportCommand.ExportFailedException) {
      cause = ex.getCause();
    }
    int status;
    if (cause instanceof UsageException || cause instanceof IllegalArgumentException) {
      err.println("flowruns: " + mask(cause.getMessage(), args));
      tryHelp(cmd);
      status = USAGE;
    } else {
      err.println("flowruns: " + mask(describe(cause) + hint(cause, cmd), args));
      status = FAILURE;
    }
    if (ex instanceof ExportCommand.ExportFailedException) {
      err.println("flowruns: " + ((ExportCommand.ExportFailedException) ex).summary());
      status = FAILURE;
    }
    if (debug) {
      // The SDK keeps credentials out of its messages; mask what the command line itself holds.
      java.io.StringWriter trace = new java.io.StringWriter();
      cause.printStackTrace(new java.io.PrintWriter(trace));
      err.print(mask(trace.toString(), args));
    } else if (status == FAILURE && !(cause instanceof FlowRunsException)
        && !(cause instanceof UnsupportedOperationException)) {
      err.println("flowruns: run with --debug for the stack trace");
    }
    err.flush();
    return status;
  }

  /**
   * What to do next, appended to the failure's line: which key a 401 refused and where to give
   * another; where a refused connection went.
   */
  static String hint(Throwable t, CommandLine cmd) {
    ConnectionOptions o = cmd.getCommand() instanceof ClientCommand
        ? ((ClientCommand) cmd.getCommand()).connection : null;
    if (t instanceof AuthenticationException) {
      String source = o == null ? null : o.keySource;
      if (Connector.LOGIN.equals(source)) {
        return "; the login was refused: check the user name and the password in the variable "
            + "that --password-env names (or the profile's)";
      }
      return "; the API key" + (source == null ? "" : " (from " + source + ")")
          + " was refused: check --api-key, " + ConnectionOptions.API_KEY_ENV
          + " or the profile's " + Profiles.KEY_ENV + " / " + Profiles.KEY_COMMAND;
    }
    if (t instanceof FlowRunsException && causedBy(t, ConnectException.class)) {
      String where = o == null || o.target == null ? "the server" : o.target;
      return "; connection refused by " + where + ": is the server running there, and is "
          + "--base-url right?";
    }
    return "";
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /** One line for a failure that is not a usage error. */
  static String describe(Throwable t) {
    if (t instanceof FlowRunsException) {
      return t.getMessage();
    }
    if (t instanceof UnsupportedOperationException) {
      return t.getMessage() != null ? t.getMessage() : "this vendor does not support that operation";
    }
    if (t instanceof IOException || t instanceof UncheckedIOException) {
      Throwable io = t instanceof UncheckedIOException ? t.getCause() : t;
      return "I/O error: " + io.getClass().getSimpleName()
          + (io.getMessage() == null ? "" : ": " + io.getMessage());
    }
    if (t instanceof IllegalStateException && t.getMessage() != null) {
      return t.getMessage();
    }
    return "unexpected error: " + t;
  }

  private void tryHelp(CommandLine cmd) {
    context.err().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more "
        + "information.");
  }

  private static boolean debug(CommandLine cmd) {
    Object command = cmd.getCommand();
    if (command instanceof ClientCommand) {
      return ((ClientCommand) command).debug();
    }
    if (command instanceof SimulatorCommand) {
      return ((SimulatorCommand) command).debug;
    }
    return false;
  }

  /**
   * Replaces the value of {@code --api-key} (as given on the command line) wherever it appears,
   * so that a message echoing an argument cannot print the key.
   */
  static String mask(String text, String[] args) {
    if (text == null || args == null) {
      return text;
    }
    String masked = text;
    for (int i = 0; i < args.length; i++) {
      String secret = null;
      if (args[i].equals("--api-key") && i + 1 < args.length) {
        secret = args[i + 1];
      } else if (args[i].startsWith("--api-key=")) {
        secret = args[i].substring("--api-key=".length());
      }
      if (secret != null && secret.length() >= 4) {
        masked = masked.replace(secret, "***");
      }
    }
    return masked;
  }
}
