package io.schemagate.launcher;

import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Starts the web application. With {@code RUN_MIGRATIONS=true} pending migrations are
 * applied while the context starts, before the port opens; otherwise the schema is not
 * touched.
 */
final class ServeCommand implements Command {

	private final Class<?> application;

	ServeCommand(Class<?> application) {
		this.application = application;
	}

	@Override
	public String name() {
		return "serve";
	}

	@Override
	public String summary() {
		return "start the web application (the default); migrates first when RUN_MIGRATIONS=true";
	}

	@Override
	public ExitCode run(Invocation invocation) throws InterruptedException {
		Options.parse(name(), invocation.arguments(), Set.of(), Set.of());
		Settings settings = invocation.settings();
		Shutdown shutdown = new Shutdown(settings, name(), ExitCode.OK.code()).install();
		ConfigurableApplicationContext context;
		try {
			context = Contexts.serve(this.application, invocation, settings, shutdown);
		}
		catch (RuntimeException ex) {
			shutdown.uninstall();
			throw ex;
		}
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent) {
				closed.countDown();
			}
		});
		if (context.isActive()) {
			closed.await();
		}
		return ExitCode.OK;
	}

}
