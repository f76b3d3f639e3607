package dev.warp2api.pipeline;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every ended request is published, once: the pipeline when a call ends, the routes when they
 * refuse a request for a key's limits. Subscribers are called on the request's event loop, from
 * several event loops at once: they must be fast, thread-safe and take no lock that a request path
 * waits on. A subscriber that throws is logged and the others still hear the request.
 */
public final class FinishedRequests {
  private static final Logger LOG = LoggerFactory.getLogger(FinishedRequests.class);

  private final List<Consumer<FinishedRequest>> subscribers = new CopyOnWriteArrayList<>();

  /** Adds a subscriber; it hears every request that ends from now on. */
  public void subscribe(Consumer<FinishedRequest> subscriber) {
    subscribers.add(Objects.requireNonNull(subscriber, "subscriber"));
  }

  /** Removes a subscriber added with {@link #subscribe}. */
  public void unsubscribe(Consumer<FinishedRequest> subscriber) {
    subscribers.remove(subscriber);
  }

  /** Tells every subscriber that {@code request} ended. */
  public void publish(FinishedRequest request) {
    for (Consumer<FinishedRequest> s : subscribers) {
      try {
        s.accept(request);
      } catch (RuntimeException e) {
        LOG.warn(
            "event=finished_request.subscriber_failed error={}", e.getClass().getName(), e);
      }
    }
  }
}
