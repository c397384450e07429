package io.github.flowruns.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code flowruns runs ...}: the commands on runs. */
@Command(name = "runs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Work with flow runs.",
    subcommands = {ListCommand.class, GetCommand.class, RetryCommand.class, StopCommand.class,
        TriggerCommand.class, StatsCommand.class, ExportCommand.class, WatchCommand.class})
final class RunsCommand implements Runnable {
  @ParentCommand
  FlowRunsCli root;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "Missing a command: list, get, retry, stop, trigger, stats, export or watch");
  }
}
