package io.github.flowruns.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code flowruns --version}: the version in the jar's manifest. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = FlowRunsCli.class.getPackage().getImplementationVersion();
    return new String[] {"flowruns " + (v == null ? "(development build)" : v),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
  }
}
