package dev.warp2api.usage;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Where {@code GET /admin/usage} reads the ledger from: this instance's {@link Ledger} with the
 * file store, the totals every instance shares with Redis ({@link SharedUsage}).
 */
public interface UsageSource {

  /**
   * The cells of the days {@code from} to {@code to} (inclusive). Never fails: a shared source that
   * cannot be read answers what this instance knows, with a {@link Totals#note}.
   */
  CompletionStage<Totals> totals(LocalDate from, LocalDate to);

  /**
   * @param cells the cells and their counts
   * @param note why the counts are incomplete, or null when they are whole
   */
  record Totals(Map<Ledger.Cell, Ledger.Row> cells, String note) {}
}
