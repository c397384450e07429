package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.BulkActionException;
import io.github.flowruns.BulkResult;
import io.github.flowruns.ErrorDetails;
import io.github.flowruns.FlowRunsException;
import io.github.flowruns.RunQuery;
import io.github.flowruns.TransportException;
import io.github.flowruns.Vendor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** A client's close() ends what runs on it, on every thread, and leaves none of its threads. */
class BulkLifecycleTest {

  @Test
  void closeDuringABulkActionWithASlowServerEndsTheCallerWithTheWorkDoneSoFar() throws Exception {
    CountDownLatch stopReached = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
          if (request.getMethod().equals("GET")) {
            StringBuilder data = new StringBuilder();
            for (int i = 1; i <= 12; i++) {
              data.append(i == 1 ? "" : ",").append(ExampleAdapterTest.runJson("r" + i, "RUNNING"));
            }
            return ExampleAdapterTest.ok("{\"data\":[" + data + "],\"next\":null}");
          }
          stopReached.countDown();
          release.await(30, TimeUnit.SECONDS);    // a server that never answers in time
          return new MockResponse.Builder().code(204).build();
        }
      });
      server.start();
      ExampleAdapterTest.ExampleClient client = new ExampleAdapterTest.ExampleClient(server.url("/"));
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread caller = new Thread(() -> {
        try {
          client.stopRuns(RunQuery.all());
        } catch (Throwable t) {
          thrown.set(t);
        }
      });
      caller.start();
      assertTrue(stopReached.await(5, TimeUnit.SECONDS));
      client.close();
      caller.join(5_000);
      release.countDown();
      assertFalse(caller.isAlive(), "close() left the bulk caller blocked");
      BulkActionException e = assertInstanceOf(BulkActionException.class, thrown.get());
      assertInstanceOf(TransportException.class, e.getCause());
      assertTrue(e.getMessage().contains("client closed"), e.getMessage());
      assertTrue(e.partialResult().total() < 12);
      for (int i = 0; i < 50 && bulkThreads() > 0; i++) {
        Thread.sleep(100);
      }
      assertEquals(0, bulkThreads(), "bulk threads outlived close()");
    }
  }

  @Test
  void aBulkActionExceptionKeepsItsPartialResultThroughSerialization() throws Exception {
    FlowRunsException cause = FlowRunsException.forStatus(ErrorDetails.builder()
        .vendor(Vendor.PATCHWORKS).operation("listRuns").httpStatus(503).message("down").build());
    FlowRunsException perRun = FlowRunsException.forStatus(ErrorDetails.builder()
        .vendor(Vendor.PATCHWORKS).operation("stopRun").httpStatus(404).build());
    BulkActionException e = BulkActionException.of("stopRuns",
        BulkResult.builder().succeeded("1", "2").failed("3", perRun).build(), cause);
    assertEquals("stopRuns", e.operation());
    assertEquals(503, e.httpStatus().getAsInt());
    assertTrue(e.getMessage().contains("3 runs (2 succeeded, 1 failed); listRuns failed: down"), e.getMessage());

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    BulkActionException back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (BulkActionException) in.readObject();
    }
    assertEquals(java.util.List.of("1", "2"), back.partialResult().succeeded());
    assertEquals(java.util.Set.of("3"), back.partialResult().failed().keySet());
    assertEquals(e.getMessage(), back.getMessage());
  }

  private static long bulkThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("flowruns-activepieces-bulk-") && t.isAlive()).count();
  }
}
