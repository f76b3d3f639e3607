package dev.warp2api.obs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import dev.warp2api.config.LogSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code W2A_LOG_FORMAT} and {@code W2A_VERBOSE} at start-up. Log lines are structured
 * events ({@code event=pool.exhausted credential=personal-2 until=...}); they never carry a secret.
 */
public final class Logging {
  private Logging() {}

  public static void configure(LogSettings settings) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    context.getLogger("dev.warp2api").setLevel(settings.verbose() ? Level.DEBUG : Level.INFO);
    if (settings.format() == LogSettings.Format.JSON) {
      ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
      appender.setContext(context);
      appender.setName("JSON");
      appender.setTarget("System.err");
      EventJsonEncoder encoder =
          new EventJsonEncoder(); // the line's key=value pairs as JSON fields
      encoder.setContext(context);
      encoder.start();
      appender.setEncoder(encoder);
      appender.start();
      root.detachAndStopAllAppenders();
      root.addAppender(appender);
    }
  }
}
