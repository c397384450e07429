package io.github.flowruns.cli;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code flowruns completion bash|zsh}: prints picocli's completion script for the whole command
 * tree, vendor names and every vendor's options included. One script serves both shells: in zsh it
 * loads {@code bashcompinit} itself.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Print the shell completion script.",
        "bash:  source <(flowruns completion bash)     (or save it in "
            + "~/.local/share/bash-completion/completions/flowruns)",
        "zsh:   source <(flowruns completion zsh)      (uses bashcompinit)"})
final class CompletionCommand implements Callable<Integer> {
  @ParentCommand
  FlowRunsCli root;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "SHELL", completionCandidates = Shells.class,
      description = "bash or zsh.")
  String shell;

  @Override
  public Integer call() {
    if (!Shells.NAMES.contains(shell)) {
      throw new UsageException("'" + shell + "' is not a shell this command completes for; "
          + "expected bash or zsh");
    }
    String script = AutoComplete.bash("flowruns", spec.root().commandLine());
    root.context().out().print(script);
    root.context().out().flush();
    return 0;
  }

  /** The shells completed for. */
  static final class Shells implements Iterable<String> {
    static final List<String> NAMES = List.of("bash", "zsh");

    @Override
    public Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }
}
