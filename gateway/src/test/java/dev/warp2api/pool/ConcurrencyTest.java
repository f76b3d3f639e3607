package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest extends PoolTestSupport {

  PoolPolicy capped(int cap) {
    return new PoolPolicy(
        Duration.ofSeconds(1),
        Duration.ofHours(1),
        Duration.ofHours(1),
        3,
        cap,
        Duration.ofMinutes(5));
  }

  @Test
  void answersBusyWhenEveryCredentialIsAtTheConcurrencyCap() {
    CredentialPool p = pool(capped(2), "personal-1", "shared-1");
    List<Lease> out = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      out.add(lease(p));
    }

    assertThat(unavailable(p)).isEqualTo(new Acquisition.Unavailable(Acquisition.Cause.BUSY, null));
    assertThat(p.snapshot()).allSatisfy(v -> assertThat(v.inFlight()).isEqualTo(2));

    out.get(0).succeeded();
    assertThat(lease(p).credential().name()).isEqualTo(out.get(0).credential().name());
  }

  @Test
  void fiftyThreadsAcquiringAndCompletingKeepTheInvariants() throws Exception {
    CredentialPool p =
        pool(capped(3), "personal-1", "personal-2", "personal-3", "shared-1", "anonymous-1");
    ExecutorService threads = Executors.newFixedThreadPool(50);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < 50; t++) {
      int seed = t;
      results.add(threads.submit(() -> {
        start.await();
        int granted = 0;
        for (int i = 0; i < 200; i++) {
          if (p.acquire(Set.of()) instanceof Acquisition.Granted g) {
            granted++;
            switch ((seed + i) % 5) {
              case 0 -> g.lease().overloaded(Duration.ofMillis(1));
              case 1 -> g.lease().transientFailure();
              case 2 -> g.lease().released();
              default -> g.lease().succeeded();
            }
            if (i % 50 == 0) {
              clock.advance(Duration.ofSeconds(2));
            }
          }
          if (i % 20 == 0) {
            p.checkInvariants();
          }
        }
        return granted;
      }));
    }
    start.countDown();
    int total = 0;
    for (Future<Integer> f : results) {
      total += f.get(60, TimeUnit.SECONDS);
    }
    threads.shutdown();

    p.checkInvariants();
    assertThat(total).isPositive();
    assertThat(p.snapshot()).allSatisfy(v -> assertThat(v.inFlight()).isZero());
    assertThat(p.snapshot().stream().mapToLong(CredentialView::requests).sum()).isEqualTo(total);
  }
}
