package io.github.flowruns.testsupport.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FuzzChecksTest {
  @Test
  void anAllowedExceptionPasses() {
    FuzzChecks.onlyThrows(IllegalStateException.class, () -> {
      throw new IllegalStateException("typed");
    });
  }

  @Test
  void anyOtherExceptionIsAFindingThatCarriesIt() {
    DateTimeException thrown = new DateTimeException("epoch overflow");
    AssertionError finding = assertThrows(AssertionError.class,
        () -> FuzzChecks.onlyThrows(IllegalStateException.class, () -> {
          throw thrown;
        }));
    assertSame(thrown, finding.getCause());
  }

  @Test
  void anErrorIsAFindingToo() {
    assertThrows(AssertionError.class, () -> FuzzChecks.onlyThrows(RuntimeException.class, () -> {
      throw new StackOverflowError();
    }));
  }

  @Test
  void drainingStopsAfterTheMaximumNumberOfPagesOfAnEndlessListing() {
    AtomicInteger pagesRead = new AtomicInteger();
    Iterable<List<String>> endless = () -> new java.util.Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public List<String> next() {
        pagesRead.incrementAndGet();
        return List.of("run");
      }
    };
    FuzzChecks.drainPages(endless, page -> page);
    assertEquals(FuzzChecks.MAX_PAGES, pagesRead.get());
  }

  @Test
  void anErrorSeedIsAStatusByteThenTheBody() {
    byte[] seed = FuzzChecks.errorSeed(422, "{}");
    assertEquals(422, FuzzChecks.errorStatus(seed));
    assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), FuzzChecks.errorBody(seed));
    assertEquals(500, FuzzChecks.errorStatus(new byte[0]));
  }
}
