package dev.warp2api.testing;

import java.util.Objects;

/**
 * A {@link TestStack} and a client pointed at it (an official SDK, say), closed together: the
 * client first, then the stack. For tests that hold both in one {@code @AutoClose} field.
 *
 * @param stack the simulator and gateway
 * @param client the client
 * @param closeClient how to close the client (the SDKs have {@code close()} but are not
 *     {@link AutoCloseable})
 */
public record StackWithClient<C>(TestStack stack, C client, Runnable closeClient)
    implements AutoCloseable {
  public StackWithClient {
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(closeClient, "closeClient");
  }

  @Override
  public void close() {
    try {
      closeClient.run();
    } finally {
      stack.close();
    }
  }
}
