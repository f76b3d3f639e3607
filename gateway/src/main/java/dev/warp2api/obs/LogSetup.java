package dev.warp2api.obs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's configuration, in code: one line per event on standard error
 * ({@code 2026-11-22T03:00:00.000Z INFO Pipeline event=...}), Netty and Vert.x at WARN, the rest at
 * INFO, and Netty's warning about a connection met while a port closes dropped
 * ({@link ClosingPortFilter}). Found by Logback through {@code META-INF/services} before any XML
 * file; doing it in code spares the start-up an XML parser and Logback's XML configurator (about
 * 0.15 s of class loading). {@link Logging#configure} then applies {@code W2A_LOG_FORMAT} and
 * {@code W2A_VERBOSE}.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{0} %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("io.vertx").setLevel(Level.WARN);
    ClosingPortFilter closingPort = new ClosingPortFilter();
    closingPort.setContext(context);
    closingPort.start();
    context.addTurboFilter(closingPort);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
