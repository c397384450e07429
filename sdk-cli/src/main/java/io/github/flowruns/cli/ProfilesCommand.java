package io.github.flowruns.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code flowruns profiles}: the named connections of the config file (see {@link Profiles}):
 * name, vendor, base URL and where the key comes from, never the key.
 */
@Command(name = "profiles", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"List the named connections of the config file: name, vendor, base URL and "
        + "where the key comes from (never the key). Use one with --profile NAME.",
        "The file: $FLOWRUNS_CONFIG, else $XDG_CONFIG_HOME/flowruns/config.toml, else "
            + "~/.config/flowruns/config.toml (Windows: %%APPDATA%%\\flowruns\\config.toml).",
        "Each [profiles.NAME] table takes: vendor, base-url, api-key-env = \"VARIABLE\" or "
            + "api-key-command = \"pass show x\" (run without a shell; its output is the key), "
            + "allow-insecure-http = true, and the vendor's options without dashes (project-id, "
            + "org-id, username, password-env, ...). A key in clear is refused."})
final class ProfilesCommand implements Callable<Integer> {
  private static final String[] HEADER = {"NAME", "VENDOR", "BASE URL", "KEY"};

  @ParentCommand
  FlowRunsCli root;

  @Mixin
  DisplayOptions display;

  @Override
  public Integer call() {
    CliContext ctx = root.context();
    Profiles profiles = Profiles.load(ctx);
    PrintWriter out = ctx.out();
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Profiles.Profile p : profiles.all().values()) {
      String url = p.baseUrl();
      if (url == null) {
        url = p.keyOrigin().equals("-") ? "(embedded simulator)" : p.vendor().defaultBaseUrl();
      }
      rows.add(new String[] {p.name(), p.vendor().name(), url == null ? "" : url,
          p.keyOrigin()});
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    int width = display.width(ctx);
    if (width > 0) {
      TableSink.fit(widths, width, Integer.MAX_VALUE);
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        String cell = TableSink.cut(row[c], widths[c]);
        line.append(cell);
        if (c < row.length - 1) {
          line.append(" ".repeat(widths[c] - cell.length())).append("  ");
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
    if (profiles.all().isEmpty()) {
      ctx.err().println("flowruns: no profiles in " + profiles.file());
    }
    return 0;
  }
}
