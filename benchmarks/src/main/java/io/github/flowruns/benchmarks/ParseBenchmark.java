package io.github.flowruns.benchmarks;

import io.github.flowruns.benchmarks.Fixtures.Vendor;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse one 100-run list page per vendor: the generated client's deserialisation ({@code *Sdk})
 * against hand-written Gson streaming into a plain class with the same fields ({@code *Baseline}).
 * One operation is one page; divide {@code gc.alloc.rate.norm} by 100 for bytes per run.
 *
 * <p>Usage: {@code java -jar benchmarks/target/benchmarks.jar ParseBenchmark -f 1 -wi 3 -i 5 -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {
  byte[] patchworks;
  byte[] stackAi;
  byte[] activepieces;
  byte[] flowStack;

  @Setup
  public void setUp() {
    patchworks = Parsers.fixture(Vendor.PATCHWORKS);
    stackAi = Parsers.fixture(Vendor.STACKAI);
    activepieces = Parsers.fixture(Vendor.ACTIVEPIECES);
    flowStack = Parsers.fixture(Vendor.FLOWSTACK);
  }

  @Benchmark
  public Object patchworksSdk() throws IOException {
    return Parsers.patchworksSdk(patchworks);
  }

  @Benchmark
  public Object patchworksBaseline() throws IOException {
    return Parsers.patchworksBaseline(patchworks);
  }

  @Benchmark
  public Object stackAiSdk() throws IOException {
    return Parsers.stackAiSdk(stackAi);
  }

  @Benchmark
  public Object stackAiBaseline() throws IOException {
    return Parsers.stackAiBaseline(stackAi);
  }

  @Benchmark
  public Object activepiecesSdk() throws IOException {
    return Parsers.activepiecesSdk(activepieces);
  }

  @Benchmark
  public Object activepiecesBaseline() throws IOException {
    return Parsers.activepiecesBaseline(activepieces);
  }

  @Benchmark
  public Object flowStackSdk() throws IOException {
    return Parsers.flowStackSdk(flowStack);
  }

  @Benchmark
  public Object flowStackBaseline() throws IOException {
    return Parsers.flowStackBaseline(flowStack);
  }
}
