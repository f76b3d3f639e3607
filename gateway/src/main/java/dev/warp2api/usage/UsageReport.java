package dev.warp2api.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.GatewayException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /admin/usage}: the ledger's cells of the days {@code from} to {@code to} (UTC,
 * inclusive) summed by one of {@code key}, {@code credential}, {@code model} or {@code day}, as
 * JSON or CSV (docs/API.md, 'Usage ledger').
 *
 * @param from the first day
 * @param to the last day
 * @param groupBy what the rows are summed by
 */
public record UsageReport(LocalDate from, LocalDate to, GroupBy groupBy) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The longest range one query may span. */
  static final int MAX_DAYS = 366;

  /** What rows are summed by. */
  public enum GroupBy {
    KEY(Ledger.Cell::key),
    CREDENTIAL(Ledger.Cell::credential),
    MODEL(Ledger.Cell::model),
    DAY(c -> c.day().toString());

    final Function<Ledger.Cell, String> field;

    GroupBy(Function<Ledger.Cell, String> field) {
      this.field = field;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The report a query asks for; each parameter may be null (from and to: today; group_by: key).
   *
   * @throws GatewayException INVALID_REQUEST naming {@code from}, {@code to} or {@code group_by}
   */
  public static UsageReport of(String from, String to, String groupBy, Clock clock) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate f = date(from, "from", today);
    LocalDate t = date(to, "to", today);
    if (f.isAfter(t)) {
      throw GatewayException.invalid("from (" + f + ") is after to (" + t + ").", "from");
    }
    if (f.plusDays(MAX_DAYS).isBefore(t)) {
      throw GatewayException.invalid(
          "from to to spans more than " + MAX_DAYS + " days; ask for a shorter range.", "from");
    }
    GroupBy g;
    if (groupBy == null || groupBy.isEmpty()) {
      g = GroupBy.KEY;
    } else {
      try {
        g = GroupBy.valueOf(groupBy.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw GatewayException.invalid(
            "group_by must be one of key, credential, model, day.", "group_by");
      }
    }
    return new UsageReport(f, t, g);
  }

  private static LocalDate date(String value, String name, LocalDate today) {
    if (value == null || value.isEmpty()) {
      return today;
    }
    try {
      if (value.length() != 10) {
        throw new DateTimeParseException("length", value, 0);
      }
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw GatewayException.invalid(
          name + " must be a UTC date written YYYY-MM-DD (e.g. 2026-12-06).", name);
    }
  }

  /** The rows of {@code cells} (the range's), by group value in order. */
  public Map<String, Ledger.Row> rows(Map<Ledger.Cell, Ledger.Row> cells) {
    return cells.entrySet().stream()
        .collect(Collectors.toMap(
            e -> groupBy.field.apply(e.getKey()),
            Map.Entry::getValue,
            Ledger.Row::add,
            TreeMap::new));
  }

  /**
   * {@code {"from","to","group_by","rows":[{"<group>", "requests", "input_tokens", ...,
   * "errors":{...}}]}}, and {@code "note"} when the counts are this instance's only.
   */
  public ObjectNode json(UsageSource.Totals totals) {
    ObjectNode root = JSON.createObjectNode();
    root.put("from", from.toString());
    root.put("to", to.toString());
    root.put("group_by", groupBy.label());
    if (totals.note() != null) {
      root.put("note", totals.note());
    }
    ArrayNode list = root.putArray("rows");
    rows(totals.cells()).forEach((group, row) -> {
      ObjectNode o = list.addObject();
      o.put(groupBy.label(), group);
      for (int i = 0; i < Ledger.COUNTERS.length; i++) {
        o.put(Ledger.COUNTERS[i], row.counters()[i]);
      }
      o.put("errors", row.errorTotal());
      ObjectNode kinds = o.putObject("errors_by_kind");
      row.errors().forEach(kinds::put);
    });
    return root;
  }

  /**
   * The same rows as CSV: a header, then one line per group; {@code errors_by_kind} as
   * {@code kind=n} pairs separated by spaces.
   */
  public String csv(UsageSource.Totals totals) {
    StringBuilder out = new StringBuilder();
    out.append(groupBy.label());
    for (String c : Ledger.COUNTERS) {
      out.append(',').append(c);
    }
    out.append(",errors,errors_by_kind\r\n");
    rows(totals.cells()).forEach((group, row) -> {
      out.append(csvField(group));
      for (long v : row.counters()) {
        out.append(',').append(v);
      }
      out.append(',').append(row.errorTotal()).append(',');
      out.append(row.errors().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(" ")));
      out.append("\r\n");
    });
    return out.toString();
  }

  /** A field quoted when it holds a comma, quote or line break; a leading formula sign escaped. */
  static String csvField(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
