package io.schemagate.launcher;

import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import org.slf4j.Marker;

/**
 * The console encoder's wrapper in logback-spring.xml: a logged failure is one line, its
 * cause's first line appended to the message, unless debug is on for its logger or for
 * {@code io.schemagate} ({@code LOGGING_LEVEL_IO_SCHEMAGATE=debug}); then the stack trace
 * is written as usual. Libraries log theirs at ERROR (Flyway's "Unable to rollback
 * transaction" after a lost connection prints dozens of lines), and the launcher's own
 * final line already says what happened.
 * <p>
 * Written by hand because neither logback nor Spring Boot's structured formats can leave
 * out the stack trace by the logger's level: a pattern can drop it always, not at debug.
 */
public class StackTracesAtDebug extends EncoderBase<ILoggingEvent> {

	private static final String OUR_LOGGERS = "io.schemagate";

	private Encoder<ILoggingEvent> encoder;

	/** The encoder that writes the events (the pattern, or Spring Boot's structured JSON). */
	public void setEncoder(Encoder<ILoggingEvent> encoder) {
		this.encoder = encoder;
	}

	@Override
	public void start() {
		if (this.encoder == null) {
			addError("no <encoder> inside StackTracesAtDebug");
			return;
		}
		this.encoder.start();
		super.start();
	}

	@Override
	public void stop() {
		this.encoder.stop();
		super.stop();
	}

	@Override
	public byte[] headerBytes() {
		return this.encoder.headerBytes();
	}

	@Override
	public byte[] footerBytes() {
		return this.encoder.footerBytes();
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		if (event.getThrowableProxy() == null || debugFor(event.getLoggerName())) {
			return this.encoder.encode(event);
		}
		return this.encoder.encode(withoutStackTrace(event));
	}

	private boolean debugFor(String loggerName) {
		LoggerContext context = (LoggerContext) getContext();
		return context.getLogger(loggerName).isDebugEnabled() || context.getLogger(OUR_LOGGERS).isDebugEnabled();
	}

	/** The event with its cause's first line in the message instead of its stack trace. */
	static ILoggingEvent withoutStackTrace(ILoggingEvent event) {
		LoggingEvent line = new LoggingEvent();
		line.setLoggerName(event.getLoggerName());
		line.setLoggerContextRemoteView(event.getLoggerContextVO());
		line.setThreadName(event.getThreadName());
		line.setLevel((event.getLevel() != null) ? event.getLevel() : Level.INFO);
		line.setMessage(event.getFormattedMessage() + " (" + cause(event.getThrowableProxy()) + ")");
		line.setInstant(event.getInstant());
		line.setSequenceNumber(event.getSequenceNumber());
		Map<String, String> mdc = event.getMDCPropertyMap();
		line.setMDCPropertyMap(mdc);
		line.setKeyValuePairs(event.getKeyValuePairs());
		if (event.getMarkerList() != null) {
			for (Marker marker : event.getMarkerList()) {
				line.addMarker(marker);
			}
		}
		return line;
	}

	/** The innermost cause, as its class and the first line of its message. */
	private static String cause(IThrowableProxy throwable) {
		IThrowableProxy root = throwable;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage().strip().lines().findFirst().orElse("") : "";
		String type = root.getClassName().substring(root.getClassName().lastIndexOf('.') + 1);
		return message.isEmpty() ? type : type + ": " + message;
	}

}
