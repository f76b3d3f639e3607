package dev.warp2api.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the whole process, or of one logger and those below it, DEBUG and up,
 * while open: the formatted message, the logger name, MDC values and every throwable's message in
 * the cause chain. Thread-safe.
 */
public final class LogLines implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Level previous;

  /** Captures the whole process (the root logger). */
  public LogLines() {
    this(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /**
   * Captures the logger {@code name} (a package, say {@code dev.warp2api.pool}) and those below it.
   */
  public LogLines(String name) {
    logger = (Logger) LoggerFactory.getLogger(name);
    previous = logger.getLevel();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
  }

  /**
   * Every captured event as its level and formatted message only ({@code INFO event=pool.exhausted
   * ...}).
   */
  public List<String> messages() {
    return events().stream()
        .map(e -> e.getLevel() + " " + e.getFormattedMessage())
        .toList();
  }

  /** Every captured line so far. */
  public List<String> lines() {
    return linesFrom(0);
  }

  /** How many events were captured so far (a mark for {@link #linesFrom}). */
  public int count() {
    synchronized (appender) {
      return appender.list.size();
    }
  }

  /** The lines captured since {@code mark} (a {@link #count()} taken earlier). */
  public List<String> linesFrom(int mark) {
    List<ILoggingEvent> all = events();
    List<String> out = new ArrayList<>();
    for (ILoggingEvent e : all.subList(Math.min(mark, all.size()), all.size())) {
      StringBuilder sb =
          new StringBuilder(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage());
      e.getMDCPropertyMap()
          .forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      out.add(sb.toString());
    }
    return out;
  }

  private List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }
}
