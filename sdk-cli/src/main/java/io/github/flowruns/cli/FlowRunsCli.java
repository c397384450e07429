package io.github.flowruns.cli;

import io.github.flowruns.spi.VendorDescriptor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code flowruns} command line: list, inspect, retry, stop, trigger, count, export and watch the flow
 * runs of the vendors whose modules are on the class path (e.g. Patchworks or FlowStack) through the flowruns-java facade, or of
 * the vendor's embedded simulator when no base URL and no API key are given.
 *
 * <pre>
 * java -jar sdk-cli/target/flowruns.jar runs list --vendor activepieces --status failed
 * java -jar sdk-cli/target/flowruns.jar runs export --vendor flowstack --output runs.csv
 * </pre>
 *
 * <p>Exit status: 0 done; 1 the vendor or the network failed (one line on standard error naming
 * the vendor, the operation, the HTTP status and the message; the stack trace only with
 * {@code --debug}); 2 a usage error; with {@code --wait}, 3 the run ended but did not succeed and
 * 4 the wait timed out.
 */
@Command(name = "flowruns", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {RunsCommand.class, SimulatorCommand.class, ProfilesCommand.class,
        CompletionCommand.class},
    description = "List, inspect, retry, stop, trigger, count, export and watch the flow runs of "
        + "workflow vendors.",
    footer = {"", "Exit status: 0 done; 1 the vendor or the network failed; 2 a usage error; "
        + "with --wait, 3 the run ended but did not succeed, 4 the wait timed out.",
        "With no --base-url and no API key, commands run against the vendor's embedded simulator.",
        "Named connections: --profile NAME (see 'flowruns profiles --help'). Completion: "
            + "source <(flowruns completion bash)."})
public final class FlowRunsCli implements Runnable {
  private final CliContext context;

  @Spec
  CommandSpec spec;

  FlowRunsCli(CliContext context) {
    this.context = context;
  }

  CliContext context() {
    return context;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing a command: runs, simulator, profiles or "
        + "completion");
  }

  /**
   * Runs the command line and exits with its status.
   *
   * @param args the arguments, e.g. {@code runs list --vendor flowstack}
   */
  public static void main(String[] args) {
    CliContext context = CliContext.system();
    int status = execute(context, args);
    context.out().flush();
    context.err().flush();
    System.exit(status);
  }

  /** Runs the command line in this process against a context, returning the exit status. */
  static int execute(CliContext context, String... args) {
    int status = commandLine(context).execute(args);
    context.out().flush();
    return status;
  }

  /**
   * The configured command line: output, error handlers, case-insensitive values, and what the
   * vendor modules on the class path contribute (their names in the help, their connection
   * options on every {@code runs} command).
   */
  static CommandLine commandLine(CliContext context) {
    CommandLine cl = new CommandLine(new FlowRunsCli(context));
    List<String> vendors = new ArrayList<>();
    for (VendorDescriptor d : CliVendors.all()) {
      vendors.add(d.displayName());
    }
    cl.getCommandSpec().usageMessage().description(
        "List, inspect, retry, stop, trigger, count, export and watch the flow runs of "
            + String.join(", ", vendors) + ".");
    for (CommandLine runsCommand : cl.getSubcommands().values()) {
      for (CommandLine sub : runsCommand.getSubcommands().values()) {
        if (sub.getCommand() instanceof ClientCommand command) {
          command.connection.addVendorOptions(sub.getCommandSpec());
        }
      }
    }
    cl.setOut(context.out());
    cl.setErr(new PrintWriter(context.err(), true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    Errors errors = new Errors(context);
    cl.setParameterExceptionHandler(errors);
    cl.setExecutionExceptionHandler(errors);
    return cl;
  }
}
