package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The concurrency cap counted across instances ({@link CredentialPool#lease}): a credential whose
 * shared slots are all held elsewhere is passed over without a trace (no slot taken, so none given
 * back), a slot taken is given back exactly once when its lease ends.
 */
class SharedSlotsTest extends PoolTestSupport {
  private static final PoolPolicy CAP_ONE = new PoolPolicy(
      Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(1), 3, 1, Duration.ofMinutes(5));

  /** Slots as a store shared with other instances would answer: the full ones say "full". */
  private static final class Slots implements SharedSlots {
    final Set<String> full;
    final List<String> taken = new ArrayList<>();
    final List<String> released = new ArrayList<>();

    Slots(Set<String> full) {
      this.full = full;
    }

    @Override
    public Future<Boolean> take(String fingerprint, String id, int cap) {
      if (full.contains(fingerprint)) {
        return Future.succeededFuture(false);
      }
      taken.add(fingerprint + "/" + id);
      return Future.succeededFuture(true);
    }

    @Override
    public void release(String fingerprint, String id) {
      released.add(fingerprint + "/" + id);
    }
  }

  private static StateStore sharing(SharedSlots slots) {
    return new StateStore() {
      @Override
      public PoolState load() {
        return PoolState.empty();
      }

      @Override
      public void save(PoolState state) {}

      @Override
      public CompletionStage<Void> saveDurably(PoolState state) {
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public Optional<SharedSlots> sharedSlots() {
        return Optional.of(slots);
      }

      @Override
      public StoreHealth health() {
        return new StoreHealth("redis", true, null);
      }
    };
  }

  private static String fp(String name) {
    return Fingerprint.of(token(name));
  }

  @Test
  void aCredentialFullElsewhereIsPassedOverWithoutAReleaseAndTheSlotTakenIsGivenBackOnce() {
    Slots slots = new Slots(Set.of(fp("personal-1")));
    CredentialPool p = pool(CAP_ONE, sharing(slots), DEFAULT_ORDER, "personal-1", "personal-2");

    Lease lease = granted(p.lease(Set.of(), null).result());

    assertThat(lease.credential().name()).isEqualTo("personal-2");
    assertThat(slots.taken).containsExactly(fp("personal-2") + "/" + lease.seq());
    assertThat(slots.released).as("no release for a slot never taken").isEmpty();
    lease.succeeded();
    assertThat(slots.released).containsExactlyElementsOf(slots.taken);
  }

  @Test
  void whenEveryCredentialIsFullElsewhereTheAnswerIsBusyAndRedisHearsNoRelease() {
    Slots slots = new Slots(Set.of(fp("personal-1"), fp("personal-2")));
    CredentialPool p = pool(CAP_ONE, sharing(slots), DEFAULT_ORDER, "personal-1", "personal-2");

    Acquisition a = p.lease(Set.of(), null).result();

    assertThat(a).isInstanceOf(Acquisition.Unavailable.class);
    assertThat(((Acquisition.Unavailable) a).cause()).isEqualTo(Acquisition.Cause.BUSY);
    assertThat(slots.taken).isEmpty();
    assertThat(slots.released).isEmpty();
    assertThat(p.readiness().available()).as("both withdrawn leases are gone").isEqualTo(2);
  }
}
