package dev.warp2api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code WARP_POOL_ORDER}: the tiers in the order the pool tries them, each at most once. A
 * tier left out is not used; when credentials of that tier are configured, a warning says so.
 */
final class PoolOrder {
  static final List<Tier> DEFAULT = List.of(Tier.PERSONAL, Tier.SHARED, Tier.ANONYMOUS);

  private PoolOrder() {}

  static List<Tier> parse(
      SettingReader r, List<CredentialSpec> credentials, List<String> warnings) {
    String raw = r.text("WARP_POOL_ORDER").orElse(null);
    if (raw == null) {
      return DEFAULT;
    }
    List<Tier> order = new ArrayList<>();
    boolean bad = false;
    for (String item : raw.split(",", -1)) {
      String label = item.strip().toLowerCase(Locale.ROOT);
      Tier tier =
          DEFAULT.stream().filter(t -> t.label().equals(label)).findFirst().orElse(null);
      if (tier == null || order.contains(tier)) {
        bad = true;
        break;
      }
      order.add(tier);
    }
    if (bad) {
      r.problem("WARP_POOL_ORDER: '" + raw
          + "' is not a list of distinct tiers from personal,shared,anonymous");
      return DEFAULT;
    }
    for (Tier tier : DEFAULT) {
      long count = credentials.stream().filter(c -> c.tier() == tier).count();
      if (!order.contains(tier) && count > 0) {
        warnings.add("WARP_POOL_ORDER leaves out " + tier.label() + ": its " + count
            + " credential(s) will not be used");
      }
    }
    return List.copyOf(order);
  }
}
