package dev.warp2api.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.testing.Await;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared pacer of an event loop: which streams a slot hands out, at which due times, and when
 * it stops. Slots are driven by hand with made-up times ({@code tick(now)}), on the pacer's own
 * context, so the real periodic timer cannot interleave.
 */
class PacerTest {
  private static final long MS = 1_000_000L;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    Await.result(vertx.close());
  }

  @Test
  void aSlotHandsOutWhatIsDueWithinHalfASlotInDueOrder() throws Exception {
    List<String> calls = onContext(pacer -> {
      List<String> seen = new ArrayList<>();
      long base = 1_000 * MS;
      pacer.schedule(base + 20 * MS, () -> once(seen, "c"));
      pacer.schedule(base + 12 * MS, () -> once(seen, "b"));
      pacer.schedule(base + 10 * MS, () -> once(seen, "a"));
      pacer.tick(base + 9 * MS); // due by 11.5: a (10), not b (12)
      seen.add("|");
      pacer.tick(base + 10 * MS); // b is due within half a slot (12 <= 12.5)
      seen.add("|");
      pacer.tick(base + 17 * MS); // c (20) is not yet within 19.5
      seen.add("|");
      pacer.tick(base + 18 * MS); // c (20 <= 20.5)
      return seen;
    });
    assertThat(calls).containsExactly("a", "|", "b", "|", "|", "c");
  }

  @Test
  void dueTimesAdvanceAtAFixedRateSoALateSlotCatchesUpInsteadOfShiftingTheRest() throws Exception {
    List<Long> dues = onContext(pacer -> {
      List<Long> seen = new ArrayList<>();
      long[] due = {100 * MS};
      pacer.schedule(due[0], () -> {
        seen.add(due[0] / MS);
        due[0] += 100 * MS;
        return seen.size() < 5 ? due[0] : Long.MIN_VALUE;
      });
      pacer.tick(
          130 * MS); // 30 ms late: writes the one due at 100; the next stays due at 200, not 230
      pacer.tick(199 * MS);
      pacer.tick(420 * MS); // very late: 300 and 400 both go now
      pacer.tick(600 * MS);
      pacer.tick(900 * MS); // nothing is left to call
      return seen;
    });
    assertThat(dues).containsExactly(100L, 200L, 300L, 400L, 500L);
  }

  @Test
  void theTimerStopsWhenTheLastStreamIsDoneAndStartsAgainForTheNext() throws Exception {
    List<Boolean> idle = onContext(pacer -> {
      List<Boolean> seen = new ArrayList<>();
      seen.add(pacer.idle());
      pacer.schedule(10 * MS, () -> Long.MIN_VALUE);
      seen.add(pacer.idle());
      pacer.tick(10 * MS);
      seen.add(pacer.idle());
      pacer.schedule(20 * MS, () -> Long.MIN_VALUE);
      seen.add(pacer.idle());
      pacer.tick(20 * MS);
      seen.add(pacer.idle());
      return seen;
    });
    assertThat(idle).containsExactly(true, false, true, false, true);
  }

  @Test
  void eachEventLoopContextHasItsOwnPacer() throws Exception {
    Context one = ((VertxInternal) vertx).createEventLoopContext();
    Context two = ((VertxInternal) vertx).createEventLoopContext();
    Pacer a = on(one, () -> Pacer.of(vertx));
    Pacer again = on(one, () -> Pacer.of(vertx));
    Pacer b = on(two, () -> Pacer.of(vertx));
    assertThat(again).isSameAs(a);
    assertThat(b).isNotSameAs(a);
  }

  private static long once(List<String> seen, String name) {
    seen.add(name);
    return Long.MIN_VALUE;
  }

  private <T> T onContext(Function<Pacer, T> body) throws Exception {
    Context context = ((VertxInternal) vertx).createEventLoopContext();
    return on(context, () -> body.apply(Pacer.of(vertx)));
  }

  private static <T> T on(Context context, Supplier<T> body) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        result.complete(body.get());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    return result.get(10, TimeUnit.SECONDS);
  }
}
