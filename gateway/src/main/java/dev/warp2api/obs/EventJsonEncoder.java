package dev.warp2api.obs;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code W2A_LOG_FORMAT=json}: one JSON object per line, whose fields are the event's own
 * ({@code {"time":"…","level":"WARN","logger":"Transitions","event":"pool.exhausted","credential":"personal-2",
 * "until":"…","message":"event=pool.exhausted credential=personal-2 until=…"}}). Our log lines are
 * {@code key=value} pairs; a value runs to the next {@code key=}, so a reason with spaces stays
 * whole, and loses the double quotes that some lines put around such a value. Text before the first
 * pair goes in {@code message} only, which always holds the whole line. A throwable adds
 * {@code error} (class and message of each cause). Keys {@code time}, {@code level}, {@code logger}
 * and {@code message} are never taken from the line.
 */
public final class EventJsonEncoder extends EncoderBase<ILoggingEvent> {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern KEY = Pattern.compile("[a-z_][a-z0-9_.]*=.*");
  private static final byte[] NONE = new byte[0];

  @Override
  public byte[] headerBytes() {
    return NONE;
  }

  @Override
  public byte[] footerBytes() {
    return NONE;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      g.writeStringField("level", event.getLevel().toString());
      String logger = event.getLoggerName();
      g.writeStringField("logger", logger.substring(logger.lastIndexOf('.') + 1));
      String message = event.getFormattedMessage();
      for (Map.Entry<String, String> field : fields(message).entrySet()) {
        g.writeStringField(field.getKey(), field.getValue());
      }
      g.writeStringField("message", message);
      StringBuilder error = new StringBuilder();
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        error
            .append(error.isEmpty() ? "" : " | ")
            .append(t.getClassName())
            .append(": ")
            .append(t.getMessage());
      }
      if (!error.isEmpty()) {
        g.writeStringField("error", error.toString());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /** The {@code key=value} pairs of a line, in order; a later repeat of a key wins. */
  static Map<String, String> fields(String message) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (message == null) {
      return fields;
    }
    String key = null;
    StringBuilder value = new StringBuilder();
    for (String token : message.split(" ")) {
      if (KEY.matcher(token).matches()) {
        put(fields, key, value);
        int eq = token.indexOf('=');
        key = token.substring(0, eq);
        value.setLength(0);
        value.append(token, eq + 1, token.length());
      } else if (key != null) {
        value.append(' ').append(token);
      }
    }
    put(fields, key, value);
    return fields;
  }

  private static void put(Map<String, String> fields, String key, StringBuilder value) {
    if (key != null
        && !key.equals("time")
        && !key.equals("level")
        && !key.equals("logger")
        && !key.equals("message")
        && !key.equals("error")) {
      String v = value.toString();
      boolean quoted = v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"';
      fields.put(key, quoted ? v.substring(1, v.length() - 1) : v);
    }
  }
}
