package io.github.flowruns;

/**
 * No usable response was received: connection refused or reset, TLS failure, or a timeout. The cause holds the I/O exception.
 *
 * <pre>{@code
 * catch (TransportException e) { if (e.getCause() instanceof java.io.InterruptedIOException) { handleTimeout(); } }
 * }</pre>
 */
public final class TransportException extends FlowRunsException {
  private static final long serialVersionUID = 1L;

  TransportException(ErrorDetails details) {
    super(details);
  }
}
