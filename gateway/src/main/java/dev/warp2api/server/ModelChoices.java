package dev.warp2api.server;

import dev.warp2api.api.ModelCatalog;
import dev.warp2api.api.ModelInfo;
import dev.warp2api.pipeline.PoolTokens;
import dev.warp2api.pool.CredentialId;
import dev.warp2api.pool.CredentialPool;
import dev.warp2api.warp.client.ModelChoice;
import dev.warp2api.warp.client.WarpGraphql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the model catalogue in step with the accounts' own choices
 * ({@code GetFeatureModelChoices}): read at start and again when a stream says
 * {@code should_refresh_model_config}, at most once a minute. When no credential can read them the
 * catalogue keeps the documented list. Thread-safe.
 */
final class ModelChoices {
  private static final Logger LOG = LoggerFactory.getLogger(ModelChoices.class);
  /** Warp asks for a refresh at the end of a stream; many streams may ask at once. */
  private static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

  private final CredentialPool pool;
  private final PoolTokens tokens;
  private final WarpGraphql graphql;
  private final ModelCatalog catalog;
  private final Clock clock;
  private final AtomicReference<Instant> lastRead = new AtomicReference<>(Instant.MIN);

  ModelChoices(
      CredentialPool pool,
      PoolTokens tokens,
      WarpGraphql graphql,
      ModelCatalog catalog,
      Clock clock) {
    this.pool = pool;
    this.tokens = tokens;
    this.graphql = graphql;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** Reads the choices unless they were read less than a minute ago. */
  void refresh() {
    Instant now = clock.instant();
    Instant last = lastRead.get();
    if (last.plus(MIN_INTERVAL).isAfter(now) || !lastRead.compareAndSet(last, now)) {
      return;
    }
    tryNext(pool.ids().iterator());
  }

  private void tryNext(Iterator<CredentialId> ids) {
    if (!ids.hasNext()) {
      LOG.info(
          "event=models.read_failed reason=\"no credential could read the model choices\" fallback=documented_list");
      return;
    }
    CredentialId id = ids.next();
    tokens.get(id).compose(t -> graphql.featureModelChoices(t.value())).onComplete(ar -> {
      if (ar.succeeded() && !ar.result().isEmpty()) {
        apply(ar.result());
        LOG.info(
            "event=models.read credential={} models={}", id.name(), ar.result().size());
      } else {
        tryNext(ids);
      }
    });
  }

  private void apply(List<ModelChoice> choices) {
    catalog.updateChoices(choices.stream()
        .filter(ModelChoice::enabled)
        .map(c -> new ModelInfo(
            c.id(),
            c.displayName(),
            c.vision(),
            c.contextWindow(),
            c.provider() == null
                ? null
                : c.provider().toLowerCase(Locale.ROOT))) // OPENAI -> openai, as documented
        .toList());
  }
}
