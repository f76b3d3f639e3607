package dev.warp2api.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.config.AffinitySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Soft affinity: a conversation's next turn prefers the credential of its last turn, inside the
 * tier the pool would use anyway; the memory is bounded and forgets idle conversations.
 */
class ConversationAffinityTest extends PoolTestSupport {
  private final Affinity affinity =
      Affinity.of(new AffinitySettings(100, Duration.ofMinutes(30)), clock);

  private static Conversation conversation(String key) {
    return new Conversation(List.of(key), List.of());
  }

  /** One turn of {@code c}: lease with its hint, succeed, remember. */
  private String turn(CredentialPool p, Conversation c) {
    Lease l = granted(p.acquire(Set.of(), affinity.preferred(c)));
    l.succeeded();
    affinity.remember(c, l.credential().id());
    return l.credential().name();
  }

  @Test
  void consecutiveTurnsOfAConversationLandOnOneCredentialWhileOthersRotate() {
    CredentialPool p = pool("personal-1", "personal-2", "personal-3");
    Conversation a = conversation("a");

    String first = turn(p, a);
    List<String> others = new ArrayList<>();
    List<String> turns = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      others.add(leaseName(p)); // requests without a conversation move round-robin meanwhile
      turns.add(turn(p, a));
    }

    assertThat(turns).containsOnly(first);
    assertThat(others).containsExactly("personal-2", "personal-3", "personal-1", "personal-2");
  }

  @Test
  void aCoolingPreferredCredentialIsSkippedAndTheNextTurnStaysOnTheNewOne() {
    CredentialPool p = pool("personal-1", "personal-2");
    Conversation a = conversation("a");
    assertThat(turn(p, a)).isEqualTo("personal-1");
    granted(p.acquire(Set.of(), affinity.preferred(a))).overloaded(Duration.ofMinutes(1));

    assertThat(view(p, "personal-1").state()).isEqualTo(CredentialState.COOLING);
    assertThat(turn(p, a)).isEqualTo("personal-2");
    clock.advance(Duration.ofMinutes(2)); // personal-1 is back, but the conversation moved on
    assertThat(turn(p, a)).isEqualTo("personal-2");
  }

  @Test
  void neverPrefersALowerTierWhileAHigherOneCanServe() {
    CredentialPool p = pool("personal-1", "shared-1");
    Conversation a = conversation("a");
    Lease personal = lease(p);
    personal.overloaded(Duration.ofMinutes(1));
    assertThat(turn(p, a)).isEqualTo("shared-1");

    clock.advance(Duration.ofMinutes(2));

    assertThat(turn(p, a)).isEqualTo("personal-1");
  }

  @Test
  void aPreferredCredentialThatFailedThisRequestIsNotLeasedAgain() {
    CredentialPool p = pool("personal-1", "personal-2");
    Conversation a = conversation("a");
    String first = turn(p, a);
    CredentialId preferred = affinity.preferred(a);

    Lease failover = granted(p.acquire(Set.of(preferred), preferred));

    assertThat(failover.credential().name()).isNotEqualTo(first);
    failover.succeeded();
  }

  @Test
  void aDisabledPreferredCredentialIsNotLeased() {
    CredentialPool p = pool("personal-1", "personal-2");
    Conversation a = conversation("a");
    assertThat(turn(p, a)).isEqualTo("personal-1");
    p.disable("personal-1");

    assertThat(turn(p, a)).isEqualTo("personal-2");
  }

  @Test
  void anIdleConversationIsForgotten() {
    CredentialPool p = pool("personal-1", "personal-2");
    Conversation a = conversation("a");
    turn(p, a);
    clock.advance(Duration.ofMinutes(29));
    assertThat(affinity.preferred(a)).isNotNull();

    clock.advance(Duration.ofMinutes(31));

    assertThat(affinity.preferred(a)).isNull();
    assertThat(affinity.size()).isZero();
  }

  @Test
  void theMemoryHoldsAtMostItsBound() {
    Affinity small = Affinity.of(new AffinitySettings(10, Duration.ofHours(1)), clock);
    CredentialId id = new CredentialId("personal-1", "0123abcd");
    for (int i = 0; i < 1_000; i++) {
      small.remember(conversation("c" + i), id);
    }

    assertThat(small.size()).isLessThanOrEqualTo(10);
  }

  @Test
  void anAnswerKeyIsRememberedForTheNextTurnButNotLookedUp() {
    CredentialPool p = pool("personal-1", "personal-2");
    Conversation first = new Conversation(List.of(), List.of("resp_1"));
    Lease l = granted(p.acquire(Set.of(), affinity.preferred(first)));
    l.succeeded();
    affinity.remember(first, l.credential().id());
    leaseName(p); // round-robin moves on

    assertThat(turn(p, new Conversation(List.of("resp_1"), List.of("resp_2"))))
        .isEqualTo(l.credential().name());
    assertThat(affinity.preferred(conversation("resp_2")))
        .isEqualTo(l.credential().id());
  }

  @Test
  void withAffinityOffNothingIsRemembered() {
    Affinity off = Affinity.of(new AffinitySettings(0, Duration.ofHours(1)), clock);
    off.remember(conversation("a"), new CredentialId("personal-1", "0123abcd"));

    assertThat(off.preferred(conversation("a"))).isNull();
  }
}
