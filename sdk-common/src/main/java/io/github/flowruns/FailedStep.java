package io.github.flowruns;

import java.util.Objects;

/**
 * The step at which a run failed, as the vendor reports it.
 *
 * <pre>{@code
 * FailedStep f = run.failedStep();
 * if (f != null) System.out.println(f.name() + ": " + f.message());
 * }</pre>
 */
public final class FailedStep {
  private final String name;
  private final String message;

  private FailedStep(String name, String message) {
    this.name = name;
    this.message = message;
  }

  /**
   * Creates a failed step.
   *
   * <pre>{@code FailedStep.of("send_email", "SMTP timeout")}</pre>
   *
   * @param name the step name, may be null when the vendor gives only a message
   * @param message the error message, may be null
   * @return the value
   */
  public static FailedStep of(String name, String message) {
    return new FailedStep(name, message);
  }

  /**
   * The step's name.
   *
   * @return the name, or null if the vendor does not say
   */
  public String name() {
    return name;
  }

  /**
   * The error message.
   *
   * @return the message, or null if the vendor does not say
   */
  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FailedStep
        && Objects.equals(name, ((FailedStep) o).name)
        && Objects.equals(message, ((FailedStep) o).message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, message);
  }

  @Override
  public String toString() {
    return "FailedStep{" + name + ": " + message + "}";
  }
}
